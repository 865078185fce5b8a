"""The twelve reasons a partner may refuse couples therapy, loaded from ``reasons.toml``.

Pages show a reason's words; the quiz weights and stored results refer to it by ``id``. The loader
checks that exactly the twelve known ids are present, each with every field a page needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language

FILE = "reasons.toml"

# The ids are part of stored quiz results, so the set is fixed here rather than read from the file.
REASON_IDS: tuple[str, ...] = (
    "blame",
    "you_problem",
    "no_problem",
    "stigma",
    "vulnerability",
    "privacy",
    "hopeless",
    "cost_time",
    "bad_past",
    "unfamiliar",
    "fear_change",
    "avoidance",
)


@dataclass(frozen=True)
class Reason:
    """One likely reason behind the partner's no, with what helps and what to say."""

    id: str
    name: str
    summary: str
    underneath: str
    helps: tuple[str, ...]
    backfires: tuple[str, ...]
    first_steps: tuple[str, ...]
    say: tuple[str, ...]


def _parse_reason(raw: Any, index: int) -> Reason:
    """Turn one ``[[reason]]`` table into a Reason, naming the field that is wrong."""
    if not isinstance(raw, dict):
        raise ContentError(f"{FILE}: reason #{index + 1} is not a table")
    where = f"{FILE}: reason #{index + 1}"
    reason_id = require(raw, "id", str, where)
    where = f"{FILE}: reason {reason_id!r}"
    return Reason(
        id=reason_id,
        name=require(raw, "name", str, where),
        summary=require(raw, "summary", str, where),
        underneath=require(raw, "underneath", str, where),
        helps=require_strings(raw, "helps", where),
        backfires=require_strings(raw, "backfires", where),
        first_steps=require_strings(raw, "first_steps", where),
        say=require_strings(raw, "say", where),
    )


@per_language
def _reasons() -> tuple[Reason, ...]:
    """Parse and validate the reasons once per process."""
    raw = read_toml(FILE)
    tables = require(raw, "reason", list, FILE)
    reasons = tuple(_parse_reason(table, i) for i, table in enumerate(tables))
    ids = [reason.id for reason in reasons]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{FILE}: reason ids appear more than once: {duplicates}")
    missing = [i for i in REASON_IDS if i not in ids]
    unknown = [i for i in ids if i not in REASON_IDS]
    if missing or unknown:
        raise ContentError(f"{FILE}: missing reasons {missing}, unknown reasons {unknown}")
    return reasons


def load_reasons() -> dict[str, Reason]:
    """Return every reason by id, in the order the file lists them."""
    # A fresh dict each call, so a caller that edits it cannot change what others see.
    return {reason.id: reason for reason in _reasons()}


@per_language
def common_backfires() -> tuple[str, ...]:
    """Return what backfires whatever the reason (ultimatums, ambushes, bad timing...)."""
    return require_strings(read_toml(FILE), "common_backfires", FILE)
