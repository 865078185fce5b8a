"""Interaction: a typical action on each page, from the click to the rerun finished in the browser,
Open Door (a realistic six-week space) against a minimal Streamlit page with the same widget.
Then the same actions through ``streamlit.testing.v1.AppTest`` as a second view (script time
only, no browser).

How it is timed, in the page's own clock (``performance.now()``): a round starts at the
``pointerdown`` of the click, and ends at the last websocket message from the server or the last
redraw of the page, once the script is not running and nothing has arrived or changed for a
moment (so a save that reruns twice is timed to the end of its second run, and the charts to
their drawing). Both sides are timed by the same code, round by round in alternation.

Pages are still being built: an action whose page or widget is missing is skipped with the
reason, and an action that fails in the browser is reported, never fatal.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench import browser
from bench.config import Config
from bench.report import Row
from bench.seed import seed_six_weeks
from bench.serve import serve
from bench.stats import Target, alternate, median, ratio_of_medians
from storage.store import Store
from ui import pages

SECTION = "interaction"
TARGET = Target("<=", 1.5)
ROOT = Path(__file__).resolve().parents[1]
QUIET_MS = 400  # nothing received or redrawn for this long after a run = settled

# Installed before any page script: note when each websocket message from the server arrives.
# (A fast rerun can go running -> notRunning inside one React render, so the script-state
# attribute alone can miss it; the messages and the redraws never do.)
INIT = """(() => {
  const Original = window.WebSocket;
  if (!Original || Original.__bench) return;
  window.__benchMsg = {count: 0, last: 0};
  function Watched(url, protocols) {
    const socket = protocols === undefined ? new Original(url) : new Original(url, protocols);
    socket.addEventListener("message", () => {
      window.__benchMsg.count += 1;
      window.__benchMsg.last = performance.now();
    });
    return socket;
  }
  Watched.prototype = Original.prototype;
  Object.assign(Watched, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3, __bench: true});
  window.WebSocket = Watched;
})();"""
# After the page is up: note every redraw of the app (toasts aside: they fade out on a timer),
# and when the user's input reached the page (Playwright's checks before a click don't count).
WATCH = """() => {
  if (window.__benchDom) return;
  window.__benchDom = {count: 0, last: 0};
  window.__benchInput = null;
  new MutationObserver((records) => {
    if (records.every(r => r.target.closest && r.target.closest("[data-testid='stToastContainer']"))) return;
    window.__benchDom.count += 1;
    window.__benchDom.last = performance.now();
  }).observe(document.body, {attributes: true, childList: true, subtree: true, characterData: true});
  document.addEventListener("pointerdown", () => {
    if (window.__benchInput === null) window.__benchInput = performance.now();
  }, true);
}"""
START = """() => {
  window.__benchInput = null;
  window.__benchFrom = window.__benchMsg.count;
  return performance.now();
}"""
BEGUN = "() => window.__benchInput"
STARTED = "() => window.__benchMsg.count > window.__benchFrom"
SETTLED = """([quiet]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const last = Math.max(window.__benchMsg.last, window.__benchDom.last);
  return performance.now() - last > quiet;
}"""
LAST_CHANGE = "() => Math.max(window.__benchMsg.last, window.__benchDom.last)"
NOW = "() => performance.now()"


@dataclass(frozen=True)
class Action:
    """One typical action on one page, written once for both apps (same keys, same URL path)."""

    name: str
    path: str
    source: str  # the Open Door page file
    needs: tuple[str, ...]  # strings the page source must contain (its widget keys)
    prepare: Callable[[Any, int], None]  # untimed: get round ``n`` ready (may rerun)
    act: Callable[[Any, int], None]  # timed from here: the click
    drawn: str | None = None  # JS condition for something drawn after the run (charts)
    test_page: str = ""  # AppTest: the page's short name (ui/pages.py; minimal_pages/ has the same)
    test_prepare: Callable[[Any, int], None] | None = None
    test_act: Callable[[Any, int], Any] | None = None  # returns the AppTest to .run()

    def missing(self) -> str | None:
        """Why this action can't run against Open Door yet, or None."""
        path = ROOT / self.source
        if not path.exists():
            return f"{self.source} does not exist yet"
        text = path.read_text("utf-8")
        if "being built" in text and len(text) < 600:
            return f"{self.source} is still a placeholder"
        # A page only lays out its sections: the widgets live in the ui/<feature>/ folders it
        # imports, so the keys are looked for there too.
        folders = sorted(set(re.findall(r"^from ui\.(\w+) import", text, re.M)))
        for folder in folders:
            for module in sorted((ROOT / "ui" / folder).glob("*.py")):
                text += module.read_text("utf-8")
        lacking = [n for n in self.needs if n not in text]
        where = ", ".join([self.source, *(f"ui/{f}/" for f in folders)])
        return f"{where} has no {', '.join(lacking)}" if lacking else None


