"""Tests for guide.script: draft round-trips, pre-fill from the quiz, and coherent assembly."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.reasons import REASON_IDS
from content.script import STEP_IDS, load_script_content
from guide.script import (
    SAFETY_HIDDEN,
    TALKING_POINT_LIMIT,
    Script,
    ScriptDraft,
    assemble,
    check_draft,
    draft_from_dict,
    draft_to_dict,
    escape_markdown,
    first_step_for,
    prefill,
)

# Every step filled with words that are easy to find again in the output.
STEP_VALUES: dict[str, dict[str, Any]] = {
    "timing": {"timing_checked": ("calm", "bedtime")},
    "opener": {"opener": "what do you picture happening in a session"},
    "i_statement": {
        "feeling": "lonely",
        "situation": "we go days without talking",
        "wish": "us to feel close again",
    },
    "worries": {"worries": (("blame", "WORRYMARK I want a coach, not a referee"),)},
    "reframe": {"reframe": "REFRAMEMARK think of it as coaching"},
    "ask": {
        "problem": "ASKMARK we get heated about money",
        "goal": "a calmer way to do the bills",
        "timeframe": "four sessions, then we decide",
    },
    "first_step": {
        "first_step": "FIRSTMARK would you try one 30-minute call",
        "times": ("Tuesday 7 pm", "Thursday 8 pm", "Saturday 10 am"),
        "offer_book": True,
        "offer_pay": True,
        "offer_stop_30": True,
    },
    "shared": {"shared": "I know I have things to work on too"},
    "if_no": {"if_no": "I hear you, and I'll see someone myself"},
    "boundary": {
        "boundary_pattern": "BOUNDARYMARK our talks turn into shouting",
        "boundary_impact": "worn down",
        "boundary_need": "us to pause when voices rise",
        "boundary_next": "suggest a twenty-minute break",
        "boundary_consequence": "end the conversation and come back to it later",
    },
}
COACHING_MARKS = ("WORRYMARK", "REFRAMEMARK", "ASKMARK", "FIRSTMARK", "BOUNDARYMARK")


def _draft(step_ids: tuple[str, ...], name: str = "") -> ScriptDraft:
    values: dict[str, Any] = {"name": name}
    for step_id in step_ids:
        values.update(STEP_VALUES[step_id])
    return ScriptDraft(**values)


def _texts(script: Script) -> list[str]:
    """Every piece of text the user could see, copy or download."""
    return [
        script.full_markdown,
        script.full_text,
        script.invitation,
        *script.talking_points,
        *(title for title, _ in script.steps),
        *(text for _, text in script.steps),
    ]


def assert_well_formed(script: Script) -> None:
    """Whatever the user typed: no double spaces, blank runs, stray spaces or empty bullets."""
    for text in _texts(script):
        assert "  " not in text
        assert "\n\n\n" not in text
        for line in text.split("\n"):
            assert line == line.rstrip(), repr(line)
            assert not line.endswith(":"), repr(line)
            assert not re.fullmatch(r"\s*[-*•]\s*", line), repr(line)
    for point in script.talking_points:
        assert point.strip()
        assert len(point) <= TALKING_POINT_LIMIT
    for title, text in script.steps:
        assert title.strip() and text.strip()
    # Every heading in the Markdown has words under it before the next heading.
    lines = [line for line in script.full_markdown.split("\n") if line.strip()]
    for here, after in itertools.pairwise(lines):
        if here.startswith("## "):
            assert not after.startswith("#"), (here, after)
    assert not lines[-1].startswith("## ")
    assert script.full_markdown.endswith("\n") and not script.full_markdown.endswith("\n\n")


def assert_coherent(script: Script) -> None:
    """Our sample words read as sentences: no 'None', no dangling labels or doubled punctuation."""
    assert_well_formed(script)
    for text in _texts(script):
        assert "None" not in text
        assert not re.search(r" [,.;:!?]", text), text
        assert not re.search(r"[,;:][.!?]|\.\.", text), text


# ---- the draft as data ------------------------------------------------------------------------


def test_content_field_keys_are_draft_fields() -> None:
    draft_fields = {field.name for field in dataclasses.fields(ScriptDraft)}
    for step in load_script_content().steps:
        for field in step.fields:
            assert field.key in draft_fields, (step.id, field.key)
    for remover in load_script_content().friction:
        assert remover.id in draft_fields


def test_empty_draft_has_safe_defaults() -> None:
    draft = ScriptDraft()
    assert draft.opener == "" and draft.worries == () and draft.offer_pay is False


_text = st.text(max_size=40)
_drafts = st.builds(
    ScriptDraft,
    name=_text,
    timing_checked=st.lists(_text, max_size=4).map(tuple),
    opener=_text,
    feeling=_text,
    situation=_text,
    wish=_text,
    worries=st.lists(st.tuples(st.sampled_from(REASON_IDS), _text), max_size=4).map(tuple),
    reframe=_text,
    problem=_text,
    goal=_text,
    timeframe=_text,
    first_step=_text,
    times=st.lists(_text, max_size=4).map(tuple),
    offer_book=st.booleans(),
    offer_pay=st.booleans(),
    offer_stop_30=st.booleans(),
    shared=_text,
    if_no=_text,
    boundary_pattern=_text,
    boundary_impact=_text,
    boundary_need=_text,
    boundary_next=_text,
    boundary_consequence=_text,
)


@given(_drafts)
def test_draft_round_trips_through_json(draft: ScriptDraft) -> None:
    data = json.loads(json.dumps(draft_to_dict(draft)))
    assert draft_from_dict(data) == draft


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(ScriptDraft)]), _json))
def test_from_dict_repairs_any_stored_shape(data: dict[str, Any]) -> None:
    draft = draft_from_dict(data)
    assert isinstance(draft, ScriptDraft)
    assert all(isinstance(t, str) for t in draft.times + draft.timing_checked)
    assert all(isinstance(r, str) and isinstance(line, str) for r, line in draft.worries)
    assert isinstance(draft.offer_book, bool) and isinstance(draft.opener, str)
    assert_well_formed(assemble(draft, safety_mode=False))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (None, ScriptDraft()),
        ([], ScriptDraft()),
        ({}, ScriptDraft()),
        ({"opener": "Hi", "from_the_future": 3}, ScriptDraft(opener="Hi")),
        ({"opener": None, "offer_pay": "yes"}, ScriptDraft()),
        ({"times": ["Mon", 7, None, "Tue"]}, ScriptDraft(times=("Mon", "Tue"))),
        (
            {"worries": [["blame", "line"], ["x"], "bad", ["a", 1]]},
            ScriptDraft(worries=(("blame", "line"),)),
        ),
    ],
)
def test_from_dict_is_tolerant(data: Any, expected: ScriptDraft) -> None:
    assert draft_from_dict(data) == expected


# ---- pre-fill ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reason_id", REASON_IDS)
def test_prefill_includes_the_worry_line_for_each_reason(reason_id: str) -> None:
    content = load_script_content()
    worry = content.worry(reason_id)
    draft = prefill([reason_id])
    assert draft.worries == ((reason_id, worry.line),)
    assert bool(draft.reframe) is worry.reframe
    assert draft.first_step == content.first_step_option(worry.first_step).line
    assert draft.opener and draft.if_no
    assert worry.line in assemble(draft, safety_mode=False).full_text


def test_prefill_keeps_order_drops_unknown_and_duplicates() -> None:
    draft = prefill(["cost_time", "nonsense", "stigma", "cost_time"])
    assert [reason for reason, _ in draft.worries] == ["cost_time", "stigma"]
    # stigma needs other words for "therapy", so a reframe is suggested.
    assert draft.reframe == load_script_content().reframes[0]
    assert first_step_for(["cost_time", "stigma"]).id == "telehealth"


def test_prefill_without_a_quiz_result_still_helps() -> None:
    draft = prefill([])
    assert draft.worries == () and draft.reframe == ""
    assert draft.opener and draft.first_step and draft.if_no
    assert draft.first_step == load_script_content().first_steps[0].line


# ---- assembly ---------------------------------------------------------------------------------


@pytest.mark.parametrize("safety_mode", [False, True])
def test_every_combination_of_steps_reads_coherently(safety_mode: bool) -> None:
    content = load_script_content()
    for size in range(len(STEP_IDS) + 1):
        for chosen in itertools.combinations(STEP_IDS, size):
            script = assemble(_draft(chosen, name="Sunday" if size % 2 else ""), safety_mode)
            assert_coherent(script)
            shown = [s for s in chosen if not (safety_mode and s in SAFETY_HIDDEN)]
            assert [title for title, _ in script.steps] == [content.step(s).title for s in shown]
            assert script.is_empty is (not shown)


_PART_FIELDS = {
    "i_statement": ("feeling", "situation", "wish"),
    "ask": ("problem", "goal", "timeframe"),
    "first_step": ("first_step", "times", "offer_book", "offer_pay", "offer_stop_30"),
    "boundary": (
        "boundary_pattern",
        "boundary_impact",
        "boundary_need",
        "boundary_next",
        "boundary_consequence",
    ),
}


@pytest.mark.parametrize("step_id", list(_PART_FIELDS))
def test_every_subset_of_a_steps_parts_reads_coherently(step_id: str) -> None:
    names = _PART_FIELDS[step_id]
    for size in range(len(names) + 1):
        for chosen in itertools.combinations(names, size):
            draft = ScriptDraft(**{name: STEP_VALUES[step_id][name] for name in chosen})
            script = assemble(draft, safety_mode=False)
            assert_coherent(script)
            assert bool(script.steps) is bool(chosen)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("lonely", "we don't talk", "us to be close"), "I feel lonely when we don't talk, and I'd like us to be close."),
        (("lonely", "we don't talk", ""), "I feel lonely when we don't talk."),
        (("lonely", "", "us to be close"), "I feel lonely, and I'd like us to be close."),
        (("", "we don't talk", "us to be close"), "When we don't talk, I'd like us to be close."),
        (("lonely", "", ""), "I feel lonely."),
        (("", "we don't talk", ""), "It's hard for me when we don't talk."),
        (("", "", "us to be close"), "I'd like us to be close."),
        # Lead-ins the user typed are not said twice; spaces and end punctuation are tidied.
        (("I feel  lonely.", "When we don't talk,", "I’d like us to be close!"), "I feel lonely when we don't talk, and I'd like us to be close."),
        (("  ", "\n", "."), ""),
    ],
)  # fmt: skip
def test_i_statement_tolerates_any_subset(parts: tuple[str, str, str], expected: str) -> None:
    feeling, situation, wish = parts
    script = assemble(ScriptDraft(feeling=feeling, situation=situation, wish=wish), False)
    assert dict(script.steps).get(load_script_content().step("i_statement").title, "") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what do you imagine", "What do you imagine?"),
        ("i'd like to ask you something", "I'd like to ask you something."),
        ("Is now okay?", "Is now okay?"),
        ("can we talk:", "Can we talk?"),
        ('"Can we talk?"', '"Can we talk?"'),
    ],
)
def test_opener_is_a_whole_sentence(text: str, expected: str) -> None:
    script = assemble(ScriptDraft(opener=text), False)
    assert script.steps == ((load_script_content().step("opener").title, expected),)


def test_boundary_consequence_written_as_if_clause_is_kept() -> None:
    draft = ScriptDraft(boundary_consequence="if the yelling starts, I'll end the conversation")
    (_, text) = assemble(draft, False).steps[0]
    assert text == "If the yelling starts, I'll end the conversation."


def test_first_step_joins_times_and_friction() -> None:
    draft = _draft(("first_step",))
    (_, text) = assemble(draft, False).steps[0]
    assert "Tuesday 7 pm, Thursday 8 pm or Saturday 10 am" in text
    for remover in load_script_content().friction[1:]:
        assert remover.line in text


def test_full_script_talking_points_and_invitation() -> None:
    script = assemble(_draft(STEP_IDS, name="Before Sunday"), safety_mode=False)
    assert script.title.endswith("Before Sunday")
    assert script.full_markdown.startswith(f"# {script.title}\n\n## ")
    assert script.full_text.startswith(f"{script.title}\n\n")
    assert len(script.talking_points) >= len(STEP_IDS)
    content = load_script_content()
    assert script.invitation.startswith(content.invitation_opening)
    assert script.invitation.endswith(content.invitation_closing)
    assert "ASKMARK" in script.invitation and "FIRSTMARK" in script.invitation
    assert "I'd like to pay for the first one." in script.invitation
    assert script.hidden == () and script.safety_note == ""


def test_invitation_is_empty_without_an_ask_or_first_step() -> None:
    assert assemble(_draft(("opener", "shared", "first_step")[:2]), False).invitation == ""
    # Friction on its own ("I'll pay for the first one") has nothing to attach to.
    assert assemble(ScriptDraft(offer_pay=True), False).invitation == ""


def test_safety_mode_leaves_out_boundary_and_therapy_coaching() -> None:
    script = assemble(_draft(STEP_IDS), safety_mode=True)
    content = load_script_content()
    titles = [title for title, _ in script.steps]
    for step_id in SAFETY_HIDDEN:
        assert content.step(step_id).title not in titles
    for text in _texts(script):
        for mark in COACHING_MARKS:
            assert mark not in text
        assert content.step("boundary").title not in text
        for remover in content.friction:
            assert remover.line.split(":")[0] not in text
    assert script.invitation == ""
    assert {"boundary", "reframe", "ask", "first_step", "worries"} <= set(script.hidden)
    assert script.safety_note == content.safety_note
    assert titles == [
        content.step(s).title for s in ("timing", "opener", "i_statement", "shared", "if_no")
    ]


def test_user_markdown_is_inert_in_the_full_script() -> None:
    script = assemble(ScriptDraft(opener="# hi *there*", shared="1. [link](x) <b>"), False)
    assert "\\# hi \\*there\\*" in script.full_markdown
    assert "1\\. \\[link\\](x) \\<b\\>" in script.full_markdown
    assert "# hi *there*" in script.full_text
    assert escape_markdown("# hi *there*") == "\\# hi \\*there\\*"


def test_name_cannot_close_the_heading() -> None:
    script = assemble(ScriptDraft(name="Sunday ##", opener="hi"), False)
    assert script.title.endswith("Sunday")


def test_long_steps_are_shortened_for_the_phone() -> None:
    long_line = "I really want us to be okay, " * 20
    script = assemble(ScriptDraft(if_no=long_line), False)
    (point,) = script.talking_points
    assert len(point) <= TALKING_POINT_LIMIT and point.endswith("…")
    assert long_line.strip().rstrip(",") + "." in script.full_text


@settings(max_examples=150)
@given(_drafts, st.booleans())
def test_any_draft_assembles_well_formed(draft: ScriptDraft, safety_mode: bool) -> None:
    assert_well_formed(assemble(draft, safety_mode))


# ---- tone over the draft ----------------------------------------------------------------------


def test_check_draft_names_the_field_of_each_flag() -> None:
    draft = ScriptDraft(
        opener="Why do you always do this?",
        worries=(("blame", "You need help."),),
        boundary_consequence="or else.",
    )
    found = [(name, flag.kind) for name, flag in check_draft(draft)]
    assert ("opener", "absolute") in found
    assert ("worries:blame", "diagnosis") in found
    assert ("boundary_consequence", "ultimatum") in found


@pytest.mark.parametrize("reason_id", REASON_IDS)
def test_prefilled_drafts_pass_the_tone_check(reason_id: str) -> None:
    assert check_draft(prefill([reason_id])) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A question word that opens a statement: no "?" (issue 15, point 14).
        ("what I'd like is for us to talk", "What I'd like is for us to talk."),
        ("how we talk to each other matters to me", "How we talk to each other matters to me."),
        ("how much I miss us lately", "How much I miss us lately."),
        ("don't get me wrong, I love you", "Don't get me wrong, I love you."),
        ("was thinking about us this week", "Was thinking about us this week."),
        ("have been wanting to ask you something", "Have been wanting to ask you something."),
        ("can't stop thinking about how we argue", "Can't stop thinking about how we argue."),
        # Real questions keep their "?".
        ("how do you see it", "How do you see it?"),
        ("what happens in a first session", "What happens in a first session?"),
        ("what if we tried one session", "What if we tried one session?"),
        ("don't you think we could try", "Don't you think we could try?"),
        ("would you be open to it", "Would you be open to it?"),
        ("is there a good time to talk", "Is there a good time to talk?"),
        ("how much do you know about it", "How much do you know about it?"),
    ],
)
def test_talking_points_add_a_question_mark_only_to_a_question(text: str, expected: str) -> None:
    script = assemble(ScriptDraft(opener=text), False)
    assert script.steps == ((load_script_content().step("opener").title, expected),)
    cue = load_script_content().step("opener").cue
    assert f"{cue}: {expected}" in script.talking_points
