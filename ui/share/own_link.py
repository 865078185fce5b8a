"""Replacing the owner's own link, on Share with partner: ask once, then show the new link once.

The replacement runs in the page run, not in a callback: if it fails halfway, the old link may no
longer open the space, and this tab must still be able to say so (a callback's rerun would meet
the front door's "this link doesn't open anything" instead). The front door has already checked
this run's link. A local space's link can't be replaced: the machine finds the space by it.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from storage.errors import StorageError
from ui import feedback, notices, pages
from ui.callbacks import reopen
from ui.context import Here
from ui.share import links as sharing

NEW_OWNER_LINK, CONFIRM_ROTATE = "share_new_owner_link", "share_confirm_rotate"
WHERE = "share_own_link"
MY_DATA = pages.path("my_data")


def _new_link_box(fresh: str) -> None:
    """The new owner link, shown this once, until the owner says it is saved."""
    with st.container(border=True, key="share_new_owner_link_box"):
        st.markdown(t("**This is your new link.** Your old one no longer opens your space."))
        st.code(fresh, language=None, wrap_lines=True)
        st.markdown(
            t(
                "Save it now somewhere only you can see: it **can't be shown again**. If it is "
                "lost, your space is lost with it, unless you have a backup. Links you made for "
                "your partner keep working."
            )
        )
        st.page_link(MY_DATA, label=t("Download a backup on My data"), icon=":material/download:")
        if st.button(t("I've saved my new link"), key="share_new_owner_link_done", type="primary"):
            st.session_state.pop(NEW_OWNER_LINK, None)
            st.rerun()


def _replace(place: Here) -> None:
    """Replace the link now, in this run; on a fault, say honestly where the old link stands."""
    try:
        url = sharing.replace_owner_link(place)
    except (StorageError, OSError):
        # Honest about where it stands: the old link either still opens the space or not.
        still = reopen(place) is not None
        words = (
            t(
                "Your link was not replaced: the app's storage is unavailable just now. Your "
                "current link still opens your space; please try again in a moment."
            )
            if still
            else t(
                "Something went wrong while replacing your link, and your current link may no "
                "longer open your space. If this page stops opening, restore your backup into a "
                "new space on My data."
            )
        )
        feedback.leave(WHERE, words, ok=False)
        feedback.show(WHERE)  # right here, in this run (see the module's docstring)
        return
    st.session_state.pop(CONFIRM_ROTATE, None)
    st.session_state[NEW_OWNER_LINK] = url
    st.rerun()


def own_link_section(place: Here) -> None:
    """Replace the owner's own link, with the new one shown once."""
    st.subheader(t("Your own link"))
    if place.local:
        notices.local_link(place)
        st.caption(
            t("Its link can't be replaced from here: this machine finds your space by this link.")
        )
        return
    fresh = st.session_state.get(NEW_OWNER_LINK)
    if fresh:
        _new_link_box(fresh)
        return
    st.write(
        t(
            "Your link is the only key to your space. If someone else may have seen it, you can "
            "replace it: the old one stops working at once and you get a new one to save."
        )
    )
    st.info(
        t(
            "A lost link can't be recovered, and neither can the space it opens, unless you have "
            "a backup. You can download one on My data."
        ),
        icon=":material/key:",
    )
    st.page_link(MY_DATA, label=t("Download a backup on My data"), icon=":material/arrow_forward:")
    if not st.session_state.get(CONFIRM_ROTATE):
        if st.button(t("Replace my own link"), key="share_rotate", icon=":material/autorenew:"):
            st.session_state[CONFIRM_ROTATE] = True
            st.rerun()
        return
    st.warning(
        t(
            "Replace your link now? Your current link, and any bookmark of it, will stop "
            "working. You'll see the new one once, so have somewhere ready to save it."
        ),
        icon=":material/autorenew:",
    )
    yes, no = st.columns(2)
    if yes.button(t("Yes, give me a new link"), key="share_rotate_yes", type="primary"):
        _replace(place)
        return
    if no.button(t("Keep my link"), key="share_rotate_no"):
        st.session_state.pop(CONFIRM_ROTATE, None)
        st.rerun()
