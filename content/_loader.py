"""The one way content files are read: TOML from this folder, parsed once per process.

Feature modules (``content.reasons``, ``content.script`` ...) call :func:`read_toml` and turn the raw
tables into frozen dataclasses, raising :class:`ContentError` with the file and field named when
something is missing, so a broken content file fails loudly in tests rather than quietly in a page.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent


class ContentError(ValueError):
    """A content file is missing, malformed, or refers to something that does not exist."""


@cache
def read_toml(name: str) -> dict[str, Any]:
    """Parse ``content/<name>`` once per process and return its tables."""
    path = CONTENT_DIR / name
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
