"""The one way content files are read: TOML from this folder, parsed once per process and language.

Feature modules (``content.reasons``, ``content.script`` ...) call :func:`read_toml` and turn the raw
tables into frozen dataclasses, raising :class:`ContentError` with the file and field named when
something is missing, so a broken content file fails loudly in tests rather than quietly in a page.

Another language's file (``content/es/<name>``) holds the same tables with its own words; it is laid
over the English one (:func:`overlay`), so ids, weights, numbers and links stay the English file's
and a sentence not yet written in that language still shows, in English, rather than failing.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from content import language

CONTENT_DIR = Path(__file__).resolve().parent


class ContentError(ValueError):
    """A content file is missing, malformed, or refers to something that does not exist."""


def read_toml(name: str) -> dict[str, Any]:
    """``content/<name>`` in this run's language: its words laid over the English file's tables."""
    return _in_language(name, language.current())


@cache
def _in_language(name: str, code: str) -> dict[str, Any]:
    source = _parse(CONTENT_DIR / name, name)
    if code == language.SOURCE or not (CONTENT_DIR / code / name).exists():
        return source
    return overlay(source, _parse(CONTENT_DIR / code / name, f"{code}/{name}"))


def overlay(source: Any, words: Any) -> Any:
    """``source`` with the text of ``words`` wherever both have it at the same place.

    Tables merge key by key (a key only ``words`` has is that language's own, and is kept); lists of the same length merge
    item by item; a list of another length is the other language's own (a service's Spanish lines,
    say), taken whole. Only text is taken from ``words``: anything else (ids are text, but an id
    the other file changed breaks the tests, not the page) keeps the source's value.
    """
    if isinstance(source, dict):
        if not isinstance(words, dict):
            return source
        merged = {k: overlay(v, words[k]) if k in words else v for k, v in source.items()}
        return merged | {k: v for k, v in words.items() if k not in source}
    if isinstance(source, list):
        if not isinstance(words, list):
            return source
        if len(words) != len(source):
            return words
        return [overlay(a, b) for a, b in zip(source, words, strict=True)]
    if isinstance(source, str) and isinstance(words, str) and words.strip():
        return words
    return source


def _parse(path: Path, name: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"content file {name} is missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"content file {name} is not valid TOML: {exc}") from exc


def require(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """Return ``table[key]`` if present and of ``kind``; otherwise raise a ContentError naming it."""
    if key not in table:
        raise ContentError(f"{where}: missing field {key!r}")
    value = table[key]
    if not isinstance(value, kind):
        raise ContentError(f"{where}: field {key!r} should be {kind}, not {type(value).__name__}")
    if isinstance(value, str) and not value.strip():
        raise ContentError(f"{where}: field {key!r} is empty")
    return value


def require_strings(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """Return a non-empty list of non-empty strings at ``table[key]`` as a tuple."""
    values = require(table, key, list, where)
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ContentError(f"{where}: field {key!r} should be a non-empty list of text")
    return tuple(values)


read_toml.cache_clear = _in_language.cache_clear  # type: ignore[attr-defined]  # tests reset it
