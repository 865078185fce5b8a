"""Home's reading and drawing: the facts of a space for ``guide.journey``, and the page's parts.

Reads only through the records layer: the quiz (``records.quiz``), the script
(``records.script``) and the plan (``records.plan``). Nothing here writes. Nothing a user wrote is shown except target wording
inside the chart, which ``guide.figures`` escapes, and the chart's table, shown as a dataframe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from content.home import HomeContent
from content.quiz import load_quiz
from guide.journey import Facts, Milestone, NextStep, PlanFacts
from records import plan as plan_state
from records import quiz as quiz_records
from records import script as script_records
from records.plan import PlanStatus
from ui import pages, quiz_view
from ui.context import Here
from ui.plan.state import NEXT_SECTION

if TYPE_CHECKING:
    import plotly.graph_objects as go

CHART_HEIGHT = 240  # small on Home; the plan page has the full-size charts


def plan_facts(status: PlanStatus) -> PlanFacts | None:
    """The plan's status as journey facts (None without a plan)."""
    cycle = status.cycle
    if cycle is None:
        return None
    return PlanFacts(
        start=cycle.start,
        review_on=cycle.review_on,
        week=status.week,
        started=status.started,
        due_weeks=tuple(status.due_weeks),
        rated_weeks=tuple(status.rated_weeks),
        review_due=status.review_due,
        finished=status.fraction >= 1,
        decided=cycle.decision is not None,
    )


def read_facts(place: Here, status: PlanStatus, safety_on: bool) -> Facts:
    """What this space holds, as the plain facts ``guide.journey`` decides from."""
    latest = quiz_records.latest(place.private)
    versions, _damaged = script_records.versions(place.private)
    return Facts(
        has_result=latest is not None,
        result_safety=bool(latest and (latest.result.safety_flagged or latest.declined)),
        quiz_in_progress=quiz_records.in_progress(place.private),
        has_script=bool(versions),
        has_draft=script_records.read_working(place.private) is not None,
        plan=plan_facts(status),
        safety_mode=safety_on,
    )


def take(step: NextStep) -> None:
    """Take the step: open its page (and the right part of the plan page)."""
    if step.plan_section:
        st.session_state[NEXT_SECTION] = step.plan_section
    st.switch_page(pages.path(step.page))


def welcome(words: HomeContent) -> None:
    """The first visit: what Open Door is, what it can't do, privacy, safety first, the quiz."""
    w = words.welcome
    st.title(w.title, anchor=False)
    st.markdown(f"**{w.lead}**")
    st.markdown(f"**{w.can_title}**\n" + "\n".join(f"- {line}" for line in w.can))
    st.markdown(w.cannot)
    st.markdown(f":material/lock: {w.privacy}")
    with st.container(border=True, key="home_safety_first"):
        st.markdown(f":material/health_and_safety: **{w.safety_title}.** {w.safety}")
        st.page_link(pages.path("safety"), label=w.safety_link, icon=":material/arrow_forward:")
    if st.button(w.start, key="home_start", type="primary", icon=":material/play_arrow:"):
        st.session_state[quiz_view.BEGIN_FLAG] = True  # the quiz page opens on its first question
        st.switch_page(pages.path("quiz"))
    st.caption(w.start_note.format(questions=len(load_quiz())))


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
    st.progress(min(status.fraction, 1.0), text=f"**{status.headline}**")
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


def where_you_are(steps: tuple[Milestone, ...], words: HomeContent) -> None:
    """Quiz, script, six weeks, review: one short line each, the current one marked."""
    st.subheader(words.dashboard.where_title, anchor=False)
    lines = []
    for step in steps:
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
