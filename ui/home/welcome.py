"""Home on the first visit: what Open Door is, what it can't do, privacy, safety first, and the
button that starts the quiz on its first question."""

from __future__ import annotations

import streamlit as st

from content.home import HomeContent
from content.quiz import load_quiz
from ui import pages
from ui.quiz.progress import BEGIN_FLAG


def draw(words: HomeContent) -> None:
    """The welcome, with the way to the Safety page before the way into the quiz."""
    w = words.welcome
    st.title(w.title, anchor=False)
    st.markdown(f"**{w.lead}**")
    st.markdown(f"**{w.can_title}**\n" + "\n".join(f"- {line}" for line in w.can))
    st.markdown(w.cannot)
    st.markdown(f":material/lock: {w.privacy}")
    with st.container(border=True, key="home_safety_first"):
        st.markdown(f":material/health_and_safety: **{w.safety_title}.** {w.safety}")
        st.page_link(pages.path("safety"), label=w.safety_link, icon=":material/arrow_forward:")
    if st.button(w.start, key="home_start", type="primary", icon=":material/play_arrow:"):
        st.session_state[BEGIN_FLAG] = True  # the quiz page opens on its first question
        st.switch_page(pages.path("quiz"))
    st.caption(w.start_note.format(questions=len(load_quiz())))
