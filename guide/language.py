"""Which language to speak to a person (pure): their own choice, else their browser's, else English."""

from __future__ import annotations

from collections.abc import Sequence


def from_locale(locale: object, available: Sequence[str]) -> str | None:
    """The language of a browser locale ("es-US", "es_419", "ES") if the app has it, else None."""
    if not isinstance(locale, str) or not locale.strip():
        return None
    primary = locale.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in available else None


def choose(
    chosen: object, saved: object, browser_locale: object, available: Sequence[str], default: str
) -> str:
    """This session's choice, else the one saved in the space, else the browser's, else default."""
    for code in (chosen, saved):
        if isinstance(code, str) and code in available:
            return code
    return from_locale(browser_locale, available) or default
