"""Words for the six-week plan, read from ``plan.toml`` into frozen dataclasses.

Covers target examples and vague-target hints, the nightly and weekly check-ins, the book track,
the user's own support steps, the review's decision options, the personal-timeline questions, the
labels for ratings and routines, calm error messages, and neutral calendar titles. Each loader
validates its part and raises :class:`ContentError` naming the field when something is off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language

FILE = "plan.toml"

# The keys other modules rely on; listed here so a typo in the TOML fails in tests, not in a page.
RATING_KEYS = ("kept", "partly", "not", "unrated")
ROUTINE_KEYS = ("nightly", "weekly", "book", "journal", "support")
MESSAGE_KEYS = (
    "future_week",
    "week_out_of_range",
    "unknown_target",
    "bad_value",
    "bad_rater",
    "note_too_long",
    "empty_target",
    "target_too_long",
    "too_many_targets",
    "no_targets",
    "duplicate_target",
    "unknown_decision",
    "bad_start",
    "bad_record",
)

CHART_KEYS = (
    "empty",
    "week",
    "week_axis",
    "you",
    "partner",
    "differs",
    "score_axis",
    "score_low",
    "score_mid",
    "score_high",
    "share_axis",
    "grid_title",
    "grid_summary",
    "grid_empty",
    "line_title",
    "line_summary",
    "line_empty",
    "trend_rising",
    "trend_steady",
    "trend_falling",
    "trend_too_early",
    "shares_title",
    "shares_summary",
    "shares_part",
    "shares_unrated",
    "shares_empty",
    "routines_title",
    "routines_summary",
    "routines_part",
    "routines_empty",
    "compare_title",
    "compare_summary",
    "compare_biggest",
    "compare_empty",
)


@dataclass(frozen=True)
class TargetExample:
    """A ready-made target the user can pick, grouped by area of life."""

    text: str
    area: str


@dataclass(frozen=True)
class VaguePattern:
    """Phrases that make a target hard to rate, a gentle hint, and concrete alternatives."""

    id: str
    phrases: tuple[str, ...]
    hint: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class TargetHints:
    """The nudges shown while a target is written, and the limits that trigger them."""

    with_examples: str
    too_long: str
    not_observable: str
    max_words: int
    max_chars: int
    unobservable_words: tuple[str, ...]


@dataclass(frozen=True)
class CheckinPhase:
    """One timed step of the nightly check-in, with what to do and a few ways to begin."""

    id: str
    name: str
    seconds: int
    words: str
    starters: tuple[str, ...]


@dataclass(frozen=True)
class NightlyCheckin:
    """The nightly check-in: a time slot, its timed phases, and the words around them."""

    title: str
    minutes: int
    intro: str
    swap_note: str
    log_prompt: str
    done: str
    phases: tuple[CheckinPhase, ...]


@dataclass(frozen=True)
class WeeklyCheckin:
    """The weekly check-in: four questions each partner answers, and the rules that keep it safe."""

    title: str
    minutes: int
    intro: str
    prompts: tuple[str, ...]
    rules: tuple[str, ...]
    log_prompt: str


@dataclass(frozen=True)
class Book:
    """A real book for the book track; title and author are exact."""

    id: str
    title: str
    author: str
    about: str


@dataclass(frozen=True)
class BookTrack:
    """How the book track runs: weeks, one step per week, and a note for reading alone."""

    weeks: int
    intro: str
    solo_note: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class SupportStep:
    """Something the user can do for themselves, with a first step small enough to start today."""

    id: str
    title: str
    text: str
    first_step: str


@dataclass(frozen=True)
class DecisionOption:
    """One choice offered at the review, explained calmly, with when it tends to fit."""

    id: str
    title: str
    explanation: str
    fits_when: str
    first_step: str
    # Said instead of ``explanation`` in safety mode, where couples framing ("your part in the
    # pattern") would leave someone being harmed feeling partly to blame; "" when none is needed.
    safety_explanation: str = ""

    def explained(self, safety_on: bool) -> str:
        """The explanation to show, with safety mode on or off."""
        return (
            self.safety_explanation if safety_on and self.safety_explanation else self.explanation
        )


@dataclass(frozen=True)
class DecisionAid:
    """The review's framing words and its options, in the order they are shown."""

    intro: str
    safety_note: str
    options: tuple[DecisionOption, ...]


