"""Small pieces the plan's forms share: what a box holds, and the date pickers' words and order."""

from __future__ import annotations

from datetime import date

import streamlit as st

from content.messages import t
from guide import formatting


def typed(key: str) -> str:
    """What a text box holds now (a callback reads the form's values by key)."""
    value = st.session_state.get(key)
    return value if isinstance(value, str) else ""


def picker_format() -> str:
    """The date picker's order for this browser's locale (day first where it can't be known)."""
    try:
        locale = st.context.locale
    except Exception:  # no browser (AppTest)
        locale = None
    return formatting.picker_format(locale if isinstance(locale, str) else None)


def today_in_words(today: date) -> None:
    """Today's date in words beside a picker that writes numbers only."""
    st.caption(t("Today is {day}.", day=formatting.day_with_year(today)))
