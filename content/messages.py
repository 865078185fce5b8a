"""The code's own messages in this run's language: gettext catalogues read with Babel.

A sentence written in the code is marked ``t("Save week {week}", week=2)`` (``tn`` for one that
depends on a count). English is the message itself; another language's words are in
``content/locale/<code>/LC_MESSAGES/*.po`` (one file per part of the app, all read together), so
the standard tools work on them (``pybabel extract -k t -k tn:1,2`` finds every marked message;
the tests check every one has its translation and the same ``{placeholders}``). The ``.po`` files
are read directly (no compiled ``.mo`` to keep in step): a few hundred entries, once per process.

Why gettext here and TOML in ``content/``: the content files are documents with structure (ids,
weights, lists of steps) that a translation must keep; a message in the code is one sentence where
it is used, and gettext's catalogues are what translators and their tools already know.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from content import language

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class Catalogue:
    """One language's messages: singular ones by id, plural ones by their singular id."""

    def __init__(self) -> None:
        self.singular: dict[str, str] = {}
        self.plural: dict[str, tuple[str, ...]] = {}
        self.plural_index: Callable[[int], int] = lambda n: 0 if n == 1 else 1


@cache
def catalogue(code: str) -> Catalogue:
    """Every ``.po`` file of ``code`` merged (an empty catalogue for English or a missing folder)."""
    found = Catalogue()
    if code == language.SOURCE:
        return found  # English is the messages themselves
    # Imported here: an English session (and the server's start) never needs Babel's PO reader.
    from babel.messages.pofile import read_po

    folder = LOCALE_DIR / code / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=code)
        if po.plural_expr:
            found.plural_index = gettext.c2py(po.plural_expr)
        for message in po:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, tuple):
                forms = tuple(message.string) if isinstance(message.string, tuple) else ()
                if all(forms):
                    found.plural[message.id[0]] = forms
            elif message.string:
                found.singular[message.id] = message.string
    return found


def t(message: str, /, **values: object) -> str:
    """``message`` in this run's language, with ``{name}`` filled from ``values``."""
    words = catalogue(language.current()).singular.get(message, message)
    return words.format(**values) if values else words


def tn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form for ``count`` ("1 week" / "2 weeks"); ``{count}`` and ``values`` are filled in."""
    found = catalogue(language.current())
    forms = found.plural.get(singular)
    if forms:
        index = min(found.plural_index(count), len(forms) - 1)
        words = forms[index]
    else:
        words = singular if count == 1 else plural
    return words.format(count=count, **values)
