"""No plan yet: what the six-week experiment is, in a few warm lines, and the first plan's form.

The form's callback starts the plan and opens This week on the coming run, where any target that
may be hard to rate gets a gentle hint (:mod:`ui.plan.week`).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from content import plan as words
from content.messages import t
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
        st.caption(t("Everything you write here stays in your private space."))
        st.subheader(t("Set up your six weeks"), anchor=False)
        new_plan_form(place, today, own_support=True)
        return
    st.markdown(
        t(
            "You can't make anyone go to therapy. What you can do is try a few small changes for "
            "six weeks and keep an honest record of how they go."
        )
    )
    st.markdown(
        "\n".join(
            [
                t(
                    "- **Pick up to three targets**: things you would both notice in an ordinary "
                    "week, like no phones at dinner."
                ),
                t(
                    "- **Once a week**, note whether each one was kept, partly kept or not kept. "
                    "It takes a minute, and a late week can still be rated."
                ),
                t(
                    "- **After six weeks**, look back over the record and your journal, and "
                    "decide what comes next with something solid in hand."
                ),
            ]
        )
    )
    st.caption(t("Everything you write here stays in your private space."))
    st.subheader(t("Set up your six weeks"), anchor=False)
    new_plan_form(place, today)


def new_plan_form(place: Here, today: date, own_support: bool = False) -> None:
    """The first plan: a start date and one to three targets, picked or written.

    ``own_support`` (safety mode) offers ideas for the person's own support and safety.
    """
    examples = [example.text for example in words.target_examples(own_support)]
    with st.form("plan_setup_form", border=True):
        today_in_words(today)
        st.date_input(
            t("When do the six weeks start?"),
            value=today,
            min_value=today - timedelta(days=CYCLE_DAYS - 1),
            max_value=today + timedelta(days=60),
            format=picker_format(),
            key="plan_setup_start",
            help=t("Any day of the week works. Each week runs for seven days from this day."),
        )
        st.pills(
            t("Pick from these ideas"),
            examples,
            selection_mode="multi",
            key="plan_setup_ideas",
        )
        st.markdown(t("**Or write your own**"))
        for n in range(1, MAX_TARGETS + 1):
            st.text_input(
                t("Target {n}", n=n),
                key=f"plan_setup_target_{n}",
                help=limit_hint(TARGET_LIMIT),
                placeholder=t("For example: {idea}", idea=examples[(n * 3) % len(examples)]),
            )
        st.caption(
            t(
                "Three targets is a good number, and one or two is fine. Short and concrete works "
                "best: something you would notice happening, or not, in an ordinary week."
            )
            if own_support
            else t(
                "Three targets is a good number, and one or two is fine. Short and concrete works "
                "best: something you would both notice happening, or not, in an ordinary week."
            )
        )
        st.form_submit_button(
            t("Start my six weeks"),
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
        t(
            "Your six weeks start on {start}. The review is on {review}.",
            start=formatting.day(cycle.start),
            review=formatting.day(cycle.review_on),
        ),
    )
