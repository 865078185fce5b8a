"""The control at the top of the builder that picks which view is shown.

*Build*, *Your script*, *Practise* or *Saved versions*. A callback can ask for a view on the
coming run (:func:`open_next`, e.g. *Build* after a version is loaded), or switch at once
(:func:`go_build`, the empty views' "Start building" button).
"""

from __future__ import annotations

import streamlit as st

VIEW, GOTO = "script_view", "script_goto"
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
        "What to show",
        options=list(VIEWS),
        format_func=VIEWS.__getitem__,
        required=True,
        key=VIEW,
        label_visibility="collapsed",
        width="stretch",
    )
    return picked if picked in VIEWS else "build"
