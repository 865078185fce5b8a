"""The language switch from an AppTest: press the button of a language, and read which one shows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from content import language
from ui.language import BUTTON


def switch_to(at: AppTest, code: str) -> AppTest:
    """Press the switch's button for ``code`` and run."""
    return at.button(key=f"{BUTTON}{code}").click().run()


def shown_language(at: AppTest) -> str:
    """The language the page speaks: the one the switch offers no button for."""
    keys = {b.key for b in at.button}
    missing = [c for c in language.available() if f"{BUTTON}{c}" not in keys]
    assert len(missing) == 1, f"the switch should offer every language but one, not {keys}"
    return missing[0]
