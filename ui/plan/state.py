"""What the plan's sections share: which section is open, the hints flag, and the page's top place.

The section control's value lives in ``st.session_state[SECTION]``. A save that should open another
section on the coming run (a new plan opens This week) sets :data:`NEXT_SECTION`, which Home's next
step uses too; :func:`current_section` applies it before the control is drawn.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from content.messages import t
from records import plan as plan_state
from records.plan import PlanStatus
from ui import feedback
from ui.context import Here

SECTION = "plan_section"
# The sections' labels in English (the control draws them in the session's language: section_label).
SECTIONS = {
    "week": ":material/edit_calendar: This week",
    "charts": ":material/bar_chart: Charts",
    "routines": ":material/self_improvement: Routines",
    "review": ":material/fact_check: Review",
    "setup": ":material/tune: Setup",
}
NEXT_SECTION = "plan_section_next"  # a section to open on the next run (set after a save)
HINTS_FOR = "plan_hints_for"  # the id of a cycle whose targets were just saved
TOP = "plan"  # feedback's place at the top of the page: shown whatever section comes next


def section_label(name: str) -> str:
    """A section's label, with its icon, in this run's language."""
    labels = {
        "week": t("This week"),
        "charts": t("Charts"),
        "routines": t("Routines"),
        "review": t("Review"),
        "setup": t("Setup"),
    }
    icon = SECTIONS[name].split(" ", 1)[0]
    return f"{icon} {labels[name]}"


def plan_today(place: Here, today: date) -> PlanStatus:
    """Where this space's plan stands today (its ``cycle`` is None before the first plan)."""
    return plan_state.plan_status(place, today)


def open_section(name: str) -> None:
    """Switch to another section (a button callback, so it runs before the control is drawn)."""
    st.session_state[SECTION] = name


def open_next(section: str, words: str) -> None:
    """After a save in a callback: open ``section`` on the coming run and confirm there.

    The form that saved is not drawn on that run, so the confirmation waits at the page's top.
    """
    st.session_state[NEXT_SECTION] = section
    feedback.leave(TOP, words)


def current_section() -> str:
    """The section to show: one chosen after a save (``NEXT_SECTION``), else the last one."""
    pending = st.session_state.pop(NEXT_SECTION, None)
    if pending in SECTIONS:
        st.session_state[SECTION] = pending
    # The start value goes through session state (not ``default``) because saves set it there.
    st.session_state.setdefault(SECTION, "week")
    value = st.session_state[SECTION]
    return value if value in SECTIONS else "week"
