"""Length limits that never lose words (pure).

A box with Streamlit's ``max_chars`` drops a paste that would pass its limit, whole, without a word
(even one character over). Open Door's boxes therefore take whatever is typed or pasted, and the
save checks the length: too long, the words stay in the box and the person is told how much to
cut. :func:`too_long` writes that sentence; :func:`limit_hint` the calm hint beside a box.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.numbers import format_decimal

from content import language
from content.messages import tn


def _n(number: int) -> str:
    return format_decimal(number, locale=language.current())


def too_long(text: str, limit: int) -> str | None:
    """The sentence for text over ``limit`` characters, or None when it fits."""
    size = len(text)
    if size <= limit:
        return None
    over = size - limit
    return tn(
        "This is {size} characters and the box holds {limit}: please cut {count_words} character, "
        "then save again. Everything you wrote is still in the box.",
        "This is {size} characters and the box holds {limit}: please cut {count_words} "
        "characters, then save again. Everything you wrote is still in the box.",
        over,
        size=_n(size),
        limit=_n(limit),
        count_words=_n(over),
    )


def limit_hint(limit: int) -> str:
    """A short hint that says a box's limit, e.g. "Up to 1,000 characters."."""
    return tn("Up to {limit} character.", "Up to {limit} characters.", limit, limit=_n(limit))


def first_too_long(boxes: Iterable[tuple[str, str, int]]) -> str | None:
    """The sentence for the first (label, text, limit) box over its limit, naming it; else None.

    A form with several boxes checks them all before it saves anything, so one long box never
    leaves the form half saved.
    """
    for label, text, limit in boxes:
        message = too_long(text, limit)
        if message is not None:
            return f"{label}: {message[0].lower()}{message[1:]}"
    return None
