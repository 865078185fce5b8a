"""Browser helpers for accessibility: wait until a page is fully drawn, run axe, use only the keyboard.

``serious_violations`` runs axe-core over the whole document (the chrome and the sidebar
included, nothing excluded) and returns its serious and critical findings as readable lines.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.browser import IDLE, wait_idle

SKELETON = "[data-testid='stSkeleton']"
BLOCKING = ("serious", "critical")


def settle(page: Page) -> None:
    """Wait until the page is drawn: no run in progress, no placeholders, charts rendered.

    A page may rerun itself once just after loading (a notice, a refreshed share), so "idle" is
    checked again after a pause instead of being trusted the first time.
    """
    for _ in range(3):
        wait_idle(page)
        page.wait_for_selector(SKELETON, state="detached", timeout=30_000)
        if page.locator(".js-plotly-plot").count():
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
        page.wait_for_timeout(500)
        if page.locator(IDLE).count() and not page.locator(SKELETON).count():
            return


def serious_violations(page: Page, where: str) -> list[str]:
    """axe-core's serious and critical findings on the whole page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    lines = []
    for violation in found:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} at {targets}"
        )
    return lines


def focused(page: Page) -> str:
    """What has keyboard focus: its text, else its label, else its tag and type."""
    return page.evaluate(
        r"""() => {
          const el = document.activeElement;
          if (!el || el === document.body) { return ""; }
          // Icon ligatures ("play_arrow") are aria-hidden: read what a screen reader would.
          const copy = el.cloneNode(true);
          copy.querySelectorAll("[aria-hidden='true']").forEach((n) => n.remove());
          const text = copy.textContent.replace(/\s+/g, " ").trim();
          if (text) { return text.length > 80 ? `${el.tagName.toLowerCase()}: ${text.slice(0, 60)}…` : text; }
          const label = el.getAttribute("aria-label") || (el.labels && el.labels[0]
            ? el.labels[0].innerText.trim() : "");
          return label || `${el.tagName.toLowerCase()}:${el.type || ""}`;
        }"""
    )


def tab_to(page: Page, wanted: str, *, back: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focused element's text starts with ``wanted``."""
    key = "Shift+Tab" if back else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now.startswith(wanted):
            return
        seen.append(now)
    raise AssertionError(f"{wanted!r} never got keyboard focus; focus went through {seen}")


def tab_to_radio(page: Page, group: str, *, back: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until a radio button of the group named ``group`` has focus.

    The group is named so that a stale group from the previous screen, still on show for a
    moment while the next one draws, is never the one answered.
    """
    page.get_by_role("radiogroup", name=group, exact=True).wait_for()
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        inside = page.evaluate(
            """(name) => {
              const el = document.activeElement;
              const box = el && el.type === "radio" ? el.closest("[role=radiogroup]") : null;
              return Boolean(box) && box.getAttribute("aria-label") === name;
            }""",
            group,
        )
        if inside:
            return
    raise AssertionError(f"no radio button of {group!r} ever got keyboard focus")
