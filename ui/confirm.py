"""Asking before an act that removes someone's words: one button, then the question, yes or no.

Clearing is never a side effect of an empty form: it is its own button, and it asks first. Every
such ask works the same way, so it is written once here. The first button's key is ``key``; the
answers are ``key + "_yes"`` and ``key + "_no"``; while the question is open, ``key + "_asking"``
is set in the session.
"""

from __future__ import annotations

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
