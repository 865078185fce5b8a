"""Six-week plan: up to three targets rated weekly, routines, charts, and a review that helps decide.

Without a plan the page explains the experiment and shows the setup form. With one, it shows where
the six weeks stand ("week N of 6" and what is due) and one section at a time, picked with a
segmented control so the charts are only built when they are looked at:

- **This week** (:mod:`ui.plan.week`): rate each target for any week that has begun.
- **Charts** (:mod:`ui.plan.charts`): the four owner charts with their summaries and numbers.
- **Routines** (:mod:`ui.plan.routines`): check-ins, book track, journal, own support.
- **Review** (:mod:`ui.plan.review`): the numbers, telling journal lines, the decision aid, a new
  cycle, and history.
- **Setup** (:mod:`ui.plan.setup`): dates, the calendar file, rewording and adding targets.

Each section lives in its own module under ``ui/plan/`` with its callbacks (the map is in
:mod:`ui.plan`); storage is in :mod:`records.plan` (its docstring lists the tables and shapes).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui import clock, feedback, warm
from ui.context import here
from ui.plan import charts, header, review, routines, setup, start, state, week
from ui.safety.state import mode


def main() -> None:
    """Draw the plan page for this space."""
    place = here()
    today = clock.today()
    st.title(t("Six-week plan"))
    feedback.show(state.TOP)
    status = state.plan_today(place, today)
    cycle = status.cycle
    safety = mode(place)
    if cycle is None:
        start.first_plan(place, today, safety)
        return
    section = header.header(status)
    if section != "charts":
        warm.charts_soon()  # the charts are one click away: load their libraries meanwhile
    if section == "week":
        week.this_week(place, cycle, today, safety)
    elif section == "charts":
        charts.charts(place, cycle)
    elif section == "routines":
        routines.render(place, cycle)
    elif section == "review":
        review.review(place, cycle, today, safety)
    else:
        setup.setup(place, cycle, today, safety)


main()
