"""Where the quiz lives: finished results, and the one quiz in progress.

Tables (private compartment):

- ``quiz_results``: one document per finished quiz, :func:`stored_result`: the scored result
  (``guide.quiz.result_to_dict``) plus ``taken_at`` (ISO, UTC) and the safety screen's outcome
  (``safety_flagged``, ``safety_items``, ``safety_complete``, ``safety_declined``). The safety gate
  reads the newest completed screen from here (:func:`latest_screen`).
- ``quiz_progress``, key ``"current"``: ``{"answers": {item id: option index}, "started_at": iso,
  "position": screen index}`` while a quiz is under way; removed when it is finished or stopped.

Reading is defensive: a result that can't be read is counted and left out, a progress document's
odd fields are dropped or defaulted (:class:`Progress`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from content.quiz import load_quiz
from guide.formatting import read_moment
from guide.quiz import QuizResult, reread, result_from_dict, result_to_dict
from guide.safety import ScreenState
from storage.compartment import Compartment

RESULTS_TABLE = "quiz_results"
PROGRESS_TABLE, CURRENT = "quiz_progress", "current"
TABLES = (RESULTS_TABLE, PROGRESS_TABLE)


# --- finished results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One readable stored result: when it was taken, what it found, and how the screen ended."""

    taken_at: datetime
    result: QuizResult
    declined: bool


def stored_result(result: QuizResult, taken_at: datetime, declined: bool) -> dict[str, Any]:
    """The document stored in ``quiz_results`` for a finished quiz."""
    # Declining the safety questions is an explicit choice that closes the screen, and it counts
    # as a concern, so the gate (which reads the newest completed screen) switches safety mode on.
    flagged = result.safety_flagged or declined
    return result_to_dict(result) | {
        "taken_at": taken_at.astimezone(UTC).isoformat(),
        "safety_flagged": flagged,
        "safety_items": list(result.safety_items),
        "safety_complete": True,
        "safety_declined": declined,
    }


def read_history(docs: Sequence[Mapping[str, Any]]) -> tuple[list[Entry], int]:
    """Return the readable results newest first, and how many were too damaged to read."""
    entries: list[Entry] = []
    damaged = 0
    for doc in docs:
        taken = read_moment(doc.get("taken_at")) if isinstance(doc, Mapping) else None
        if taken is None:
            damaged += 1
            continue
        try:
            result = result_from_dict(doc)
        except (ValueError, TypeError, AttributeError):
            damaged += 1
            continue
        # Read by today's rules, so an older result shows no quiet answer as evidence.
        entries.append(Entry(taken, reread(result, load_quiz()), bool(doc.get("safety_declined"))))
    entries.sort(key=lambda e: e.taken_at, reverse=True)
    return entries, damaged


def history(private: Compartment) -> tuple[list[Entry], int]:
    """Every readable result newest first, and how many stored results could not be read."""
    return read_history(private.all(RESULTS_TABLE))


def latest(private: Compartment) -> Entry | None:
    """The newest readable result; damaged ones are skipped quietly."""
    entries, _damaged = history(private)
    return entries[0] if entries else None


def has_results(private: Compartment) -> bool:
    """True when any result is stored (readable or not)."""
    return bool(private.all(RESULTS_TABLE))


def save_result(private: Compartment, doc: dict[str, Any]) -> None:
    """Store one finished quiz (a document from :func:`stored_result`)."""
    private.insert(RESULTS_TABLE, doc)


def latest_screen_in(results: Sequence[Mapping[str, Any]]) -> ScreenState | None:
    """The most recent completed safety screen among stored result documents, or None."""
    found: ScreenState | None = None
    for result in results:
        if not isinstance(result, Mapping):
            continue
        taken = read_moment(result.get("taken_at"))
        if taken is None or not result.get("safety_complete", False):
            continue
        items = result.get("safety_items", ())
        screen = ScreenState(
            taken_at=taken,
            flagged=bool(result.get("safety_flagged")),
            items=tuple(str(i) for i in items) if isinstance(items, list | tuple) else (),
        )
        if found is None or screen.taken_at >= found.taken_at:
            found = screen
    return found


def latest_screen(private: Compartment) -> ScreenState | None:
    """The most recent completed safety screen, or None if the user has not finished one."""
    return latest_screen_in(private.all(RESULTS_TABLE))


# --- the quiz in progress ------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """The quiz under way: answers so far, when it began, and the screen it was on.

    ``started_at`` is "" and ``position`` None when the stored values are missing or odd (the page
    puts in now, and the first unanswered question).
    """

    answers: dict[str, int] = field(default_factory=dict)
    started_at: str = ""
    position: int | None = None


def _progress_from(doc: Mapping[str, Any]) -> Progress:
    raw = doc.get("answers")
    answers = (
        {str(k): v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}
        if isinstance(raw, dict)
        else {}
    )
    started = doc.get("started_at")
    position = doc.get("position")
    return Progress(
        answers=answers,
        started_at=started if isinstance(started, str) else "",
        position=position if isinstance(position, int) and not isinstance(position, bool) else None,
    )


def progress(private: Compartment) -> Progress | None:
    """The quiz in progress, or None when no quiz is under way."""
    doc = private.get(PROGRESS_TABLE, CURRENT)
    return None if doc is None else _progress_from(doc)


def in_progress(private: Compartment) -> bool:
    """True while a quiz is under way."""
    return private.get(PROGRESS_TABLE, CURRENT) is not None


def save_progress(
    private: Compartment, answers: Mapping[str, int], started_at: str, position: int
) -> None:
    """Store where the quiz is (replacing what was stored)."""
    fields = {"answers": dict(answers), "started_at": started_at, "position": position}
    private.put(PROGRESS_TABLE, CURRENT, fields)


def stop(private: Compartment) -> None:
    """Remove the quiz in progress (its answers go with it; finished results stay)."""
    doc = private.get(PROGRESS_TABLE, CURRENT)
    if doc is not None:
        private.remove(PROGRESS_TABLE, doc["_id"])
