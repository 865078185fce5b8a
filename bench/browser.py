"""Chromium for the benchmark, and the waits that say a page is fully rendered."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.support.browser import CHROMIUM_ARGS, IDLE, chromium_path

NO_BROWSER = "Chromium not found: install Debian's 'chromium' or set OPEN_DOOR_CHROMIUM"


def missing() -> str | None:
    """Why the browser sections cannot run here, or None when they can."""
    if chromium_path() is None:
        return NO_BROWSER
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (uv sync installs the dev group)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``) for the length of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def rendered(page: Any, timeout: float = 60_000) -> None:
    """Wait until the page's ``h1`` is drawn and the script run that drew it has finished."""
    page.wait_for_selector("h1", timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
