"""Quiz: one question at a time, saved as the user goes, safety questions last, then the result.

The page has three states, read from storage on every run so a new session picks up exactly where
the last one stopped: no quiz yet (the intro), a quiz in progress (one question per screen, then a
finish step), and a result (with its history and a way to retake).

Storage is :mod:`records.quiz` (its docstring lists the tables). The stored ``position`` is the
screen on show: ``0 .. len(items) - 1`` a question, ``len(items)`` the finish step. The progress is
removed when the quiz is finished or a retake is stopped. A result's ``safety_complete`` is always
True (the screen was answered, or explicitly declined); declining counts as a concern.

The result can't be produced while safety questions are unanswered, unless the user chooses "I'd
rather not answer these" on the finish step, where what that means is said plainly first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import streamlit as st

from content.quiz import QuizItem, intro, load_quiz, safety_intro
from content.reasons import load_reasons
from guide import formatting
from guide.quiz import answer_index, progress, score
from records import quiz as records
from records.quiz import Progress
from storage.errors import StorageError
from ui import clock, quiz_view
from ui.callbacks import still_open
from ui.context import Here, here
from ui.safety.state import mode

SAVED_FLAG = "quiz_just_saved"
SEEN_FLAG = "quiz_resumed_seen"


def _count(number: int, noun: str) -> str:
    """ "1 safety question", "4 safety questions"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _now() -> str:
    return datetime.now(UTC).isoformat()


# --- progress in storage -------------------------------------------------------------------------


def _started_at(doc: Progress) -> str:
    """When this run of the quiz began (now, if the stored value is missing or odd)."""
    return doc.started_at or _now()


def _position(doc: Progress, answers: Mapping[str, int], items: Sequence[QuizItem]) -> int:
    """The stored screen, or the first unanswered question when it is missing or out of range."""
    value = doc.position
    if value is not None and 0 <= value <= len(items):
        return value
    _, total, next_index = progress(answers, items)
    return total if next_index is None else next_index


def _save(place: Here, answers: Mapping[str, int], started_at: str, position: int) -> bool:
    """Write the progress; on failure say so calmly and keep what is on screen."""
    try:
        records.save_progress(place.private, answers, started_at, position)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
        return False
    return True


def _go(place: Here, answers: Mapping[str, int], started_at: str, position: int) -> None:
    """Move to another screen: save where the user is, then show it."""
    if _save(place, answers, started_at, position):
        st.rerun()


def _stop(place: Here) -> None:
    """Remove the quiz in progress (its answers go with it; finished results stay)."""
    records.stop(place.private)


def _finish(place: Here, answers: Mapping[str, int], declined: bool) -> None:
    """Score the answers, store the result, clear the progress and show the result."""
    items, reasons = load_quiz(), load_reasons()
    result = score(answers, items, reasons)
    doc = records.stored_result(result, datetime.now(UTC), declined)
    try:
        records.save_result(place.private, doc)
        _stop(place)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
        return
    st.session_state[SAVED_FLAG] = True
    # A rerun, so the chrome above the page (safety banner, partner links) sees the new result.
    st.rerun()


# --- the screens ---------------------------------------------------------------------------------


def show_intro(place: Here, items: Sequence[QuizItem]) -> None:
    """The first visit: what the quiz is, what to expect, and a way in."""
    safety_count = sum(item.kind == "safety" for item in items)
    st.markdown(intro())
    st.markdown(
        f"- {len(items) - safety_count} short questions about what your partner says and does, "
        f"then {safety_count} about your safety.\n"
        "- Your answers are saved as you go. You can stop at any time and pick up where you left "
        "off.\n"
        "- At the end you'll see what may lie behind the no, and what tends to help."
    )
    if st.button("Start the quiz", key="quiz_start", type="primary", icon=":material/play_arrow:"):
        _go(place, {}, _now(), 0)


def show_quiz(place: Here, doc: Progress, has_results: bool) -> None:
    """The quiz in progress: one question, or the finish step after the last one."""
    items = load_quiz()
    answers = doc.answers
    started_at = _started_at(doc)
    position = _position(doc, answers, items)
    if position > 0 and not st.session_state.get(SEEN_FLAG):
        st.info(
            "Welcome back. Your answers so far are saved, and you're where you left off.",
            icon=":material/bookmark:",
        )
    st.session_state[SEEN_FLAG] = True

    if position < len(items):
        _question(place, position)
    else:
        _finish_step(place, items, answers, started_at)

    st.caption(":material/cloud_done: Your answers are saved as you go.")
    if has_results and st.button(
        "Stop this retake and go back to my last result", key="quiz_stop", type="tertiary"
    ):
        _stop(place)
        st.rerun()


