"""Deleting everything on My data: the whole space and its links, once "delete" is typed.

The delete runs in the page run, after the front door has checked this run's link. Afterwards the
session starts afresh: the next run opens a brand-new, empty space and says so. A storage fault is
said in the form, with the word still in its box, since part of the space may still be there.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from storage.errors import StorageError
from ui import feedback
from ui.context import Here, start_fresh

WHERE = "my_data_deleting"
ENGLISH_WORD = "delete"  # typing the English word always works too, in any language


def _word() -> str:
    """The word to type to confirm, in this run's language."""
    return t("delete")


def _delete(place: Here) -> None:
    try:
        place.store.delete_space(place.access)
    except (StorageError, OSError):
        feedback.leave(
            WHERE,
            t(
                "We couldn't delete your space just now because the app's storage refused the "
                "change, so some of it may still be here. Please try again in a moment."
            ),
            ok=False,
        )
        feedback.show(WHERE)  # right here, in this run, in the form
        return
    start_fresh()
    st.session_state["od_deleted"] = True
    st.rerun()


def delete(place: Here) -> None:
    """Type "delete" (in the page's language, or in English), then press: the space and every
    link to it are removed."""
    word = _word()
    st.subheader(t("Delete everything"))
    st.write(
        t(
            "This removes your whole space: every answer, script, plan, journal line and partner "
            "link. It cannot be undone, so download a backup first if you may want it later."
        )
    )
    with st.form("my_data_delete_form", border=True):
        # max_chars: a short, exact word is the point here, and nothing long is ever lost.
        typed = st.text_input(
            t('To confirm, type "{word}" below', word=word),
            key="my_data_delete_word",
            max_chars=20,
        )
        if st.form_submit_button(
            t("Delete my space"), type="secondary", icon=":material/delete_forever:"
        ):
            if typed.strip().lower() in (word.lower(), ENGLISH_WORD):
                _delete(place)
            else:
                st.error(
                    t('Nothing was deleted. Type the word "{word}" to confirm.', word=word),
                    icon=":material/block:",
                )
