"""An empty submit never erases saved words (pure).

A form that shows saved words in its boxes can be sent with every box empty: someone selected
all and deleted, a browser restored an old blank form, or a second tab drew the form before
anything was saved. None of those is a clear wish to erase, so Open Door keeps what was saved and
says how to clear it on purpose, as its own confirmed act. Emptying one box while others still
hold words is an ordinary edit and is saved. :func:`would_erase` is that rule;
:func:`keep_saved` in :mod:`guide.routines` is its form for check-ins, whose boxes start empty.
"""

from __future__ import annotations

from collections.abc import Mapping


def has_words(values: Mapping[str, object]) -> bool:
    """True when any text value holds more than white space."""
    return any(isinstance(v, str) and v.strip() for v in values.values())


def would_erase(saved: Mapping[str, object], typed: Mapping[str, object]) -> bool:
    """True when ``saved`` holds words and ``typed`` holds none: saving would erase them all."""
    return has_words(saved) and not has_words(typed)
