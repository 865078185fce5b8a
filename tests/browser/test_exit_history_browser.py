"""Quick exit in real Chromium: Back never returns to the app, and the exit site learns nothing.

Issue 13 point 3: every page change used to push a history entry carrying the key in its URL, and
the exit replaced only the last one, so Back after the exit reopened the plan page. The app now
keeps at most one history entry of its own, which the exit replaces. Point 9: the exit site must
not learn the app's address (which holds the key) from a ``Referer`` header.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storage.store import Store
from tests.support.browser import no_exception, open_fresh_space, wait_idle
from tests.support.server import running_app

BEFORE_PAGE = b"<!doctype html><title>News</title><h1>Some other site</h1>"
EXIT_PAGE = b"<!doctype html><title>Weather</title><h1>Weather today</h1>"
BACK_PRESSES = 15  # more than every entry the journey below could have made


class Recorder:
    """A loopback 'ordinary website' that remembers the headers of every request it served."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorder.requests.append(
                    (self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                body = BEFORE_PAGE if self.path.startswith("/before") else EXIT_PAGE
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hits(self, prefix: str) -> list[dict[str, str]]:
        return [headers for path, headers in self.requests if path.startswith(prefix)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, Recorder, Path]]:
    """Open Door on its own server, whose quick exit goes to a recording loopback site."""
    recorder = Recorder()
    data = tmp_path_factory.mktemp("exit-data")
    env = {"OPEN_DOOR_EXIT_URL": f"{recorder.origin}/weather"}
    try:
        with running_app(data, env=env) as url:
            yield url, recorder, data
    finally:
        recorder.server.shutdown()


def sidebar(page, name: str) -> None:
    """Click one of the sidebar's page links (ui.chrome.navigation) and wait for the page."""
    page.locator(".st-key-od_nav").get_by_role("link", name=name, exact=True).click()
    settle(page)


def settle(page) -> None:
    wait_idle(page)
    page.wait_for_function("() => new URLSearchParams(location.search).get('space')")
    no_exception(page)


