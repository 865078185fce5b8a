"""Tests for content/safety: the Safety page's words load, are complete, and keep their promises.

Beyond "it loads", these check the things issue 6 asks the words to cover (every sign, the bag
checklist, the save choice's risks) and the things the words must never do (promise total
safety, reveal safety mode on a partner's screen).
"""

from __future__ import annotations

import copy
import re

import pytest

from content import quiz
from content import safety as safety_content
from content._loader import ContentError, read_toml

CONTENT = safety_content.load()


def _all_text(value) -> list[str]:
    """Every string inside the loaded content, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ for s in _all_text(getattr(value, name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _all_text(item)]
    if hasattr(value, "values"):
        return [s for item in value.values() for s in _all_text(item)]
    return []


ALL_TEXT = _all_text(CONTENT)


def test_load_is_cached_and_frozen():
    assert safety_content.load() is safety_content.load()
    with pytest.raises(AttributeError):
        CONTENT.gate.title = "x"
    with pytest.raises(TypeError):
        CONTENT.gate.withheld["boundary"] = "x"


@pytest.mark.parametrize("sign", ["violence", "threats", "control", "contempt", "fear"])
def test_every_sign_from_the_brief_is_described(sign):
    assert sign in {s.id for s in CONTENT.not_appropriate.signs}


@pytest.mark.parametrize(
    ("sign", "words"),
    [
        ("control", ["money", "phone", "where you go", "who you see"]),
        ("contempt", ["again"]),
        ("fear", ["therapist"]),
    ],
)
def test_signs_name_their_specifics(sign, words):
    (entry,) = [s for s in CONTENT.not_appropriate.signs if s.id == sign]
    for word in words:
        assert word in entry.text


def test_why_joint_sessions_can_harm_is_explained_without_blame():
    why = " ".join(CONTENT.not_appropriate.why).lower()
    assert "afraid" in why and "fault" in why
    assert "it is not" in why  # says plainly that the harm is not the user's fault


@pytest.mark.parametrize("option", ["specialised", "individual", "safety_plan"])
def test_what_to_do_instead_covers_the_brief(option):
    assert option in {o.id for o in CONTENT.instead.options}


@pytest.mark.parametrize(
    "item", ["id", "money", "phone", "keys", "medicines", "papers"], ids=lambda i: f"bag-{i}"
)
def test_bag_checklist_has_the_essentials(item):
    assert item in CONTENT.bag_item_ids()


def test_bag_ids_are_unique_and_labels_filled():
    ids = CONTENT.bag_item_ids()
    assert len(ids) == len(set(ids))
    assert all(item.label.strip() for item in CONTENT.plan.bag_items)


PLAN_SECTIONS = ["safe_place", "bag", "contacts", "local_services", "incidents"]


@pytest.mark.parametrize("section", PLAN_SECTIONS)
def test_every_plan_section_has_a_title_and_guidance(section):
    part = getattr(CONTENT.plan, section)
    assert part.title.strip() and part.help and all(h.strip() for h in part.help)


def test_documenting_incidents_says_how_to_do_it_safely():
    text = " ".join(CONTENT.plan.incidents.help).lower()
    for word in ("date", "safe", "someone you trust"):
        assert word in text


def test_plan_is_private_from_partners():
    assert "partner link" in CONTENT.plan.private_note.lower()


def test_save_choice_explains_both_risks_on_a_shared_device():
    choice = CONTENT.save_choice
    assert "device" in choice.keep_text and "link" in choice.keep_text
    assert "device" in choice.download_text and "delete" in choice.download_text
    assert "share" in choice.shared_device_note


def test_device_advice_covers_the_brief_and_names_the_shortcut():
    tips = {t.id: t for t in CONTENT.device.tips}
    assert {"quick_exit", "private_browsing", "history", "shared_devices"} <= set(tips)
    assert "Shift" in tips["quick_exit"].text
    assert "cannot" in tips["quick_exit"].text  # says what the quick exit can't do
    # ... which is: the app stays open in other tabs and listed in the browser's history, and
    # how to deal with that (issue 13 point 3).
    text = tips["quick_exit"].text
    assert "other tabs" in text and "history list" in text
    assert "private window" in text and "Browsing history" in text
    assert tips["history"].title == "Browsing history" and "Ctrl+H" in tips["history"].text
    assert "Shift" in CONTENT.device.quick_exit_shortcut


@pytest.mark.parametrize(
    "promise",
    [
        r"\bcompletely (safe|private|hidden)\b",
        r"\bno trace\b(?! can)",
        r"\b100 ?%",
        r"\bguarantee",
        r"\bno one (can|will) (ever )?(know|find|see)\b",
        r"\bfully secure\b",
    ],
)
def test_words_never_promise_more_safety_than_a_website_can_give(promise):
    offenders = [
        t
        for t in ALL_TEXT
        if re.search(promise, t, re.IGNORECASE) and "no website can promise" not in t.lower()
    ]
    assert offenders == []


def test_device_intro_is_honest_about_limits():
    assert "no website can promise" in CONTENT.device.intro.lower()


@pytest.mark.parametrize("feature", safety_content.WITHHELD_FEATURES)
def test_every_withheld_feature_has_a_reason(feature):
    assert CONTENT.gate.withheld[feature].strip()


def test_every_quiz_safety_item_has_a_reason():
    safety_items = {i.id for i in quiz.load_quiz() if i.kind == "safety"}
    assert safety_items, "the quiz should have a safety screen"
    assert safety_items == set(CONTENT.gate.item_reasons)


def test_partner_view_message_does_not_reveal_safety_mode():
    # A partner opening a closed link must learn nothing about why it is closed.
    closed = CONTENT.gate.partner_view_closed.lower()
    for word in ("safety", "safe", "danger", "abuse", "turned off", "your partner"):
        assert word not in closed


def test_leaving_safety_mode_is_explained():
    hint = CONTENT.gate.leave_hint
    assert "again" in hint and "No" in hint


def test_no_text_is_blank_except_unused_placeholders():
    plan = CONTENT.plan
    # Only the checklist and the contacts table have no single text box to hold a placeholder.
    assert plan.bag.placeholder == plan.contacts.placeholder == ""
    blank = [t for t in ALL_TEXT if not t.strip()]
    assert blank == ["", ""]


# --- the loader rejects broken files ---------------------------------------------------------


def _broken(mutate):
    data = copy.deepcopy(read_toml(safety_content.FILE))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["gate"]["withheld"].pop("boundary"), "needs exactly"),
        (lambda d: d["gate"]["withheld"].update(extra="x"), "needs exactly"),
        (lambda d: d["gate"].pop("reason_self"), "reason_self"),
        (lambda d: d["plan"]["bag"]["item"].append({"id": "id", "label": "x"}), "unique"),
        (lambda d: d["plan"]["bag"]["item"].clear(), "unique"),
        (lambda d: d["not_appropriate"]["sign"].append(d["not_appropriate"]["sign"][0]), "unique"),
        (lambda d: d["not_appropriate"].pop("sign"), "non-empty list"),
        (lambda d: d["device"]["tip"].pop(0), "quick_exit"),
        (lambda d: d["save_choice"].update(keep_text=""), "empty"),
        (lambda d: d["plan"]["incidents"].update(help=[]), "non-empty list"),
        (lambda d: d.pop("instead"), "missing field 'instead'"),
    ],
)
def test_broken_files_are_rejected(monkeypatch, mutate, message):
    data = _broken(mutate)
    monkeypatch.setattr(safety_content, "read_toml", lambda name: data)
    safety_content.load.cache_clear()
    try:
        with pytest.raises(ContentError, match=message):
            safety_content.load()
    finally:
        safety_content.load.cache_clear()
