"""While a switch-off waits for its confirmation, only one switch-off button is ever on screen.

Issue 15, point 14: pressing "Switch off this link" drew the confirmation while the pressed button
still stood above it, so for a moment the page offered two ways to switch the link off. The page
is watched in Chromium from the press until it settles, every 50 ms.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.store import Store
from tests.support.browser import wait_idle
from tests.support.server import running_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("revoke-data")
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        yield url, data


def test_one_switch_off_button_while_the_confirmation_waits(page, site) -> None:
    url, data = site
    store = Store(data)
    key, access = store.create_space()
    store.add_partner_link(access, "Sam")
    page.goto(f"{url}/share?space={key}")
    wait_idle(page)
    first = page.get_by_role("button", name="Switch off this link", exact=True)
    yes = page.get_by_role("button", name="Yes, switch it off", exact=True)
    first.click()
    both = 0
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if first.count() and yes.count():
            both += 1
        page.wait_for_timeout(50)
    wait_idle(page)
    assert yes.count() == 1
    assert both == 0, f"both buttons were on screen at {both} checks"
