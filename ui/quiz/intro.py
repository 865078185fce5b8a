"""The quiz's first visit: what the quiz is, what to expect, and Start (with its callback)."""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.quiz import intro, load_quiz
from records import quiz as records
from ui import feedback
from ui.context import Here
from ui.quiz.progress import PLACE, now


@feedback.saves(PLACE)
def _start(place: Here) -> None:
    records.save_progress(place.private, {}, now(), 0)


def screen(place: Here) -> None:
    """What the quiz is, how long, that answers are kept as the user goes, and a way in."""
    feedback.show(PLACE)
    items = load_quiz()
    safety_count = sum(item.kind == "safety" for item in items)
    st.markdown(intro())
    st.markdown(
        "- "
        + t(
            "{scored} short questions about what your partner says and does, then {safety} "
            "about your safety.",
            scored=len(items) - safety_count,
            safety=safety_count,
        )
        + "\n- "
        + t(
            "Your answers are saved as you go. You can stop at any time and pick up where you "
            "left off."
        )
        + "\n- "
        + t("At the end you'll see what may lie behind the no, and what tends to help.")
    )
    st.button(
        t("Start the quiz"),
        key="quiz_start",
        type="primary",
        icon=":material/play_arrow:",
        on_click=_start,
        args=(place,),
    )
