"""The Quick exit button is always in view and never covers anything (issue 15 point 6).

The button is fixed at the top of the window. It used to float over the page, so once the page
scrolled it sat on text and on a date field's help icon. Here the plan page is scrolled from top
to bottom at a laptop's and a phone's size, and at every step no text, control or icon that can be
seen is under the button's box (the Safety page too, the other long page with help icons).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import expect

from storage.store import Store
from tests.browser.test_front_door_browser import PATHS
from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle
from tests.support.seed import seed_six_weeks
from tests.support.server import running_app

SIZES = {"laptop": (1280, 900), "phone": (390, 844)}
STEP = 120  # pixels scrolled between checks: less than a line of controls is tall

# Everything drawn that a person could need to see or press, each as the boxes it shows, cut to
# the part its scrolling area leaves visible: text as its glyph boxes (a Range's client rects),
# controls and icons as their boxes. The exit button itself and what it holds are left out.
UNDER_EXIT = """
() => {
  const exit = document.getElementById("od-quick-exit");
  const box = exit.getBoundingClientRect();
  const clipOf = (node) => {
    let clip = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    for (let el = node.parentElement; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.overflowX === "visible" && style.overflowY === "visible") { continue; }
      const r = el.getBoundingClientRect();
      const left = r.left + el.clientLeft, top = r.top + el.clientTop;
      clip = {
        left: Math.max(clip.left, left), top: Math.max(clip.top, top),
        right: Math.min(clip.right, left + el.clientWidth),
        bottom: Math.min(clip.bottom, top + el.clientHeight),
      };
    }
    return clip;
  };
  const shown = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) {
        return false;
      }
    }
    return true;
  };
  const hits = [];
  const check = (rect, clip, what) => {
    const left = Math.max(rect.left, clip.left, box.left);
    const right = Math.min(rect.right, clip.right, box.right);
    const top = Math.max(rect.top, clip.top, box.top);
    const bottom = Math.min(rect.bottom, clip.bottom, box.bottom);
    if (right - left > 0.5 && bottom - top > 0.5) { hits.push(what); }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || exit.contains(el)) { continue; }
    if (["STYLE", "SCRIPT", "NOSCRIPT"].includes(el.tagName) || !shown(el)) { continue; }
    const range = document.createRange();
    range.selectNodeContents(node);
    const clip = clipOf(node);
    for (const rect of range.getClientRects()) {
      check(rect, clip, "text: " + node.textContent.trim().slice(0, 40));
    }
  }
  const controls = "input, textarea, select, button, svg, img, [role=button], [role=img], a";
  for (const el of document.querySelectorAll(controls)) {
    if (exit.contains(el) || el.closest("svg") !== el && el.closest("svg") || !shown(el)) {
      continue;
    }
    const label = el.getAttribute("aria-label") || el.dataset.testid || el.textContent.trim();
    check(el.getBoundingClientRect(), clipOf(el), el.tagName.toLowerCase() + ": " +
      (label || el.getAttribute("class") || "").slice(0, 40));
  }
  return hits;
}
"""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, exit_site) -> Iterator[tuple[str, str]]:
    """A server with one space holding six weeks of plan, journal and routines."""
    data = tmp_path_factory.mktemp("layout-data")
    store = Store(data)
    key, access = store.create_space()
    seed_six_weeks(store, access, date.today())
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        yield url, key


def scroll_through(page, name: str | None = None) -> list[str]:
    """Scroll the page's main area top to bottom; list whatever is under the exit at any step."""
    main = page.locator("[data-testid='stMain']")
    height = main.evaluate("(m) => m.scrollHeight - m.clientHeight")
    found: list[str] = []
    for top in [*range(0, int(height), STEP), int(height)]:
        main.evaluate("(m, top) => { m.scrollTop = top; }", top)
        page.wait_for_timeout(60)
        found += [f"at {top}px, {hit}" for hit in page.evaluate(UNDER_EXIT)]
        if name and top == 2 * STEP:
            shot(page, f"{name}-scrolled", full_page=False)
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["plan", "safety"])
def test_quick_exit_covers_nothing_while_a_page_scrolls(browser, server, path, size):
    width, height = SIZES[size]
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    try:
        key = open_fresh_space(page, server)
        page.goto(f"{server}/{path}?space={key}")
        wait_idle(page)
        no_exception(page)
        exit_button = page.locator("#od-quick-exit")
        expect(exit_button).to_be_in_viewport(ratio=1)
        found = scroll_through(page, f"exit-layout-{path}-{size}")
        # Still there, whole, once scrolled to the bottom.
        expect(exit_button).to_be_in_viewport(ratio=1)
        assert not found, "the Quick exit covers: " + "; ".join(found[:12])
    finally:
        ctx.close()


def test_quick_exit_covers_nothing_in_the_open_menu_on_a_phone(browser, server):
    """On a phone the menu opens over the page; its close button must not hide under the exit."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = ctx.new_page()
    try:
        key = open_fresh_space(page, server)
        page.goto(f"{server}/plan?space={key}")
        wait_idle(page)
        page.locator("[data-testid='stExpandSidebarButton']").click()
        close = page.locator("[data-testid='stSidebarCollapseButton'] button")
        expect(close).to_be_in_viewport()
        page.wait_for_timeout(400)  # the menu slides in
        shot(page, "exit-layout-menu-phone", full_page=False)
        found = page.evaluate(UNDER_EXIT)
        assert not found, "the Quick exit covers: " + "; ".join(found[:12])
        close.click()  # and it can be pressed
        expect(close).not_to_be_in_viewport()
        expect(page.locator("#od-quick-exit")).to_be_in_viewport(ratio=1)
    finally:
        ctx.close()


@pytest.mark.parametrize("size", SIZES)
def test_quick_exit_covers_nothing_on_any_page_of_a_full_space(browser, seeded, size):
    """Every owner page, and the partner page as the owner sees it, with six weeks of data."""
    url, key = seeded
    width, height = SIZES[size]
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    try:
        found: list[str] = []
        for path in [*PATHS, "partner"]:
            page.goto(f"{url}/{path}?space={key}")
            wait_idle(page)
            no_exception(page)
            page.wait_for_timeout(500)  # charts and icons settle after the run
            found += [f"/{path} {hit}" for hit in scroll_through(page)]
        assert not found, "the Quick exit covers: " + "; ".join(found[:12])
    finally:
        ctx.close()
