"""Your own support: steps for the person themselves, ticked off week by week, whatever the
partner decides."""

from __future__ import annotations

from datetime import date

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide import routines as rt
from guide.plan import Cycle
from guide.safety import SafetyMode
from records import routines as records
from ui import feedback, pages
from ui.clock import today
from ui.context import Here
from ui.plan.routine_log import PLACE, cycle_id, heading

GOING_ALONE = pages.path("going_alone")
SAFETY_PAGE = pages.path("safety")


def support(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    """This week's own-support steps, each with its tick, and where to read more."""
    heading("support", t("Your own support"))
    st.write(
        t(
            "Whatever your partner decides, these are for you. When you've done one this week, "
            "tick it off: small and often counts."
        )
    )
    window = rt.week_window(today(), cycle.start if cycle else None)
    done = rt.support_done(records.log_docs(place.private), *window)
    steps = words.support_steps()
    st.caption(
        t(
            "This week ({first} to {last}): {done} of {total} done.",
            first=formatting.day(window[0]),
            last=formatting.day(window[1]),
            done=sum(1 for s in steps if s.id in done),
            total=len(steps),
        )
    )
    for step in steps:
        with st.container(border=True, key=f"plan_routines_support_card_{step.id}"):
            st.markdown(f"**{step.title}**")
            st.write(step.text)
            st.caption(t("A first step: {step}", step=step.first_step))
            widget = f"plan_routines_support_{step.id}_{window[0].isoformat()}"
            st.checkbox(
                t("Done this week"),
                value=step.id in done,
                key=widget,
                on_change=mark_support,
                args=(place, cycle, step, window, widget),
            )
    st.page_link(GOING_ALONE, label=t("More on going alone"), icon=":material/self_improvement:")
    if safety.on:
        st.page_link(SAFETY_PAGE, label=t("Safety help"), icon=":material/health_and_safety:")


@feedback.saves(PLACE)
def mark_support(
    place: Here,
    cycle: Cycle | None,
    step: words.SupportStep,
    window: tuple[date, date],
    widget: str,
) -> str:
    """Tick a step off for this week, or untick it (the checkbox's callback)."""
    marked = bool(st.session_state.get(widget))
    done = rt.support_done(records.log_docs(place.private), *window)
    if marked:
        if step.id not in done:
            doc = rt.log_doc("support", today(), step.title, cycle_id(cycle), step_id=step.id)
            records.add_entry(place.private, doc)
    else:
        records.remove_entries(place.private, done.get(step.id, []))
    return t("Noted. Well done.") if marked else t("Unticked.")
