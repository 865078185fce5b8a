"""Home: a short welcome on the first visit; later, where the user stands and the one next step.

The stage and the next step are decided by :mod:`guide.journey` from plain facts that
:mod:`ui.home_view` reads from the space. In safety mode the page leads with crisis resources
(``ui.safety_view.danger_now``) and offers the safety plan as the next step, with no chart and
nothing that coaches toward couples therapy.
"""

from __future__ import annotations

import streamlit as st

from content.home import load as load_words
from guide.journey import milestones, next_step
from records import plan as plan_state
from ui import clock, home_view, safety_view
from ui.context import here
from ui.safety.state import mode


def main() -> None:
    """Pick the welcome, the safety-first page, or the dashboard from what the space holds."""
    place = here()
    words = load_words()
    current = mode(place)
    status = plan_state.plan_status(place, clock.today())
    facts = home_view.read_facts(place, status, current.on or current.home_leads_with_resources)
    step = next_step(facts)

    if step.stage == "safety":
        d = words.dashboard
        st.title(d.safety_title, anchor=False)
        st.markdown(d.safety_lead)
        safety_view.danger_now("home_danger")
        home_view.next_step_card(step, words)
        home_view.plan_block(place, status, words, chart=False)
        home_view.more_links(words, safety_on=True)
    elif facts.first_visit:
        home_view.welcome(words)
    else:
        st.title(words.dashboard.title, anchor=False)
        home_view.next_step_card(step, words)
        home_view.where_you_are(milestones(facts), words)
        home_view.plan_block(place, status, words, chart=True)
        home_view.more_links(words, safety_on=False)


main()