# --- the actions ---------------------------------------------------------------------------------


def _nothing(page: Any, n: int) -> None:
    """No preparation needed."""


QUIZ = "[class*='st-key-quiz_answer_'] [role='radiogroup']"


def _quiz_act(page: Any, n: int) -> None:
    # Always a different option from the one chosen now, so the answer really changes.
    chosen = page.evaluate(
        f'() => [...document.querySelectorAll("{QUIZ} input")].findIndex(i => i.checked)'
    )
    page.locator(f"{QUIZ} label").nth(0 if chosen != 0 else 1).click()


def _script_prepare(page: Any, n: int) -> None:
    box = page.locator(".st-key-script_step_opener details").first
    if box.get_attribute("open") is None:
        box.locator("summary").click()
        page.locator(".st-key-script_f_opener textarea").wait_for()
    page.locator(".st-key-script_f_opener textarea").fill(
        f"Could we talk about us this week? ({n})"
    )


def _script_act(page: Any, n: int) -> None:
    page.locator(".st-key-script_save_opener button").click()


def _rate_prepare(page: Any, n: int) -> None:
    # The first target's control inside the week's form; no rerun inside a form.
    page.locator("[data-testid='stForm'] [class*='st-key-plan_value_'] button").nth(n % 2).click()


def _rate_act(page: Any, n: int) -> None:
    page.locator("[data-testid='stForm'] [data-testid='stFormSubmitButton'] button").first.click()


def _section(page: Any, index: int) -> None:
    page.locator(".st-key-plan_section button").nth(index).click()


def _charts_prepare(page: Any, n: int) -> None:
    _section(page, 0)  # back to "This week" so the next click builds the charts again


def _charts_act(page: Any, n: int) -> None:
    _section(page, 1)


def _checklist_prepare(page: Any, n: int) -> None:
    page.locator(".st-key-therapist_c1_name input").fill(f"Dr Example {n}")


def _checklist_act(page: Any, n: int) -> None:
    page.locator("[data-testid='stForm'] [data-testid='stFormSubmitButton'] button").first.click()


CHARTS_DRAWN = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4"


def _t_quiz(at: Any, n: int) -> Any:
    return at.radio(key="quiz_answer_takes_sides").set_value(n % 2)


def _by_prefix(widgets: Any, prefix: str) -> Any:
    return next(w for w in widgets if (w.key or "").startswith(prefix))


def _submit(at: Any) -> Any:
    return next(b for b in at.button if b.proto.is_form_submitter)


def _t_script_prepare(at: Any, n: int) -> None:
    at.text_area(key="script_f_opener").input(f"Could we talk about us this week? ({n})")


def _t_script(at: Any, n: int) -> Any:
    return at.button(key="script_save_opener").click()


def _t_rate_prepare(at: Any, n: int) -> None:
    control = _by_prefix(at.segmented_control, "plan_value_")
    control.set_value(("kept", "partly")[n % 2])


def _t_rate(at: Any, n: int) -> Any:
    return _submit(at).click()


def _t_charts_prepare(at: Any, n: int) -> None:
    at.segmented_control(key="plan_section").set_value("week").run()


def _t_charts(at: Any, n: int) -> Any:
    return at.segmented_control(key="plan_section").set_value("charts")


def _t_checklist_prepare(at: Any, n: int) -> None:
    at.text_input(key="therapist_c1_name").input(f"Dr Example {n}")


