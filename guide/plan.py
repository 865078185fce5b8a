"""The six-week plan's data model: targets, weekly ratings, cycles, decisions and routine entries.

Everything is a frozen dataclass with a JSON-safe ``to_dict`` / ``from_dict`` round trip (dates as
ISO strings), and every change returns a new value. Rules live here so pages and storage never
decide: at most three targets, ratings only for weeks that have begun, one rating per target, week
and rater (rating again updates it), and an edited target keeps its earlier wording.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from content import plan as words
from guide import formatting
from guide.limits import too_long
from guide.weeks import WEEKS, review_date, week_of, week_range

RATING_VALUES = ("kept", "partly", "not")
RATERS = ("owner", "partner")
ROUTINES = ("nightly", "weekly", "book", "journal", "support")
DECISIONS = ("keep_going", "ask_again", "individual_therapy", "boundaries", "reconsider")
MAX_TARGETS = 3
TARGET_LIMIT = 200
NOTE_LIMIT = 500


class PlanError(ValueError):
    """A change to the plan that cannot be made; ``str(error)`` is calm and fit to show."""


def _say(key: str, **values: Any) -> PlanError:
    """Build a PlanError from the content messages."""
    return PlanError(words.messages()[key].format(**values))


def _bad_record(detail: str) -> PlanError:
    """A saved record that does not have the expected shape."""
    error = _say("bad_record")
    error.add_note(detail)
    return error


def _text(data: Mapping[str, Any], key: str) -> str:
    """Read a string field from a record."""
    value = data.get(key)
    if not isinstance(value, str):
        raise _bad_record(f"{key} should be text")
    return value


def _day(data: Mapping[str, Any], key: str) -> date:
    """Read an ISO date field from a record."""
    day = formatting.read_date(data.get(key))
    if day is None:
        raise _bad_record(f"{key} should be an ISO date")
    return day


def _int(data: Mapping[str, Any], key: str) -> int:
    """Read a whole-number field from a record (a bool is not a number here)."""
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad_record(f"{key} should be a whole number")
    return value


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    """Check that a record is a mapping."""
    if not isinstance(value, Mapping):
        raise _bad_record(f"{what} should be an object")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    """Read a list field from a record."""
    value = data.get(key)
    if not isinstance(value, list):
        raise _bad_record(f"{key} should be a list")
    return value


def _tidy(text: str) -> str:
    """Trim and collapse runs of whitespace so "a  b " and "a b" are the same target."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Target:
    """One observable change to rate weekly; ``history`` holds (changed_on, old_text) pairs."""

    id: str
    text: str
    history: tuple[tuple[date, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {
            "id": self.id,
            "text": self.text,
            "history": [
                {"changed_on": changed_on.isoformat(), "old_text": old}
                for changed_on, old in self.history
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        """Rebuild a target from ``to_dict`` output."""
        data = _mapping(data, "target")
        history = tuple(
            (_day(_mapping(h, "history entry"), "changed_on"), _text(h, "old_text"))
            for h in _list(data, "history")
        )
        return cls(id=_text(data, "id"), text=_text(data, "text"), history=history)


@dataclass(frozen=True)
class Rating:
    """How one target went in one week, from one rater's point of view."""

    target_id: str
    week: int
    value: str
    note: str = ""
    rater: str = "owner"
    rated_on: date = field(kw_only=True)

    @property
    def key(self) -> tuple[str, int, str]:
        """The identity of a rating: one per target, week and rater."""
        return (self.target_id, self.week, self.rater)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {
            "target_id": self.target_id,
            "week": self.week,
            "value": self.value,
            "note": self.note,
            "rater": self.rater,
            "rated_on": self.rated_on.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rating:
        """Rebuild a rating from ``to_dict`` output, checking value and rater."""
        data = _mapping(data, "rating")
        rating = cls(
            target_id=_text(data, "target_id"),
            week=_int(data, "week"),
            value=_text(data, "value"),
            note=_text(data, "note"),
            rater=_text(data, "rater"),
            rated_on=_day(data, "rated_on"),
        )
        if rating.value not in RATING_VALUES or rating.rater not in RATERS:
            raise _bad_record("value or rater is not one of the known ones")
        return rating


@dataclass(frozen=True)
class Decision:
    """What the user chose at the review, when, and their personal-timeline answers."""

    option: str
    decided_on: date
    note: str = ""
    timeline: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {
            "option": self.option,
            "decided_on": self.decided_on.isoformat(),
            "note": self.note,
            "timeline": {question: answer for question, answer in self.timeline},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Decision:
        """Rebuild a decision from ``to_dict`` output."""
        data = _mapping(data, "decision")
        timeline = _mapping(data.get("timeline"), "timeline")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in timeline.items()):
            raise _bad_record("timeline answers should be text")
        option = _text(data, "option")
        if option not in DECISIONS:
            raise _bad_record(f"unknown decision {option!r}")
        return cls(
            option=option,
            decided_on=_day(data, "decided_on"),
            note=_text(data, "note"),
            timeline=tuple(timeline.items()),
        )


@dataclass(frozen=True)
class Cycle:
    """Six weeks from ``start`` with up to three targets, and the decision made at the end."""

    id: str
    start: date
    targets: tuple[Target, ...]
    decision: Decision | None = None
    previous_id: str | None = None
    book_id: str | None = None

    @property
    def review_on(self) -> date:
        """The review date, six weeks after the start."""
        return review_date(self.start)

    @property
    def target_ids(self) -> tuple[str, ...]:
        """The ids of this cycle's targets, in order."""
        return tuple(t.id for t in self.targets)

    def target(self, target_id: str) -> Target | None:
        """Return the target with this id, or None."""
        return next((t for t in self.targets if t.id == target_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "targets": [t.to_dict() for t in self.targets],
            "decision": self.decision.to_dict() if self.decision else None,
            "previous_id": self.previous_id,
            "book_id": self.book_id,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cycle:
        """Rebuild a cycle from ``to_dict`` output."""
        data = _mapping(data, "cycle")
        for key in ("previous_id", "book_id"):
            if data.get(key) is not None and not isinstance(data.get(key), str):
                raise _bad_record(f"{key} should be text or null")
        raw_decision = data.get("decision")
        return cls(
            id=_text(data, "id"),
            start=_day(data, "start"),
            targets=tuple(Target.from_dict(t) for t in _list(data, "targets")),
            decision=Decision.from_dict(raw_decision) if raw_decision is not None else None,
            previous_id=data.get("previous_id"),
            book_id=data.get("book_id"),
        )


@dataclass(frozen=True)
class RoutineEntry:
    """One logged routine (a check-in held, a chapter read, a journal line, a support step)."""

    routine: str
    day: date
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {"routine": self.routine, "day": self.day.isoformat(), "note": self.note}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoutineEntry:
        """Rebuild an entry from ``to_dict`` output."""
        data = _mapping(data, "routine entry")
        routine = _text(data, "routine")
        if routine not in ROUTINES:
            raise _bad_record(f"unknown routine {routine!r}")
        return cls(routine=routine, day=_day(data, "day"), note=_text(data, "note"))


def new_id() -> str:
    """Return a fresh random id for a cycle or target."""
    return secrets.token_hex(8)


def make_target(text: str, id: str) -> Target:
    """Create a target from the user's words, tidied; refuses empty or overlong text."""
    tidy = _tidy(text)
    if not tidy:
        raise _say("empty_target")
    long = too_long(tidy, TARGET_LIMIT)
    if long is not None:  # the words stay in the box; the person is told how much to cut
        raise PlanError(long)
    return Target(id=id, text=tidy)


def edit_target(target: Target, new_text: str, today: date) -> Target:
    """Return the target with new wording, keeping the old wording in its history."""
    fresh = make_target(new_text, target.id)
    if fresh.text == target.text:
        return target
    return replace(fresh, history=(*target.history, (today, target.text)))


def _check_targets(targets: tuple[Target, ...]) -> None:
    """Refuse an empty, oversized or repetitive set of targets."""
    if not targets:
        raise _say("no_targets")
    if len(targets) > MAX_TARGETS:
        raise _say("too_many_targets")
    texts = [t.text.casefold() for t in targets]
    if len(set(texts)) != len(texts):
        raise _say("duplicate_target")
    if len({t.id for t in targets}) != len(targets):
        raise _bad_record("two targets share an id")


def make_cycle(
    id: str,
    start: date,
    targets: Iterable[Target],
    previous_id: str | None = None,
    book_id: str | None = None,
) -> Cycle:
    """Create a cycle with one to three distinct targets."""
    chosen = tuple(targets)
    _check_targets(chosen)
    return Cycle(id=id, start=start, targets=chosen, previous_id=previous_id, book_id=book_id)


def edit_cycle_target(cycle: Cycle, target_id: str, new_text: str, today: date) -> Cycle:
    """Return the cycle with one target reworded (its history kept)."""
    if cycle.target(target_id) is None:
        raise _say("unknown_target")
    targets = tuple(
        edit_target(t, new_text, today) if t.id == target_id else t for t in cycle.targets
    )
    _check_targets(targets)
    return replace(cycle, targets=targets)


def decide(
    cycle: Cycle,
    option: str,
    today: date,
    note: str = "",
    timeline: Mapping[str, str] | None = None,
) -> Cycle:
    """Return the cycle with the review's decision recorded (deciding again replaces it)."""
    if option not in DECISIONS:
        raise _say("unknown_decision")
    answers = tuple((k, v.strip()) for k, v in (timeline or {}).items() if v.strip())
    decision = Decision(option=option, decided_on=today, note=note.strip(), timeline=answers)
    return replace(cycle, decision=decision)


def next_cycle(previous: Cycle, id: str, start: date, keep_targets: bool = True) -> Cycle:
    """Start a new six weeks after ``previous``, carrying its targets (with history) by default.

    Carried targets get fresh ids so the new cycle's ratings never mix with the old ones;
    the old cycle, its ratings and its decision stay as they were.
    """
    if start <= previous.start:
        raise _say("bad_start")
    if not keep_targets:
        return Cycle(id=id, start=start, targets=(), previous_id=previous.id)
    targets = tuple(replace(t, id=f"{id}-{i}") for i, t in enumerate(previous.targets, 1))
    return Cycle(
        id=id, start=start, targets=targets, previous_id=previous.id, book_id=previous.book_id
    )


def rate(ratings: Iterable[Rating], new: Rating) -> list[Rating]:
    """Return the ratings with ``new`` added, replacing any rating with the same key in place."""
    by_key: dict[tuple[str, int, str], Rating] = {}
    for rating in ratings:
        by_key[rating.key] = rating  # a later duplicate wins; dicts keep first-seen order
    by_key[new.key] = new
    return list(by_key.values())


def validate_rating(cycle: Cycle, rating: Rating, today: date) -> None:
    """Raise PlanError if ``rating`` cannot be saved for ``cycle`` today."""
    if rating.value not in RATING_VALUES:
        raise _say("bad_value")
    if rating.rater not in RATERS:
        raise _say("bad_rater")
    if cycle.target(rating.target_id) is None:
        raise _say("unknown_target")
    if not 1 <= rating.week <= WEEKS:
        raise _say("week_out_of_range")
    if rating.week > week_of(cycle.start, today):
        first, _ = week_range(cycle.start, rating.week)
        raise _say("future_week", week=rating.week, first_day=formatting.day(first))
    long = too_long(rating.note, NOTE_LIMIT)
    if long is not None:
        raise PlanError(long)


def ratings_by(ratings: Iterable[Rating], rater: str) -> list[Rating]:
    """Return only the ratings one rater made."""
    return [r for r in ratings if r.rater == rater]


def rated_weeks(cycle: Cycle, ratings: Iterable[Rating], rater: str = "owner") -> set[int]:
    """Return the weeks in which every target of the cycle has a rating from ``rater``."""
    if not cycle.targets:
        return set()
    seen: dict[int, set[str]] = {}
    for r in ratings:
        if r.rater == rater and 1 <= r.week <= WEEKS:
            seen.setdefault(r.week, set()).add(r.target_id)
    wanted = set(cycle.target_ids)
    return {week for week, ids in seen.items() if wanted <= ids}


def _plain(text: str) -> str:
    """``text`` without accents and case: "Más" and "mas" read the same."""
    split = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in split if not unicodedata.combining(c))
    ).casefold()


def _contains_phrase(text: str, phrase: str) -> bool:
    """Tell whether ``phrase`` occurs in ``text`` as whole words, ignoring case and accents."""
    words_of = _plain(phrase).split()
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words_of)) + r"(?!\w)"
    return re.search(pattern, _plain(text)) is not None


def _matching_pattern(text: str) -> words.VaguePattern | None:
    """Return the first vague-target pattern the text matches."""
    return next(
        (p for p in words.vague_patterns() if any(_contains_phrase(text, ph) for ph in p.phrases)),
        None,
    )


# How many of the own-support ideas a vague target is offered in safety mode.
OWN_SUGGESTIONS = 3


def target_suggestions(text: str, own_support: bool = False) -> tuple[str, ...]:
    """Return concrete alternatives for a vague target, or () when none apply.

    With ``own_support`` (safety mode) the alternatives are the person's own support and safety,
    never something for the two of them: a vague "be closer" is not answered with a date night.
    """
    pattern = _matching_pattern(_tidy(text))
    if pattern is None:
        return ()
    if own_support:
        return tuple(e.text for e in words.target_examples(own_support=True)[:OWN_SUGGESTIONS])
    return pattern.suggestions


def target_hint(text: str, own_support: bool = False) -> str | None:
    """Return a gentle hint when a target is vague, too long or hard to observe; None when fine."""
    tidy = _tidy(text)
    if not tidy:
        return None  # an empty box gets no nudge; saving it is refused separately
    hints = words.target_hints()
    pattern = _matching_pattern(tidy)
    if pattern:
        suggestions = target_suggestions(tidy, own_support)
        examples = ", ".join(f"\u201c{s}\u201d" for s in suggestions[:2])
        # The vague patterns' hints speak of the two of you; safety mode has its own.
        hint = words.safety_mode().hint if own_support else pattern.hint
        return hints.with_examples.format(hint=hint, examples=examples)
    if len(tidy) > hints.max_chars or len(tidy.split()) > hints.max_words:
        return hints.too_long
    if any(_contains_phrase(tidy, w) for w in hints.unobservable_words):
        return hints.not_observable
    return None
