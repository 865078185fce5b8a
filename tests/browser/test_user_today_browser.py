"""One "today" in real Chromium: a browser in a zone far from the server's sees its own week.

The server runs in UTC (``TZ``) and the browser context in a zone whose date differs from the
server's right now (Playwright's ``timezone_id``): Pacific/Kiritimati (UTC+14) from 10:00 UTC,
Pacific/Pago_Pago (UTC-11) before 11:00 UTC. The plan is seeded so that the week boundary falls
between the two dates; Home and the plan must both show the browser's week, and the routines its
day. Nothing is mocked: both sides read real clocks, so the zone is chosen at run time, away from
either midnight.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from guide import formatting
from records import plan as plan_state
from storage.store import Store
from tests.browser.test_front_door_browser import no_exception, open_fresh_space
from tests.support.browser import wait_idle
from tests.support.seed import StoreSpace
from tests.support.server import running_app

FAR_ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")
MARGIN = timedelta(minutes=10)  # room for the test to run before either date turns over


def far_zone(now: datetime) -> str | None:
    """A zone whose date differs from UTC's at ``now``, with no midnight within the margin."""

    def steady(when: datetime, zone: ZoneInfo) -> bool:
        return (when - MARGIN).astimezone(zone).date() == (when + MARGIN).astimezone(zone).date()

    for name in FAR_ZONES:
        zone = ZoneInfo(name)
        if (
            now.astimezone(zone).date() != now.date()
            and steady(now, zone)
            and steady(now, ZoneInfo("UTC"))
        ):
            return name
    return None


@pytest.fixture(scope="module")
def served(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """Open Door on a server whose own zone is UTC, with its data folder at hand for seeding."""
    data = tmp_path_factory.mktemp("today-data")
    log = tmp_path_factory.mktemp("logs") / "server.log"
    env = {"OPEN_DOOR_EXIT_URL": exit_site, "TZ": "UTC"}
    with running_app(data, env=env, log=log) as url:
        yield url, data


def week_shown(page) -> str:
    bar = page.locator("[data-testid='stProgress']").first
    expect(bar).to_contain_text(re.compile(r"Week \d of 6"))
    found = re.search(r"Week (\d) of 6", bar.inner_text())
    assert found is not None
    return found.group(1)


def test_home_and_the_plan_show_the_browsers_week_not_the_servers(browser, served):
    now = datetime.now(UTC)
    name = far_zone(now)
    if name is None:  # only within ten minutes of UTC midnight; a minute later one will do
        pytest.skip("every far zone's date turns over within ten minutes; run again shortly")
    users_day = now.astimezone(ZoneInfo(name)).date()
    servers_day = now.date()
    # The plan starts a week before the later of the two days: that day opens week 2, the
    # earlier one is still the last day of week 1.
    start = max(users_day, servers_day) - timedelta(days=7)
    week = "2" if users_day > servers_day else "1"

    url, data = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=name)
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        assert page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone") == name
        key = open_fresh_space(page, url)
        store = Store(data)
        access = store.resolve(key)
        assert access is not None
        cycle = plan_state.new_plan(start, ["No phones at dinner"])
        plan_state.start_cycle(StoreSpace(store, access), cycle)

        page.goto(f"{url}/?space={key}")
        wait_idle(page)
        no_exception(page)
        on_home = week_shown(page)

        page.goto(f"{url}/plan?space={key}")
        wait_idle(page)
        no_exception(page)
        on_plan = week_shown(page)
        assert on_home == on_plan == week, (name, users_day, servers_day, on_home, on_plan)

        page.get_by_role("radio", name="Routines").click()
        wait_idle(page)
        page.get_by_role("radio", name="Journal").click()
        wait_idle(page)
        no_exception(page)
        expect(
            page.get_by_text(f"Your line for today, {formatting.day(users_day)}")
        ).to_be_visible()
    finally:
        context.close()