def leave(page, how: str, exit_url: str) -> None:
    if how == "button":
        page.locator("#od-quick-exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    expect(page.get_by_role("heading", name="Weather today")).to_be_visible()


def walk_back(page, app_origin: str) -> list[str]:
    """Press Back until the browser can't go further; return every address reached.

    ``go_back`` returns None both at the start of history and for a same-document step, so the
    walk stops only when the address stops changing.
    """
    seen = [page.url]
    for _ in range(BACK_PRESSES):
        before = page.url
        page.go_back(wait_until="load")
        page.wait_for_timeout(300)
        seen.append(page.url)
        assert not page.url.startswith(app_origin), f"Back reached the app: {seen}"
        if page.url == before:
            break
    return seen


def journey(page, server: str, before: str) -> str:
    """From another site, open the app and visit pages every way the app moves between them."""
    page.goto(before)
    key = open_fresh_space(page, server)
    sidebar(page, "Quiz")
    sidebar(page, "Six-week plan")
    page.reload()  # a refresh starts a new session on the same entry
    settle(page)
    sidebar(page, "Safety")
    page.get_by_role("link", name="Your safety plan").click()  # a link to a heading (#plan)
    expect(page.get_by_role("heading", name="Your safety plan")).to_be_in_viewport()
    assert "#plan" in page.url
    sidebar(page, "Home")
    page.locator(".st-key-home_safety_first a").click()  # st.page_link
    settle(page)
    assert "/safety" in page.url
    sidebar(page, "Home")
    page.locator(".st-key-home_start button").click()  # st.switch_page
    settle(page)
    assert "/quiz" in page.url
    sidebar(page, "My data")
    sidebar(page, "Six-week plan")
    assert f"space={key}" in page.url
    return key


@pytest.mark.parametrize("how", ["button", "shift"])
def test_back_after_quick_exit_never_reaches_the_app(page, site, how):
    server, recorder, _data = site
    before = f"{recorder.origin}/before"
    key = journey(page, server, before)
    # Of the app's entries in this tab, only the current one carries the key.
    urls = page.evaluate("() => navigation.entries().map((entry) => entry.url)")
    leave(page, how, f"{recorder.origin}/weather")
    seen = walk_back(page, server)
    assert before in seen, f"Back never got to the site before the app: {seen}"
    assert sum(f"space={key}" in url for url in urls) == 1, urls
    # Forward from there meets the exit site and at most a keyless start, never the old space.
    for _ in range(len(urls) + 2):
        page.go_forward(wait_until="load")
        page.wait_for_timeout(300)
        assert key not in page.url, f"Forward reached the space: {page.url}"


def test_forward_inside_the_app_makes_no_second_entry(page, site):
    """A new visitor's tab has a Forward entry without the key (see ui.chrome); pressing Forward
    inside the app must not give that entry the key as well."""
    server, recorder, _data = site
    before = f"{recorder.origin}/before"
    page.goto(before)
    key = open_fresh_space(page, server)
    page.wait_for_timeout(500)
    page.go_forward(wait_until="load")
    page.wait_for_timeout(800)
    wait_idle(page)
    assert f"space={key}" in page.url
    sidebar(page, "Safety")
    urls = page.evaluate("() => navigation.entries().map((entry) => entry.url)")
    assert sum(f"space={key}" in url for url in urls) == 1, urls
    leave(page, "button", f"{recorder.origin}/weather")
    assert before in walk_back(page, server)


def test_links_within_the_page_make_no_entry(page, site):
    """A heading's link, a link to "#" and a heading link written with the full address all stay
    on the one entry."""
    server, _recorder, _data = site
    key = open_fresh_space(page, server)
    sidebar(page, "Safety")
    entries = "() => navigation.entries().map((entry) => entry.url)"
    count = len(page.evaluate(entries))
    for href in ("#", "#device", f"{server}/safety?space={key}#danger"):
        page.evaluate(
            """(href) => { const a = document.createElement('a'); a.href = href;
            document.body.appendChild(a); a.click(); a.remove(); }""",
            href,
        )
        page.wait_for_timeout(300)
        urls = page.evaluate(entries)
        assert len(urls) == count and sum(f"space={key}" in url for url in urls) == 1, (href, urls)
    assert page.url.endswith("#danger")
    expect(page.get_by_role("heading", name="If you are in danger now")).to_be_in_viewport()


def test_back_after_quick_exit_from_the_partner_view(browser, site):
    server, recorder, data = site
    store = Store(data)
    _owner, access = store.create_space()
    partner_key, _link_id = store.add_partner_link(access, "For Sam")
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    tab = ctx.new_page()
    try:
        tab.goto(f"{recorder.origin}/before")
        tab.goto(f"{server}/?partner={partner_key}")
        wait_idle(tab)
        no_exception(tab)
        tab.reload()
        wait_idle(tab)
        leave(tab, "button", f"{recorder.origin}/weather")
        seen = walk_back(tab, server)
        assert f"{recorder.origin}/before" in seen, seen
    finally:
        ctx.close()


def test_quick_exit_sends_no_referer(page, site):
    """The exit site must not learn the app's address, which carries the key."""
    server, recorder, _data = site
    key = open_fresh_space(page, server)
    sidebar(page, "Safety")
    for how in ("button", "shift"):
        count = len(recorder.hits("/weather"))
        leave(page, how, f"{recorder.origin}/weather")
        hits = recorder.hits("/weather")[count:]
        assert hits, "the exit site saw no request"
        assert all("referer" not in headers for headers in hits), hits
        assert key not in str(hits)
        page.goto(f"{server}/safety?space={key}")
        settle(page)


def test_app_pages_ask_browsers_to_send_no_referrer(page, site):
    """Any link that leaves the app (a helpline's site, say) sends no Referer either."""
    server, recorder, _data = site
    key = open_fresh_space(page, server)
    # A plain link to another site, as a helpline link is, clicked in this document.
    page.evaluate(
        """(href) => { const a = document.createElement('a'); a.href = href; a.id = 'od-probe';
        a.textContent = 'probe'; document.body.appendChild(a); }""",
        f"{recorder.origin}/weather?link",
    )
    count = len(recorder.hits("/weather?link"))
    page.evaluate("document.getElementById('od-probe').click()")
    page.wait_for_url(f"{recorder.origin}/weather?link")
    hits = recorder.hits("/weather?link")[count:]
    assert hits and all("referer" not in headers for headers in hits), hits
    assert key not in str(hits)
    page.go_back()
    wait_idle(page)
    policy = page.evaluate(
        "() => document.querySelector('meta[name=referrer]')?.getAttribute('content')"
    )
    assert policy == "no-referrer"


def test_backup_download_and_upload_work_without_a_referer(page, site, tmp_path):
    """No Referer to our own server either: a backup still downloads, and uploads back."""
    server, _recorder, _data = site
    open_fresh_space(page, server)
    sidebar(page, "My data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download backup (.json)").click()
    saved = tmp_path / "backup.json"
    info.value.save_as(saved)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(saved))
    expect(page.get_by_text("This backup is readable")).to_be_visible()
    no_exception(page)
