"""No plan yet: what the six-week experiment is, in a few warm lines, and the first plan's form.

The form's callback starts the plan and opens This week on the coming run, where any target that
may be hard to rate gets a gentle hint (:mod:`ui.plan.week`).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from content import plan as words
from guide import formatting
from guide.limits import limit_hint
from guide.plan import MAX_TARGETS, TARGET_LIMIT, PlanError
from guide.safety import SafetyMode
from guide.weeks import CYCLE_DAYS
from records import plan as plan_state
from ui import feedback
from ui.context import Here
from ui.plan import state
from ui.plan.fields import picker_format, today_in_words, typed

PLACE = "plan_new"


def first_plan(place: Here, today: date, safety: SafetyMode) -> None:
    """The page without a plan: the experiment explained, then the setup form."""
    if safety.withholds("plan_together_ideas"):
        # In safety mode the six weeks are the person's own: their rest, support and safety.
        own = words.safety_mode()
        st.markdown(own.intro)
        st.markdown("\n".join(f"- {point}" for point in own.points))
        st.caption("Everything you write here stays in your private space.")
        st.subheader("Set up your six weeks", anchor=False)
        new_plan_form(place, today, own_support=True)
        return
    st.markdown(
        "You can't make anyone go to therapy. What you can do is try a few small changes for "
        "six weeks and keep an honest record of how they go."
    )
    st.markdown(
        "- **Pick up to three targets**: things you would both notice in an ordinary week, "
        "like no phones at dinner.\n"
        "- **Once a week**, note whether each one was kept, partly kept or not kept. It takes "
        "a minute, and a late week can still be rated.\n"
        "- **After six weeks**, look back over the record and your journal, and decide "
        "what comes next with something solid in hand."
    )
    st.caption("Everything you write here stays in your private space.")
    st.subheader("Set up your six weeks", anchor=False)
    new_plan_form(place, today)


def new_plan_form(place: Here, today: date, own_support: bool = False) -> None:
    """The first plan: a start date and one to three targets, picked or written.

    ``own_support`` (safety mode) offers ideas for the person's own support and safety.
    """
    examples = [example.text for example in words.target_examples(own_support)]
    with st.form("plan_setup_form", border=True):
        today_in_words(today)
        st.date_input(
            "When do the six weeks start?",
            value=today,
            min_value=today - timedelta(days=CYCLE_DAYS - 1),
            max_value=today + timedelta(days=60),
            format=picker_format(),
            key="plan_setup_start",
            help="Any day of the week works. Each week runs for seven days from this day.",
        )
        st.pills(
            "Pick from these ideas",
            examples,
            selection_mode="multi",
            key="plan_setup_ideas",
        )
        st.markdown("**Or write your own**")
        for n in range(1, MAX_TARGETS + 1):
            st.text_input(
                f"Target {n}",
                key=f"plan_setup_target_{n}",
                help=limit_hint(TARGET_LIMIT),
                placeholder=f"For example: {examples[(n * 3) % len(examples)]}",
            )
        who = "you would" if own_support else "you would both"
        st.caption(
            "Three targets is a good number, and one or two is fine. Short and concrete works "
            f"best: something {who} notice happening, or not, in an ordinary week."
        )
        st.form_submit_button(
            "Start my six weeks",
            type="primary",
            icon=":material/flag:",
            on_click=start_plan,
            args=(place,),
        )
    feedback.show(PLACE)


@feedback.saves(PLACE)
def start_plan(place: Here) -> None:
    """Start the plan the form describes (a callback); This week opens on the coming run."""
    start = st.session_state.get("plan_setup_start")
    picked = st.session_state.get("plan_setup_ideas") or []
    typed_in = [typed(f"plan_setup_target_{n}") for n in range(1, MAX_TARGETS + 1)]
    try:
        cycle = plan_state.new_plan(start, [*picked, *typed_in])
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/edit:")
        return
    plan_state.start_cycle(place, cycle)
    st.session_state[state.HINTS_FOR] = cycle.id
    state.open_next(
        "week",
        f"Your six weeks start on {formatting.day(cycle.start)}. "
        f"The review is on {formatting.day(cycle.review_on)}.",
    )