def _t_checklist(at: Any, n: int) -> Any:
    return _submit(at).click()


ACTIONS = (
    Action(
        "quiz: answer a question",
        "quiz",
        pages.path("quiz"),
        ("quiz_answer_",),
        _nothing,
        _quiz_act,
        test_page="quiz",
        test_act=_t_quiz,
    ),
    Action(
        "script: save a step",
        "script",
        pages.path("script"),
        ("script_step_", "script_save_", "FIELD + field.key"),
        _script_prepare,
        _script_act,
        test_page="script",
        test_prepare=_t_script_prepare,
        test_act=_t_script,
    ),
    Action(
        "plan: rate a week",
        "plan",
        pages.path("plan"),
        ("plan_value_", "form_submit_button"),
        _rate_prepare,
        _rate_act,
        test_page="plan",
        test_prepare=_t_rate_prepare,
        test_act=_t_rate,
    ),
    Action(
        "plan: open the charts",
        "plan",
        pages.path("plan"),
        ("plan_section", "charts"),
        _charts_prepare,
        _charts_act,
        drawn=CHARTS_DRAWN,
        test_page="plan",
        test_prepare=_t_charts_prepare,
        test_act=_t_charts,
    ),
    Action(
        "therapist: save the checklist",
        "therapist",
        pages.path("therapist"),
        ("therapist_c{n}_name", "therapist_checklist_form"),
        _checklist_prepare,
        _checklist_act,
        test_page="therapist",
        test_prepare=_t_checklist_prepare,
        test_act=_t_checklist,
    ),
)


# --- a seeded Open Door space ----------------------------------------------------------------------


def seeded_space(data_dir: Path, today: date) -> tuple[str, str]:
    """A six-week space with a quiz in progress; returns (owner key, where the seed came from)."""
    store = Store(data_dir)
    key, access = store.create_space()
    origin = seed_six_weeks(store, access, today)
    private = store.private(access)
    private.put(
        "quiz_progress",
        "current",
        {"answers": {}, "started_at": datetime.now(UTC).isoformat(), "position": 0},
    )
    private.put("settings", "link_saved", {"saved": True})  # no "save your link" notice
    return key, origin


# --- the browser view ------------------------------------------------------------------------------


def _settle(page: Any, timeout: float = 60_000) -> None:
    page.wait_for_function(SETTLED, arg=[QUIET_MS], polling=50, timeout=timeout)


def _measure(page: Any, action: Action, n: int) -> float:
    """Seconds from the input to the finished rerun (and drawing) for round ``n``."""
    page.evaluate(WATCH)
    page.evaluate(START)
    action.prepare(page, n)
    if page.evaluate(STARTED):
        _settle(page)  # preparing started a rerun: let it finish untimed
    page.evaluate(START)
    action.act(page, n)
    begun = page.evaluate(BEGUN)
    if begun is None:
        raise RuntimeError(f"{action.name}: the click never reached the page")
    page.wait_for_function(STARTED, polling=50, timeout=10_000)
    if action.drawn:
        page.wait_for_function(f"() => {action.drawn}", polling=50, timeout=60_000)
    _settle(page)
    return (page.evaluate(LAST_CHANGE) - begun) / 1000


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    browser.rendered(page)
    return page


def browser_view(cfg: Config, key: str, actions: list[Action]) -> list[Row]:
    """Every runnable action in Chromium against both servers."""
    rounds = cfg.pick(15, 3)
    rows = []
    with (
        serve(cfg.work / "interaction-data", env={"OPEN_DOOR_LOCAL_MODE": "off"}) as ours,
        serve(cfg.scratch("interaction-minimal"), script="bench/minimal_app.py") as floor,
        browser.chromium() as chromium,
    ):
        for action in actions:
            cfg.say(f"interaction (browser): {action.name}, {rounds} rounds each")
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(30_000)
            context.add_init_script(INIT)
            try:
                tabs = {
                    "ours": _open(context, f"{ours.url}/{action.path}?space={key}"),
                    "minimal": _open(context, f"{floor.url}/{action.path}"),
                }
                counter = {"ours": 0, "minimal": 0}

                def side(name: str, a: Action = action, p: dict = tabs, c: dict = counter):
                    def once() -> float:
                        c[name] += 1
                        return _measure(p[name], a, c[name])

                    return once

                got = alternate({name: side(name) for name in tabs}, rounds, warmup=1)
            except Exception as exc:  # a page still changing under us: report and go on
                rows.append(_failed(action, "browser", exc))
                continue
            finally:
                with suppress(Exception):
                    context.close()
            rows.append(_ratio_row(action, "browser", got, rounds))
    return rows


