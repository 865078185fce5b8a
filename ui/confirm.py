"""Asking before an act that removes someone's words: one button, then the question, yes or no.

Clearing is never a side effect of an empty form: it is its own button, and it asks first. Every
such ask works the same way, so it is written once here. The first button's key is ``key``; the
answers are ``key + "_yes"`` and ``key + "_no"``; while the question is open, ``key + "_asking"``
is set in the session.

:func:`asked` does the removal in the script run itself; :func:`ask` hands it to the yes button's
callback instead, like any other save, so a callback wrapped in ``ui.feedback.saves`` removes
nothing once the tab's link no longer opens the space (and the tab is told).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st


def asked(key: str, label: str, question: str, yes: str, no: str) -> bool:
    """Draw the two-step ask; True in the run where the person said yes (the ask is then closed).

    The caller does the removal only when this returns True, and says what it did.
    """
    asking = f"{key}_asking"
    if not st.session_state.get(asking):
        if st.button(label, key=key, type="tertiary"):
            st.session_state[asking] = True
            st.rerun()
        return False
    st.warning(question)
    left, right = st.columns(2)
    if left.button(yes, key=f"{key}_yes"):
        st.session_state.pop(asking, None)
        return True
    if right.button(no, key=f"{key}_no"):
        st.session_state.pop(asking, None)
        st.rerun()
    return False


def ask(
    key: str,
    label: str,
    question: str,
    yes: str,
    no: str,
    *,
    on_click: Callable[..., Any],
    args: tuple[Any, ...] = (),
) -> None:
    """The same two-step ask, with the removal in the yes button's callback: ``on_click(*args)``.

    The keys are those of :func:`asked`. The ask closes before the callback runs, so a removal
    that leaves nothing to ask about does not leave the question open for later.
    """
    asking = f"{key}_asking"
    if not st.session_state.get(asking):
        st.button(label, key=key, type="tertiary", on_click=_open, args=(asking,))
        return
    st.warning(question)
    left, right = st.columns(2)
    left.button(yes, key=f"{key}_yes", on_click=_answer_yes, args=(asking, on_click, args))
    right.button(no, key=f"{key}_no", on_click=_close, args=(asking,))


def _open(asking: str) -> None:
    st.session_state[asking] = True


def _close(asking: str) -> None:
    st.session_state.pop(asking, None)


def _answer_yes(asking: str, callback: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _close(asking)
    callback(*args)
