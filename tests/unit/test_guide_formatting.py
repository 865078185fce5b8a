"""Dates and lists for a person, and stored ISO stamps read back: one table per job.

English must read word for word as the app always wrote it; Spanish is here so that a later
language only passes its locale; anything unreadable reads as None, never as an exception.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide import formatting as fmt

TUESDAY = date(2026, 12, 8)
SEPTEMBER = datetime(2026, 9, 3, 14, 5)


@pytest.mark.parametrize(
    ("write", "moment", "locale", "expected"),
    [
        (fmt.day, date(2026, 3, 4), "en", "Wednesday 4 March"),
        (fmt.day, TUESDAY, "en", "Tuesday 8 December"),
        (fmt.day, TUESDAY, "en_US", "Tuesday 8 December"),  # the app's English, not CLDR's
        (fmt.day, TUESDAY, "en-GB", "Tuesday 8 December"),
        (fmt.day, TUESDAY, "es", "martes 8 de diciembre"),
        (fmt.day, TUESDAY, "es-US", "martes 8 de diciembre"),
        (fmt.day_with_year, date(2026, 12, 2), "en", "Wednesday 2 December 2026"),
        (fmt.day_with_year, TUESDAY, "es", "martes 8 de diciembre de 2026"),
        (fmt.date_words, date(2026, 11, 22), "en", "22 November 2026"),
        (fmt.date_words, date(2026, 3, 3), "en", "3 March 2026"),
        (fmt.date_words, TUESDAY, "es", "8 de diciembre de 2026"),
        (fmt.short_day, TUESDAY, "en", "Tue 08 Dec"),  # strftime's %d kept its leading zero
        (fmt.short_day, date(2026, 12, 14), "en", "Mon 14 Dec"),
        (fmt.short_date, TUESDAY, "en", "08 Dec 2026"),
        (fmt.day_month, date(2026, 11, 12), "en", "12 Nov"),
        (fmt.day_month, SEPTEMBER, "en", "3 Sep"),  # "Sep", as the app wrote it, not "Sept"
        (fmt.moment_words, SEPTEMBER, "en", "3 Sep 2026, 14:05"),
        (fmt.moment_words, datetime(2026, 11, 12, 9, 7), "en", "12 Nov 2026, 09:07"),
        # Unknown, empty or missing locales fall back to English rather than failing a page.
        (fmt.day, TUESDAY, "xx", "Tuesday 8 December"),
        (fmt.day, TUESDAY, "", "Tuesday 8 December"),
        (fmt.day, TUESDAY, None, "Tuesday 8 December"),
        (fmt.day, TUESDAY, "not a locale", "Tuesday 8 December"),
    ],
)
def test_dates_in_words(write, moment, locale, expected):
    assert write(moment, locale) == expected


def test_english_is_the_default():
    assert fmt.day(TUESDAY) == "Tuesday 8 December"


def test_a_language_without_written_patterns_still_gets_its_own_words():
    # German has no patterns written here: CLDR's own order and month names, no English.
    assert fmt.date_words(TUESDAY, "de") == "8. Dezember 2026"
    assert "Dezember" in fmt.day(TUESDAY, "de")
    assert "14:05" in fmt.moment_words(SEPTEMBER, "de")


@pytest.mark.parametrize(
    ("items", "locale", "and_", "or_"),
    [
        ([], "en", "", ""),
        (["a"], "en", "a", "a"),
        (["a", "b"], "en", "a and b", "a or b"),
        (["a", "b", "c"], "en", "a, b and c", "a, b or c"),  # no serial comma, as before
        (["a", "b", "c", "d"], "en", "a, b, c and d", "a, b, c or d"),
        (["a", "b", "c"], "en_US", "a, b and c", "a, b or c"),
        (["a", "b"], "es", "a y b", "a o b"),
        (["a", "b", "c"], "es", "a, b y c", "a, b o c"),
        (["a", "b", "c"], None, "a, b and c", "a, b or c"),
    ],
)
def test_lists(items, locale, and_, or_):
    assert fmt.join_and(items, locale) == and_
    assert fmt.join_or(items, locale) == or_


@pytest.mark.parametrize(
    ("numbers", "one", "many", "locale", "expected"),
    [
        ((), "week", "weeks", "en", ""),
        ((2,), "week", "weeks", "en", "week 2"),
        ((2, 3), "week", "weeks", "en", "weeks 2 and 3"),
        ((1, 2, 4), "Week", "Weeks", "en", "Weeks 1, 2 and 4"),
        ((2, 3), "semana", "semanas", "es", "semanas 2 y 3"),
    ],
)
def test_numbered(numbers, one, many, locale, expected):
    assert fmt.numbered(numbers, one, many, locale) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-08", date(2026, 12, 8)),
        ("2026-02-30", None),
        ("08/12/2026", None),
        ("2026-12-08T10:00:00+00:00", None),  # a moment is not a date field
        ("", None),
        ("   ", None),
        (None, None),
        (20261208, None),
        (["2026-12-08"], None),
        ("2026-12-08\x00", None),
    ],
)
def test_read_date(value, expected):
    assert fmt.read_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-08T10:30:00+00:00", datetime(2026, 12, 8, 10, 30, tzinfo=UTC)),
        ("2026-12-08T10:30:00Z", datetime(2026, 12, 8, 10, 30, tzinfo=UTC)),
        # An older stamp without a zone was written in UTC.
        ("2026-12-08T10:30:00", datetime(2026, 12, 8, 10, 30, tzinfo=UTC)),
        ("2026-12-08", datetime(2026, 12, 8, tzinfo=UTC)),
        (
            "2026-12-08T23:30:00-11:00",
            datetime(2026, 12, 8, 23, 30, tzinfo=timezone(timedelta(hours=-11))),
        ),
        ("yesterday", None),
        ("2026-13-01T00:00:00", None),
        ("", None),
        (None, None),
        (1733650000, None),
        ({"at": "2026-12-08"}, None),
    ],
)
def test_read_moment(value, expected):
    got = fmt.read_moment(value)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-03", date(2026, 3, 3)),
        ("2026-03-03T23:59:00+00:00", date(2026, 3, 3)),
        # The day as written in the stamp's own zone, not converted to UTC.
        ("2026-03-03T23:30:00-11:00", date(2026, 3, 3)),
        ("2026-03-03T", None),
        ("not a date", None),
        (None, None),
        (3, None),
    ],
)
def test_read_day(value, expected):
    assert fmt.read_day(value) == expected


@given(st.dates())
def test_a_stored_date_reads_back(day):
    assert fmt.read_date(day.isoformat()) == day
    assert fmt.read_day(day.isoformat()) == day


@given(st.text(max_size=40))
def test_any_text_reads_calmly(text):
    # Whatever a hand-edited file holds, reading it gives a value or None, never an exception.
    fmt.read_date(text)
    fmt.read_moment(text)
    fmt.read_day(text)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "MM/DD/YYYY"),
        ("es-US", "MM/DD/YYYY"),
        ("en_us", "MM/DD/YYYY"),
        ("en-GB", "DD/MM/YYYY"),
        ("es-MX", "DD/MM/YYYY"),
        ("de", "DD/MM/YYYY"),
        ("ja-JP", "YYYY-MM-DD"),
        ("sv-SE", "YYYY-MM-DD"),
        ("en-CA", "YYYY-MM-DD"),
        (None, "DD/MM/YYYY"),
        ("", "DD/MM/YYYY"),
        ("not a locale", "DD/MM/YYYY"),
    ],
)
def test_picker_format_follows_the_browser(locale, expected):
    assert fmt.picker_format(locale) == expected
