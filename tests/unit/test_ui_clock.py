"""The user's clock outside a page run (a bare import, a thread): the server's zone, no error."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from ui import clock

SERVER = timezone(timedelta(hours=-11), "server")


def test_outside_a_run_today_is_the_servers_date(monkeypatch):
    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2026, 12, 8, 0, 30, tzinfo=UTC))
    monkeypatch.setattr(clock, "server_zone", lambda: SERVER)
    assert clock.zone() == SERVER
    assert clock.today() == date(2026, 12, 7)
    assert clock.now() == datetime(2026, 12, 7, 13, 30, tzinfo=SERVER)
    assert clock.local(datetime(2026, 12, 8, 11, 0, tzinfo=UTC)).date() == date(2026, 12, 8)


def test_the_real_clock_is_aware_and_in_utc():
    now = clock.utc_now()
    assert now.tzinfo is UTC
    assert clock.server_zone() is not None
