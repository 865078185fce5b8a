"""The top of a running plan: week N of 6 as a progress bar, what is due, and the section control."""

from __future__ import annotations

import streamlit as st

from guide import formatting
from guide.journey import weeks_phrase
from records.plan import PlanStatus
from ui.plan import state


def header(status: PlanStatus) -> str:
    """Where the six weeks stand, then the section control; returns the section to draw."""
    progress(status, state.current_section())
    return section_picker()


def progress(status: PlanStatus, section: str) -> None:
    """Week N of 6 as a progress bar, and what is due (the review's call-out outside it)."""
    cycle = status.cycle
    assert cycle is not None
    if not status.started:
        st.progress(
            0.0, text=f"{status.headline}. The review is on {formatting.day(cycle.review_on)}."
        )
    else:
        st.progress(
            min(status.fraction, 1.0),
            text=f"**{status.headline}** \u00b7 review on {formatting.day(cycle.review_on)}",
        )
    if status.due_weeks:
        st.info(f"{weeks_phrase(status.due_weeks)} ready to rate.", icon=":material/edit_calendar:")
    if status.review_due and section != "review":
        with st.container(border=True, key="plan_review_due"):
            st.markdown(
                ":material/fact_check: **Your six weeks are done.** The review is ready when you "
                "are."
            )
            st.button(
                "Open the review",
                key="plan_open_review",
                on_click=state.open_section,
                args=("review",),
                type="primary",
            )


def section_picker() -> str:
    """The section control (after :func:`ui.plan.state.current_section`)."""
    chosen = st.segmented_control(
        "Part of the plan",
        list(state.SECTIONS),
        format_func=state.SECTIONS.__getitem__,
        required=True,
        key=state.SECTION,
        label_visibility="collapsed",
        width="stretch",
    )
    return chosen if chosen in state.SECTIONS else "week"
