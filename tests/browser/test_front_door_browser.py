"""The front door in real Chromium: a fresh space, every page, deep links, and the quick exit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle

PATHS = ["", "quiz", "script", "plan", "share", "going-alone", "therapist", "safety", "my-data"]


def test_fresh_space_then_every_page(page, server):
    key = open_fresh_space(page, server)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)
    expect(page.get_by_text("This is your private space")).to_be_visible()
    shot(page, "front-door-home")
    for path in PATHS:
        page.goto(f"{server}/{path}?space={key}")
        wait_idle(page)
        no_exception(page)
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator("#od-quick-exit")).to_be_visible()
        assert f"space={key}" in page.url, f"key lost on /{path}"


@pytest.mark.parametrize("path", ["quiz", "my-data", "partner"])
def test_deep_link_into_a_fresh_server_runs_the_app(browser, tmp_path, exit_site, path):
    """A deep link opened before anyone visited / must not show the legacy page list."""
    from tests.support.server import running_app

    with running_app(tmp_path / "d", env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        ctx = browser.new_context()
        tab = ctx.new_page()
        tab.goto(f"{url}/{path}")
        wait_idle(tab)
        no_exception(tab)
        expect(tab.locator("#od-quick-exit")).to_have_count(1)
        expect(tab.locator("h1").first).to_be_visible()
        ctx.close()


def test_quick_exit_button_leaves_and_replaces_history(page, server, exit_site):
    key = open_fresh_space(page, server)
    page.goto(f"{server}/my-data?space={key}")
    wait_idle(page)
    page.locator("#od-quick-exit").click()
    page.wait_for_url(exit_site)
    assert "Weather today" in page.inner_text("body")
    page.go_back()
    page.wait_for_load_state()
    assert "/my-data" not in page.url  # the page we left is not one step back


def test_quick_exit_shortcut_shift_three_times(page, server, exit_site):
    open_fresh_space(page, server)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_site)


def test_bad_link_in_browser(page, server):
    page.goto(f"{server}/quiz?space=not-a-real-key")
    wait_idle(page)
    expect(page.get_by_text("This link doesn't open anything")).to_be_visible()
    no_exception(page)
    shot(page, "front-door-bad-link")
