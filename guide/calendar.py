"""An .ics file for the six-week plan: a reminder at the end of each week and the review date.

Built with the ``icalendar`` library. Titles are neutral on purpose (a calendar or a lock-screen
notification may be seen by the partner): nothing mentions therapy, the plan, or the app, and no
link or key is ever put in an event. UIDs are derived from the start date, so downloading the file
again for the same cycle updates the same events instead of adding copies.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from content import plan as words
from guide.weeks import WEEKS, review_date, week_range

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Weekly notes//EN"
# A fixed namespace keeps the UIDs stable per cycle while saying nothing about where they came from.
_UID_NAMESPACE = uuid.UUID("6f1c7a52-3b1e-4f0a-9d55-0c8e7f3f2a10")


def _title(prefix: str, title: str) -> str:
    """Join an optional user prefix and a title."""
    return f"{prefix.strip()} {title}".strip()


def _all_day(summary: str, description: str, day: date, uid: str, stamp: datetime) -> Event:
    """An all-day event that does not mark the user as busy."""
    from icalendar import Event  # imported on use: it took 0.2 s of every server's first page

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def event_days(start: date) -> list[date]:
    """Return the days that get an entry: the last day of each week, then the review date."""
    return [week_range(start, n)[1] for n in range(1, WEEKS + 1)] + [review_date(start)]


def build_ics(start: date, title_prefix: str = "", stamp: datetime | None = None) -> bytes:
    """Return an iCalendar file with six weekly reminders and the review date."""
    w = words.calendar_words()
    stamp = stamp or datetime.now(UTC)
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", w.name)
    for n in range(1, WEEKS + 1):
        _, last = week_range(start, n)
        uid = f"{uuid.uuid5(_UID_NAMESPACE, f'{start.isoformat()}/week/{n}')}"
        title = _title(title_prefix, w.weekly_title)
        cal.add_component(_all_day(title, w.weekly_description, last, uid, stamp))
    uid = f"{uuid.uuid5(_UID_NAMESPACE, f'{start.isoformat()}/review')}"
    title = _title(title_prefix, w.review_title)
    cal.add_component(_all_day(title, w.review_description, review_date(start), uid, stamp))
    return cal.to_ical()
