"""Tests for content.script: the script builder's words load, validate, and cover every reason."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import content._loader as loader
import content.script as script
from content._loader import ContentError
from content.reasons import REASON_IDS
from content.script import FRICTION_IDS, STEP_IDS, TONE_KINDS, load_script_content

BOOKS = ("Hold Me Tight", "Sue Johnson", "The Seven Principles for Making Marriage Work", "Gottman")


def test_steps_are_the_ten_in_conversation_order() -> None:
    assert tuple(step.id for step in load_script_content().steps) == STEP_IDS
    assert len(STEP_IDS) == 10


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_every_step_explains_itself_and_has_inputs(step_id: str) -> None:
    step = load_script_content().step(step_id)
    assert step.title and step.cue and step.prompt and step.example
    # "why" is one or two sentences.
    assert 1 <= step.why.count(".") <= 2 and step.why.endswith(".")
    assert step.fields and all(field.key and field.label for field in step.fields)


@pytest.mark.parametrize("reason_id", REASON_IDS)
def test_every_reason_has_a_worry_line(reason_id: str) -> None:
    content = load_script_content()
    worry = content.worry(reason_id)
    assert worry.line.endswith((".", "?"))
    assert content.first_step_option(worry.first_step)


@pytest.mark.parametrize(
    ("reason_id", "reframe"),
    [("stigma", True), ("unfamiliar", True), ("blame", False), ("cost_time", False)],
)
def test_reframe_marks_reasons_where_the_word_is_the_problem(reason_id: str, reframe: bool) -> None:
    assert load_script_content().worry(reason_id).reframe is reframe


def test_first_step_options_cover_the_brief() -> None:
    content = load_script_content()
    ids = {option.id for option in content.first_steps}
    assert {"intake_call", "free_consultation", "trial_sessions", "workshop", "telehealth"} <= ids
    assert {"book_track", "weekly_checkin", "family_doctor", "mutual_friend"} <= ids
    book_line = content.first_step_option("book_track").line
    assert all(fact in book_line for fact in BOOKS)
    assert "30-minute" in content.first_step_option("intake_call").line


def test_friction_removers_are_the_four_draft_switches() -> None:
    content = load_script_content()
    assert tuple(remover.id for remover in content.friction) == FRICTION_IDS
    assert "{times}" in content.friction_remover("times").line
    assert "30 minutes" in content.friction_remover("offer_stop_30").line


def test_timing_has_good_and_bad_moments_with_unique_ids() -> None:
    content = load_script_content()
    assert any(item.good for item in content.timing)
    assert any(not item.good for item in content.timing)
    ids = [item.id for item in content.timing]
    assert len(ids) == len(set(ids))
    assert content.timing_item("after_fight").good is False


def test_suggestion_lists_are_not_empty() -> None:
    content = load_script_content()
    for values in (content.openers, content.reframes, content.shared, content.if_no):
        assert values and all(value.strip() for value in values)
    assert content.invitation_opening and content.invitation_closing
    assert content.title and content.safety_note


def test_tone_rules_have_known_kinds() -> None:
    content = load_script_content()
    assert {rule.kind for rule in content.tone} == set(TONE_KINDS)
    assert content.tone_rule("you_always").kind == "absolute"


def test_lookups_raise_for_unknown_ids() -> None:
    content = load_script_content()
    for lookup in (content.step, content.worry, content.first_step_option, content.timing_item):
        with pytest.raises(KeyError):
            lookup("no_such_id")


# ---- a broken file fails loudly ---------------------------------------------------------------


def _raw() -> dict[str, Any]:
    """A fresh copy of the real file's tables, to break one thing at a time."""
    path = Path(script.__file__).with_name(script.FILE)
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _drop_worry(raw: dict[str, Any]) -> None:
    del raw["worry"]["privacy"]


def _unknown_worry(raw: dict[str, Any]) -> None:
    raw["worry"]["jealousy"] = dict(raw["worry"]["blame"])


def _bad_first_step_ref(raw: dict[str, Any]) -> None:
    raw["worry"]["blame"]["first_step"] = "skydiving"


def _steps_out_of_order(raw: dict[str, Any]) -> None:
    raw["step"][0], raw["step"][1] = raw["step"][1], raw["step"][0]


def _empty_why(raw: dict[str, Any]) -> None:
    raw["step"][2]["why"] = "  "


def _times_without_placeholder(raw: dict[str, Any]) -> None:
    raw["friction"][0]["line"] = "Any time works."


def _bad_tone_kind(raw: dict[str, Any]) -> None:
    raw["tone"]["you_always"]["kind"] = "rude"


def _duplicate_option(raw: dict[str, Any]) -> None:
    raw["first_step"].append(dict(raw["first_step"][0]))


def _reframe_not_bool(raw: dict[str, Any]) -> None:
    raw["worry"]["stigma"]["reframe"] = "yes"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (_drop_worry, "privacy"),
        (_unknown_worry, "jealousy"),
        (_bad_first_step_ref, "skydiving"),
        (_steps_out_of_order, "in that order"),
        (_empty_why, "why"),
        (_times_without_placeholder, "{times}"),
        (_bad_tone_kind, "rude"),
        (_duplicate_option, "more than once"),
        (_reframe_not_bool, "reframe"),
    ],
)
def test_broken_content_raises_a_named_error(
    monkeypatch: pytest.MonkeyPatch, breakage: Any, message: str
) -> None:
    raw = _raw()
    breakage(raw)
    monkeypatch.setattr(script, "read_toml", lambda name: raw)
    script.load_script_content.cache_clear()
    try:
        with pytest.raises(ContentError, match=message.replace("{", r"\{").replace("}", r"\}")):
            script.load_script_content()
    finally:
        script.load_script_content.cache_clear()


def test_missing_file_is_a_content_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(loader, "CONTENT_DIR", tmp_path)
    loader.read_toml.cache_clear()
    try:
        with pytest.raises(ContentError, match="missing"):
            loader.read_toml(script.FILE)
    finally:
        loader.read_toml.cache_clear()
