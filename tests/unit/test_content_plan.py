"""The six-week plan's words: every part loads, has what pages need, and stays calm and exact."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import astuple

import pytest

from content import _loader
from content import plan as words
from content._loader import ContentError

LOADERS = [
    words.target_examples,
    words.vague_patterns,
    words.target_hints,
    words.messages,
    words.rating_labels,
    words.routine_labels,
    words.nightly_checkin,
    words.weekly_checkin,
    words.books,
    words.book_track,
    words.support_steps,
    words.decision_aid,
    words.timeline_questions,
    words.calendar_words,
    words.chart_words,
]


def all_text() -> Iterator[str]:
    """Every string the plan content shows, flattened."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            yield from walk(astuple(value))
        elif hasattr(value, "values"):
            yield from walk(list(value.values()))

    for loader in LOADERS:
        yield from walk(loader())


@pytest.mark.parametrize("loader", LOADERS, ids=[f.__name__ for f in LOADERS])
def test_every_part_loads_and_is_cached(loader) -> None:
    assert loader()
    assert loader() is loader()


def test_target_examples_are_short_and_varied() -> None:
    examples = words.target_examples()
    hints = words.target_hints()
    assert len(examples) >= 6
    texts = [e.text for e in examples]
    assert len(set(texts)) == len(texts)
    assert {
        "No phones at dinner",
        "One date night a week",
        "Let each other finish sentences",
    } <= set(texts)
    assert all(len(t) <= hints.max_chars and len(t.split()) <= hints.max_words for t in texts)
    assert len({e.area for e in examples}) >= 4


def test_vague_patterns_offer_enough_alternatives() -> None:
    for pattern in words.vague_patterns():
        assert len(pattern.suggestions) >= 2, pattern.id
        assert len(set(pattern.suggestions)) == len(pattern.suggestions), pattern.id
        assert all(p == p.lower().strip() for p in pattern.phrases), pattern.id
    ids = {p.id for p in words.vague_patterns()}
    assert {"nicer", "talk", "fighting", "together", "listen"} <= ids


def test_hint_limits_and_template() -> None:
    hints = words.target_hints()
    assert 6 <= hints.max_words <= 20 and 40 <= hints.max_chars <= 120
    assert hints.with_examples.format(hint="H", examples="E").startswith("H")
    assert "feel" in hints.unobservable_words


def test_nightly_checkin_phases_are_two_one_five_minutes() -> None:
    nightly = words.nightly_checkin()
    assert nightly.minutes == 15
    assert [(p.id, p.seconds) for p in nightly.phases] == [
        ("speaker", 120),
        ("listener", 60),
        ("step", 300),
    ]
    for phase in nightly.phases:
        assert phase.name and phase.words and len(phase.starters) >= 2
    assert sum(p.seconds for p in nightly.phases) <= nightly.minutes * 60


def test_weekly_checkin_has_four_prompts_and_its_rules() -> None:
    weekly = words.weekly_checkin()
    assert weekly.minutes == 20
    assert len(weekly.prompts) == 4
    assert len(weekly.rules) == 4
    joined = " ".join(weekly.rules).lower()
    for rule in ("interrupt", "sarcasm", "fine, whatever", "pause"):
        assert rule in joined


# Exact titles and authors, checked against the publishers' listings; a typo here is a wrong fact.
KNOWN_BOOKS = {
    "hold_me_tight": ("Hold Me Tight: Seven Conversations for a Lifetime of Love", "Sue Johnson"),
    "seven_principles": (
        "The Seven Principles for Making Marriage Work",
        "John M. Gottman and Nan Silver",
    ),
    "eight_dates": (
        "Eight Dates: Essential Conversations for a Lifetime of Love",
        "John Gottman, Julie Schwartz Gottman, Doug Abrams and Rachel Carlton Abrams",
    ),
    "wired_for_love": ("Wired for Love", "Stan Tatkin"),
}


def test_books_are_the_known_real_ones() -> None:
    books = {b.id: (b.title, b.author) for b in words.books()}
    assert books == KNOWN_BOOKS
    assert words.book("hold_me_tight").author == "Sue Johnson"
    with pytest.raises(ContentError):
        words.book("no_such_book")


def test_book_track_is_four_weeks_one_step_each() -> None:
    track = words.book_track()
    assert track.weeks == 4 and len(track.steps) == 4
    assert all("chapter" in step and "exercise" in step for step in track.steps)


def test_support_steps_cover_the_three_from_the_brief() -> None:
    steps = {s.id: s for s in words.support_steps()}
    assert {"counselling", "skills_course", "grounding"} <= set(steps)
    assert "five" in steps["grounding"].title.lower()
    assert all(s.first_step for s in steps.values())


