"""The top of a running plan: week N of 6 as a progress bar, what is due, and the section control."""

from __future__ import annotations

import streamlit as st

from content.messages import t, tn
from guide import formatting
from guide.weeks import WEEKS
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
    review_on = formatting.day(cycle.review_on)
    if not status.started:
        st.progress(
            0.0,
            text=t("{headline}. The review is on {day}.", headline=headline(status), day=review_on),
        )
    else:
        st.progress(
            min(status.fraction, 1.0),
            text=t(
                "**{headline}** \u00b7 review on {day}", headline=headline(status), day=review_on
            ),
        )
    if status.due_weeks:
        st.info(
            tn(
                "Week {weeks} is ready to rate.",
                "Weeks {weeks} are ready to rate.",
                len(status.due_weeks),
                weeks=formatting.join_and([str(n) for n in status.due_weeks]),
            ),
            icon=":material/edit_calendar:",
        )
    if status.review_due and section != "review":
        with st.container(border=True, key="plan_review_due"):
            st.markdown(
                ":material/fact_check: "
                + t("**Your six weeks are done.** The review is ready when you are.")
            )
            st.button(
                t("Open the review"),
                key="plan_open_review",
                on_click=state.open_section,
                args=("review",),
                type="primary",
            )


def headline(status: PlanStatus) -> str:
    """``status.headline`` ("Week 2 of 6") in this run's language."""
    cycle = status.cycle
    if cycle is None:
        return t("No six-week plan yet")
    if not status.started:
        return t("Your six weeks begin on {day}", day=formatting.day(cycle.start))
    if status.fraction >= 1:
        return t("All six weeks are done")
    return t("Week {week} of {weeks}", week=status.week, weeks=WEEKS)


def section_picker() -> str:
    """The section control (after :func:`ui.plan.state.current_section`)."""
    # The labels are worked out now, in this run's language (not whenever the control asks).
    labels = {name: state.section_label(name) for name in state.SECTIONS}
    chosen = st.segmented_control(
        t("Part of the plan"),
        list(state.SECTIONS),
        format_func=labels.__getitem__,
        required=True,
        key=state.SECTION,
        label_visibility="collapsed",
        width="stretch",
    )
    return chosen if chosen in state.SECTIONS else "week"
