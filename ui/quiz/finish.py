"""The finish step after the last question: how many were answered, the way back to a skipped
one, the safety questions' choice said plainly, and "See my result", with the result's save.

The result can't be produced while safety questions are unanswered, unless the user chooses "I'd
rather not answer these" here, where what that means is said first. A result's
``safety_complete`` is always True (the screen was answered, or explicitly declined); declining
counts as a concern.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import streamlit as st

from content.messages import t, tn
from content.quiz import QuizItem, load_quiz
from content.reasons import load_reasons
from guide.quiz import answer_index, progress, score
from records import quiz as records
from ui import feedback
from ui.context import Here
from ui.quiz.progress import PLACE


@feedback.saves(PLACE)
def _go_to(place: Here, answers: Mapping[str, int], started: str, screen: int) -> None:
    """Back to a question (or to the last one): the page then draws that screen."""
    records.save_progress(place.private, answers, started, screen)


@feedback.saves(PLACE)
def _finish(place: Here, answers: Mapping[str, int], declined: bool) -> str:
    """Score the answers, store the result and clear the progress; the page then shows the result
    (and the chrome above it, which runs after this callback, already sees it)."""
    result = score(answers, load_quiz(), load_reasons())
    records.save_result(place.private, records.stored_result(result, datetime.now(UTC), declined))
    records.stop(place.private)
    return t("Your result is saved.")


def step(place: Here, items: Sequence[QuizItem], answers: dict[str, int], started: str) -> None:
    """Every question seen: what is missing, and the way to the result."""
    total = len(items)
    st.progress(1.0, text=t("All {total} questions seen", total=total))
    answered, _, _ = progress(answers, items)
    unanswered = [i for i, item in enumerate(items) if answer_index(answers, item) is None]
    safety_missing = [i for i in unanswered if items[i].kind == "safety"]
    scored_missing = [i for i in unanswered if items[i].kind != "safety"]

    st.subheader(t("Ready for your result"), anchor=False)
    st.markdown(t("You answered {answered} of {total} questions.", answered=answered, total=total))
    if scored_missing:
        st.markdown(
            t(
                "You skipped {skipped}. That's fine: if there isn't enough to go on, "
                "the result will say so rather than guess.",
                skipped=len(scored_missing),
            )
        )
        st.button(
            t("Go to the first skipped question"),
            key="quiz_goto_skipped",
            on_click=_go_to,
            args=(place, answers, started, scored_missing[0]),
        )

    if safety_missing:
        st.warning(
            tn(
                "**{count} safety question still needs an answer.** ",
                "**{count} safety questions still need an answer.** ",
                len(safety_missing),
            )
            + t(
                "If you'd rather not answer them, that is your choice. To be careful, Open Door "
                "will then treat it as a possible safety concern: it will put help and resources "
                "first, stop suggesting ways to get your partner into couples therapy, and switch "
                "off partner links. Taking the quiz again later, with the safety questions "
                "answered, changes this."
            ),
            icon=":material/health_and_safety:",
        )
        with st.container(horizontal=True, key="quiz_finish_nav"):
            st.button(
                t("Answer the safety questions"),
                key="quiz_goto_safety",
                type="primary",
                on_click=_go_to,
                args=(place, answers, started, safety_missing[0]),
            )
            st.button(
                t("I'd rather not answer these"),
                key="quiz_decline",
                on_click=_finish,
                args=(place, answers, True),
            )
    else:
        with st.container(horizontal=True, key="quiz_finish_nav"):
            st.button(
                t("Back"),
                key="quiz_back",
                icon=":material/arrow_back:",
                on_click=_go_to,
                args=(place, answers, started, total - 1),
            )
            st.button(
                t("See my result"),
                key="quiz_finish",
                type="primary",
                icon=":material/check:",
                on_click=_finish,
                args=(place, answers, False),
            )