def test_decision_options_in_order_with_explanations() -> None:
    aid = words.decision_aid()
    assert [o.id for o in aid.options] == [
        "keep_going",
        "ask_again",
        "individual_therapy",
        "boundaries",
        "reconsider",
    ]
    assert words.decision_options() == aid.options
    for option in aid.options:
        assert option.title and option.explanation and option.fits_when and option.first_step
        assert len(option.explanation) <= 240
    assert "safety" in aid.safety_note.lower()


def test_timeline_questions() -> None:
    questions = {q.id: q.question for q in words.timeline_questions()}
    assert list(questions) == ["wait", "change", "non_negotiables", "reconsider_point"]
    assert all(q.endswith("?") for q in questions.values())


def _placeholders(template: str) -> set[str]:
    """The {names} a template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("future_week", {"week", "first_day"}),
        ("note_too_long", {"limit"}),
        ("target_too_long", {"limit"}),
        ("bad_value", set()),
        ("unknown_target", set()),
    ],
)
def test_message_placeholders(key: str, expected: set[str]) -> None:
    assert _placeholders(words.messages()[key]) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("week", {"week"}),
        ("grid_summary", {"rated", "cells", "kept", "partly", "not_kept"}),
        ("line_summary", {"points", "trend"}),
        ("shares_summary", {"parts"}),
        ("shares_part", {"target", "kept", "rated"}),
        ("shares_unrated", {"target"}),
        ("routines_summary", {"total", "parts"}),
        ("routines_part", {"routine", "count"}),
        ("compare_summary", {"pairs", "agree"}),
        ("compare_biggest", {"target", "week"}),
        ("empty", set()),
    ],
)
def test_chart_placeholders(key: str, expected: set[str]) -> None:
    assert _placeholders(words.chart_words()[key]) == expected


def test_calendar_words_are_neutral() -> None:
    for text in astuple(words.calendar_words()):
        assert not re.search(r"therap|counsel|couple|partner|relationship|plan\b", text, re.I)


def test_no_blaming_or_shouting_anywhere() -> None:
    for text in all_text():
        assert "!" not in text, text
        assert not re.search(r"\byou need (therapy|help)\b|\byour fault\b|\bcrazy\b", text, re.I), (
            text
        )
        assert text == text.strip(), text


# --- the loader refuses broken files ----------------------------------------------------------


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch):
    """Swap in a broken copy of plan.toml for one test, with every cache cleared around it."""
    original = _loader.read_toml("plan.toml")

    def install(change) -> None:
        data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in original.items()}
        change(data)
        monkeypatch.setattr(words, "read_toml", lambda name: data)
        for loader in LOADERS:
            if hasattr(loader, "cache_clear"):
                loader.cache_clear()

    yield install
    monkeypatch.undo()
    for loader in LOADERS:
        if hasattr(loader, "cache_clear"):
            loader.cache_clear()


def _drop(table: str, key: str):
    return lambda data: data[table].pop(key)


@pytest.mark.parametrize(
    ("change", "loader", "message"),
    [
        (_drop("ratings", "partly"), words.rating_labels, "expected keys"),
        (_drop("messages", "future_week"), words.messages, "expected keys"),
        (_drop("charts", "week"), words.chart_words, "expected keys"),
        (lambda d: d["nightly"].update(minutes=5), words.nightly_checkin, "longer than 5 minutes"),
        (
            lambda d: d["nightly"].update(minutes=True),
            words.nightly_checkin,
            "positive whole number",
        ),
        (lambda d: d["book_track"].update(weeks=3), words.book_track, "one step per week"),
        (lambda d: d["hints"].update(with_examples="{hint}"), words.target_hints, "needs"),
        (lambda d: d.update(book=[*d["book"], d["book"][0]]), words.books, "not unique"),
        (lambda d: d.update(timeline=[]), words.timeline_questions, "non-empty list"),
        (lambda d: d["weekly"].update(prompts=["ok", ""]), words.weekly_checkin, "non-empty list"),
        (lambda d: d.pop("calendar"), words.calendar_words, "missing field"),
        (lambda d: d["nightly"].update(phase=[]), words.nightly_checkin, "non-empty list"),
        (lambda d: d["decision"].update(option=["x"]), words.decision_aid, "non-empty list"),
    ],
)
def test_broken_content_fails_loudly(broken, change, loader, message: str) -> None:
    broken(change)
    with pytest.raises(ContentError, match=message):
        loader()
