"""Tests for guide/safety: the gate's full decision table, its invariants, and the safety plan.

The decision table covers every combination of the latest screen (none / clear / flagged) and the
"this is about my safety" choice (none / made before the screen / made after it). With no screen,
"before" and "after" both mean "a self flag and no screen since", and both must keep the gate on.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content import safety as safety_content
from guide import safety as gs
from guide.safety import SafetyMode, SafetyPlan, ScreenState, gate

WORDS = safety_content.load().gate
SCREEN_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BEFORE = SCREEN_AT - timedelta(days=2)
AFTER = SCREEN_AT + timedelta(hours=1)

SCREENS = {
    "no screen": None,
    "clear screen": ScreenState(SCREEN_AT, flagged=False),
    "flagged screen": ScreenState(SCREEN_AT, flagged=True, items=("safety_afraid",)),
}
SELF_FLAGS = {
    "no self flag": None,
    "self flag before the screen": BEFORE,
    "self flag after the screen": AFTER,
}

FLAGGED = (WORDS.reason_flagged, WORDS.item_reasons["safety_afraid"])
SELF = (WORDS.reason_self,)

# (screen, self flag) -> the reasons the gate must give; () means the gate is off.
DECISION_TABLE = [
    ("no screen", "no self flag", ()),
    ("no screen", "self flag before the screen", SELF),
    ("no screen", "self flag after the screen", SELF),
    ("clear screen", "no self flag", ()),
    ("clear screen", "self flag before the screen", ()),  # retook the screen: all "No"
    ("clear screen", "self flag after the screen", SELF),
    ("flagged screen", "no self flag", FLAGGED),
    ("flagged screen", "self flag before the screen", FLAGGED),
    ("flagged screen", "self flag after the screen", FLAGGED + SELF),
]


def test_decision_table_covers_every_combination():
    assert {(s, f) for s, f, _ in DECISION_TABLE} == {(s, f) for s in SCREENS for f in SELF_FLAGS}


@pytest.mark.parametrize(
    ("screen", "self_flag", "why"), DECISION_TABLE, ids=[f"{s} + {f}" for s, f, _ in DECISION_TABLE]
)
def test_gate_decision_table(screen, self_flag, why):
    mode = gate(SCREENS[screen], SELF_FLAGS[self_flag])
    on = bool(why)
    assert mode.on is on
    assert mode.why == why
    assert mode.allow_joint_therapy_coaching is not on
    assert mode.allow_boundary_step is not on
    assert mode.allow_partner_links is not on
    assert mode.home_leads_with_resources is on


@pytest.mark.parametrize(
    ("flagged", "at", "on"),
    [
        (False, SCREEN_AT, True),  # same instant: the screen was not an answer to the flag
        (False, SCREEN_AT - timedelta(microseconds=1), False),
        (False, SCREEN_AT + timedelta(microseconds=1), True),
        (True, SCREEN_AT, True),
    ],
)
def test_self_flag_at_the_boundary(flagged, at, on):
    assert gate(ScreenState(SCREEN_AT, flagged), at).on is on


@pytest.mark.parametrize(
    ("screen_at", "flag_at", "on"),
    [
        # naive times are read as UTC, so naive and aware times still compare
        (datetime(2026, 3, 1, 12), datetime(2026, 3, 1, 11, tzinfo=UTC), False),
        (datetime(2026, 3, 1, 12, tzinfo=UTC), datetime(2026, 3, 1, 13), True),
        # 12:00 at UTC+2 is 10:00 UTC, which is before a flag at 11:00 UTC
        (
            datetime(2026, 3, 1, 12, tzinfo=timezone(timedelta(hours=2))),
            datetime(2026, 3, 1, 11, tzinfo=UTC),
            True,
        ),
    ],
)
def test_times_in_different_zones_compare(screen_at, flag_at, on):
    assert gate(ScreenState(screen_at, flagged=False), flag_at).on is on


def test_items_without_the_flag_are_read_the_safe_way():
    mode = gate(ScreenState(SCREEN_AT, flagged=False, items=("safety_harm",)), None)
    assert mode.on
    assert WORDS.item_reasons["safety_harm"] in mode.why


def test_item_reasons_follow_the_items_once_each_and_skip_unknown_ids():
    screen = ScreenState(
        SCREEN_AT,
        flagged=True,
        items=("safety_control", "unknown", "safety_harm", "safety_control"),
    )
    assert gate(screen, None).why == (
        WORDS.reason_flagged,
        WORDS.item_reasons["safety_control"],
        WORDS.item_reasons["safety_harm"],
    )


# --- messages --------------------------------------------------------------------------------


@pytest.mark.parametrize("feature", gs.FEATURES)
def test_message_is_the_reason_when_withheld_and_empty_when_allowed(feature):
    on = gate(None, BEFORE)
    off = gate(None, None)
    assert on.message(feature) == WORDS.withheld[feature]
    assert not on.allows(feature)
    assert off.message(feature) == ""
    assert off.allows(feature)


@pytest.mark.parametrize("mode", [gate(None, None), gate(None, BEFORE)], ids=["off", "on"])
def test_message_rejects_unknown_features(mode):
    with pytest.raises(ValueError, match="unknown feature"):
        mode.message("journal")


@pytest.mark.parametrize("surface", sorted(gs.SURFACES))
def test_every_surface_is_withheld_in_safety_mode_and_offered_outside_it(surface):
    on = gate(None, datetime(2026, 11, 1, tzinfo=UTC))
    assert on.withholds(surface)
    assert not gs.OFF.withholds(surface)
    # What a surface withholds is one of the gate's features, so its reason can be shown.
    assert on.message(gs.SURFACES[surface])


def test_the_surfaces_cover_the_script_builder_plan_ideas_and_the_therapist_page():
    assert {"script_builder", "plan_together_ideas", "therapist_choosing"} <= set(gs.SURFACES)
    assert set(gs.SURFACES.values()) <= set(gs.FEATURES)


def test_withholds_rejects_unknown_surfaces():
    with pytest.raises(ValueError, match="surface"):
        gs.OFF.withholds("script_bulider")


def test_off_is_the_default_mode():
    assert gate(None, None) == gs.OFF == SafetyMode(on=False)


# --- invariants ------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
screens = st.none() | st.builds(
    ScreenState,
    taken_at=moments,
    flagged=st.booleans(),
    items=st.lists(st.sampled_from(sorted(WORDS.item_reasons)), max_size=3).map(tuple),
)


@given(screens, st.none() | moments)
def test_gate_invariants(screen, self_flag_at):
    mode = gate(screen, self_flag_at)
    # on and off are all-or-nothing: no half-safe mode
    flags = {
        mode.allow_joint_therapy_coaching,
        mode.allow_boundary_step,
        mode.allow_partner_links,
        not mode.home_leads_with_resources,
    }
    assert flags == {not mode.on}
    assert bool(mode.why) is mode.on
    if screen is not None and screen.flagged:
        assert mode.on, "a flagged screen always turns the gate on"
    if self_flag_at is not None and screen is None:
        assert mode.on, "a self flag holds until a screen is taken"


@given(moments, st.none() | moments)
def test_only_a_clear_screen_after_the_flag_turns_the_gate_off(taken_at, self_flag_at):
    mode = gate(ScreenState(taken_at, flagged=False), self_flag_at)
    assert mode.on is (self_flag_at is not None and taken_at <= self_flag_at)


# --- the safety plan: dict round trip --------------------------------------------------------

BAG_IDS = safety_content.load().bag_item_ids()
plans = st.builds(
    SafetyPlan,
    safe_place=st.text(),
    bag=st.lists(st.sampled_from(BAG_IDS) | st.text(max_size=10), max_size=12).map(tuple),
    contacts=st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=5).map(tuple),
    local_services=st.text(),
    incident_notes=st.text(),
    keep_in_app=st.booleans(),
)


@given(plans)
def test_safety_plan_round_trip(plan):
    assert gs.safety_plan_from_dict(gs.safety_plan_to_dict(plan)) == plan


@given(plans)
def test_safety_plan_round_trip_through_json(plan):
    text = json.dumps(gs.safety_plan_to_dict(plan), allow_nan=False)
    assert gs.safety_plan_from_dict(json.loads(text)) == plan


def test_safety_plan_defaults_are_empty_and_not_kept_in_the_app():
    plan = gs.safety_plan_from_dict({})
    assert plan == SafetyPlan()
    assert plan.keep_in_app is False


def test_safety_plan_dict_shape():
    plan = SafetyPlan("Mum's", ("id",), (("Sam", "call"),), "GP", "notes", True)
    assert gs.safety_plan_to_dict(plan) == {
        "version": 1,
        "safe_place": "Mum's",
        "bag": ["id"],
        "contacts": [{"name": "Sam", "how": "call"}],
        "local_services": "GP",
        "incident_notes": "notes",
        "keep_in_app": True,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected shape"),
        ({"colour": "red"}, "unknown fields"),
        ({"version": 2}, "version"),
        ({"version": True}, "version"),
        ({"version": 1.0}, "version"),
        ({"safe_place": 3}, "safe_place"),
        ({"incident_notes": None}, "incident_notes"),
        ({"bag": "id"}, "bag"),
        ({"bag": [1]}, "bag"),
        ({"contacts": {"name": "x"}}, "contacts"),
        ({"contacts": [["Sam", "call"]]}, "name and a way"),
        ({"contacts": [{"name": "Sam"}]}, "name and a way"),
        ({"contacts": [{"name": "Sam", "how": 5}]}, "name and a way"),
        ({"keep_in_app": "yes"}, "keep_in_app"),
    ],
)
def test_safety_plan_from_dict_rejects_bad_data(data, message):
    with pytest.raises(ValueError, match=message):
        gs.safety_plan_from_dict(data)


# --- the safety plan: Markdown ---------------------------------------------------------------

_ESCAPED_PAIR = re.compile(r"\\[!-/:-@\[-`{-~]")


def _unescape(text: str) -> str:
    return _ESCAPED_PAIR.sub(lambda m: m.group(0)[1], text)


def _normalised(text: str) -> str:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.lstrip(" \t") for line in text.split("\n"))


@given(st.text())
def test_escaping_keeps_the_words(text):
    assert _unescape(gs.escape_markdown(text)) == _normalised(text)


@given(st.text())
def test_escaped_text_has_no_live_markup(text):
    escaped = gs.escape_markdown(text)
    bare = _ESCAPED_PAIR.sub("", escaped)  # drop every escaped character
    assert not re.search(r"[\\`*_\[\]<>|~$&]", bare)
    for line in escaped.split("\n"):
        assert not re.match(r"[ \t]", line), "no indented code blocks"
        assert not re.match(r"[#+=-]", line), "no headings, list items or underlines"
        assert not re.match(r"[0-9]+[.)]", line), "no ordered lists"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Mum's house", "Mum's house"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("12. not a list", r"12\. not a list"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("[link](https://x)", r"\[link\](https://x)"),
        ("*bold* _it_", r"\*bold\* \_it\_"),
        ("costs $5 & up", r"costs \$5 \& up"),
        ("    code", "code"),
        ("a\r\nb", "a\nb"),
        ("nul\x00here", "nulhere"),
    ],
)
def test_escape_markdown_examples(text, escaped):
    assert gs.escape_markdown(text) == escaped


PLAN_WORDS = safety_content.load().plan
HEADINGS = [
    f"# {PLAN_WORDS.download_title}",
    f"## {PLAN_WORDS.safe_place.title}",
    f"## {PLAN_WORDS.bag.title}",
    f"## {PLAN_WORDS.contacts.title}",
    f"## {PLAN_WORDS.local_services.title}",
    f"## {PLAN_WORDS.incidents.title}",
]


@given(plans)
def test_markdown_has_only_our_headings_whatever_the_user_writes(plan):
    markdown = gs.safety_plan_markdown(plan)
    assert [line for line in markdown.split("\n") if line.startswith("#")] == HEADINGS


def test_markdown_of_an_empty_plan():
    markdown = gs.safety_plan_markdown(SafetyPlan())
    assert markdown.count(PLAN_WORDS.download_empty) == 4  # all but the checklist
    assert all(f"- [ ] {item.label}" in markdown for item in PLAN_WORDS.bag_items)
    assert "[x]" not in markdown


def test_markdown_of_a_filled_plan():
    plan = SafetyPlan(
        safe_place="Jo's flat\n# 4 Elm St",
        bag=("id", "phone", "an old item"),
        contacts=(("Sam", "07700 900123"), ("", ""), ("*Aunt*", "")),
        local_services="Shelter: 0800 000 000",
        incident_notes="1. 3 March: shouting\n\n2. 5 March: took my keys",
        keep_in_app=True,
    )
    markdown = gs.safety_plan_markdown(plan)
    labels = {item.id: item.label for item in PLAN_WORDS.bag_items}
    assert "Jo's flat  \n\\# 4 Elm St" in markdown
    assert f"- [x] {labels['id']}" in markdown and f"- [x] {labels['phone']}" in markdown
    assert f"- [ ] {labels['keys']}" in markdown
    assert "- [x] an old item" in markdown
    assert "- Sam: 07700 900123" in markdown
    assert "- \\*Aunt\\*: …" in markdown
    assert markdown.count("\n- ") == len(labels) + 1 + 2  # checklist, old item, two contacts
    assert "1\\. 3 March: shouting\n\n2\\. 5 March: took my keys" in markdown
    assert "keep_in_app" not in markdown and "True" not in markdown
    assert markdown.endswith("\n") and PLAN_WORDS.download_intro in markdown


def test_an_invisible_character_inside_a_line_break_leaves_one_break():
    """Found by Hypothesis: "\\r\\x1f\\n" came out as two line breaks (an extra empty line)."""
    assert gs.escape_markdown("a\r\x1f\nb") == "a\nb"
