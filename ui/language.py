"""The language a session speaks: worked out at the start of each run, and the switch that changes it.

The order (``guide.language.choose``): what the person picked in this session, else what the owner
saved in their space (so it opens in their language on any browser), else the browser's own
language (``st.context.locale``), else English. The choice lives in ``st.session_state``, which
``content.language`` is told to follow, so every loader, every message and every callback of the
session (callbacks run before the page script) speak it without being handed it.

The switch is on every page: in the sidebar for an owner, at the top of the page for a partner and
on the pages shown before any space opens (a dead link, storage away). It works before a space
exists (the session remembers); an owner's choice is also saved in their space, through the same
link check every save goes through.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from content import language
from guide.language import choose
from records import links
from storage.errors import StorageError
from ui.callbacks import guarded
from ui.context import Here

STATE = "od_language"
SETTLED = "od_language_settled"  # the space's saved choice has been read (once per session)
SWITCH = "od_language_switch"  # the switch's box (its buttons are BUTTON + the language's code)
BUTTON = "od_language_"
LABEL = "Language · Idioma"


def _session_language() -> str | None:
    code = st.session_state.get(STATE)
    return code if isinstance(code, str) else None


language.follow(_session_language)


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # AppTest has no browser
        return None


def arrive() -> str:
    """This run's language before anything is drawn: the session's, else the browser's."""
    code = choose(
        st.session_state.get(STATE), None, _browser_locale(), language.available(), language.SOURCE
    )
    st.session_state[STATE] = code
    return code


def settle(place: Here) -> str:
    """Once per session, let the owner's saved choice win over the browser's guess."""
    if place.role == "owner" and not st.session_state.get(SETTLED):
        st.session_state[SETTLED] = True
        try:
            saved = links.saved_language(place.private)
        except (StorageError, OSError):
            saved = None  # the page says storage is away; the browser's language does meanwhile
        if saved in language.available():
            st.session_state[STATE] = saved
    return language.current()


def _chosen(code: str) -> str | None:
    """Speak ``code`` for the rest of the session; None for a language the app doesn't have."""
    if code not in language.available():
        return None
    st.session_state[STATE] = code
    st.session_state[SETTLED] = True
    return code


def _switched(code: str) -> None:
    """The switch before any space opens, or on a partner's page: the session only."""
    _chosen(code)


@guarded  # an owner's choice is saved in their space: only while this tab's link opens it
def _switched_and_kept(place: Here, code: str) -> None:
    if _chosen(code) is None:
        return
    # The session speaks it already; if storage is away, the space learns it at the next switch.
    with contextlib.suppress(StorageError, OSError):
        links.save_language(place.private, code)


def switch(place: Here | None = None, *, where: str = "sidebar") -> None:
    """The language switch (``where``: "sidebar" or "page"): a button for each other language,
    named in that language ("Español" on an English page, "English" on a Spanish one).

    Buttons rather than a segmented control: Home draws buttons already, and a new visitor's first
    page then loads no widget code of its own for the switch (a segmented control cost a cold
    server's first page about 0.4 s in the benchmark).
    """
    codes = language.available()
    if len(codes) < 2:
        return
    box = st.sidebar if where == "sidebar" else st.container(key="od_language_box")
    owner = place is not None and place.role == "owner"
    with box.container(key=SWITCH, horizontal=True, vertical_alignment="center"):
        # The label is in both languages: someone who can't read the one on screen still finds it.
        st.caption(LABEL)
        for code in codes:
            if code == language.current():
                continue
            key = f"{BUTTON}{code}"
            if owner:
                st.button(
                    language.name(code), key=key, on_click=_switched_and_kept, args=(place, code)
                )
            else:
                st.button(language.name(code), key=key, on_click=_switched, args=(code,))
