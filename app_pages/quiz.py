"""Quiz: one question at a time, saved as the user goes, safety questions last, then the result.

The page has three screens, picked from storage on every run so a new session picks up exactly
where the last one stopped: no quiz yet (:mod:`ui.quiz.intro`), a quiz in progress (one question
per screen, then a finish step: :mod:`ui.quiz.questions`), and a result with its history and a way
to retake (:mod:`ui.quiz.result`).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui.context import here
from ui.quiz import intro, progress, questions, result


def main() -> None:
    """Pick the screen from what storage holds."""
    place = here()
    st.title(t("Quiz"), anchor=False)
    st.caption(t("What may lie behind your partner's no"))
    doc = progress.current(place)
    if doc is not None:
        questions.screen(place, doc)
    elif not result.screen(place):
        intro.screen(place)


main()
