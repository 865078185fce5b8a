"""Home: a short welcome on the first visit; later, where the user stands and the one next step.

The stage and the next step are decided by :mod:`guide.journey` from plain facts that
:mod:`ui.home.facts` reads from the space. In safety mode the page leads with crisis resources
(:func:`ui.safety.resources.danger_now`) and offers the safety plan as the next step, with no chart
and nothing that coaches toward couples therapy.
"""

from __future__ import annotations

from ui.context import here
from ui.home import dashboard, facts, welcome
from ui.safety import resources


def main() -> None:
    """The safety-first page, the welcome, or the dashboard, from what the space holds."""
    place = here()
    now = facts.standing(place)
    if now.safety_first:
        dashboard.heading(now.words, safety_first=True)
        resources.danger_now("home_danger")
        dashboard.next_step_card(now.step, now.words)
        dashboard.plan_block(place, now.status, now.words, chart=False)
        dashboard.more_links(now.words, safety_on=True)
    elif now.facts.first_visit:
        welcome.draw(now.words)
    else:
        dashboard.heading(now.words, safety_first=False)
        dashboard.next_step_card(now.step, now.words)
        dashboard.where_you_are(now.facts, now.words)
        dashboard.plan_block(place, now.status, now.words, chart=True)
        dashboard.more_links(now.words, safety_on=False)


main()
