"""Dates for a person: the picker's order by locale, and dates in words."""

from __future__ import annotations

from datetime import date

import pytest

from guide.dates import long_day, picker_format


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
    assert picker_format(locale) == expected


def test_long_day_is_in_words():
    assert long_day(date(2026, 12, 2)) == "Wednesday 2 December 2026"
