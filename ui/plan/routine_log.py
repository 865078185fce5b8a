"""What the routines share: the log's one entry a day per routine, their headings, the safety note,
and the place at the top of the Routines section where the ticks' callbacks leave what they say.

Everything logged goes to the private compartment in the shapes described in
:mod:`guide.routines`, tagged with the cycle's id, or with ``None`` when no plan has started yet.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from content.messages import t
from guide import routines as rt
from guide.plan import Cycle
from records import routines as records
from ui.context import Here

PLACE = "plan_routines"  # a tick or a choice (book, journal mark, own support): said at the top
NOTE_CHARS = 200
ICONS = {
    "nightly": ":material/bedtime:",
    "weekly": ":material/forum:",
    "book": ":material/menu_book:",
    "journal": ":material/edit_note:",
    "support": ":material/self_improvement:",
}


def safety_together() -> str:
    """The note beside a routine done together while safety mode is on (the run's language)."""
    return t(
        "Safety mode is on. Talking things through together only helps when you can speak "
        "without fear. If a conversation with your partner could lead to harm, leave this one "
        "aside: your journal and your own support are here for you, and the Safety page has "
        "people who can help."
    )


def cycle_id(cycle: Cycle | None) -> str | None:
    """The id the log is tagged with: the cycle's, or None before any plan."""
    return cycle.id if cycle else None


def heading(routine: str, title: str) -> None:
    """A routine's heading, with its icon."""
    st.subheader(f"{ICONS[routine]} {title}", anchor=False)


def log_once_a_day(
    place: Here, routine: str, day: date, note: str, cycle: Cycle | None, **extra: object
) -> bool:
    """Log a routine for ``day``; doing it again the same day updates that entry.

    Boxes left empty keep what was logged earlier that day (see ``rt.keep_saved``); returns True
    when something saved was kept that way, so the page can say so.
    """
    found = logged_on(place, routine, day, cycle)
    answers = extra.pop("answers", None)
    kept_note, kept_answers, kept = rt.keep_saved(found, note, answers or ())
    if answers is not None:
        extra["answers"] = kept_answers
    doc = rt.log_doc(routine, day, kept_note, cycle_id(cycle), **extra)
    if found is None:
        records.add_entry(place.private, doc)
    else:
        records.replace_entry(place.private, found["_id"], doc)
    return kept


def logged_on(place: Here, routine: str, day: date, cycle: Cycle | None) -> dict | None:
    """This routine's entry on ``day`` in this cycle, as stored, or None."""
    return rt.entry_on(records.log_docs(place.private), routine, day, cycle_id(cycle))
