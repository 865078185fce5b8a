"""Local mode holds out against the partner on the same network (issue 13, point 1).

The server runs as the README runs it, with ``local_mode`` on its default ``auto``, and this
machine's local space holds a six-week plan. A browser on this machine must get that space with no
link; a browser reaching the server from another address (``127.0.0.2`` stands in for a second
machine on the home Wi-Fi), with a forged ``Host``, ``Origin`` and forwarding headers, or through
a reverse proxy on this machine, must get a new, empty space of its own instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from storage.store import Store
from tests.support.browser import wait_idle
from tests.support.relay import relaying
from tests.support.seed import seed_six_weeks
from tests.support.server import running_app

pytestmark = pytest.mark.browser
MARKER = "All six weeks are done"  # the local space's plan page; a new space has no plan
FORGED = {
    "Origin": "http://localhost:{port}",  # the relay's own origin, so Streamlit's origin check passes
    "X-Forwarded-For": "127.0.0.1",
    "X-Real-IP": "127.0.0.1",
    "Forwarded": "for=127.0.0.1;host=localhost",
}


@pytest.fixture(scope="module")
def local_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A server in local mode ``auto`` whose local space already holds a plan."""
    data = tmp_path_factory.mktemp("local-mode-data")
    store = Store(data)
    key = store.local_owner_key()
    access = store.resolve(key)
    assert access is not None
    seed_six_weeks(store, access, date.today())
    log = Path(tmp_path_factory.mktemp("logs")) / "server.log"
    with running_app(data, env={"OPEN_DOOR_LOCAL_MODE": "auto"}, log=log) as url:
        yield url, data


def _visit(browser, url: str, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """Open Home then the plan page as a fresh browser; returns (plan page URL, plan page text)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, extra_http_headers=headers or {}
    )
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.goto(url)
        wait_idle(page)
        page.get_by_role("link", name="Six-week plan").first.click()
        wait_idle(page)
        page.wait_for_function("() => location.pathname.endsWith('/plan')")
        wait_idle(page)
        return page.url, page.inner_text("[data-testid='stMain']")
    finally:
        context.close()


def _spaces(data: Path) -> int:
    return sum(1 for _ in (data / "spaces").glob("*.private.db"))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_browser_on_this_machine_opens_the_local_space(browser, local_server, host) -> None:
    url, data = local_server
    before = _spaces(data)
    address, text = _visit(browser, url.replace("127.0.0.1", host))
    assert MARKER in text
    assert "space=" not in address  # no link needed on one's own machine
    assert _spaces(data) == before


@pytest.mark.parametrize(
    ("name", "headers"),
    [("forged Host", None), ("forged Host, Origin and forwarding headers", FORGED)],
)
def test_another_address_never_opens_the_local_space(browser, local_server, name, headers) -> None:
    url, data = local_server
    before = _spaces(data)
    with relaying(url, source="127.0.0.2") as port:
        # The browser writes Host: localhost:<port>, exactly what a local browser would send.
        forged = {k: v.replace("{port}", str(port)) for k, v in (headers or {}).items()}
        address, text = _visit(browser, f"http://localhost:{port}/", forged)
    assert MARKER not in text, f"{name}: the local space was opened from 127.0.0.2"
    assert "space=" in address  # a private space of its own, with its own link
    assert _spaces(data) == before + 1


def test_a_reverse_proxy_on_this_machine_never_opens_the_local_space(browser, local_server) -> None:
    url, data = local_server
    before = _spaces(data)
    with relaying(url, forwarded_for="127.0.0.2") as port:
        address, text = _visit(browser, f"http://localhost:{port}/")
    assert MARKER not in text
    assert "space=" in address
    assert _spaces(data) == before + 1
