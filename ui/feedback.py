"""What a save leaves to say, said one way everywhere: a confirmation, or a calm note in place.

A widget callback (``on_click``, ``on_change``) runs before the page script, so it cannot draw
where the person pressed; a download or a form's handler may run mid-script. Either way the words
wait in the session under the name of the part of the page that saved (its *place*, e.g.
``"plan_week"``), and that part calls :func:`show` at its top on the coming run:

- a confirmation is a toast ("Tonight's check-in is logged."), escaped, since it may hold words
  the person typed (a version's name); where it must not fade before it is read (the Safety
  page: "Nothing was kept in the app"), it stays in place as a success box instead;
- a storage fault (or words refused, e.g. too long) is a calm warning in place; the widgets still
  hold what was typed, because a failed save clears nothing;
- a plain remark ("the box was empty, so today's line is kept as it was") is an info box in place.

:func:`saves` is the one wrapper for a callback that saves. It checks first that this tab's link
still opens the space (:func:`ui.callbacks.guarded`: a replaced, switched-off or deleted link saves
nothing, and the front door says so), then runs the save; a ``StorageError`` becomes the note in
place, and a sentence the callback returns becomes the confirmation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec

import streamlit as st

from guide.safety import escape_markdown
from storage.errors import StorageError
from ui.callbacks import guarded
from ui.context import Here

P = ParamSpec("P")

_PREFIX = "od_feedback:"
DONE_ICON = ":material/check_circle:"
FAULT_ICON = ":material/cloud_off:"


@dataclass(frozen=True)
class Note:
    """Words waiting for the next draw of one place: a confirmation (``ok``) or a warning."""

    words: str
    ok: bool = True
    icon: str | None = None
    remark: bool = False  # neither done nor wrong: said in an info box
    stays: bool = False  # a confirmation that stays in place instead of a toast that fades


def leave(
    where: str,
    words: str,
    *,
    ok: bool = True,
    icon: str | None = None,
    remark: bool = False,
    stays: bool = False,
) -> None:
    """Keep ``words`` for the next time the part of the page called ``where`` is drawn: a
    confirmation (``ok``; in place with ``stays``), a warning (``ok=False``), or a plain remark
    (``remark=True``)."""
    st.session_state[_PREFIX + where] = Note(words, ok and not remark, icon, remark, stays)


def forget(where: str) -> None:
    """Drop what waits for ``where`` (its part of the page is not drawn on this run)."""
    st.session_state.pop(_PREFIX + where, None)


def show(where: str) -> Note | None:
    """Draw (and forget) what a save left for ``where``: a toast, or a calm warning in place."""
    note = st.session_state.pop(_PREFIX + where, None)
    if note is None:
        return None
    if note.ok and note.stays:
        st.success(note.words, icon=note.icon or DONE_ICON)
    elif note.ok:
        st.toast(_plain(note.words), icon=note.icon or DONE_ICON)
    elif note.remark:
        st.info(note.words, icon=note.icon or ":material/info:")
    else:
        st.warning(note.words, icon=note.icon or FAULT_ICON)
    return note


def saves(
    where: str, *, stays: bool = False
) -> Callable[
    [Callable[Concatenate[Here, P], str | None]], Callable[Concatenate[Here, P], str | None]
]:
    """Wrap a saving callback (first argument a ``Here``): the link check, then the save, then
    what it leaves to say at ``where``. The callback returns its confirmation, or None for none;
    with ``stays`` the confirmation stays in place rather than fading as a toast."""

    def wrap(
        callback: Callable[Concatenate[Here, P], str | None],
    ) -> Callable[Concatenate[Here, P], str | None]:
        @functools.wraps(callback)
        def run(place: Here, /, *args: P.args, **kwargs: P.kwargs) -> str | None:
            try:
                said = callback(place, *args, **kwargs)
            except StorageError as exc:
                leave(where, exc.message, ok=False)
                return None
            if said:
                leave(where, said, stays=stays)
            return said

        return guarded(run)

    return wrap


def _plain(words: str) -> str:
    # A toast renders markdown; a confirmation may repeat what the person typed, shown as typed.
    return escape_markdown(words)
