"""Week arithmetic for a six-week cycle: which week a day falls in, what can be rated, what is due.

A cycle starts on any day of the week. Week 1 is ``start .. start + 6``, week 6 ends on
``start + 41``, and the review falls on ``start + 42``, the day after the last week ends.
Everything here is plain ``datetime.date`` arithmetic: no clock is read, ``today`` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = 6
DAYS_PER_WEEK = 7
CYCLE_DAYS = WEEKS * DAYS_PER_WEEK


@dataclass(frozen=True)
class WeekInfo:
    """Where today sits in a cycle, ready for a "week N of 6" display.

    ``week`` is 0 before the start and never more than 6; ``finished`` is true from the review
    date on. ``day`` is the day within the week (1..7), or 0 when no week is running.
    """

    week: int
    day: int
    started: bool
    finished: bool
    days_until_start: int
    days_left_in_week: int
    days_until_review: int
    review_on: date


def week_of(start: date, day: date) -> int:
    """Return the week number ``day`` falls in: 0 before start, 1..6 in the cycle, 7+ after it."""
    if day < start:
        return 0
    return (day - start).days // DAYS_PER_WEEK + 1


def week_range(start: date, n: int) -> tuple[date, date]:
    """Return the first and last day of week ``n`` (1..6)."""
    if not 1 <= n <= WEEKS:
        raise ValueError(f"week must be between 1 and {WEEKS}, not {n}")
    first = start + timedelta(days=(n - 1) * DAYS_PER_WEEK)
    return first, first + timedelta(days=DAYS_PER_WEEK - 1)


def review_date(start: date) -> date:
    """Return the review date: six weeks after the start, the day after week 6 ends."""
    return start + timedelta(days=CYCLE_DAYS)


def current_week(start: date, today: date) -> WeekInfo:
    """Describe today's place in the cycle, with the week capped to 0..6 for display."""
    raw = week_of(start, today)
    review_on = review_date(start)
    running = 1 <= raw <= WEEKS
    if running:
        _, last = week_range(start, raw)
        day = (today - start).days % DAYS_PER_WEEK + 1
        days_left = (last - today).days
    else:
        day, days_left = 0, 0
    return WeekInfo(
        week=min(raw, WEEKS),
        day=day,
        started=raw >= 1,
        finished=today >= review_on,
        days_until_start=max((start - today).days, 0),
        days_left_in_week=days_left,
        days_until_review=max((review_on - today).days, 0),
        review_on=review_on,
    )


def rateable_weeks(start: date, today: date) -> list[int]:
    """Return the weeks that have begun (1..6); a begun week may be rated late, a future one not."""
    return list(range(1, min(week_of(start, today), WEEKS) + 1))


def is_rateable(start: date, today: date, week: int) -> bool:
    """Tell whether ``week`` may be rated today."""
    return week in rateable_weeks(start, today)


def due_weeks(start: date, today: date, rated: Iterable[int]) -> list[int]:
    """Return the weeks whose last day has come (today included) and that are not yet rated."""
    done = set(rated)
    due = []
    for n in rateable_weeks(start, today):
        _, last = week_range(start, n)
        # A week becomes due on its last day, when the reminder fires, not the moment it begins.
        if last <= today and n not in done:
            due.append(n)
    return due


def progress(start: date, today: date) -> tuple[int, float]:
    """Return the capped current week and the share of the six weeks already behind (0..1)."""
    elapsed = min(max((today - start).days, 0), CYCLE_DAYS)
    return min(week_of(start, today), WEEKS), elapsed / CYCLE_DAYS
