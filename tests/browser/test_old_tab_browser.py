"""The attack on an old tab, in real Chromium: two browser profiles hold the same owner link.

The person replaces their link (or deletes everything) in one profile; the other, the partner's
old copy, presses "Download backup" on My data it still has open. It must get no file at all,
certainly not one holding the safety plan saved afterwards with the new link, and after Delete
everything no file of the deleted space may come back into the data folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Download, Page, expect

from storage import keys
from tests.support.browser import open_fresh_space, owner_key_in, shot, wait_idle
from tests.support.server import own_server

NEUTRAL = "This link doesn't open anything"
TOLD = "Nothing was read or saved just now"
SECRET = "NEWPLANSECRET the bus station at 6"


@pytest.fixture(scope="module")
def served(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """Our own server, so the test can look into its data folder."""
    yield from own_server(tmp_path_factory, exit_site, "old-tab-data", log=True)


def space_id_of(data: Path, key: str) -> str:
    record = json.loads((data / "links" / f"{keys.hash_key(key)}.json").read_text("utf-8"))
    return record["space"]


def space_files(data: Path, space_id: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (data / "spaces").glob(f"{space_id}.*")}


def press_download(page: Page) -> list[Download]:
    """Press My data's backup button and collect whatever file the browser receives."""
    got: list[Download] = []
    page.on("download", lambda download: got.append(download))
    page.locator(".st-key-my_data_download button").click()
    page.wait_for_timeout(2_000)  # the file request and the button's rerun both take a moment
    wait_idle(page)
    return got


def test_old_tab_gets_no_backup_after_the_link_is_replaced(browser, served):
    url, _ = served
    old_ctx, new_ctx = browser.new_context(), browser.new_context()
    try:
        old = old_ctx.new_page()
        key = open_fresh_space(old, url)
        old.goto(f"{url}/my-data?space={key}")
        wait_idle(old)
        # The person, elsewhere, replaces the link and then keeps a safety plan with the new one.
        tab = new_ctx.new_page()
        tab.goto(f"{url}/share?space={key}")
        wait_idle(tab)
        tab.locator(".st-key-share_rotate button").click()
        wait_idle(tab)
        tab.locator(".st-key-share_rotate_yes button").click()
        wait_idle(tab)
        new_key = owner_key_in(tab)
        assert new_key != key
        tab.goto(f"{url}/safety?space={new_key}")
        wait_idle(tab)
        tab.get_by_text("Keep it in the app", exact=True).click()
        wait_idle(tab)
        tab.get_by_placeholder("Where could you go, and how would you get there?").fill(SECRET)
        tab.get_by_role("button", name="Save my plan").click()
        wait_idle(tab)
        expect(tab.get_by_text("Your plan is saved in the app")).to_be_visible()
        # The old tab presses Download.
        got = press_download(old)
        leaked = [Path(d.path()).read_text("utf-8") for d in got]
        assert not any(SECRET in body for body in leaked), "the old link downloaded the new plan"
        assert leaked == [], "the old link still downloads a backup"
        expect(old.get_by_text(NEUTRAL).first).to_be_visible()
        expect(old.get_by_text(TOLD)).to_be_visible()
        shot(old, "old-tab-download-refused", full_page=False)
    finally:
        old_ctx.close()
        new_ctx.close()


def test_old_tab_recreates_nothing_after_delete_everything(browser, served):
    url, data = served
    old_ctx, new_ctx = browser.new_context(), browser.new_context()
    try:
        old = old_ctx.new_page()
        key = open_fresh_space(old, url)
        space_id = space_id_of(data, key)
        old.goto(f"{url}/my-data?space={key}")
        wait_idle(old)
        assert any(name.endswith(".db") for name in space_files(data, space_id))
        tab = new_ctx.new_page()
        tab.goto(f"{url}/my-data?space={key}")
        wait_idle(tab)
        tab.get_by_label('To confirm, type "delete" below').fill("delete")
        tab.get_by_role("button", name="Delete my space").click()
        wait_idle(tab)
        expect(tab.get_by_text("Your space and all its links were deleted")).to_be_visible()
        after_delete = space_files(data, space_id)
        assert not [name for name in after_delete if name.endswith(".db")]
        got = press_download(old)
        assert got == [], "the old tab downloaded a backup of a deleted space"
        assert space_files(data, space_id) == after_delete, "a file of the deleted space came back"
        expect(old.get_by_text(NEUTRAL).first).to_be_visible()
    finally:
        old_ctx.close()
        new_ctx.close()
