"""Whose day it is: the user's calendar date comes from their own time zone, not the server's (pure).

A week of the plan turns over at the user's midnight. The browser names its zone (an IANA name
such as ``Pacific/Kiritimati``); anything missing or unknown falls back to the server's zone, the
date the app used before it knew better, so a bad value never stops a page.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@lru_cache(maxsize=64)
def _named(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone(name: object, server: tzinfo) -> tzinfo:
    """The zone ``name`` names (an IANA name from the browser), or ``server`` when it names none."""
    if not isinstance(name, str) or not name.strip() or len(name) > 64:
        return server
    return _named(name.strip()) or server


def today(now: datetime, where: tzinfo) -> date:
    """The calendar date at the aware moment ``now`` in the zone ``where``."""
    return now.astimezone(where).date()
