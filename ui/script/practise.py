"""The *Practise* view: one step at a time in large type, to rehearse out loud.

The only HTML is a static style sheet (large type for the words), with no user text in it; the
words themselves are escaped Markdown. Which step is open is this session's own memory.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from guide.safety import escape_markdown
from ui.context import Here
from ui.script import state
from ui.script.output import empty_state

PRACTICE_STATE = "script_practice_step"
_PRACTICE_CSS = """<style>
.st-key-script_practice_words [data-testid="stMarkdownContainer"] p {
  font-size: 1.7rem; line-height: 1.45; margin-bottom: 0.8rem;
}
</style>"""


def _set_practice(index: int) -> None:
    st.session_state[PRACTICE_STATE] = index


def show(place: Here) -> None:
    """One step at a time in large type, with Previous, Next and Start again."""
    script = state.assembled(place, state.current(place).draft)
    if script.is_empty:
        empty_state()
        return
    st.html(_PRACTICE_CSS)
    total = len(script.steps)
    raw = st.session_state.get(PRACTICE_STATE, 0)
    index = min(max(raw if isinstance(raw, int) else 0, 0), total - 1)
    title, body = script.steps[index]
    st.caption(
        t("Read each step out loud, in your own voice. Say it a few times until it feels like you.")
    )
    st.progress(
        (index + 1) / total, text=t("Step {number} of {total}", number=index + 1, total=total)
    )
    with st.container(border=True, key="script_practice_card"):
        st.markdown(f"**{escape_markdown(title)}**")
        with st.container(key="script_practice_words"):
            for line in body.split("\n"):
                st.markdown(escape_markdown(line.removeprefix("- ")))
    with st.container(horizontal=True, key="script_practice_nav"):
        st.button(
            t("Previous"),
            key="script_practice_prev",
            icon=":material/arrow_back:",
            disabled=index == 0,
            on_click=_set_practice,
            args=(index - 1,),
        )
        st.button(
            t("Next"),
            key="script_practice_next",
            icon=":material/arrow_forward:",
            icon_position="right",
            type="primary",
            disabled=index == total - 1,
            on_click=_set_practice,
            args=(index + 1,),
        )
        if index == total - 1:
            st.button(
                t("Start again"),
                key="script_practice_restart",
                icon=":material/replay:",
                on_click=_set_practice,
                args=(0,),
            )
