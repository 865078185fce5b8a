"""Memory: resident memory of the server (process and children, from ``/proc``) with one open
session and with many, for Open Door and for the one-line Streamlit app.

Every session is its own Chromium tab in one browser, opened on the app, rendered, and left open
(its websocket keeps the Streamlit session alive). Each Open Door tab is a new visitor, so it also
gets its own new space, as it would in real use.
"""

from __future__ import annotations

import time

from bench import browser
from bench.config import Config
from bench.report import Row
from bench.serve import serve

SECTION = "memory"
APPS = {"Open Door": "streamlit_app.py", "bare Streamlit": "bench/bare_app.py"}
MB = 1024 * 1024
BATCH = 10
SETTLE = 2.0  # seconds for the server to finish work after the last page rendered


def _measure(cfg: Config, chromium, label: str, script: str, sessions: int) -> dict[str, float]:
    """RSS (MB) with one session and with ``sessions``; ``sessions`` counts live connections."""
    folder = cfg.scratch(f"memory-{script.replace('/', '-')}")
    with serve(folder, script=script) as server:
        idle = server.rss_bytes() / MB
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        try:
            first = context.new_page()
            first.goto(server.url)
            browser.rendered(first)
            time.sleep(SETTLE)
            one = server.rss_bytes() / MB
            pages = [first]
            while len(pages) < sessions:
                # open tabs ten at a time: navigations in flight together, then wait for each
                batch = [context.new_page() for _ in range(min(BATCH, sessions - len(pages)))]
                for page in batch:
                    page.goto(server.url, wait_until="commit")
                for page in batch:
                    browser.rendered(page)
                pages += batch
                cfg.say(f"memory: {label}, {len(pages)} sessions open")
            time.sleep(SETTLE)
            many = server.rss_bytes() / MB
            connections = server.connections()
        finally:
            context.close()
    return {
        "idle": idle,
        "one": one,
        "many": many,
        "sessions": len(pages),
        "connections": connections,
    }


def run(cfg: Config) -> list[Row]:
    """One and many sessions on each app; per-session cost compared."""
    reason = browser.missing()
    if reason:
        return [Row(SECTION, "server RSS", None, note=reason)]
    sessions = cfg.pick(50, 5)
    found: dict[str, dict[str, float]] = {}
    with browser.chromium() as chromium:
        for label, script in APPS.items():
            cfg.say(f"memory: {label}, opening {sessions} sessions")
            found[label] = _measure(cfg, chromium, label, script, sessions)
    rows = []
    per: dict[str, float] = {}
    for label, got in found.items():
        per[label] = (got["many"] - got["one"]) / max(got["sessions"] - 1, 1)
        rows.append(
            Row(
                SECTION,
                f"{label}, 1 session",
                got["one"],
                unit="MB",
                note=f"idle server {got['idle']:.0f} MB",
                data=got,
            )
        )
        rows.append(
            Row(
                SECTION,
                f"{label}, {int(got['sessions'])} sessions",
                got["many"],
                unit="MB",
                note=f"{per[label]:.2f} MB per extra session; "
                f"{int(got['connections'])} connections open at the server",
            )
        )
    ours, bare = found["Open Door"], found["bare Streamlit"]
    rows.append(
        Row(
            SECTION,
            "Open Door / bare, with one session",
            ours["one"] / bare["one"],
            note=f"{ours['one'] - bare['one']:.0f} MB more: our imports and content",
        )
    )
    if per["bare Streamlit"] > 0:
        rows.append(
            Row(
                SECTION,
                "Open Door / bare, per extra session",
                per["Open Door"] / per["bare Streamlit"],
                note=f"{per['Open Door']:.2f} vs {per['bare Streamlit']:.2f} MB",
            )
        )
    return rows
