"""The control at the top of the builder that picks which view is shown.

*Build*, *Your script*, *Practise* or *Saved versions*. A callback can ask for a view on the
coming run (:func:`open_next`, e.g. *Build* after a version is loaded), or switch at once
(:func:`go_build`, the empty views' "Start building" button).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t

VIEW, GOTO = "script_view", "script_goto"
ICONS: dict[str, str] = {
    "build": ":material/edit:",
    "script": ":material/description:",
    "practice": ":material/record_voice_over:",
    "versions": ":material/bookmarks:",
}


def names() -> dict[str, str]:
    """Each view's name in this run's language."""
    return {
        "build": t("Build"),
        "script": t("Your script"),
        "practice": t("Practise"),
        "versions": t("Saved versions"),
    }


def _label(view: str) -> str:
    return f"{ICONS[view]} {names()[view]}"


# In English, as they were (icon and name); the picker draws :func:`names` in the run's language.
VIEWS: dict[str, str] = {
    "build": ":material/edit: Build",
    "script": ":material/description: Your script",
    "practice": ":material/record_voice_over: Practise",
    "versions": ":material/bookmarks: Saved versions",
}


def open_next(view: str) -> None:
    """From a callback: show ``view`` on the coming run."""
    st.session_state[GOTO] = view


def go_build() -> None:
    """A button's callback: show *Build* (the picker's own state, so the run draws it)."""
    st.session_state[VIEW] = "build"


def chosen() -> str:
    """Draw the picker; the view to show (*Build* unless another is chosen or asked for)."""
    goto = st.session_state.pop(GOTO, None)
    if goto in VIEWS:
        st.session_state[VIEW] = goto
    if st.session_state.get(VIEW) not in VIEWS:
        st.session_state[VIEW] = "build"
    picked = st.segmented_control(
        t("What to show"),
        options=list(VIEWS),
        format_func=_label,
        required=True,
        key=VIEW,
        label_visibility="collapsed",
        width="stretch",
    )
    return picked if picked in VIEWS else "build"
