"""Making a partner link: the name box, and the new link shown once with its copy button.

Only the link's fingerprint is stored, so the link itself is shown this once, until the owner says
it is copied. The link is made in the button's callback (:func:`ui.feedback.saves`: a tab whose
own link no longer opens makes nothing). A name that can't be used, or a storage fault, is said
below the form and the name typed stays in the box; a made link empties it.
"""

from __future__ import annotations

import streamlit as st

from guide.safety import escape_markdown
from guide.sharing import SharingError, clean_label
from storage.errors import StorageError
from ui import feedback
from ui.context import Here
from ui.safety.state import mode
from ui.share import links as sharing

NEW_LINK = "share_new_link"  # the link just made: {"id", "label", "url"}, until it is copied
LABEL = "share_label"
WHERE = "share_make"
NOT_MADE = (
    "We couldn't make the link just now because the app's storage is unavailable, so nothing was "
    "made. The name you typed is still here: please try again in a moment."
)


def new_link_box() -> None:
    """The link just made, shown this once with a copy button, until the owner says it's copied."""
    made = st.session_state.get(NEW_LINK)
    if not made:
        return
    with st.container(border=True, key="share_new_link_box"):
        # The name in quotes, as a name: "Sam", "For Sam" and "My husband" all read well here.
        st.markdown(f"**Your new link, “{escape_markdown(made['label'])}”, is ready.**")
        st.code(made["url"], language=None, wrap_lines=True)
        st.markdown(
            "Copy it now with the button at the right of the box, and send it however suits you. "
            "For your privacy Open Door keeps only a scrambled fingerprint of it, so **it can't be "
            "shown again**. If it gets lost, they can't get back in: you can make a new link and "
            "switch this one off."
        )
        st.caption("Until you choose below what it shows, it opens nothing.")
        if st.button("Done, I've copied it", key="share_new_link_done", type="primary"):
            st.session_state.pop(NEW_LINK, None)
            st.rerun()


@feedback.saves(WHERE)
def _make(place: Here) -> None:
    """Make the link named in the box; it is shown once by :func:`new_link_box` on this run."""
    if not mode(place).allow_partner_links:
        return None  # safety mode came on meanwhile: the page now says why nothing can be made
    label = st.session_state.get(LABEL) or ""
    try:
        link_id, url = sharing.create_link(place, label)
    except SharingError as exc:
        feedback.leave(WHERE, str(exc), ok=False, icon=":material/edit:")
        return None
    except (StorageError, OSError):
        # A full or read-only disk, whichever layer it surfaces from: said here, calmly.
        feedback.leave(WHERE, NOT_MADE, ok=False)
        return None
    st.session_state[NEW_LINK] = {"id": link_id, "label": clean_label(label), "url": url}
    st.session_state[LABEL] = ""  # before the box is drawn again, so it may be emptied
    return None


def create_form(place: Here, title: str) -> None:
    """Name and make a new partner link."""
    st.subheader(title)
    # Not clear_on_submit: a link that could not be made must keep the name typed for it.
    with st.form("share_create_form"):
        # No max_chars: it drops a paste over the limit whole. clean_label says how much to cut.
        st.text_input(
            "Name this link (only you will see the name)",
            placeholder="For example: Sam",
            key=LABEL,
        )
        st.form_submit_button(
            "Make a link",
            type="primary",
            icon=":material/add_link:",
            on_click=_make,
            args=(place,),
        )
    feedback.show(WHERE)
