"""Where the plan's routines live: the routine log, the journal, and the book chosen before a plan.

Tables (private compartment); the shapes are built and read by :mod:`guide.routines`, so the
routines tab and the plan's review agree:

- ``routine_log``: ``RoutineEntry.to_dict()`` plus ``cycle_id`` (str, or None before any plan),
  and per routine ``answers`` (weekly), ``book_id``/``week`` (book), ``step_id`` (support).
- ``journal``: key = ISO day -> ``guide.routines.journal_doc(...)``, one line per day.
- ``book_choice``: key ``guide.routines.NO_CYCLE`` -> ``{"book_id"}`` (with a plan, the book is the
  cycle's own ``book_id``).

Reading is defensive: an entry or line of the wrong shape is skipped (and counted where the page
says so), never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from guide import routines as rt
from guide.plan import PlanError, RoutineEntry
from storage.compartment import Compartment

log = logging.getLogger(__name__)

LOG_TABLE = "routine_log"
JOURNAL_TABLE = "journal"
BOOK_TABLE = "book_choice"
TABLES = (LOG_TABLE, JOURNAL_TABLE, BOOK_TABLE)


# --- the routine log -----------------------------------------------------------------------------


def log_docs(private: Compartment) -> list[dict[str, Any]]:
    """Every routine-log document as stored (``guide.routines`` picks out the readable ones)."""
    return private.all(LOG_TABLE)


def add_entry(private: Compartment, doc: dict[str, Any]) -> int:
    """Append one routine-log document (from ``guide.routines.log_doc``); returns its id."""
    return private.insert(LOG_TABLE, doc)


def replace_entry(private: Compartment, doc_id: int, doc: dict[str, Any]) -> None:
    """Write ``doc`` over the stored entry ``doc_id`` (logging the same routine again that day)."""
    private.update(LOG_TABLE, doc_id, doc)


def remove_entries(private: Compartment, doc_ids: Iterable[int]) -> None:
    """Forget routine-log entries (an unticked book week or support step)."""
    for doc_id in doc_ids:
        private.remove(LOG_TABLE, doc_id)


def cycle_entries(private: Compartment, cycle_id: str) -> list[RoutineEntry]:
    """The routine log entries made during one cycle, oldest first (unreadable ones skipped).

    A search instead of ``all()``: years of entries would otherwise be copied on every run only to
    keep one cycle's worth.
    """
    found = []
    for doc in private.find(LOG_TABLE, "cycle_id", [cycle_id]):
        try:
            found.append(RoutineEntry.from_dict(doc))
        except PlanError:
            log.warning("a stored routine entry could not be read and was skipped")
    return sorted(found, key=lambda e: e.day)


# --- the journal ---------------------------------------------------------------------------------


def journal(private: Compartment) -> tuple[list[rt.JournalLine], int]:
    """Readable journal lines newest first, and how many stored lines could not be read."""
    return rt.read_journal(private.all(JOURNAL_TABLE))


def cycle_journal(private: Compartment, cycle_id: str) -> list[rt.JournalLine]:
    """The journal lines written during one cycle, oldest first (unreadable ones skipped)."""
    lines, damaged = rt.read_journal(private.find(JOURNAL_TABLE, "cycle_id", [cycle_id]))
    if damaged:
        log.warning("%d stored journal line(s) could not be read and were skipped", damaged)
    return sorted(lines, key=lambda line: line.day)


def save_line(private: Compartment, line: rt.JournalLine) -> None:
    """Store a day's line (writing again the same day replaces it)."""
    private.put(JOURNAL_TABLE, line.day.isoformat(), rt.journal_doc(line))


def mark_telling(private: Compartment, line: rt.JournalLine, telling: bool) -> None:
    """Mark or unmark a line as telling; only the mark changes, whatever was written since."""
    doc = private.get(JOURNAL_TABLE, line.day.isoformat())
    if doc is None:
        save_line(private, rt.JournalLine(line.day, line.text, telling, line.cycle_id))
    else:
        private.update(JOURNAL_TABLE, doc["_id"], {"telling": telling})


# --- the book chosen before any plan -------------------------------------------------------------


def book_before_plan(private: Compartment) -> str | None:
    """The book chosen while no plan runs, if one was (not checked against what is offered)."""
    doc = private.get(BOOK_TABLE, rt.NO_CYCLE)
    book_id = doc.get("book_id") if doc else None
    return book_id if isinstance(book_id, str) else None


def choose_book_before_plan(private: Compartment, book_id: str) -> None:
    """Remember the book chosen while no plan runs."""
    private.put(BOOK_TABLE, rt.NO_CYCLE, {"book_id": book_id})
