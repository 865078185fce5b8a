"""Cold start: from starting the server to the home page fully rendered in headless Chromium,
Open Door against a one-line Streamlit app, in alternating runs.

Each run starts a new server process on a new empty data folder and opens it in a new browser
context (empty cache), so both sides pay for Python, Streamlit, their own imports and the first
script run. The browser itself is started once, before the first run.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench import browser
from bench.config import Config
from bench.report import Row
from bench.serve import serve
from bench.stats import Target, alternate, median, ratio_of_medians

SECTION = "cold start"
TARGET = Target("<=", 1.3)
APPS = {"open door": "streamlit_app.py", "bare": "bench/bare_app.py"}


def _counting_runs(page: Any) -> list[int]:
    """A list that grows by one for every script run the page asks the server for."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    runs: list[int] = []

    def sent(payload: bytes | str) -> None:
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "rerun_script":
            runs.append(1)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return runs


def _one_start(chromium, folder: Path, script: str, parts: dict[str, list[float]]) -> float:
    """Start ``script``, open it, wait for the rendered home page; seconds from start to done."""
    with serve(folder, script=script) as server:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            runs = _counting_runs(page)
            opened = time.perf_counter()
            page.goto(server.url)
            browser.rendered(page)
            done = time.perf_counter()
            # A second run asked for after the first (the quick exit mending history before the
            # key reached the address) would land within this; it is not part of the timing.
            page.wait_for_timeout(500)
        finally:
            context.close()
    parts.setdefault(f"{script}:server", []).append(server.healthy - server.started)
    parts.setdefault(f"{script}:page", []).append(done - opened)
    parts.setdefault(f"{script}:runs", []).append(float(len(runs)))
    return done - server.started


def run(cfg: Config) -> list[Row]:
    """Alternate cold starts of both apps; the ratio of medians, with the server/page split."""
    reason = browser.missing()
    if reason:
        return [Row(SECTION, "home page rendered", None, note=reason)]
    rounds = cfg.pick(7, 2)
    parts: dict[str, list[float]] = {}
    counter = iter(range(10_000))
    with browser.chromium() as chromium:

        def starter(script: str):
            def start() -> float:
                folder = cfg.scratch(f"cold-{next(counter)}")
                return _one_start(chromium, folder, script, parts)

            return start

        cfg.say(f"cold start: {rounds} runs each (after one warm-up), alternating")
        got = alternate({name: starter(script) for name, script in APPS.items()}, rounds)
    ours, bare = got["open door"], got["bare"]
    runs = parts[f"{APPS['open door']}:runs"]

    def split(script: str) -> str:
        server = median(parts[f"{script}:server"][1:])
        page = median(parts[f"{script}:page"][1:])
        return f"server {server:.2f} s + page {page:.2f} s"

    return [
        Row(
            SECTION,
            "Open Door / bare Streamlit, start to home page",
            ratio_of_medians(ours, bare),
            target=TARGET,
            note=f"{median(ours):.2f} s vs {median(bare):.2f} s, n={rounds}",
            data={"samples_s": got, "parts_s": parts},
        ),
        Row(
            SECTION,
            "Open Door, start to home page",
            median(ours),
            unit="s",
            note=split(APPS["open door"]),
        ),
        Row(
            SECTION,
            "Open Door, first visits drawn twice",
            sum(n > 1 for n in runs) / len(runs),
            unit="share",
            note=(
                f"{sum(n > 1 for n in runs)} of {len(runs)} starts ran the first page twice: the"
                " key reached the address before the quick exit's history guard (a race it wins"
                " on a cold server); each such start pays for a second run"
            ),
        ),
        Row(
            SECTION,
            "bare Streamlit, start to home page",
            median(bare),
            unit="s",
            note=split(APPS["bare"]),
        ),
    ]
