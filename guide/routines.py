"""Pure helpers for the plan's routines: the nightly timer, routine-log records, book ticks, journal.

The nightly timer keeps only moments: when it started, when it was paused, how long it has stood
paused, and how far it was skipped ahead. Everything else (which phase, how long is left) is worked
out from a clock reading passed in, so a slow rerun never makes it drift. Nothing here reads a
clock, storage or streamlit.

Stored shapes (private compartment), built and read here so the page and the review agree:

- ``routine_log``: ``RoutineEntry.to_dict()`` plus ``cycle_id`` (str or None), and per routine:
  ``weekly`` -> ``answers`` (list of short notes, one per prompt); ``book`` -> ``book_id``,
  ``week`` (1..4); ``support`` -> ``step_id``. Journal lines are not copied here: the plan's
  activity counts read them from ``journal`` (``records.plan.activity_entries``).
- ``journal``: ``{"key": iso day, "day": iso day, "text", "telling": bool, "cycle_id"}``, one per
  day: writing again the same day replaces the text and keeps ``telling``.
- ``book_choice``: key ``NO_CYCLE`` -> ``{"book_id"}``, the book chosen before any plan exists
  (with a plan, the choice is the cycle's own ``book_id``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from guide.formatting import read_date
from guide.plan import ROUTINES, RoutineEntry
from guide.weeks import WEEKS, week_of, week_range

JOURNAL_LIMIT = 280
NO_CYCLE = "no_plan"  # the book_choice key used before any six-week plan has started


# --- the nightly timer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timer:
    """A running or paused countdown, as moments on one clock (seconds, e.g. time.monotonic())."""

    started: float
    paused_at: float | None = None
    paused_for: float = 0.0
    skipped: float = 0.0

    @property
    def paused(self) -> bool:
        """True while the timer is paused."""
        return self.paused_at is not None


@dataclass(frozen=True)
class PhaseStatus:
    """Where a timer stands: the phase (0-based; == number of phases once finished) and time left."""

    index: int
    length: float
    remaining: float
    total_remaining: float
    finished: bool

    @property
    def fraction(self) -> float:
        """How much of the current phase has passed, from 0 to 1 (1 once finished)."""
        if self.finished or self.length <= 0:
            return 1.0
        return min(max(1 - self.remaining / self.length, 0.0), 1.0)


def start_timer(now: float) -> Timer:
    """A timer that starts counting at ``now``."""
    return Timer(started=now)


def elapsed(timer: Timer, now: float) -> float:
    """Seconds the timer has counted: wall time since start, minus pauses, plus skips."""
    until = timer.paused_at if timer.paused_at is not None else now
    return max(until - timer.started - timer.paused_for + timer.skipped, 0.0)


def pause(timer: Timer, now: float) -> Timer:
    """Stop the count at ``now`` (pausing a paused timer changes nothing)."""
    return timer if timer.paused else replace(timer, paused_at=now)


def resume(timer: Timer, now: float) -> Timer:
    """Carry on counting from where the pause left off."""
    if timer.paused_at is None:
        return timer
    pause_length = max(now - timer.paused_at, 0.0)
    return replace(timer, paused_at=None, paused_for=timer.paused_for + pause_length)


def _check(durations: Sequence[float]) -> None:
    if any(d <= 0 for d in durations):
        raise ValueError("every phase needs a positive length")


def phase_status(durations: Sequence[float], seconds: float) -> PhaseStatus:
    """Which phase ``seconds`` of counting falls in, and how long is left in it and overall.

    A phase boundary belongs to the next phase: at exactly 120 s of a 120 s first phase the second
    phase has just begun with its full length left.
    """
    _check(durations)
    seconds = max(seconds, 0.0)
    total = float(sum(durations))
    boundary = 0.0
    for index, length in enumerate(durations):
        boundary += length
        if seconds < boundary:
            return PhaseStatus(index, float(length), boundary - seconds, total - seconds, False)
    return PhaseStatus(len(durations), 0.0, 0.0, 0.0, True)


def status(timer: Timer, durations: Sequence[float], now: float) -> PhaseStatus:
    """The timer's phase and time left at ``now``."""
    return phase_status(durations, elapsed(timer, now))


def skip(timer: Timer, durations: Sequence[float], now: float) -> Timer:
    """Jump to the start of the next phase (or to the end from the last one)."""
    current = status(timer, durations, now)
    if current.finished:
        return timer
    return replace(timer, skipped=timer.skipped + current.remaining)


def clock(seconds: float) -> str:
    """Seconds left as ``m:ss``, rounded up so a phase shows its full length at its start."""
    whole = max(math.ceil(seconds - 1e-6), 0)  # float noise (60.0000001) must not read "1:01"
    return f"{whole // 60}:{whole % 60:02d}"


# --- routine-log records -------------------------------------------------------------------------


def log_doc(
    routine: str, day: date, note: str, cycle_id: str | None, **extra: Any
) -> dict[str, Any]:
    """The ``routine_log`` document for one entry: the RoutineEntry, its cycle, and extras."""
    if routine not in ROUTINES:
        raise ValueError(f"unknown routine {routine!r}")
    entry = RoutineEntry(routine=routine, day=day, note=" ".join(note.split()))
    return entry.to_dict() | {"cycle_id": cycle_id} | extra


