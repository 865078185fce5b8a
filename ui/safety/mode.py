"""The Safety page's "Safety mode" section: whether it is on, why, what it changes, and the button
that switches it on ("this is about my safety"), with that button's callback.

The decision itself is :func:`ui.safety.state.mode`. The switch is a callback, so it runs before
the page: the banner above the page and the partner-link pause follow in the same run.
"""

from __future__ import annotations

import streamlit as st

from content import safety as safety_content
from content.messages import t
from guide.safety import FEATURES
from ui import feedback, pages
from ui.context import Here
from ui.safety import state as safety_state
from ui.safety.sections import bullets

PLACE = "safety_mode"  # where the switch's confirmation (or a storage fault) is shown


@feedback.saves(PLACE, stays=True)
def _switch_on(place: Here) -> str:
    safety_state.set_self_flag(place)
    return t("Safety mode is switched on.")


def section(place: Here) -> None:
    """Whether safety mode is on, why, what it changed, and how to switch it on or leave it."""
    gate = safety_content.load().gate
    current = safety_state.mode(place)
    st.header(t("Safety mode"), anchor="safety-mode")
    feedback.show(PLACE)
    if current.on:
        st.markdown(t("**{title}.** Here is why:", title=gate.title))
        bullets(current.why)
        st.markdown(t("**What it changes while it is on:**"))
        bullets(tuple(current.message(feature) for feature in FEATURES))
        st.write(gate.leave_hint)
        st.page_link(
            pages.path("quiz"),
            label=t("Take the safety questions again"),
            icon=":material/quiz:",
        )
        return
    st.markdown(
        t(
            "**Safety mode is off.** If this is about your safety, you can switch it on now. "
            "Open Door will then put help first, stop suggesting couples therapy, hide the "
            "boundary step, and switch off partner links."
        )
    )
    st.button(
        gate.self_flag_label,
        key="safety_self_flag",
        icon=":material/shield:",
        on_click=_switch_on,
        args=(place,),
    )
