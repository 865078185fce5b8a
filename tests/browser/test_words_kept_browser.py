"""Issue 15, "Words lost", in real Chromium: long pastes stay in the box; two tabs on one step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guide.script import draft_from_dict
from storage.store import Store
from tests.browser.test_front_door_browser import no_exception
from tests.browser.test_script_browser import click_key, open_step, type_into
from tests.support import journey
from tests.support.browser import shot, wait_idle
from tests.support.server import running_app


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """A server of our own, so the test can read what the space stored."""
    data = tmp_path_factory.mktemp("words-data")
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        yield url, data


def _space(data: Path) -> tuple[Store, str, object]:
    store = Store(data)
    key, access = store.create_space()
    journey.mark_link_saved(store.private(access))
    return store, key, access


def _stored_opener(store: Store, access) -> str | None:
    doc = store.private(access).get("script_working", "current")
    return None if doc is None else draft_from_dict(doc["draft"]).opener


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_pasted_script_step_over_the_limit_stays_in_the_box(browser, site, size):
    """5,000 characters pasted into a 600-character script box used to leave it empty at 0/600."""
    url, data = site
    store, key, access = _space(data)
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{url}/script?space={key}")
        wait_idle(page)
        open_step(page, "opener")
        pasted = ("I'd like us to talk about us. " * 200)[:4999] + "?"
        type_into(page, "script_f_opener", pasted)
        box = page.locator(".st-key-script_f_opener textarea")
        assert len(box.input_value()) == 5000
        click_key(page, "script_save_opener")
        expect(page.get_by_text("please cut 4,400 characters", exact=False)).to_be_visible()
        assert len(box.input_value()) == 5000
        assert _stored_opener(store, access) is None  # nothing saved
        box.scroll_into_view_if_needed()
        shot(page, f"words-script-too-long-{width}", full_page=False)
        no_exception(page)
    finally:
        context.close()
