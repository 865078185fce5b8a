"""The six-week plan's routines tab (being built): nightly and weekly check-ins, book, journal."""

from __future__ import annotations

import streamlit as st

from guide.plan import Cycle
from ui.context import Here


def render(place: Here, cycle: Cycle | None) -> None:
    """Draw the routines for ``cycle`` (None when no plan has started)."""
    st.info("The routines are being built and will be ready soon.", icon=":material/construction:")
