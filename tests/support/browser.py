"""Chromium for the browser tests: where it is, how to launch it, waiting for a rerun, and the
small helpers many browser tests share (a fresh space, no exception shown, whole-page shots)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

# Flags for a root user on a machine without a network: no sandbox, no GPU, and none of the
# background connections Chromium would otherwise keep retrying.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def chromium_path() -> str | None:
    """The Chromium to drive: ``OPEN_DOOR_CHROMIUM``, else Debian's, else anything on PATH."""
    wanted = os.environ.get("OPEN_DOOR_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current script run (the selector its own tests use)."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_timeout(150)  # a rerun triggered by the last action may not have started yet
    page.wait_for_selector(IDLE, timeout=timeout)


def shot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under ``test-artifacts/`` and return its path.

    Streamlit scrolls inside its own main container, so Playwright's ``full_page`` sees only one
    window's height; for a whole page the viewport is grown to the content's height first.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    if full_page and size:
        height = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m ? m.scrollHeight : document.body.scrollHeight; }"
        )
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        page.wait_for_timeout(250)
    page.screenshot(path=str(path))
    if full_page and size:
        page.set_viewport_size(size)
    return path


def no_exception(page: Page) -> None:
    """The page shows no Streamlit exception box and no traceback."""
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert "Traceback" not in page.inner_text("body")


def owner_key_in(page: Page) -> str:
    """The owner key in the page's URL (waiting until the front door has put it there)."""
    page.wait_for_function("() => new URLSearchParams(location.search).get('space')")
    return page.evaluate("() => new URLSearchParams(location.search).get('space')")


def open_fresh_space(page: Page, url: str) -> str:
    """Open the app as a new visitor and return the owner key it was given."""
    page.goto(url)
    wait_idle(page)
    return owner_key_in(page)


def page_shot(page: Page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside stMain, so grow the viewport to fit it."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(300)
    shot(page, name, full_page=False)
    page.set_viewport_size(size)


def open_step(page: Page, step_id: str) -> None:
    """Open a script step's expander (if it is closed) and wait for its form."""
    details = page.locator(f".st-key-script_step_{step_id} details")
    if details.get_attribute("open") is None:
        page.locator(f".st-key-script_step_{step_id} summary").click()
    expect(page.locator(f".st-key-script_step_{step_id} [data-testid='stForm']")).to_be_visible()
