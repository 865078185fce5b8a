"""The user's clock: "now" and "today" in their browser's time zone, the zone read once per run.

The plan, Home, routines and everything that stamps a day ask here, so they agree on the date and
a week never turns over at the server's midnight. The front door calls :func:`arrive` at the start
of every run; callbacks (which run before it) and code outside a run get the last zone seen, or
read it themselves. :func:`utc_now` is the app's one clock, so a test can fix the time by
replacing it (``monkeypatch.setattr(ui.clock, "utc_now", ...)``).
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, tzinfo

import streamlit as st

from guide import clock

ZONE_STATE = "od_zone"


def utc_now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def server_zone() -> tzinfo:
    """The server's own zone: the fallback when the browser names none (or none we know)."""
    return datetime.now().astimezone().tzinfo or UTC


def _browser_zone_name() -> str | None:
    try:
        return st.context.timezone
    except Exception:  # outside a script run there is no browser to ask
        return None


def arrive() -> tzinfo:
    """Read the browser's zone for this run and keep it for the run's callers."""
    found = clock.zone(_browser_zone_name(), server_zone())
    with contextlib.suppress(Exception):  # no session (outside a run): nothing to keep it in
        st.session_state[ZONE_STATE] = found
    return found


def zone() -> tzinfo:
    """The user's zone as read at the start of this run (read now if this run has not yet)."""
    try:
        kept = st.session_state.get(ZONE_STATE)
    except Exception:
        kept = None
    return kept if isinstance(kept, tzinfo) else arrive()


def now() -> datetime:
    """The current moment in the user's zone."""
    return utc_now().astimezone(zone())


def today() -> date:
    """The user's own date today."""
    return clock.today(utc_now(), zone())


def local(moment: datetime) -> datetime:
    """An aware ``moment`` as the user's clock shows it."""
    return moment.astimezone(zone())