@dataclass(frozen=True)
class TimelineQuestion:
    """A question for the user's personal timeline, with a hint for the answer box."""

    id: str
    question: str
    hint: str


@dataclass(frozen=True)
class CalendarWords:
    """Neutral titles for calendar entries that a partner might see."""

    name: str
    weekly_title: str
    weekly_description: str
    review_title: str
    review_description: str


def _tables(key: str) -> list[dict[str, Any]]:
    """Return the array of tables at ``key``, which must be a non-empty list of tables."""
    tables = require(read_toml(FILE), key, list, FILE)
    if not tables or not all(isinstance(t, dict) for t in tables):
        raise ContentError(f"{FILE}: {key!r} should be a non-empty list of tables")
    return tables


def _subtables(table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """Return the nested array of tables at ``table[key]``, which must be non-empty."""
    tables = require(table, key, list, where)
    if not tables or not all(isinstance(t, dict) for t in tables):
        raise ContentError(f"{where}: {key!r} should be a non-empty list of tables")
    return tables


def _unique_ids(items: tuple[Any, ...], where: str) -> None:
    """Refuse two items with the same id in one list."""
    ids = [item.id for item in items]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{where}: ids are not unique: {ids}")


def _positive_int(table: dict[str, Any], key: str, where: str) -> int:
    """Return a positive int at ``table[key]`` (a bool is not a number here)."""
    value = require(table, key, int, where)
    if isinstance(value, bool) or value <= 0:
        raise ContentError(f"{where}: field {key!r} should be a positive whole number")
    return value


def _labels(key: str, keys: tuple[str, ...]) -> Mapping[str, str]:
    """Return a read-only mapping of exactly ``keys`` to non-empty text."""
    table = require(read_toml(FILE), key, dict, FILE)
    if set(table) != set(keys):
        raise ContentError(f"{FILE} [{key}]: expected keys {sorted(keys)}, got {sorted(table)}")
    return MappingProxyType({k: require(table, k, str, f"{FILE} [{key}]") for k in keys})


@per_language
def target_examples(own_support: bool = False) -> tuple[TargetExample, ...]:
    """Example targets to pick from: short and observable.

    ``own_support`` gives the safety-mode ideas instead: the person's own rest, support and
    safety, with nothing that needs the partner.
    """
    key = "own_example" if own_support else "example"
    return tuple(
        TargetExample(
            text=require(t, "text", str, f"{FILE} {key} {i}"),
            area=require(t, "area", str, f"{FILE} {key} {i}"),
        )
        for i, t in enumerate(_tables(key))
    )


@dataclass(frozen=True)
class SafetyModeWords:
    """How the plan is framed while safety mode is on."""

    intro: str
    points: tuple[str, ...]
    hint: str
    review_lead: str


@per_language
def safety_mode() -> SafetyModeWords:
    """The ``[safety_mode]`` words of the plan."""
    where = f"{FILE} [safety_mode]"
    t = require(read_toml(FILE), "safety_mode", dict, FILE)
    return SafetyModeWords(
        intro=require(t, "intro", str, where),
        points=require_strings(t, "points", where),
        hint=require(t, "hint", str, where),
        review_lead=require(t, "review_lead", str, where),
    )


@per_language
def vague_patterns() -> tuple[VaguePattern, ...]:
    """Patterns for vague targets, each with a hint and concrete suggestions."""
    patterns = []
    for i, t in enumerate(_tables("vague")):
        where = f"{FILE} vague {i}"
        patterns.append(
            VaguePattern(
                id=require(t, "id", str, where),
                phrases=tuple(p.lower() for p in require_strings(t, "phrases", where)),
                hint=require(t, "hint", str, where),
                suggestions=require_strings(t, "suggestions", where),
            )
        )
    result = tuple(patterns)
    _unique_ids(result, f"{FILE} vague")
    return result


@per_language
def target_hints() -> TargetHints:
    """The general nudges (too long, not observable) and their limits."""
    where = f"{FILE} [hints]"
    t = require(read_toml(FILE), "hints", dict, FILE)
    template = require(t, "with_examples", str, where)
    if "{hint}" not in template or "{examples}" not in template:
        raise ContentError(f"{where}: with_examples needs {{hint}} and {{examples}}")
    return TargetHints(
        with_examples=template,
        too_long=require(t, "too_long", str, where),
        not_observable=require(t, "not_observable", str, where),
        max_words=_positive_int(t, "max_words", where),
        max_chars=_positive_int(t, "max_chars", where),
        unobservable_words=tuple(
            w.lower() for w in require_strings(t, "unobservable_words", where)
        ),
    )


@per_language
def messages() -> Mapping[str, str]:
    """Calm messages for things that cannot be saved, keyed by what went wrong."""
    return _labels("messages", MESSAGE_KEYS)


@per_language
def rating_labels() -> Mapping[str, str]:
    """Words for each rating value, plus ``unrated`` for an empty cell."""
    return _labels("ratings", RATING_KEYS)


@per_language
def routine_labels() -> Mapping[str, str]:
    """Words for each routine that can be logged."""
    return _labels("routines", ROUTINE_KEYS)


@per_language
def nightly_checkin() -> NightlyCheckin:
    """The nightly check-in with its timed phases."""
    where = f"{FILE} [nightly]"
    t = require(read_toml(FILE), "nightly", dict, FILE)
    raw_phases = _subtables(t, "phase", where)
    phases = tuple(
        CheckinPhase(
            id=require(p, "id", str, f"{where} phase {i}"),
            name=require(p, "name", str, f"{where} phase {i}"),
            seconds=_positive_int(p, "seconds", f"{where} phase {i}"),
            words=require(p, "words", str, f"{where} phase {i}"),
            starters=require_strings(p, "starters", f"{where} phase {i}"),
        )
        for i, p in enumerate(raw_phases)
    )
    _unique_ids(phases, where)
    minutes = _positive_int(t, "minutes", where)
    if sum(p.seconds for p in phases) > minutes * 60:
        raise ContentError(f"{where}: the phases take longer than {minutes} minutes")
    return NightlyCheckin(
        title=require(t, "title", str, where),
        minutes=minutes,
        intro=require(t, "intro", str, where),
        swap_note=require(t, "swap_note", str, where),
        log_prompt=require(t, "log_prompt", str, where),
        done=require(t, "done", str, where),
        phases=phases,
    )


@per_language
def weekly_checkin() -> WeeklyCheckin:
    """The weekly check-in's four prompts and its rules."""
    where = f"{FILE} [weekly]"
    t = require(read_toml(FILE), "weekly", dict, FILE)
    return WeeklyCheckin(
        title=require(t, "title", str, where),
        minutes=_positive_int(t, "minutes", where),
        intro=require(t, "intro", str, where),
        prompts=require_strings(t, "prompts", where),
        rules=require_strings(t, "rules", where),
        log_prompt=require(t, "log_prompt", str, where),
    )


@per_language
def books() -> tuple[Book, ...]:
    """Books for the book track, in the order they are offered."""
    result = tuple(
        Book(
            id=require(t, "id", str, f"{FILE} book {i}"),
            title=require(t, "title", str, f"{FILE} book {i}"),
            author=require(t, "author", str, f"{FILE} book {i}"),
            about=require(t, "about", str, f"{FILE} book {i}"),
        )
        for i, t in enumerate(_tables("book"))
    )
    _unique_ids(result, f"{FILE} book")
    return result


def book(book_id: str) -> Book:
    """Return the book with this id, or raise ContentError."""
    for item in books():
        if item.id == book_id:
            return item
    raise ContentError(f"{FILE}: no book with id {book_id!r}")


@per_language
def book_track() -> BookTrack:
    """How the book track runs, with one step per week."""
    where = f"{FILE} [book_track]"
    t = require(read_toml(FILE), "book_track", dict, FILE)
    weeks = _positive_int(t, "weeks", where)
    steps = require_strings(t, "steps", where)
    if len(steps) != weeks:
        raise ContentError(f"{where}: needs one step per week ({weeks}), got {len(steps)}")
    return BookTrack(
        weeks=weeks,
        intro=require(t, "intro", str, where),
        solo_note=require(t, "solo_note", str, where),
        steps=steps,
    )


@per_language
def support_steps() -> tuple[SupportStep, ...]:
    """Steps for the user's own support, each with a small first step."""
    result = tuple(
        SupportStep(
            id=require(t, "id", str, f"{FILE} support {i}"),
            title=require(t, "title", str, f"{FILE} support {i}"),
            text=require(t, "text", str, f"{FILE} support {i}"),
            first_step=require(t, "first_step", str, f"{FILE} support {i}"),
        )
        for i, t in enumerate(_tables("support"))
    )
    _unique_ids(result, f"{FILE} support")
    return result


@per_language
def decision_aid() -> DecisionAid:
    """The review's decision options with their framing words."""
    where = f"{FILE} [decision]"
    t = require(read_toml(FILE), "decision", dict, FILE)
    raw = _subtables(t, "option", where)
    options = tuple(
        DecisionOption(
            id=require(o, "id", str, f"{where} option {i}"),
            title=require(o, "title", str, f"{where} option {i}"),
            explanation=require(o, "explanation", str, f"{where} option {i}"),
            fits_when=require(o, "fits_when", str, f"{where} option {i}"),
            first_step=require(o, "first_step", str, f"{where} option {i}"),
            safety_explanation=require(o, "safety_explanation", str, f"{where} option {i}")
            if "safety_explanation" in o
            else "",
        )
        for i, o in enumerate(raw)
    )
    _unique_ids(options, where)
    return DecisionAid(
        intro=require(t, "intro", str, where),
        safety_note=require(t, "safety_note", str, where),
        options=options,
    )


def decision_options() -> tuple[DecisionOption, ...]:
    """The review's decision options, in the order they are shown."""
    return decision_aid().options


@per_language
def timeline_questions() -> tuple[TimelineQuestion, ...]:
    """Questions for the user's personal timeline."""
    result = tuple(
        TimelineQuestion(
            id=require(t, "id", str, f"{FILE} timeline {i}"),
            question=require(t, "question", str, f"{FILE} timeline {i}"),
            hint=require(t, "hint", str, f"{FILE} timeline {i}"),
        )
        for i, t in enumerate(_tables("timeline"))
    )
    _unique_ids(result, f"{FILE} timeline")
    return result


@per_language
def calendar_words() -> CalendarWords:
    """Neutral calendar titles and descriptions."""
    where = f"{FILE} [calendar]"
    t = require(read_toml(FILE), "calendar", dict, FILE)
    return CalendarWords(
        name=require(t, "name", str, where),
        weekly_title=require(t, "weekly_title", str, where),
        weekly_description=require(t, "weekly_description", str, where),
        review_title=require(t, "review_title", str, where),
        review_description=require(t, "review_description", str, where),
    )


@per_language
def chart_words() -> Mapping[str, str]:
    """Chart titles, axis words and summary templates, keyed by name."""
    return _labels("charts", CHART_KEYS)
