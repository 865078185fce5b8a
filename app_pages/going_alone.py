"""Going alone: support of your own when the answer to couples therapy is no (BRIEF section 4).

Its sections are in ``ui/guides/going_alone.py``. It reads the safety mode only, and writes
nothing.
"""

from __future__ import annotations

from content.guides import load_going_alone
from ui.context import here
from ui.guides import going_alone
from ui.safety.state import mode


def main() -> None:
    """The Going alone guide."""
    safety = mode(here())
    words = load_going_alone()
    going_alone.opening(words, safety)
    going_alone.not_giving_up(words)
    going_alone.what_it_helps(words)
    going_alone.the_shift(words, safety)
    going_alone.emotional_work(words, safety)
    going_alone.support(words)
    going_alone.next_steps(words)


main()
