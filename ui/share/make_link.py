"""Making a partner link: the name box, and the new link shown once with its copy button.

Only the link's fingerprint is stored, so the link itself is shown this once, until the owner says
it is copied. The link is made in the button's callback (:func:`ui.feedback.saves`: a tab whose
own link no longer opens makes nothing). A name that can't be used, or a storage fault, is said
below the form and the name typed stays in the box; a made link empties it.

The owner also picks the language the link's page opens in (this session's language to start
with); the partner can still switch it on their page.
"""

from __future__ import annotations

import streamlit as st

from content import language
from content.messages import t
from guide.safety import escape_markdown
from guide.sharing import SharingError, clean_label
from storage.errors import StorageError
from ui import feedback
from ui.context import Here
from ui.safety.state import mode
from ui.share import links as sharing

NEW_LINK = "share_new_link"  # the link just made: {"id", "label", "url"}, until it is copied
LABEL = "share_label"
LANGUAGE = "share_link_language"
WHERE = "share_make"


def language_choice(key: str, default: str | None, *, older: bool = False) -> None:
    """Pick the language a link's page opens in; ``older`` offers "their browser's" (an old link)."""
    codes: list[str | None] = list(sharing.page_languages())
    if older:
        codes = [None, *codes]
    if len(codes) < 2:
        return
    st.radio(
        t("Language of their page"),
        codes,
        index=codes.index(default) if default in codes else 0,
        format_func=lambda code: language.name(code) if code else t("The one their browser uses"),
        horizontal=True,
        key=key,
        help=t(
            "Their page opens in this language. They can switch it on the page if they prefer "
            "another."
        ),
    )


def new_link_box() -> None:
    """The link just made, shown this once with a copy button, until the owner says it's copied."""
    made = st.session_state.get(NEW_LINK)
    if not made:
        return
    with st.container(border=True, key="share_new_link_box"):
        # The name in quotes, as a name: "Sam", "For Sam" and "My husband" all read well here.
        st.markdown(
            t("**Your new link, “{name}”, is ready.**", name=escape_markdown(made["label"]))
        )
        st.code(made["url"], language=None, wrap_lines=True)
        st.markdown(
            t(
                "Copy it now with the button at the right of the box, and send it however suits "
                "you. For your privacy Open Door keeps only a scrambled fingerprint of it, so **it "
                "can't be shown again**. If it gets lost, they can't get back in: you can make a "
                "new link and switch this one off."
            )
        )
        st.caption(t("Until you choose below what it shows, it opens nothing."))
        if st.button(t("Done, I've copied it"), key="share_new_link_done", type="primary"):
            st.session_state.pop(NEW_LINK, None)
            st.rerun()


@feedback.saves(WHERE)
def _make(place: Here) -> None:
    """Make the link named in the box; it is shown once by :func:`new_link_box` on this run."""
    if not mode(place).allow_partner_links:
        return None  # safety mode came on meanwhile: the page now says why nothing can be made
    label = st.session_state.get(LABEL) or ""
    speaks = st.session_state.get(LANGUAGE)
    try:
        link_id, url = sharing.create_link(
            place, label, speaks if isinstance(speaks, str) else None
        )
    except SharingError as exc:
        feedback.leave(WHERE, str(exc), ok=False, icon=":material/edit:")
        return None
    except (StorageError, OSError):
        # A full or read-only disk, whichever layer it surfaces from: said here, calmly.
        feedback.leave(
            WHERE,
            t(
                "We couldn't make the link just now because the app's storage is unavailable, so "
                "nothing was made. The name you typed is still here: please try again in a moment."
            ),
            ok=False,
        )
        return None
    st.session_state[NEW_LINK] = {"id": link_id, "label": clean_label(label), "url": url}
    st.session_state[LABEL] = ""  # before the box is drawn again, so it may be emptied
    return None


def create_form(place: Here, title: str) -> None:
    """Name and make a new partner link (``title`` already in this run's language)."""
    st.subheader(title)
    # Not clear_on_submit: a link that could not be made must keep the name typed for it.
    with st.form("share_create_form"):
        # No max_chars: it drops a paste over the limit whole. clean_label says how much to cut.
        st.text_input(
            t("Name this link (only you will see the name)"),
            placeholder=t("For example: Sam"),
            key=LABEL,
        )
        language_choice(LANGUAGE, language.current())
        st.form_submit_button(
            t("Make a link"),
            type="primary",
            icon=":material/add_link:",
            on_click=_make,
            args=(place,),
        )
    feedback.show(WHERE)
