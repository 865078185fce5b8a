"""Everything that reads or writes outside the page run checks, first, that its link still opens.

Three kinds of code never pass the front door's per-run check in ``streamlit_app.py``: ``on_click``
and ``on_change`` callbacks (Streamlit runs them before the script), fragment reruns (they skip the
script, and so the front door, altogether) and download callables (Streamlit calls them on a worker
thread when the button is pressed, long after the page was drawn). A tab opened with a link that
was since replaced, switched off, or whose space was deleted in another tab must read and write
nothing through any of them. So each one asks :func:`reopen` for this session's :class:`Here`
resolved afresh from its key, and uses only what that returns:

- callbacks are wrapped in :func:`guarded`, which hands the callback the fresh ``Here`` (never the
  one captured when the page was drawn) or returns without calling it;
- fragments start with :func:`still_open`, which reruns the whole app when the link is closed, so
  the front door shows its calm "this link doesn't open anything" page instead;
- download buttons take ``data=fresh_data(place, make)``: nothing is read (and no file is created
  for a deleted space) unless the key still opens the same space in the same role.

A refusal leaves a note in the session, shown by the bad-link page, so the person is told calmly
that nothing was read or saved rather than left wondering.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import Concatenate, ParamSpec, TypeVar

import streamlit as st

from content.messages import t
from storage.errors import StorageError
from ui.context import Here

P = ParamSpec("P")
R = TypeVar("R")

CLOSED_STATE = "od_link_closed"
# English (tests read it); drawn as t(CLOSED_NOTE), in the run's language.
CLOSED_NOTE = (
    "Nothing was read or saved just now: the link this tab was opened with no longer opens that "
    "space."
)


class LinkClosed(Exception):
    """Raised inside a download callable so Streamlit sends no file for a closed link."""


def reopen(place: Here) -> Here | None:
    """This session's ``Here`` resolved from its key now; None once the key opens something else.

    The same space, role and link must come back: a replaced owner link gets a new link id, so a
    copy of the old one never passes, and a deleted or switched-off link resolves to nothing.
    """
    try:
        access = place.store.resolve(place.key)
    except (StorageError, OSError):  # can't tell: take the safe side and touch nothing
        access = None
    if access is None or (access.space_id, access.role, access.link_id) != (
        place.access.space_id,
        place.access.role,
        place.access.link_id,
    ):
        return None
    return replace(place, access=access, memo={})


def note_closed() -> None:
    """Remember, for the next page this session draws, that something was refused."""
    st.session_state[CLOSED_STATE] = True


def guarded(
    callback: Callable[Concatenate[Here, P], R],
) -> Callable[Concatenate[Here, P], R | None]:
    """Wrap a callback whose first argument is a ``Here``: it runs with a fresh one, or not at all."""

    @functools.wraps(callback)
    def run(place: Here, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        fresh = reopen(place)
        if fresh is None:
            note_closed()
            return None
        return callback(fresh, *args, **kwargs)

    return run


def still_open(place: Here) -> Here:
    """For the top of a fragment: the fresh ``Here``, or a whole-app rerun (the front door then
    shows the calm bad-link page) when the link no longer opens the space."""
    fresh = reopen(place)
    if fresh is None:
        note_closed()
        st.rerun(scope="app")
    assert fresh is not None  # st.rerun does not return
    return fresh


def fresh_data(place: Here, make: Callable[[Here], bytes | str]) -> Callable[[], bytes | str]:
    """A download button's ``data`` callable that re-resolves the key when the button is pressed.

    A closed link raises :class:`LinkClosed`: Streamlit then sends no file at all (an empty or
    explanatory file would be mistaken for a backup), and the button's rerun shows the bad-link page.
    """

    def data() -> bytes | str:
        fresh = reopen(place)
        if fresh is None:
            raise LinkClosed()
        return make(fresh)

    return data


def refused_download(place: Here) -> None:
    """A download button's ``on_click``: the rerun it causes tells a closed link's tab what happened."""
    if reopen(place) is None:
        note_closed()


def closed_note() -> None:
    """On the bad-link page: say calmly that a refused action read and saved nothing."""
    if st.session_state.pop(CLOSED_STATE, False):
        st.info(t(CLOSED_NOTE), icon=":material/lock:")
