"""Safety: help right now, when couples therapy is not the right step, safety mode, a private
safety plan, and staying private on this device.

Each section is drawn by its module in ``ui/safety/``: the telling sections
(:mod:`ui.safety.sections`), safety mode (:mod:`ui.safety.mode`) and the plan
(:mod:`ui.safety.plan`, with its form and what follows a save).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui.context import here
from ui.safety import mode, plan, sections


def main() -> None:
    """The sections in order: help first, the owner's own parts, then this device."""
    place = here()
    st.title(t("Safety"))
    st.write(
        t(
            "Help for when you don't feel safe, and ways to plan for it. Nothing on this page is "
            "ever shown on a partner link."
        )
    )
    st.markdown(
        t(
            "**On this page:** [Help now](#danger) · [When couples therapy isn't right]"
            "(#not-appropriate) · [Safety mode](#safety-mode) · [Your safety plan](#plan) · "
            "[This device](#device)"
        )
    )
    sections.danger()
    sections.not_appropriate()
    if place.role == "owner":  # the partner view never runs this page; the guard keeps it that way
        mode.section(place)
        plan.section(place)
    sections.device()


main()
