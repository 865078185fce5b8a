"""An empty chart says "nothing yet" once, in the chart, not again beneath it (issue 15, point 14).

Checked on this branch, not changed here: ``ui.plan.charts.show_chart`` already skips the caption and
the numbers when a chart's table is empty. This test keeps it that way.
"""

from __future__ import annotations

from tests.app.test_plan_page import open_plan, section, set_up

EMPTY = "No routines logged yet."


def test_no_routines_logged_yet_is_said_once(app):
    open_plan(app)
    set_up(app, "No phones at dinner")
    section(app, "charts")
    routines = [c for c in app.get("plotly_chart") if EMPTY in c.proto.spec]
    assert len(routines) == 1, "the empty routines chart says it, in the figure"
    beside = [
        e.value
        for kind in ("caption", "markdown", "text", "info")
        for e in getattr(app, kind)
        if EMPTY in e.value
    ]
    assert beside == [], "and nothing beneath it says it again"
