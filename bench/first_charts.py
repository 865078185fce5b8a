"""First charts: a fresh server's first "Charts" click, Open Door against the minimal plan page.

The interaction section warms each page up first, so it never sees what the first person to open
the charts after a server start waits for: pandas and Plotly loading on the server, Plotly's
script in the browser. Here every round starts both servers afresh, opens the plan page, leaves
it for a few seconds as a person reading the week would, then clicks Charts and times it to the
four charts drawn, with the same timing code as the interaction section.
"""

from __future__ import annotations

from datetime import date

from bench import browser, interaction
from bench.config import Config
from bench.report import Row
from bench.serve import serve
from bench.stats import Target, alternate, median, ratio_of_medians

SECTION = "first charts"
TARGET = Target("<=", 1.5)
READING_S = 3.0  # how long the week's page is read before Charts is clicked


def _charts() -> interaction.Action:
    return next(a for a in interaction.ACTIONS if a.name == "plan: open the charts")


def run(cfg: Config) -> list[Row]:
    """Alternate first chart views on fresh servers; the ratio of medians."""
    reason = browser.missing()
    if reason:
        return [Row(SECTION, "first Charts click after a server start", None, note=reason)]
    rounds = cfg.pick(5, 2)
    action = _charts()
    counter = iter(range(10_000))
    with browser.chromium() as chromium:

        def side(name: str):
            def once() -> float:
                folder = cfg.scratch(f"first-charts-{name}-{next(counter)}")
                if name == "ours":
                    key, _ = interaction.seeded_space(folder, date.today())
                    script, path = "streamlit_app.py", f"plan?space={key}"
                else:
                    script, path = "bench/minimal_app.py", "plan"
                env = {"OPEN_DOOR_LOCAL_MODE": "off"}
                with serve(folder, script=script, env=env) as server:
                    context = chromium.new_context(viewport={"width": 1280, "height": 900})
                    context.set_default_timeout(60_000)
                    context.add_init_script(interaction.INIT)
                    try:
                        page = context.new_page()
                        page.goto(f"{server.url}/{path}")
                        browser.rendered(page)
                        page.wait_for_timeout(READING_S * 1000)
                        return interaction._measure(page, action, 1)
                    finally:
                        context.close()

            return once

        cfg.say(f"first charts: {rounds} fresh starts each, alternating")
        got = alternate({name: side(name) for name in ("ours", "minimal")}, rounds)
    ours, floor = got["ours"], got["minimal"]
    return [
        Row(
            SECTION,
            "first Charts click after a server start",
            ratio_of_medians(ours, floor),
            target=TARGET,
            note=f"{median(ours) * 1000:.0f} ms vs {median(floor) * 1000:.0f} ms, n={rounds}",
            data={"samples_s": got},
        )
    ]
