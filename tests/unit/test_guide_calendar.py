"""The .ics download: parses back with icalendar, right days, right count, neutral words."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from guide.calendar import build_ics, event_days
from guide.weeks import review_date, week_range

MONDAY = date(2025, 3, 3)
STARTS = [MONDAY + timedelta(days=i) for i in range(7)]
STAMP = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def events(data: bytes) -> list:
    """The VEVENTs of a parsed calendar."""
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("start", STARTS, ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
def test_six_week_ends_and_the_review_day(start: date) -> None:
    found = events(build_ics(start, stamp=STAMP))
    assert len(found) == 7
    starts = [e.decoded("dtstart") for e in found]
    expected = [week_range(start, n)[1] for n in range(1, 7)] + [review_date(start)]
    assert starts == expected == event_days(start)
    for event in found:
        # All-day: a plain date, ending the next day, not blocking the user's time.
        assert type(event.decoded("dtstart")) is date
        assert event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1)
        assert str(event["transp"]) == "TRANSPARENT"
        assert event.decoded("dtstamp") == STAMP


def test_titles_are_neutral_and_carry_the_prefix() -> None:
    found = events(build_ics(MONDAY, title_prefix="  Sam: ", stamp=STAMP))
    titles = [str(e["summary"]) for e in found]
    assert titles[:6] == ["Sam: Weekly check-in notes"] * 6
    assert titles[6] == "Sam: Look back on six weeks of notes"
    plain = events(build_ics(MONDAY, stamp=STAMP))
    assert str(plain[0]["summary"]) == "Weekly check-in notes"


def test_nothing_in_the_file_gives_the_purpose_away() -> None:
    text = build_ics(MONDAY, stamp=STAMP).decode()
    for word in (
        "therapy",
        "therapist",
        "counsel",
        "couple",
        "partner",
        "plan",
        "open door",
        "http",
        "key",
    ):
        assert not re.search(word, text, re.IGNORECASE), word


def test_uids_are_unique_and_stable_per_cycle() -> None:
    first = [str(e["uid"]) for e in events(build_ics(MONDAY, stamp=STAMP))]
    again = [str(e["uid"]) for e in events(build_ics(MONDAY))]
    other = [str(e["uid"]) for e in events(build_ics(MONDAY + timedelta(days=42)))]
    assert len(set(first)) == 7
    assert first == again  # downloading twice updates the same events
    assert set(first).isdisjoint(other)  # the next cycle gets its own


def test_calendar_header() -> None:
    cal = Calendar.from_ical(build_ics(MONDAY, stamp=STAMP))
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"])
    assert str(cal["x-wr-calname"]) == "Weekly notes"
