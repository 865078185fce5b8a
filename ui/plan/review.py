"""The Review section: what the record shows, the journal lines marked as telling, then deciding
what comes next (:mod:`ui.plan.decision`), a new six weeks (:mod:`ui.plan.next_cycle`) and the
earlier plans (:mod:`ui.plan.history`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide.plan import Cycle
from guide.safety import SafetyMode
from guide.weeks import current_week
from records import plan as plan_state
from ui.context import Here
from ui.plan.decision import GOING_ALONE, decision_box, decision_form
from ui.plan.history import history
from ui.plan.next_cycle import next_cycle_form
from ui.plan.numbers import numbers, summary_of


def review(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """The review: the numbers, telling journal lines, the decision aid, then what's next."""
    info = current_week(cycle.start, today)
    if not info.finished:
        st.info(
            t(
                "It's early: your review date is {day}. You're welcome to look now. The numbers "
                "fill in as the weeks are rated.",
                day=formatting.day(cycle.review_on),
            ),
            icon=":material/schedule:",
        )
    st.subheader(t("What the record shows"), anchor=False)
    numbers(cycle, summary_of(place, cycle, today))
    st.subheader(t("Journal lines you marked as telling"), anchor=False)
    telling_lines(place, cycle)
    st.subheader(t("Deciding what comes next"), anchor=False)
    if safety.withholds("plan_ask_again"):
        # Lead with help of the person's own before any choice, so nothing here reads as a
        # step back toward couples therapy.
        with st.container(border=True, key="plan_review_safety"):
            st.markdown(f":material/health_and_safety: {words.safety_mode().review_lead}")
    st.write(words.decision_aid().intro)
    if cycle.decision is None:
        decision_form(place, cycle, today, safety)
        st.page_link(
            GOING_ALONE,
            label=t("More about individual therapy: Going alone"),
            icon=":material/self_improvement:",
        )
    else:
        decision_box(cycle, safety)
        with st.expander(t("Change my decision or my timeline"), icon=":material/edit:"):
            decision_form(place, cycle, today, safety)
        next_cycle_form(place, cycle, today)
    history(place, cycle)


def telling_lines(place: Here, cycle: Cycle) -> None:
    """The journal lines the user marked as telling, as plain text."""
    lines = [line for line in plan_state.journal_entries(place, cycle) if line.telling]
    if not lines:
        st.caption(
            t(
                "None yet. In your journal under Routines, you can mark a line as telling, and "
                "it will show up here."
            )
        )
        return
    with st.container(border=True, key="plan_telling"):
        for line in lines:
            st.text(f"{formatting.short_day(line.day)}: {line.text}")
