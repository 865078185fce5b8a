"""Which language this run speaks, and which languages Open Door has (no Streamlit here).

English is the source: ``content/<name>.toml`` and the messages written in the code. Any other
language is a folder of files, ``content/<code>/`` (its words for each content file) and
``content/locale/<code>/LC_MESSAGES/*.po`` (its words for the code's messages), so adding a third
language is adding files. Every loader and every message lookup asks :func:`current`, so nothing
passes the language through every call: the app registers where a session keeps its choice
(:func:`follow`; Streamlit's session state, which callbacks see too), and :func:`speaking` sets one
for a block (tests, a download written in the partner's language).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path

SOURCE = "en"
CONTENT_DIR = Path(__file__).resolve().parent
# Each language's own name, written in that language, for the switch (a language not listed here
# is shown by its code until its name is added).
NAMES = {"en": "English", "es": "Español"}

_current: ContextVar[str | None] = ContextVar("open_door_language", default=None)
_follow: list[Callable[[], str | None]] = []


@cache
def available() -> tuple[str, ...]:
    """English first, then every language with a folder of content files, in code order."""
    found = sorted(
        p.name
        for p in CONTENT_DIR.iterdir()
        if p.is_dir() and len(p.name) == 2 and p.name.isalpha() and any(p.glob("*.toml"))
    )
    return (SOURCE, *[code for code in found if code != SOURCE])


def name(code: str) -> str:
    """The language's own name ("Español"), or its code."""
    return NAMES.get(code, code)


def current() -> str:
    """The language of this block, else of this session, else English."""
    code = _current.get()
    if code is None and _follow:
        try:
            code = _follow[0]()
        except Exception:  # no session to ask (outside a run): English
            code = None
    return code if code in available() else SOURCE


def follow(where: Callable[[], str | None]) -> None:
    """Ask ``where`` for the language whenever no block has set one (the app's session)."""
    _follow[:] = [where]


@contextlib.contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Speak ``code`` inside the block only (tests, a download built in another language)."""
    token = _current.set(code if code in available() else SOURCE)
    try:
        yield current()
    finally:
        _current.reset(token)


def per_language(function):
    """Cache ``function`` once per language (a content loader built once per process before)."""

    @cache
    def built(language: str, *args, **kwargs):
        return function(*args, **kwargs)

    def wrapper(*args, **kwargs):
        return built(current(), *args, **kwargs)

    wrapper.__wrapped__ = function
    wrapper.__doc__ = function.__doc__
    wrapper.__name__ = function.__name__
    wrapper.cache_clear = built.cache_clear  # type: ignore[attr-defined]
    return wrapper
