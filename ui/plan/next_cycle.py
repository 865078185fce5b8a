"""Starting the next six weeks after a review, with the targets carried over (reword or clear any)."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from content.messages import t
from guide import formatting
from guide.limits import limit_hint
from guide.plan import MAX_TARGETS, TARGET_LIMIT, Cycle, PlanError
from records import plan as plan_state
from ui import feedback
from ui.context import Here
from ui.plan import state
from ui.plan.fields import picker_format, today_in_words, typed

PLACE = "plan_next_cycle"


def next_cycle_form(place: Here, cycle: Cycle, today: date) -> None:
    """Start the next six weeks, carrying the targets over (reword or clear any)."""
    st.subheader(t("Start a new six weeks"), anchor=False)
    st.write(
        t(
            "Your targets carry over: keep them, reword them, or clear one to drop it. This plan, "
            "its record and your decision are kept, and you can look back at them here."
        )
    )
    earliest = cycle.start + timedelta(days=1)
    with st.form(f"plan_next_form_{cycle.id}", border=True):
        today_in_words(today)
        st.date_input(
            t("When do the new six weeks start?"),
            value=max(today, earliest),
            min_value=earliest,
            max_value=max(today, earliest) + timedelta(days=60),
            format=picker_format(),
            key=f"plan_next_start_{cycle.id}",
        )
        for n in range(1, MAX_TARGETS + 1):
            st.text_input(
                t("Target {n}", n=n),
                value=cycle.targets[n - 1].text if n <= len(cycle.targets) else "",
                help=limit_hint(TARGET_LIMIT),
                key=f"plan_next_target_{cycle.id}_{n}",
            )
        st.form_submit_button(
            t("Start the new six weeks"),
            type="primary",
            icon=":material/restart_alt:",
            on_click=start_next,
            args=(place, cycle, today),
        )
    feedback.show(PLACE)


@feedback.saves(PLACE)
def start_next(place: Here, cycle: Cycle, today: date) -> None:
    """Start the new cycle the form describes (a callback); This week opens on the coming run."""
    start = st.session_state.get(f"plan_next_start_{cycle.id}")
    texts = [typed(f"plan_next_target_{cycle.id}_{n}") for n in range(1, MAX_TARGETS + 1)]
    if not any(text.strip() for text in texts):
        # Every box cleared is not a wish to start an empty plan: nothing changes, and it says so.
        feedback.leave(
            PLACE,
            t(
                "Nothing was started: with every target cleared there would be nothing to rate. "
                "Your current six weeks and their targets are kept as they were. Keep at least "
                "one target to start new ones."
            ),
            remark=True,
            icon=":material/edit:",
        )
        return
    try:
        fresh = plan_state.carry_over(cycle, texts, start, today)
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/edit:")
        return
    plan_state.start_cycle(place, fresh)
    st.session_state[state.HINTS_FOR] = fresh.id
    state.open_next(
        "week", t("Your new six weeks start on {day}.", day=formatting.day(fresh.start))
    )