def keep_saved(
    saved: Mapping[str, Any] | None, note: str, answers: Sequence[str] = ()
) -> tuple[str, list[str], bool]:
    """What to store when a check-in is logged again: typed words win, empty boxes keep old ones.

    An empty box is not a wish to erase (clearing is its own, confirmed act), so a saved note or
    answer survives a submit that left its box empty. Returns the note, the answers, and whether
    anything saved was kept that way.
    """
    tidy_note = " ".join(note.split())
    tidy_answers = [" ".join(a.split()) for a in answers]
    if saved is None:
        return tidy_note, tidy_answers, False
    kept = False
    old_note = saved.get("note")
    if not tidy_note and isinstance(old_note, str) and old_note.strip():
        tidy_note, kept = old_note, True
    old_answers = saved.get("answers")
    if isinstance(old_answers, list):
        for i, old in enumerate(old_answers[: len(tidy_answers)]):
            if not tidy_answers[i] and isinstance(old, str) and old.strip():
                tidy_answers[i], kept = old, True
    return tidy_note, tidy_answers, kept


def _day(doc: Mapping[str, Any]) -> date | None:
    return read_date(doc.get("day"))


def entries(
    docs: Iterable[Mapping[str, Any]], routine: str, cycle_id: str | None
) -> list[dict[str, Any]]:
    """One routine's readable entries for one cycle (None: logged without a plan), newest first."""
    found = [
        dict(doc)
        for doc in docs
        if doc.get("routine") == routine
        and doc.get("cycle_id") == cycle_id
        and _day(doc) is not None
    ]
    # Newest day first; on the same day the later insert (higher id) first.
    found.sort(key=lambda d: (d["day"], d.get("_id", 0)), reverse=True)
    return found


def entry_on(
    docs: Iterable[Mapping[str, Any]], routine: str, day: date, cycle_id: str | None
) -> dict[str, Any] | None:
    """This routine's stored entry on ``day`` in this cycle (with its ``_id``), if there is one."""
    for doc in entries(docs, routine, cycle_id):
        if doc["day"] == day.isoformat() and isinstance(doc.get("_id"), int):
            return dict(doc)
    return None


def week_window(today: date, start: date | None) -> tuple[date, date]:
    """The week ``today`` belongs to: the plan's week while a plan runs, else Monday to Sunday."""
    if start is not None:
        week = week_of(start, today)
        if 1 <= week <= WEEKS:
            return week_range(start, week)
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def book_ticks(
    docs: Iterable[Mapping[str, Any]], cycle_id: str | None, book_id: str, weeks: int
) -> dict[int, list[int]]:
    """Ticked book-track weeks (1..weeks) for this cycle and book, each with its entry ids."""
    ticks: dict[int, list[int]] = {}
    for doc in entries(docs, "book", cycle_id):
        week, doc_id = doc.get("week"), doc.get("_id")
        if doc.get("book_id") != book_id or not isinstance(doc_id, int):
            continue
        if isinstance(week, int) and not isinstance(week, bool) and 1 <= week <= weeks:
            ticks.setdefault(week, []).append(doc_id)
    return ticks


def support_done(
    docs: Iterable[Mapping[str, Any]], first: date, last: date
) -> dict[str, list[int]]:
    """Support steps noted between ``first`` and ``last`` (any cycle), each with its entry ids."""
    done: dict[str, list[int]] = {}
    for doc in docs:
        day, step, doc_id = _day(doc), doc.get("step_id"), doc.get("_id")
        if doc.get("routine") != "support" or day is None or not isinstance(step, str):
            continue
        if first <= day <= last and isinstance(doc_id, int):
            done.setdefault(step, []).append(doc_id)
    return done


# --- the journal ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalLine:
    """One day's line in the private journal."""

    day: date
    text: str
    telling: bool = False
    cycle_id: str | None = None


def tidy_line(text: str) -> str:
    """A journal line as kept: one line, single spaces, at most JOURNAL_LIMIT characters."""
    return " ".join(text.split())[:JOURNAL_LIMIT]


def journal_doc(line: JournalLine) -> dict[str, Any]:
    """The ``journal`` document for a line, keyed by its day so one day holds one line."""
    day = line.day.isoformat()
    return {
        "key": day,
        "day": day,
        "text": line.text,
        "telling": line.telling,
        "cycle_id": line.cycle_id,
    }


def read_journal(docs: Iterable[Mapping[str, Any]]) -> tuple[list[JournalLine], int]:
    """Readable journal lines newest first (one per day, the later write winning) and a damage count."""
    by_day: dict[date, JournalLine] = {}
    damaged = 0
    for doc in docs:
        day, text, cycle_id = _day(doc), doc.get("text"), doc.get("cycle_id")
        if (
            day is None
            or not isinstance(text, str)
            or not (cycle_id is None or isinstance(cycle_id, str))
        ):
            damaged += 1
            continue
        # Only a real True marks a line: a hand-edited "no" must not gather it for the review.
        by_day[day] = JournalLine(day, text, doc.get("telling") is True, cycle_id)
    return sorted(by_day.values(), key=lambda line: line.day, reverse=True), damaged
