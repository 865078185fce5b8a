"""Earlier six-week plans under the review, one at a time and read-only, as they were left."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide.plan import Cycle
from guide.safety import escape_markdown
from records import plan as plan_state
from ui.context import Here
from ui.plan.charts import show_chart
from ui.plan.decision import timeline_answers
from ui.plan.numbers import numbers, summary_of


def _cycle_label(cycle: Cycle) -> str:
    end = cycle.review_on - timedelta(days=1)
    label = t(
        "{first} to {last}",
        first=formatting.short_date(cycle.start),
        last=formatting.short_date(end),
    )
    if cycle.decision:
        titles = {o.id: o.title for o in words.decision_options()}
        label += f" \u00b7 {titles.get(cycle.decision.option, cycle.decision.option)}"
    return label


def history(place: Here, current: Cycle) -> None:
    """Earlier cycles, one at a time, read-only."""
    earlier = plan_state.earlier_cycles(place, current)
    if not earlier:
        return
    st.subheader(t("Earlier six-week plans"), anchor=False)
    by_id = {c.id: c for c in earlier}
    labels = {c.id: _cycle_label(c) for c in earlier}  # in this run's language
    picked = st.selectbox(
        t("Look back at"),
        list(by_id),
        format_func=labels.__getitem__,
        key="plan_history_pick",
    )
    if picked is not None:
        past_cycle(place, by_id[picked])


def past_cycle(place: Here, cycle: Cycle) -> None:
    """One earlier cycle as it was left: its record, grid, decision and timeline answers."""
    from guide import figures

    with st.container(border=True, key="plan_past"):
        numbers(cycle, summary_of(place, cycle, cycle.review_on))
        show_chart(
            "past_grid",
            figures.rating_grid(cycle.targets, plan_state.ratings(place, cycle, "owner")),
            figures.CONFIG,
        )
        for target in cycle.targets:
            for changed, old in target.history:
                st.caption(
                    escape_markdown(
                        t(
                            "\u201c{target}\u201d was \u201c{old}\u201d until {day}.",
                            target=target.text,
                            old=old,
                            day=formatting.day(changed),
                        )
                    )
                )
        decision = cycle.decision
        if decision is None:
            st.caption(t("No decision was saved for this plan."))
            return
        titles = {o.id: o.title for o in words.decision_options()}
        st.markdown(
            t(
                "You chose **{choice}** on {day}.",
                choice=titles.get(decision.option, decision.option),
                day=formatting.day(decision.decided_on),
            )
        )
        timeline_answers(decision.timeline, decision.note)
