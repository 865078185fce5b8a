"""Browser-test fixtures: one real server per module, Chromium, and a fresh context per test.

Outside CI a missing Chromium skips these tests with a loud reason; with ``CI=true`` it fails.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.server import running_app

pytestmark = pytest.mark.browser

# Playwright's `expect` waits 5 s by default, apart from the context's 30 s. On CI's two busy cores
# a rerun after a click has taken longer than that (the script test's tone tip once missed), so
# assertions get the same patience as actions; a real failure still fails, only later.
expect.set_options(timeout=20_000)
EXIT_PAGE = b"<!doctype html><title>Weather</title><h1>Weather today</h1>"


@pytest.fixture(scope="session")
def exit_site() -> Iterator[str]:
    """A tiny local 'neutral website' for the quick exit to land on."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(EXIT_PAGE)

        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/weather"
    server.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory, exit_site) -> Iterator[str]:
    """Open Door under ``streamlit run`` on a free port with its own temp data folder."""
    data = tmp_path_factory.mktemp("browser-data")
    log = Path(tmp_path_factory.mktemp("logs")) / "server.log"
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}, log=log) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session."""
    path = chromium_path()
    if path is None:
        message = "Chromium not found: install Debian's 'chromium' or set OPEN_DOOR_CHROMIUM"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(f"BROWSER TESTS SKIPPED: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cookies, no history) at a laptop's size."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A new tab in a fresh context."""
    return context.new_page()
