"""The tone check's patterns, one file per language: ``content/tone/<code>.toml``.

Each file holds a regular expression for every rule id (``[rules]``), the named parts its rules
share (``[pieces]``, written ``{name}`` in a rule), and optionally the characters it reads as
others before matching (``[fold]``: Spanish reads "á" as "a", so "última" and "ultima" are one
word to its patterns). What each rule says to the person (kind, why, rewrite) is in
``script.toml`` under the same id; ``guide.tone`` joins the two. Adding a language's tone check is
adding its file here: a language without one is checked with the English patterns.

The file is read as it is, not laid over the English one: another language's patterns are its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from content import language
from content._loader import CONTENT_DIR, ContentError, read_toml

FOLDER = "tone"
# {name}: a piece. Regular expressions only ever put digits and commas in braces ({0,3}), so a
# name in braces is never a quantifier.
_PIECE = re.compile(r"\{([a-z_][a-z_0-9]*)\}")


@dataclass(frozen=True)
class TonePatterns:
    """One language's tone-check patterns: the regular expression of each rule, by rule id, in the
    file's order, and the one-for-one character swaps made before matching."""

    language: str
    rules: Mapping[str, str]
    fold: Mapping[int, str]


def _text(value: Any, where: str) -> str:
    """A pattern written as one string, or as a list of strings joined as they are."""
    if isinstance(value, str):
        parts = [value]
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        parts = value
    else:
        raise ContentError(f"{where}: should be text, or a list of text")
    text = "".join(parts)
    if not text.strip():
        raise ContentError(f"{where}: is empty")
    return text


def _expand(text: str, pieces: Mapping[str, str], where: str, depth: int = 0) -> str:
    """``text`` with every ``{name}`` replaced by its piece (pieces may use pieces)."""
    if depth > 5:
        raise ContentError(f"{where}: pieces refer to each other in a loop")

    def piece(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in pieces:
            raise ContentError(f"{where}: no piece called {name!r}")
        return _expand(pieces[name], pieces, f"{where} (piece {name!r})", depth + 1)

    return _PIECE.sub(piece, text)


def _fold(raw: Any, where: str) -> Mapping[int, str]:
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("from", "to")):
        raise ContentError(f"{where}: [fold] should have the text 'from' and 'to'")
    source, target = raw["from"], raw["to"]
    # One for one, so a match's position in the folded text is its position in what was typed.
    if len(source) != len(target):
        raise ContentError(f"{where}: [fold] 'from' and 'to' should be as long as each other")
    return MappingProxyType(str.maketrans(source, target))


def _file(code: str) -> str:
    return f"{FOLDER}/{code}.toml"


def has_patterns(code: str) -> bool:
    """True when ``code`` has its own tone-check patterns."""
    return (CONTENT_DIR / _file(code)).is_file()


@cache
def patterns(code: str) -> TonePatterns:
    """The patterns of language ``code`` (English when it has no file of its own)."""
    if not has_patterns(code):
        code = language.SOURCE
    name = _file(code)
    # Read as written: with the English run's words, since this file is already one language's.
    with language.speaking(language.SOURCE):
        raw = read_toml(name)
    where = name
    pieces_raw = raw.get("pieces", {})
    if not isinstance(pieces_raw, dict):
        raise ContentError(f"{where}: [pieces] should be a table")
    pieces = {key: _text(value, f"{where}: pieces.{key}") for key, value in pieces_raw.items()}
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, dict) or not rules_raw:
        raise ContentError(f"{where}: [rules] is missing or empty")
    rules: dict[str, str] = {}
    for rule_id, value in rules_raw.items():
        spot = f"{where}: rules.{rule_id}"
        rules[rule_id] = _expand(_text(value, spot), pieces, spot)
    fold = _fold(raw.get("fold"), where)
    if code != language.SOURCE:
        english = set(patterns(language.SOURCE).rules)
        if set(rules) != english:
            missing, extra = sorted(english - set(rules)), sorted(set(rules) - english)
            raise ContentError(f"{where}: rules out of step: missing {missing}, unknown {extra}")
    return TonePatterns(code, MappingProxyType(rules), fold)


def load_patterns() -> TonePatterns:
    """The patterns of this run's language."""
    return patterns(language.current())
