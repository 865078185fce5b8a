"""Week arithmetic: starts on every weekday, week boundaries, before and after, rating windows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide.weeks import (
    CYCLE_DAYS,
    WEEKS,
    current_week,
    due_weeks,
    is_rateable,
    progress,
    rateable_weeks,
    review_date,
    week_of,
    week_range,
)

MONDAY = date(2025, 3, 3)
# One start on each of the seven weekdays (Monday 3 March .. Sunday 9 March 2025).
STARTS = [MONDAY + timedelta(days=i) for i in range(7)]
WEEKDAY_IDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def days(n: int) -> timedelta:
    """Shorthand for a number of days."""
    return timedelta(days=n)


@pytest.mark.parametrize("start", STARTS, ids=WEEKDAY_IDS)
@pytest.mark.parametrize("n", range(1, WEEKS + 1))
def test_week_boundaries_on_every_weekday(start: date, n: int) -> None:
    first, last = week_range(start, n)
    assert first == start + days(7 * (n - 1))
    assert last == first + days(6)
    assert first.weekday() == start.weekday()
    assert week_of(start, first) == n
    assert week_of(start, last) == n
    assert week_of(start, first - days(1)) == n - 1
    assert week_of(start, last + days(1)) == n + 1


@pytest.mark.parametrize("start", STARTS, ids=WEEKDAY_IDS)
def test_review_date_is_the_day_after_week_six(start: date) -> None:
    assert review_date(start) == start + days(42)
    assert review_date(start) == week_range(start, WEEKS)[1] + days(1)
    assert review_date(start).weekday() == start.weekday()


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-365, 0),
        (-1, 0),
        (0, 1),
        (6, 1),
        (7, 2),
        (13, 2),
        (14, 3),
        (35, 6),
        (41, 6),
        (42, 7),
        (100, 15),
    ],
)
def test_week_of_table(offset: int, expected: int) -> None:
    for start in STARTS:
        assert week_of(start, start + days(offset)) == expected


@pytest.mark.parametrize("n", [0, -1, 7, 12])
def test_week_range_refuses_weeks_outside_the_cycle(n: int) -> None:
    with pytest.raises(ValueError, match="between 1 and 6"):
        week_range(MONDAY, n)


@pytest.mark.parametrize(
    ("offset", "week", "day", "started", "finished", "until_start", "left", "until_review"),
    [
        (-3, 0, 0, False, False, 3, 0, 45),
        (0, 1, 1, True, False, 0, 6, 42),
        (6, 1, 7, True, False, 0, 0, 36),
        (7, 2, 1, True, False, 0, 6, 35),
        (40, 6, 6, True, False, 0, 1, 2),
        (41, 6, 7, True, False, 0, 0, 1),
        (42, 6, 0, True, True, 0, 0, 0),
        (90, 6, 0, True, True, 0, 0, 0),
    ],
)
def test_current_week_is_capped_for_display(
    offset: int,
    week: int,
    day: int,
    started: bool,
    finished: bool,
    until_start: int,
    left: int,
    until_review: int,
) -> None:
    for start in STARTS:
        info = current_week(start, start + days(offset))
        assert info.week == week
        assert info.day == day
        assert info.started is started
        assert info.finished is finished
        assert info.days_until_start == until_start
        assert info.days_left_in_week == left
        assert info.days_until_review == until_review
        assert info.review_on == review_date(start)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1, []),
        (0, [1]),
        (6, [1]),
        (7, [1, 2]),
        (20, [1, 2, 3]),
        (35, [1, 2, 3, 4, 5, 6]),
        (42, [1, 2, 3, 4, 5, 6]),
        (400, [1, 2, 3, 4, 5, 6]),
    ],
)
def test_rateable_weeks_are_the_weeks_that_have_begun(offset: int, expected: list[int]) -> None:
    for start in STARTS:
        today = start + days(offset)
        assert rateable_weeks(start, today) == expected
        for n in range(-1, WEEKS + 3):
            assert is_rateable(start, today, n) is (n in expected)


def test_a_late_rating_of_any_begun_week_is_allowed() -> None:
    # Five weeks in, every earlier week can still be rated; week 6 has not begun.
    today = MONDAY + days(30)
    assert all(is_rateable(MONDAY, today, n) for n in range(1, 6))
    assert not is_rateable(MONDAY, today, 6)


@pytest.mark.parametrize(
    ("offset", "rated", "expected"),
    [
        (-2, set(), []),
        (0, set(), []),  # week 1 has begun but is not over: not due yet
        (5, set(), []),
        (6, set(), [1]),  # the last day of week 1: due from today
        (6, {1}, []),
        (13, set(), [1, 2]),
        (13, {2}, [1]),
        (30, {1, 3}, [2, 4]),
        (41, set(), [1, 2, 3, 4, 5, 6]),
        (60, {1, 2, 3, 4, 5, 6}, []),
        (60, {2, 5}, [1, 3, 4, 6]),
    ],
)
def test_due_weeks(offset: int, rated: set[int], expected: list[int]) -> None:
    for start in STARTS:
        assert due_weeks(start, start + days(offset), rated) == expected


@pytest.mark.parametrize(
    ("offset", "week", "fraction"),
    [
        (-10, 0, 0.0),
        (0, 1, 0.0),
        (7, 2, 7 / 42),
        (21, 4, 0.5),
        (41, 6, 41 / 42),
        (42, 6, 1.0),
        (100, 6, 1.0),
    ],
)
def test_progress(offset: int, week: int, fraction: float) -> None:
    for start in STARTS:
        assert progress(start, start + days(offset)) == (week, pytest.approx(fraction))


def test_a_restarted_cycle_counts_from_its_own_start() -> None:
    first = MONDAY
    second = review_date(first)  # the new six weeks begin on the old review day
    third = second + days(3)  # or a few days later, on another weekday
    for start in (second, third):
        assert week_of(start, start) == 1
        assert week_of(first, start) >= 7
        assert rateable_weeks(start, start) == [1]
        assert progress(start, start) == (1, 0.0)
        assert current_week(start, start).finished is False


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    offset=st.integers(min_value=-400, max_value=400),
)
def test_week_of_agrees_with_week_range(start: date, offset: int) -> None:
    today = start + days(offset)
    n = week_of(start, today)
    assert n >= 0
    if 1 <= n <= WEEKS:
        first, last = week_range(start, n)
        assert first <= today <= last
    week, fraction = progress(start, today)
    assert 0 <= week <= WEEKS
    assert 0.0 <= fraction <= 1.0
    assert rateable_weeks(start, today) == list(range(1, week + 1))
    assert set(due_weeks(start, today, set())) <= set(rateable_weeks(start, today))
    assert CYCLE_DAYS == 42