@st.fragment
def _question(place: Here, position: int) -> None:
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
    started_at = _started_at(doc)
    item = items[position]
    total = len(items)
    st.progress((position + 1) / total, text=f"Question {position + 1} of {total}")
    first_safety = next(i for i, it in enumerate(items) if it.kind == "safety")
    if position == first_safety:
        with st.container(border=True, key="quiz_safety_intro"):
            st.markdown(f"**About safety.** {safety_intro()}")
    elif item.kind == "safety":
        st.caption("A safety question. “Not sure” is a fine answer.")

    st.markdown(f"#### {item.text}")
    if item.hint:
        st.caption(item.hint)
    current = answer_index(answers, item)
    options = item.scale.options
    choice = st.radio(
        item.text,
        options=range(len(options)),
        index=current,
        format_func=lambda i: options[i],
        key=f"quiz_answer_{item.id}",
        label_visibility="collapsed",
    )
    if choice is not None and choice != current:
        answers = {**answers, item.id: choice}
        _save(place, answers, started_at, position)

    last = position == total - 1
    with st.container(horizontal=True, key="quiz_nav"):
        if st.button("Back", key="quiz_back", icon=":material/arrow_back:", disabled=position == 0):
            _go(place, answers, started_at, position - 1)
        if st.button(
            "Finish" if last else "Next",
            key="quiz_next",
            type="primary",
            icon=":material/check:" if last else ":material/arrow_forward:",
            icon_position="right",
        ):
            _go(place, answers, started_at, position + 1)
    if item.kind == "safety":
        if st.button(
            "I'd rather not answer these",
            key="quiz_decline_jump",
            type="tertiary",
            icon=":material/do_not_disturb_on:",
        ):
            _go(place, answers, started_at, total)
    elif choice is None:
        st.caption("You can skip a question you can't answer: choose Next.")


def _finish_step(
    place: Here, items: Sequence[QuizItem], answers: dict[str, int], started_at: str
) -> None:
    total = len(items)
    st.progress(1.0, text=f"All {total} questions seen")
    answered, _, _ = progress(answers, items)
    unanswered = [i for i, item in enumerate(items) if answer_index(answers, item) is None]
    safety_missing = [i for i in unanswered if items[i].kind == "safety"]
    scored_missing = [i for i in unanswered if items[i].kind != "safety"]

    st.subheader("Ready for your result", anchor=False)
    st.markdown(f"You answered {answered} of {total} questions.")
    if scored_missing:
        st.markdown(
            f"You skipped {len(scored_missing)}. That's fine: if there isn't enough to go on, "
            "the result will say so rather than guess."
        )
        if st.button("Go to the first skipped question", key="quiz_goto_skipped"):
            _go(place, answers, started_at, scored_missing[0])

    if safety_missing:
        st.warning(
            f"**{_count(len(safety_missing), 'safety question')} still "
            f"{'needs' if len(safety_missing) == 1 else 'need'} an answer.** "
            "If you'd rather not answer them, that is your choice. To be careful, Open Door will "
            "then treat it as a possible safety concern: it will put help and resources first, "
            "stop suggesting ways to get your partner into couples therapy, and switch off "
            "partner links. Taking the quiz again later, with the safety questions answered, "
            "changes this.",
            icon=":material/health_and_safety:",
        )
        with st.container(horizontal=True, key="quiz_finish_nav"):
            if st.button("Answer the safety questions", key="quiz_goto_safety", type="primary"):
                _go(place, answers, started_at, safety_missing[0])
            if st.button("I'd rather not answer these", key="quiz_decline"):
                _finish(place, answers, declined=True)
    else:
        with st.container(horizontal=True, key="quiz_finish_nav"):
            if st.button("Back", key="quiz_back", icon=":material/arrow_back:"):
                _go(place, answers, started_at, total - 1)
            if st.button(
                "See my result", key="quiz_finish", type="primary", icon=":material/check:"
            ):
                _finish(place, answers, declined=False)


def show_results(place: Here) -> bool:
    """The latest result, a way to retake, and the history. False when there is nothing to show."""
    reasons = load_reasons()
    entries, damaged = records.history(place.private)
    if damaged:
        st.info(
            f"{damaged} earlier result{'s' if damaged > 1 else ''} couldn't be read, so "
            f"{'they are' if damaged > 1 else 'it is'} left out here. Everything else is fine.",
            icon=":material/info:",
        )
    if not entries:
        return False
    if st.session_state.pop(SAVED_FLAG, False):
        st.toast("Your result is saved.", icon=":material/check_circle:")
    latest = entries[0]
    st.caption(f"Your result from {formatting.date_words(clock.local(latest.taken_at))}")
    current = mode(place)
    if latest.result.safety_flagged or current.on:
        quiz_view.safety_first(latest, current)
    else:
        quiz_view.reasons_result(latest, reasons)

    st.divider()
    st.markdown(
        "Things change, and so can your answers. Taking the quiz again keeps these results."
    )
    if st.button("Retake the quiz", key="quiz_retake", icon=":material/replay:"):
        st.session_state[SEEN_FLAG] = True
        _go(place, {}, _now(), 0)
    quiz_view.history(entries, reasons)
    return True


def main() -> None:
    """Pick the screen from what storage holds."""
    place = here()
    st.title("Quiz", anchor=False)
    st.caption("What may lie behind your partner's no")
    doc = records.progress(place.private)
    if (
        doc is None
        and st.session_state.pop(quiz_view.BEGIN_FLAG, False)
        and _save(place, {}, _now(), 0)
    ):
        # Home's "Start with the quiz" already said what the quiz is: go straight to question 1.
        doc = records.progress(place.private)
    if doc is not None:
        show_quiz(place, doc, has_results=records.has_results(place.private))
    elif not show_results(place):
        show_intro(place, load_quiz())


main()
