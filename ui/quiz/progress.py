"""The quiz in progress as the screens use it: where it is, and the saves made during a run.

Storage is :mod:`records.quiz` (its docstring lists the tables). The stored ``position`` is the
screen on show: ``0 .. len(items) - 1`` a question, ``len(items)`` the finish step. The progress is
removed when the quiz is finished or a retake is stopped.

A button outside the question fragment saves in a callback next to it, in its screen's module,
through :func:`ui.feedback.saves`: a tab whose link no longer opens the space saves nothing and is
told, and a storage fault is a calm note at the top of the screen (:data:`PLACE`). A save inside
the fragment (an answer, Back, Next) is made in the run, once the fragment has checked the link
(:func:`ui.callbacks.still_open`), and its fault note is drawn where it happened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import streamlit as st

from content.quiz import QuizItem
from guide.quiz import progress
from records import quiz as records
from records.quiz import Progress
from storage.errors import StorageError
from ui import feedback
from ui.context import Here

PLACE = "quiz_saves"  # where what a quiz save left to say is shown: the top of the screen
# Set by Home's "Start with the quiz": the quiz page then opens on its first question.
BEGIN_FLAG = "quiz_begin_now"
SEEN_FLAG = "quiz_resumed_seen"  # "Welcome back" was said (or needn't be) in this session


def now() -> str:
    return datetime.now(UTC).isoformat()


def started_at(doc: Progress) -> str:
    """When this run of the quiz began (now, if the stored value is missing or odd)."""
    return doc.started_at or now()


def position(doc: Progress, answers: Mapping[str, int], items: Sequence[QuizItem]) -> int:
    """The stored screen, or the first unanswered question when it is missing or out of range."""
    value = doc.position
    if value is not None and 0 <= value <= len(items):
        return value
    _, total, next_index = progress(answers, items)
    return total if next_index is None else next_index


def current(place: Here) -> Progress | None:
    """The quiz under way, if any; after Home's "Start with the quiz", a new one at question 1."""
    doc = records.progress(place.private)
    if doc is None and st.session_state.pop(BEGIN_FLAG, False) and save_now(place, {}, now(), 0):
        # Home already said what the quiz is: go straight to question 1.
        doc = records.progress(place.private)
    return doc


# --- saves made in the run (inside the question fragment, or on arrival) -------------------------


def save_now(place: Here, answers: Mapping[str, int], started: str, screen: int) -> bool:
    """Write the progress now; on failure say so calmly where this is drawn, and keep the screen."""
    try:
        records.save_progress(place.private, answers, started, screen)
    except StorageError as exc:
        feedback.leave(PLACE, exc.message, ok=False)
        feedback.show(PLACE)
        return False
    return True


def move(place: Here, answers: Mapping[str, int], started: str, screen: int) -> None:
    """Move to another screen from inside the fragment: save where the user is, then redraw the
    whole page on it."""
    if save_now(place, answers, started, screen):
        st.rerun(scope="app")
