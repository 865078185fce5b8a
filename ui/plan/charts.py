"""The Charts section: the four owner charts, each with its one-line summary and its numbers.

Figures are built only here (and for a past cycle's grid in :mod:`ui.plan.history`), so a section
that isn't on screen never imports Plotly or builds a figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from content.messages import t
from guide.plan import Cycle
from guide.safety import escape_markdown
from guide.stats import routine_counts
from records import plan as plan_state
from ui.context import Here

if TYPE_CHECKING:
    from guide.figures import Chart


def charts(place: Here, cycle: Cycle) -> None:
    """The four owner charts, each with its one-line summary and the numbers behind it."""
    from guide import figures  # Plotly loads only when the charts are on screen

    owner = plan_state.ratings(place, cycle, "owner")
    entries = plan_state.activity_entries(
        plan_state.routine_entries(place, cycle), plan_state.journal_entries(place, cycle)
    )
    items = (
        ("grid", figures.rating_grid(cycle.targets, owner)),
        ("score", figures.weekly_score_line(cycle.targets, owner)),
        ("shares", figures.kept_share_bars(cycle.targets, owner)),
        ("routines", figures.routine_activity(routine_counts(entries, cycle.start))),
    )
    for name, chart in items:
        show_chart(name, chart, figures.CONFIG)


def show_chart(name: str, chart: Chart, config: dict[str, Any]) -> None:
    """One chart in a box: the figure, its summary as text, and its table in an expander."""
    with st.container(border=True, key=f"plan_chart_box_{name}"):
        st.plotly_chart(
            chart.figure,
            config=config,
            key=f"plan_chart_{name}",
            alt=chart.summary,
        )
        if chart.table.empty:
            return  # the figure already says there is nothing yet: once is enough
        st.caption(escape_markdown(chart.summary))
        with st.expander(t("Show the numbers"), icon=":material/table:"):
            st.dataframe(
                chart.table,
                hide_index=True,
                column_config={t("Share"): st.column_config.NumberColumn(format="percent")},
            )
