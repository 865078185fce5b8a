"""Open Door's front door: page config, who is here, navigation, the shared chrome, then the page.

Everything shared runs here once per rerun, before ``page.run()``: pages only read what they need
from :func:`ui.context.here`. An owner sees the full navigation; a partner link opens only the
partner page, with no way to reach anything else.
"""

from __future__ import annotations

import streamlit as st
import streamlit.delta_generator

from storage.errors import StorageError, StorageUnavailable
from ui import chrome, clock, context, language, notices, pages
from ui.share import links as sharing

# Under `streamlit run`, Streamlit still asks once per process whether it runs in a Python REPL
# (to print a warning that can't apply here) by taking `inspect.stack()` with source context,
# which reads every frame's file and walks all of sys.modules: 70 ms of the first page after each
# server start on this machine. Saying the check was made skips it; nothing else reads the flag.
streamlit.delta_generator._use_warning_has_been_displayed = True

st.set_page_config(
    page_title="Open Door",
    page_icon=":material/door_open:",
    layout="centered",
    initial_sidebar_state="auto",
)


def _owner_pages() -> dict[str, list[st.Page]]:
    """The navigation, built from the one registry of pages (ui/pages.py), once per run: its titles
    speak this run's language (a page's address, and so its identity, is the same in every one).
    The keys stay the registry's English section names; the sidebar says them in the language."""
    return {
        label: [page.st_page(default=page is pages.HOME) for page in section]
        for label, section in pages.OWNER_SECTIONS.items()
    }


def _partner_page() -> st.Page:
    return pages.PARTNER.st_page(visibility="hidden")


def _opens_something(here: context.Here) -> bool:
    """False for a partner link that shows nothing now (paused by safety mode, or nothing shared).

    Such a link must be the same to the browser, byte for byte, as a revoked, unknown or
    malformed one: the same navigation, the same elements. So it is turned away here, at the
    door, and never reaches the partner page.
    """
    if here.role == "owner":
        return True
    try:
        return sharing.view_for(here) is not None
    except (StorageError, OSError):
        return False  # can't tell what it may show: show nothing, like any dead link


def main() -> None:
    """Resolve who is here, draw the chrome, and run the chosen page."""
    spoken = language.arrive()  # the session's language, else the browser's, before any word
    # The way out comes before anything that could fail (a new space needs a disk that writes).
    chrome.quick_exit(context.load_settings().exit_url)
    clock.arrive()  # the user's own date for everything this run shows and saves
    try:
        here = context.arrive(opens=_opens_something)
    except (StorageError, OSError):
        st.navigation(_owner_pages(), position="hidden")
        language.switch(where="page")
        notices.storage_down()
        return
    if here is None:
        # Register the usual pages (so a deep link finds its path) but run none of them.
        st.navigation(_owner_pages(), position="hidden")
        language.switch(where="page")
        notices.bad_link()
        return
    if language.settle(here) != spoken:
        # The first run of a session whose space (or partner link) speaks another language than
        # the browser: run again at once, so the whole page, quick exit first, speaks it. (Not a
        # slot redrawn in place: an empty slot is sometimes sent as a frame of its own, and a
        # dead link must send the same frames every time.)
        st.rerun()
    owner_pages = _owner_pages()  # titled in the language settled on
    try:
        if here.role == "partner":
            page = st.navigation([_partner_page()], position="hidden")
        else:
            registered = {
                **owner_pages,
                "Safety and data": [*owner_pages["Safety and data"], _partner_page()],
            }
            page = st.navigation(registered, position="hidden")
        if here.role == "owner":
            # Our own sidebar links: Streamlit's sidebar list fails the axe list rules (see chrome).
            chrome.navigation(owner_pages)
            language.switch(here)
            # A storage failure (disk full, read-only) gets its calm message where it happened; the
            # notices failing must not stop the page itself from drawing.
            _calmly(notices.owner_notices, here)
        _calmly(page.run)
    finally:
        # Last, and also when the page stops early (a rerun, a page switch): see keep_in_url.
        context.keep_in_url(here)


def _calmly(draw, *args: object) -> None:
    try:
        draw(*args)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
    except OSError:  # a disk fault no layer below put into words: the same calm sentence
        st.warning(StorageUnavailable.message, icon=":material/cloud_off:")


main()
