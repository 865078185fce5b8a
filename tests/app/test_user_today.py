"""One "today": Home, the plan and its routines count the week by the user's date, not the server's.

The clock is fixed by replacing ``ui.clock.utc_now`` (the app's one clock) and the server's zone by
replacing ``ui.clock.server_zone``; the browser's zone is AppTest's ``context["timezone"]``. The
plan starts on Tuesday 1 December 2026, so week 2 begins at the user's midnight into Tuesday 8
December, and each case sits a few hours from the server's (UTC) midnight on the other side of it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from records import plan as plan_state
from tests.app.conftest import page_text, space_of
from tests.support.seed import StoreSpace
from ui import clock, pages

PLAN = pages.path("plan")
START = date(2026, 12, 1)  # a Tuesday: week 1 is 1-7 December, week 2 is 8-14 December

CASES = [
    # (UTC now, browser zone, the user's day, the user's week); the server, in UTC, is on the
    # other side of the week boundary in every case.
    pytest.param(
        datetime(2026, 12, 7, 10, 30, tzinfo=UTC),
        "Pacific/Kiritimati",  # UTC+14: already 00:30 on Tuesday 8 December
        "Tuesday 8 December",
        2,
        id="kiritimati",
    ),
    pytest.param(
        datetime(2026, 12, 8, 0, 30, tzinfo=UTC),
        "Pacific/Pago_Pago",  # UTC-11: still 13:30 on Monday 7 December
        "Monday 7 December",
        1,
        id="pago-pago",
    ),
    pytest.param(
        datetime(2026, 12, 8, 0, 30, tzinfo=UTC),
        "Not/A_Zone",  # an invalid zone: the server's date (Tuesday 8 December in UTC)
        "Tuesday 8 December",
        2,
        id="invalid-zone-uses-the-server",
    ),
]
WEEK_DAYS = {
    1: ("Tuesday 1 December", "Monday 7 December"),
    2: ("Tuesday 8 December", "Monday 14 December"),
}


def progress_text(at) -> str:
    return " ".join(p.proto.text for p in at.get("progress"))


def weeks_shown(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"Week (\d) of 6", text)}


@pytest.fixture
def fixed_clock(monkeypatch):
    def fix(now: datetime) -> None:
        monkeypatch.setattr(clock, "utc_now", lambda: now)
        monkeypatch.setattr(clock, "server_zone", lambda: UTC)

    return fix


@pytest.mark.parametrize(("now", "zone", "day", "week"), CASES)
def test_home_the_plan_and_routines_agree_on_the_users_week(
    make_app, data_dir, fixed_clock, now, zone, day, week
):
    fixed_clock(now)
    at = make_app()
    at.context["timezone"] = zone
    at.run()
    store, access = space_of(at, data_dir)
    plan_state.start_cycle(
        StoreSpace(store, access), plan_state.new_plan(START, ["No phones at dinner"])
    )

    at.run()  # Home
    assert not at.exception, at.exception
    assert weeks_shown(progress_text(at)) == {week}

    at.switch_page(PLAN).run()
    assert not at.exception, at.exception
    assert weeks_shown(progress_text(at)) == {week}

    at.segmented_control(key="plan_section").set_value("routines").run()
    at.segmented_control(key="plan_routines_pick").set_value("support").run()
    assert not at.exception, at.exception
    first, last = WEEK_DAYS[week]
    assert f"This week ({first} to {last})" in page_text(at)

    at.segmented_control(key="plan_routines_pick").set_value("journal").run()
    assert not at.exception, at.exception
    assert f"Your line for today, {day}" in page_text(at)


def test_a_line_saved_late_in_the_users_evening_is_kept_under_their_day(
    make_app, data_dir, fixed_clock
):
    # 23:30 in Pago Pago is 10:30 the next day on the server: the line belongs to the user's day.
    fixed_clock(datetime(2026, 12, 8, 10, 30, tzinfo=UTC))
    at = make_app()
    at.context["timezone"] = "Pacific/Pago_Pago"
    at.run()
    store, access = space_of(at, data_dir)
    plan_state.start_cycle(
        StoreSpace(store, access), plan_state.new_plan(START, ["No phones at dinner"])
    )
    at.switch_page(PLAN).run()
    at.segmented_control(key="plan_section").set_value("routines").run()
    at.segmented_control(key="plan_routines_pick").set_value("journal").run()
    at.text_input(key="plan_routines_journal_text").input("We ate without phones.")
    next(b for b in at.button if b.label == "Save today's line").click().run()
    assert not at.exception, at.exception
    days = [doc["day"] for doc in store.private(access).all("journal")]
    assert days == ["2026-12-07"]
