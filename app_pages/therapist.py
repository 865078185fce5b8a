"""Choosing a therapist together (BRIEF section 5), with a checklist the couple can fill in and save.

Its sections are in ``ui/guides/therapist.py`` and the checklist in ``ui/guides/checklist.py``.
When the safety gate withholds choosing a couples therapist (``therapist_choosing``), the page
shows only a calm note and help of one's own instead: the guide and its checklist are put away.
"""

from __future__ import annotations

from content.guides import load_therapist
from ui.context import here
from ui.guides import checklist, therapist
from ui.safety.state import mode


def main() -> None:
    """The Choosing a therapist guide, or the calm note that puts it away."""
    place = here()
    words = load_therapist()
    if mode(place).withholds("therapist_choosing"):
        therapist.withheld(words)
        return
    therapist.opening(words)
    therapist.look_for(words)
    therapist.questions(words)
    therapist.cost(words)
    therapist.first_session(words)
    checklist.checklist(place, words)


main()
