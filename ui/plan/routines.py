"""The plan's Routines section: nightly and weekly check-ins, a book, a journal, own support.

``render(place, cycle)`` is drawn by ``app_pages/plan.py`` as its "Routines" section (``cycle`` is
None when no plan has started: the routines are useful on their own, so they never wait for a
plan). A segmented control shows one routine at a time, each drawn by its own module:
:mod:`ui.plan.checkin` (nightly, with :mod:`ui.plan.timer`, and weekly), :mod:`ui.plan.book`,
:mod:`ui.plan.journal` and :mod:`ui.plan.support`.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from content import plan as words
from content.messages import t
from guide.plan import ROUTINES, Cycle
from guide.safety import SafetyMode
from ui import feedback
from ui.context import Here
from ui.plan.book import book
from ui.plan.checkin import nightly, weekly
from ui.plan.journal import journal
from ui.plan.routine_log import PLACE
from ui.plan.support import support
from ui.safety.state import mode

PICK = "plan_routines_pick"
DRAW: dict[str, Callable[[Here, Cycle | None, SafetyMode], None]] = {
    "nightly": nightly,
    "weekly": weekly,
    "book": book,
    "journal": journal,
    "support": support,
}


def render(place: Here, cycle: Cycle | None) -> None:
    """Draw the routines for ``cycle`` (None when no plan has started)."""
    safety = mode(place)
    feedback.show(PLACE)
    if cycle is None:
        st.info(
            t(
                "Routines belong to a six-week plan: once a plan is running, what you log here "
                "counts toward its review. You don't have to wait for one, though. Everything "
                "below works now, and what you log is kept."
            ),
            icon=":material/info:",
        )
    labels = words.routine_labels()
    pick = st.segmented_control(
        t("Routine"),
        ROUTINES,
        format_func=lambda r: labels[r],
        default="journal" if safety.on else "nightly",
        required=True,
        key=PICK,
        label_visibility="collapsed",
    )
    DRAW[pick or "nightly"](place, cycle, safety)