def _failed(action: Action, view: str, exc: Exception) -> Row:
    text = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return Row(SECTION, f"{action.name} ({view})", None, note=f"failed: {text}"[:160])


def _ratio_row(action: Action, view: str, got: dict[str, list[float]], rounds: int) -> Row:
    ours, floor = got["ours"], got["minimal"]
    return Row(
        SECTION,
        f"{action.name} ({view})",
        ratio_of_medians(ours, floor),
        target=TARGET,
        note=f"{median(ours) * 1000:.0f} ms vs {median(floor) * 1000:.0f} ms, n={rounds}",
        data={"samples_s": got},
    )


# --- the AppTest view ------------------------------------------------------------------------------


def _apptest(main: str, page: str, **query: str) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / main), default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()  # relative to the main script's folder
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].message}")
    return at


def _apptest_round(at: Any, action: Action, n: int) -> float:
    assert action.test_act is not None
    if action.test_prepare:
        action.test_prepare(at, n)
    pending = action.test_act(at, n)
    start = time.perf_counter()
    pending.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the run raised: {at.exception[0].message}")
    return elapsed


def apptest_view(cfg: Config, key: str, data_dir: Path, actions: list[Action]) -> list[Row]:
    """The same actions as script runs in AppTest: Open Door against the minimal pages."""
    rounds = cfg.pick(15, 3)
    rows = []
    # AppTest outside pytest warns about a missing ScriptRunContext on every run: not news here.
    # A filter, not a level: Streamlit resets its loggers' levels when it reads its config.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    saved = {name: os.environ.get(name) for name in ("OPEN_DOOR_DATA_DIR", "OPEN_DOOR_LOCAL_MODE")}
    os.environ["OPEN_DOOR_DATA_DIR"] = str(data_dir)
    os.environ["OPEN_DOOR_LOCAL_MODE"] = "off"
    try:
        for action in actions:
            if action.test_act is None:
                continue
            cfg.say(f"interaction (AppTest): {action.name}, {rounds} rounds each")
            try:
                tests = {
                    "ours": _apptest("streamlit_app.py", pages.path(action.test_page), space=key),
                    "minimal": _apptest(
                        "bench/minimal_app.py", f"minimal_pages/{action.test_page}.py"
                    ),
                }
                counter = {"ours": 0, "minimal": 0}

                def side(name: str, a: Action = action, t: dict = tests, c: dict = counter):
                    def once() -> float:
                        c[name] += 1
                        return _apptest_round(t[name], a, c[name])

                    return once

                got = alternate({name: side(name) for name in tests}, rounds, warmup=1)
            except Exception as exc:  # a page still changing under us: report and go on
                rows.append(_failed(action, "AppTest", exc))
                continue
            rows.append(_ratio_row(action, "AppTest", got, rounds))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return rows


def run(cfg: Config) -> list[Row]:
    """Both views over every action whose page is ready."""
    rows: list[Row] = []
    ready = []
    for action in ACTIONS:
        reason = action.missing()
        if reason:
            cfg.say(f"interaction: skipping {action.name}: {reason}")
            rows.append(Row(SECTION, action.name, None, note=reason))
        else:
            ready.append(action)
    if not ready:
        return rows
    data_dir = cfg.scratch("interaction-data")
    key, origin = seeded_space(data_dir, date.today())
    cfg.say(f"interaction: six-week space seeded by {origin}")
    reason = browser.missing()
    if reason:
        rows.append(Row(SECTION, "browser view", None, note=reason))
    else:
        rows += browser_view(cfg, key, ready)
    rows += apptest_view(cfg, key, data_dir, ready)
    return rows
