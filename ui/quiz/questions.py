"""The quiz under way: "Welcome back" on a return, one question at a time, then the finish step
(:mod:`ui.quiz.finish`), and Stop for a retake (with its callback).

Each question is a fragment: choosing an answer saves it and redraws only the question.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.quiz import load_quiz, safety_intro
from guide.quiz import answer_index
from records import quiz as records
from records.quiz import Progress
from ui import feedback
from ui.callbacks import still_open
from ui.context import Here
from ui.quiz import finish
from ui.quiz.progress import PLACE, SEEN_FLAG, move, position, save_now, started_at


@feedback.saves(PLACE)
def _stop(place: Here) -> None:
    records.stop(place.private)  # the retake's answers go with it; finished results stay


def screen(place: Here, doc: Progress) -> None:
    """The quiz in progress: one question, or the finish step after the last one."""
    feedback.show(PLACE)
    items = load_quiz()
    answers = doc.answers
    started = started_at(doc)
    at = position(doc, answers, items)
    if at > 0 and not st.session_state.get(SEEN_FLAG):
        st.info(
            t("Welcome back. Your answers so far are saved, and you're where you left off."),
            icon=":material/bookmark:",
        )
    st.session_state[SEEN_FLAG] = True

    if at < len(items):
        _question(place, at)
    else:
        finish.step(place, items, answers, started)

    st.caption(":material/cloud_done: " + t("Your answers are saved as you go."))
    if records.has_results(place.private):  # a retake: the last result is there to go back to
        st.button(
            t("Stop this retake and go back to my last result"),
            key="quiz_stop",
            type="tertiary",
            on_click=_stop,
            args=(place,),
        )


@st.fragment
def _question(place: Here, at: int) -> None:
    """One question. Choosing an answer saves it and redraws only this question (a fragment):
    nothing else on the page changes with an answer, and the smaller rerun is quicker. Moving to
    another question redraws the whole page. A fragment rerun skips the front door's check of the
    link, so the question checks it before it saves, and reads the answers afresh from storage."""
    place = still_open(place)  # the link replaced or the space deleted: the whole page changes
    doc = records.progress(place.private)
    if doc is None:
        st.rerun(scope="app")  # the quiz was stopped: the page must change
    items = load_quiz()
    answers = doc.answers
    started = started_at(doc)
    item = items[at]
    total = len(items)
    st.progress(
        (at + 1) / total, text=t("Question {number} of {total}", number=at + 1, total=total)
    )
    first_safety = next(i for i, it in enumerate(items) if it.kind == "safety")
    if at == first_safety:
        with st.container(border=True, key="quiz_safety_intro"):
            st.markdown(t("**About safety.** {intro}", intro=safety_intro()))
    elif item.kind == "safety":
        st.caption(t("A safety question. “Not sure” is a fine answer."))

    st.markdown(f"#### {item.text}")
    if item.hint:
        st.caption(item.hint)
    chosen = answer_index(answers, item)
    options = item.scale.options
    choice = st.radio(
        item.text,
        options=range(len(options)),
        index=chosen,
        format_func=lambda i: options[i],
        key=f"quiz_answer_{item.id}",
        label_visibility="collapsed",
    )
    if choice is not None and choice != chosen:
        answers = {**answers, item.id: choice}
        save_now(place, answers, started, at)

    last = at == total - 1
    with st.container(horizontal=True, key="quiz_nav"):
        if st.button(t("Back"), key="quiz_back", icon=":material/arrow_back:", disabled=at == 0):
            move(place, answers, started, at - 1)
        if st.button(
            t("Finish") if last else t("Next"),
            key="quiz_next",
            type="primary",
            icon=":material/check:" if last else ":material/arrow_forward:",
            icon_position="right",
        ):
            move(place, answers, started, at + 1)
    if item.kind == "safety":
        if st.button(
            t("I'd rather not answer these"),
            key="quiz_decline_jump",
            type="tertiary",
            icon=":material/do_not_disturb_on:",
        ):
            move(place, answers, started, total)
    elif choice is None:
        st.caption(t("You can skip a question you can't answer: choose Next."))
