"""Whose day it is: the browser's zone when it names a real one, the server's otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guide import clock

SERVER = timezone(timedelta(hours=1), "server")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pacific/Kiritimati", ZoneInfo("Pacific/Kiritimati")),
        ("Pacific/Pago_Pago", ZoneInfo("Pacific/Pago_Pago")),
        ("America/Los_Angeles", ZoneInfo("America/Los_Angeles")),
        ("  Europe/Madrid ", ZoneInfo("Europe/Madrid")),
        ("UTC", ZoneInfo("UTC")),
        # Absent or invalid: the server's zone, never an error.
        (None, SERVER),
        ("", SERVER),
        ("   ", SERVER),
        ("Mars/Olympus_Mons", SERVER),
        ("../../etc/passwd", SERVER),
        ("/etc/localtime", SERVER),
        ("Europe/" + "x" * 200, SERVER),
        ("Pacific/Kiritimati\x00", SERVER),
        (14, SERVER),
        (["Pacific/Kiritimati"], SERVER),
    ],
)
def test_zone_choice(name, expected):
    assert clock.zone(name, SERVER) == expected


# The server's midnight (UTC) between Monday 7 and Tuesday 8 December 2026.
@pytest.mark.parametrize(
    ("now", "name", "expected"),
    [
        (datetime(2026, 12, 7, 10, 30, tzinfo=UTC), "Pacific/Kiritimati", date(2026, 12, 8)),
        (datetime(2026, 12, 7, 10, 30, tzinfo=UTC), "UTC", date(2026, 12, 7)),
        (datetime(2026, 12, 8, 0, 30, tzinfo=UTC), "Pacific/Pago_Pago", date(2026, 12, 7)),
        (datetime(2026, 12, 8, 0, 30, tzinfo=UTC), "UTC", date(2026, 12, 8)),
        (datetime(2026, 12, 7, 23, 59, tzinfo=UTC), "Pacific/Kiritimati", date(2026, 12, 8)),
        (datetime(2026, 12, 8, 10, 59, tzinfo=UTC), "Pacific/Pago_Pago", date(2026, 12, 7)),
        (datetime(2026, 12, 8, 11, 0, tzinfo=UTC), "Pacific/Pago_Pago", date(2026, 12, 8)),
    ],
)
def test_today_is_the_users_date(now, name, expected):
    assert clock.today(now, clock.zone(name, UTC)) == expected
