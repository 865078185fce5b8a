"""Home's dashboard, part by part: the one next step, where the user is on the path, the plan's
week (with its chart, small), and the other pages worth knowing.

What the parts show is read once by :mod:`ui.home.facts`; the plan's ratings for the chart are read
here, through ``records.plan``. Nothing here writes. Nothing a user wrote is shown except target
wording inside the chart, which ``guide.figures`` escapes, and the chart's table, shown as a
dataframe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from content.home import HomeContent
from guide.journey import Facts, NextStep, milestones
from records import plan as plan_state
from records.plan import PlanStatus
from ui import pages
from ui.context import Here
from ui.plan.header import headline
from ui.plan.state import NEXT_SECTION

if TYPE_CHECKING:
    import plotly.graph_objects as go

CHART_HEIGHT = 240  # small on Home; the plan page has the full-size charts


def heading(words: HomeContent, safety_first: bool) -> None:
    """The dashboard's title; when it leads with help, the safety title and its lead instead."""
    d = words.dashboard
    if safety_first:
        st.title(d.safety_title, anchor=False)
        st.markdown(d.safety_lead)
    else:
        st.title(d.title, anchor=False)


def take(step: NextStep) -> None:
    """Take the step: open its page (and the right part of the plan page)."""
    if step.plan_section:
        st.session_state[NEXT_SECTION] = step.plan_section
    st.switch_page(pages.path(step.page))


def next_step_card(step: NextStep, words: HomeContent) -> None:
    """The one next step, in a box with its button."""
    with st.container(border=True, key="home_next"):
        st.caption(words.dashboard.next_title)
        st.subheader(step.title, anchor=False)
        st.markdown(step.text)
        if st.button(
            step.action,
            key="home_next_go",
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
        ):
            take(step)


def plan_block(place: Here, status: PlanStatus, words: HomeContent, chart: bool) -> None:
    """Week N of 6 as a progress bar, what is due, and (optionally) the latest chart, small."""
    cycle = status.cycle
    if cycle is None:
        return
    d = words.dashboard
    st.subheader(d.plan_title, anchor=False)
    # The plan page's own "Week N of 6", in the run's language (status.headline is English).
    st.progress(min(status.fraction, 1.0), text=f"**{headline(status)}**")
    if not chart:
        return
    owner = plan_state.ratings(place, cycle, "owner")
    if not owner:
        st.caption(d.chart_empty)
        return
    # Plotly and pandas load only here, when there is a chart to draw: importing them at the top
    # added about 2 s and 100 MB to every server's first Home page, chart or not.
    from guide.figures import CONFIG, weekly_score_line

    found = weekly_score_line(cycle.targets, owner)
    figure = small(found.figure)
    st.plotly_chart(figure, config=CONFIG, key="home_chart")
    st.markdown(found.summary)
    with st.expander(d.numbers, icon=":material/table:"):
        st.dataframe(found.table, hide_index=True)


def small(figure: go.Figure) -> go.Figure:
    """The plan's line chart made small for Home and readable at a phone's width.

    The numbers above the points go (they crowd a small chart; the summary under it says them).
    """
    figure.update_traces(mode="lines+markers")
    return figure.update_layout(height=CHART_HEIGHT, margin={"t": 48, "b": 8})


def where_you_are(facts: Facts, words: HomeContent) -> None:
    """Quiz, script, six weeks, review: one short line each, the current one marked."""
    st.subheader(words.dashboard.where_title, anchor=False)
    lines = []
    for step in milestones(facts):
        icon = "check_circle" if step.done else "arrow_right_alt" if step.current else "circle"
        label = f"**{step.label}**" if step.current else step.label
        lines.append(f":material/{icon}: {label}: {step.detail}")
    st.markdown("  \n".join(lines))


def more_links(words: HomeContent, safety_on: bool) -> None:
    """The guides and the other pages worth knowing about, as plain links."""
    st.subheader(words.dashboard.more_title, anchor=False)
    links = [
        (pages.path("going_alone"), "self_improvement"),
        # Choosing a therapist together is joint-therapy coaching: not offered in safety mode.
        *([] if safety_on else [(pages.path("therapist"), "handshake")]),
        (pages.path("safety"), "health_and_safety"),
        (pages.path("my_data"), "folder_managed"),
    ]
    with st.container(horizontal=True, key="home_more"):
        for path, icon in links:
            st.page_link(path, icon=f":material/{icon}:")
