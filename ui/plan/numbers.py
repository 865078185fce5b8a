"""The record of one cycle in words: per target, the trend, best and hardest, routines, gaps.

Drawn at the top of the review and again for each earlier cycle in the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st
from babel.numbers import format_decimal, format_percent

from content import language
from content import plan as words
from content.messages import t, tn
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


def _week_numbers(weeks: Sequence[int]) -> str:
    """ "2", "2 and 3", "1, 2 and 3" in this run's language."""
    return formatting.join_and([str(n) for n in weeks])


def numbers(cycle: Cycle, summary: ReviewSummary) -> None:
    """The review's numbers in words: per target, the trend, best and hardest, routines, gaps."""
    labels = words.rating_labels()
    lines = []
    for row in summary.targets:
        if not row.weeks_rated:
            lines.append(f"- **{escape_markdown(row.text)}**: {labels['unrated'].lower()}.")
            continue
        lines.append(
            "- "
            + tn(
                "**{target}**: kept {kept} of {count} rated week ({share}), partly kept "
                "{partly}, not kept {not_kept}.",
                "**{target}**: kept {kept} of {count} rated weeks ({share}), partly kept "
                "{partly}, not kept {not_kept}.",
                row.weeks_rated,
                target=escape_markdown(row.text),
                kept=row.kept,
                share=format_percent(row.kept_share, locale=language.current()),
                partly=row.partly,
                not_kept=row.not_kept,
            )
        )
    st.markdown("\n".join(lines))
    trend = words.chart_words()[f"trend_{summary.trend.replace(' ', '_')}"]
    if summary.overall is not None:
        score = format_decimal(summary.overall, format="0.00", locale=language.current())
        st.markdown(
            t(
                "The weekly score averaged **{score}** on a scale from 0 (nothing kept) to 1 "
                "(everything kept).",
                score=score,
            )
            + f" {trend}"
        )
    names = {t.id: t.text for t in cycle.targets}
    if summary.best and summary.hardest:
        st.markdown(
            t(
                "Went best: **{best}**. Hardest: **{hardest}**.",
                best=escape_markdown(names[summary.best]),
                hardest=escape_markdown(names[summary.hardest]),
            )
        )
    routine_names = words.routine_labels()
    columns = st.columns(len(summary.routines))
    for column, (routine, count) in zip(columns, summary.routines.items(), strict=True):
        column.metric(routine_names.get(routine, routine), count)
    if summary.weeks_missing:
        st.caption(
            tn(
                "Not fully rated yet: week {weeks}. You can still rate it under This week.",
                "Not fully rated yet: weeks {weeks}. You can still rate them under This week.",
                len(summary.weeks_missing),
                weeks=_week_numbers(summary.weeks_missing),
            )
        )
    elif len(summary.weeks_rated) == WEEKS:
        st.caption(t("All six weeks are rated."))
    elif summary.weeks_rated:
        st.caption(
            tn(
                "Rated: week {weeks}.",
                "Rated: weeks {weeks}.",
                len(summary.weeks_rated),
                weeks=_week_numbers(summary.weeks_rated),
            )
        )
