"""Every chart reads whole on a phone (issue 15, point 5), and on a laptop.

Six seeded weeks, the plan's Charts section and Home's small chart, at 390x844 and 1280x900. For
each drawn figure the test measures Plotly's own SVG text boxes: every axis label lies inside the
figure and none overlaps another, the legend does not sit on the title, the numbers over the line
do not run into each other, and the percentage axis runs to 100%. A screenshot of each chart is
saved in ``test-artifacts/`` to be looked at.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.test_plan_browser import (
    PLOTLY_WAIT,
    open_plan,
    open_section,
    plan_server,
    space_for,
)
from tests.support.browser import ARTIFACTS, wait_idle
from tests.support.seed import seed_six_weeks

__all__ = ["plan_server"]  # the module-scoped server fixture, shared with the plan tests
pytestmark = pytest.mark.browser
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}

# Boxes of one figure's text, in page coordinates, measured in the browser.
MEASURE = """(chart) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height, text: el.textContent}; };
  const all = (sel) => Array.from(chart.querySelectorAll(sel)).map(box).filter(b => b.w > 0);
  return {
    figure: box(chart.querySelector('.main-svg')),
    title: all('.gtitle'),
    legend: all('.legend .bg'),
    xticks: all('.xtick text'),
    yticks: all('.ytick text'),
    points: all('.textpoint text'),
  };
}"""


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["w"] <= b["x"]
        or b["x"] + b["w"] <= a["x"]
        or a["y"] + a["h"] <= b["y"]
        or b["y"] + b["h"] <= a["y"]
    )


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + 0.5
        and inner["y"] >= outer["y"] - 0.5
    )


def _check_chart(chart, name: str) -> dict:
    """Assert the chart's text is whole and apart; returns the measurements."""
    found = chart.evaluate(MEASURE)
    figure = found["figure"]
    for label in found["xticks"] + found["yticks"] + found["title"]:
        assert _inside(label, figure), f"{name}: {label['text']!r} is cut off the figure"
    for group in ("xticks", "points"):
        boxes = found[group]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not _overlap(a, b), f"{name}: {a['text']!r} runs into {b['text']!r}"
    for legend in found["legend"]:
        for title in found["title"]:
            assert not _overlap(legend, title), f"{name}: the legend sits on the title"
    return found


@pytest.mark.parametrize("size", SIZES)
def test_every_chart_reads_whole(browser, plan_server, size) -> None:
    url, data = plan_server
    context = browser.new_context(viewport=SIZES[size])
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        key = open_plan(page, url)
        space = space_for(data, key)
        seed_six_weeks(space.store, space.access, date.today())
        page.reload()
        wait_idle(page)
        open_section(page, "Charts")
        for name in ("grid", "score", "shares", "routines"):
            chart = page.locator(f".st-key-plan_chart_box_{name} [data-testid='stPlotlyChart']")
            expect(chart.locator(".main-svg").first).to_be_visible(timeout=PLOTLY_WAIT)
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            found = _check_chart(chart, f"{size} {name}")
            if name in ("grid", "score", "routines"):
                weeks = [t["text"] for t in found["xticks"]]
                assert weeks == ["1", "2", "3", "4", "5", "6"], f"{size} {name}: weeks {weeks}"
            if name == "shares":
                assert [t["text"] for t in found["xticks"]][-1] == "100%"
            ARTIFACTS.mkdir(exist_ok=True)
            chart.screenshot(path=str(ARTIFACTS / f"chart-{size}-{name}.png"))

        page.goto(f"{url}/?space={key}")
        wait_idle(page)
        home = page.locator(".st-key-home_chart")
        expect(home.locator(".main-svg").first).to_be_visible(timeout=PLOTLY_WAIT)
        found = _check_chart(home, f"{size} home")
        assert [t["text"] for t in found["xticks"]] == ["1", "2", "3", "4", "5", "6"]
        home.screenshot(path=str(ARTIFACTS / f"chart-{size}-home.png"))
    finally:
        context.close()
