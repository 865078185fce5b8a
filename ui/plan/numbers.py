"""The record of one cycle in words: per target, the trend, best and hardest, routines, gaps.

Drawn at the top of the review and again for each earlier cycle in the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from content import plan as words
from guide import formatting
from guide.plan import Cycle
from guide.safety import escape_markdown
from guide.stats import ReviewSummary, review_summary
from guide.weeks import WEEKS
from records import plan as plan_state
from ui.context import Here


def summary_of(place: Here, cycle: Cycle, today: date) -> ReviewSummary:
    """The review's figures for ``cycle`` as of ``today``."""
    entries = plan_state.activity_entries(
        plan_state.routine_entries(place, cycle), plan_state.journal_entries(place, cycle)
    )
    return review_summary(cycle, plan_state.ratings(place, cycle, "owner"), entries, today)


def _weeks_words(weeks: Sequence[int]) -> str:
    return formatting.numbered(weeks, "week", "weeks")


def numbers(cycle: Cycle, summary: ReviewSummary) -> None:
    """The review's numbers in words: per target, the trend, best and hardest, routines, gaps."""
    labels = words.rating_labels()
    lines = []
    for row in summary.targets:
        if not row.weeks_rated:
            lines.append(f"- **{escape_markdown(row.text)}**: {labels['unrated'].lower()}.")
            continue
        lines.append(
            f"- **{escape_markdown(row.text)}**: kept {row.kept} of {row.weeks_rated} rated weeks"
            f" ({row.kept_share:.0%}), partly kept {row.partly}, not kept {row.not_kept}."
        )
    st.markdown("\n".join(lines))
    trend = words.chart_words()[f"trend_{summary.trend.replace(' ', '_')}"]
    if summary.overall is not None:
        st.markdown(
            f"The weekly score averaged **{summary.overall:.2f}** on a scale from 0 (nothing "
            f"kept) to 1 (everything kept). {trend}"
        )
    names = {t.id: t.text for t in cycle.targets}
    if summary.best and summary.hardest:
        st.markdown(
            f"Went best: **{escape_markdown(names[summary.best])}**. "
            f"Hardest: **{escape_markdown(names[summary.hardest])}**."
        )
    routine_names = words.routine_labels()
    columns = st.columns(len(summary.routines))
    for column, (routine, count) in zip(columns, summary.routines.items(), strict=True):
        column.metric(routine_names.get(routine, routine), count)
    if summary.weeks_missing:
        st.caption(
            f"Not fully rated yet: {_weeks_words(summary.weeks_missing)}. You can still rate "
            "them under This week."
        )
    elif len(summary.weeks_rated) == WEEKS:
        st.caption("All six weeks are rated.")
    elif summary.weeks_rated:
        st.caption(f"Rated: {_weeks_words(summary.weeks_rated)}.")
