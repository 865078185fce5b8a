"""After "Save my plan": the plan waiting to be downloaded (download it, or clear it without), and
the plan kept in the app (download a copy, or delete it after one question), with their callbacks.

Every callback here goes through :func:`ui.feedback.saves`: a tab whose link no longer opens the
space reads and changes nothing, and what the callback did is said under the form
(:data:`ui.safety.plan_form.PLACE`). A kept copy is read only when its button is pressed, and only
while this link still opens the space (:func:`ui.callbacks.fresh_data`).
"""

from __future__ import annotations

import streamlit as st

from content import language
from content import safety as safety_content
from content.messages import t
from guide.safety import safety_plan_markdown
from records import safety as safety_records
from ui import feedback
from ui.callbacks import fresh_data, refused_download
from ui.context import Here
from ui.safety import plan_form
from ui.safety.plan_form import K_PENDING, PLACE

# A plain name: a file called "safety plan" in a shared downloads folder would say too much.
DOWNLOAD_NAME = "notes.md"
K_CONFIRM_DELETE = "safety_plan_confirm_delete"


def _kept_markdown(place: Here, code: str) -> str:
    """The kept plan as the file "Download a copy" gives, read when the button is pressed.

    Written in ``code``, the language the page was drawn in: Streamlit makes the file outside the
    session's run (another thread, no session to ask), where the run's language is not known.
    """
    found = safety_records.kept_plan(place.private)
    if found is None or found.plan is None:
        raise LookupError("no readable plan is kept in the app")  # Streamlit then sends no file
    with language.speaking(code):
        return safety_plan_markdown(found.plan)


# --- callbacks ----------------------------------------------------------------------------------


@feedback.saves(PLACE, stays=True)
def _after_download(place: Here) -> str:
    return plan_form.put_back(place, t("Downloaded as {name}.", name=DOWNLOAD_NAME))


@feedback.saves(PLACE, stays=True)
def _forget_pending(place: Here) -> str:
    return plan_form.put_back(place, t("Cleared without downloading."))


def _ask_delete() -> None:
    st.session_state[K_CONFIRM_DELETE] = True


def _cancel_delete() -> None:
    st.session_state.pop(K_CONFIRM_DELETE, None)


@feedback.saves(PLACE, stays=True)
def _delete(place: Here, doc_id: int) -> str:
    st.session_state.pop(K_CONFIRM_DELETE, None)
    safety_records.delete_plan(place.private, doc_id)
    plan_form.fill(None, overwrite=True)
    return t("Your plan was deleted from the app.")


# --- drawing ------------------------------------------------------------------------------------


def pending_download(place: Here) -> None:
    """The plan made by "Only download it", waiting in this session until it is taken or cleared."""
    pending = st.session_state.get(K_PENDING)
    if not pending:
        return
    with st.container(border=True, key="safety_plan_ready"):
        st.markdown(
            ":material/check_circle: "
            + t("**Your plan is ready to download.** Nothing was saved in the app.")
        )
        st.download_button(
            t("Download my plan"),
            data=pending,
            file_name=DOWNLOAD_NAME,
            mime="text/markdown",
            key="safety_plan_download",
            type="primary",
            icon=":material/download:",
            on_click=_after_download,
            args=(place,),
        )
        st.caption(
            t(
                "The file is called {name}, a plain name that doesn't say what it holds.",
                name=DOWNLOAD_NAME,
            )
            + " "
            + safety_content.load().save_choice.download_text
        )
        st.button(
            t("Clear it without downloading"),
            key="safety_plan_forget",
            on_click=_forget_pending,
            args=(place,),
        )


def kept_controls(place: Here, doc_id: int) -> None:
    """The plan kept in the app: who can read it, a copy to download, and delete (asked first)."""
    with st.container(border=True, key="safety_plan_kept"):
        st.markdown(":material/lock: " + t("**Your plan is kept in the app.**"))
        st.caption(
            t(
                "Anyone who opens your private link can read it. It is never shown on a partner "
                "link."
            )
        )
        code = language.current()
        with st.container(horizontal=True):
            st.download_button(
                t("Download a copy"),
                # Read when pressed, and only while this link still opens the space.
                data=fresh_data(place, lambda fresh: _kept_markdown(fresh, code)),
                file_name=DOWNLOAD_NAME,
                mime="text/markdown",
                key="safety_plan_download_kept",
                icon=":material/download:",
                on_click=refused_download,
                args=(place,),
            )
            if not st.session_state.get(K_CONFIRM_DELETE):
                st.button(
                    t("Delete it from the app"),
                    key="safety_plan_delete",
                    icon=":material/delete:",
                    on_click=_ask_delete,
                )
        if st.session_state.get(K_CONFIRM_DELETE):
            st.warning(
                t(
                    "Delete your plan from the app? This can't be undone. Download a copy first "
                    "if you want to keep one."
                ),
                icon=":material/delete:",
            )
            with st.container(horizontal=True):
                st.button(
                    t("Yes, delete my plan"),
                    key="safety_plan_delete_yes",
                    type="primary",
                    on_click=_delete,
                    args=(place, doc_id),
                )
                st.button(
                    t("No, keep my plan"), key="safety_plan_delete_no", on_click=_cancel_delete
                )
