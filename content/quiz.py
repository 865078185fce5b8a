"""The quiz items and answer scales, loaded from ``quiz.toml`` and checked against the reasons.

Items come back in the file's order: signal and context items first, the safety screen last. Each
item carries its resolved :class:`Scale`, so scoring needs nothing but the items and the reasons.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from itertools import pairwise
from types import MappingProxyType
from typing import Any, Literal

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language
from content.reasons import load_reasons

FILE = "quiz.toml"
KINDS: tuple[str, ...] = ("signal", "context", "safety")
SAFETY_SCALE = "safety"

Kind = Literal["signal", "context", "safety"]


@dataclass(frozen=True)
class Scale:
    """A short answer scale: option labels lowest first, and the value each option scores."""

    id: str
    options: tuple[str, ...]
    # One value per option, starting at 0 and never going down; defaults to 0, 1, 2, ...
    values: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if not self.values:
            object.__setattr__(self, "values", tuple(float(i) for i in range(len(self.options))))

    @property
    def top_value(self) -> float:
        """The highest value any option scores."""
        return max(self.values)


@dataclass(frozen=True)
class QuizItem:
    """One question: what it asks, how it is answered, and which reasons it points towards."""

    id: str
    text: str
    kind: Kind
    scale: Scale
    # Excluded from hashing because a mapping cannot be hashed; equality still compares it.
    weights: Mapping[str, float] = field(hash=False)
    hint: str | None = None


def _parse_scale(raw: Any, index: int) -> Scale:
    """Turn one ``[[scale]]`` table into a Scale with checked values."""
    if not isinstance(raw, dict):
        raise ContentError(f"{FILE}: scale #{index + 1} is not a table")
    scale_id = require(raw, "id", str, f"{FILE}: scale #{index + 1}")
    where = f"{FILE}: scale {scale_id!r}"
    options = require_strings(raw, "options", where)
    if len(options) < 2:
        raise ContentError(f"{where}: needs at least two options")
    values: tuple[float, ...] = ()
    if "values" in raw:
        raw_values = require(raw, "values", list, where)
        if len(raw_values) != len(options) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in raw_values
        ):
            raise ContentError(f"{where}: values should be one number per option")
        values = tuple(float(v) for v in raw_values)
        # Scoring assumes a higher option never scores less, and the first option scores nothing.
        if values[0] != 0 or any(b < a for a, b in pairwise(values)):
            raise ContentError(f"{where}: values should start at 0 and never go down")
        if values[-1] <= 0:
            raise ContentError(f"{where}: the last value should be above 0")
    return Scale(id=scale_id, options=options, values=values)


def _parse_weights(raw: Any, where: str) -> Mapping[str, float]:
    """Check a weights table: known reason ids, positive finite numbers."""
    known = load_reasons()
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: weights should be a table of reason id -> number")
    weights: dict[str, float] = {}
    for reason_id, weight in raw.items():
        if reason_id not in known:
            raise ContentError(f"{where}: weight points at unknown reason {reason_id!r}")
        if (
            not isinstance(weight, int | float)
            or isinstance(weight, bool)
            or not math.isfinite(weight)
            or weight <= 0
        ):
            raise ContentError(f"{where}: weight for {reason_id!r} should be a positive number")
        weights[reason_id] = float(weight)
    return MappingProxyType(weights)


def _parse_item(raw: Any, index: int, scales: Mapping[str, Scale]) -> QuizItem:
    """Turn one ``[[item]]`` table into a QuizItem, resolving its scale."""
    if not isinstance(raw, dict):
        raise ContentError(f"{FILE}: item #{index + 1} is not a table")
    item_id = require(raw, "id", str, f"{FILE}: item #{index + 1}")
    where = f"{FILE}: item {item_id!r}"
    kind = require(raw, "kind", str, where)
    if kind not in KINDS:
        raise ContentError(f"{where}: kind should be one of {KINDS}, not {kind!r}")
    scale_id = require(raw, "scale", str, where)
    if scale_id not in scales:
        raise ContentError(f"{where}: unknown scale {scale_id!r}")
    if (kind == "safety") != (scale_id == SAFETY_SCALE):
        raise ContentError(f"{where}: safety items, and only they, use the {SAFETY_SCALE!r} scale")
    if kind == "safety":
        if raw.get("weights"):
            raise ContentError(f"{where}: safety items are not scored, so they carry no weights")
        weights: Mapping[str, float] = MappingProxyType({})
    else:
        weights = _parse_weights(require(raw, "weights", dict, where), where)
        if not weights:
            raise ContentError(f"{where}: needs at least one weight")
    hint = require(raw, "hint", str, where) if "hint" in raw else None
    return QuizItem(
        id=item_id,
        text=require(raw, "text", str, where),
        kind=kind,
        scale=scales[scale_id],
        weights=weights,
        hint=hint,
    )


@per_language
def _scales() -> Mapping[str, Scale]:
    """Parse the scales once per process."""
    tables = require(read_toml(FILE), "scale", list, FILE)
    scales: dict[str, Scale] = {}
    for i, table in enumerate(tables):
        scale = _parse_scale(table, i)
        if scale.id in scales:
            raise ContentError(f"{FILE}: scale {scale.id!r} appears more than once")
        scales[scale.id] = scale
    if SAFETY_SCALE not in scales:
        raise ContentError(f"{FILE}: the {SAFETY_SCALE!r} scale is missing")
    return MappingProxyType(scales)


def load_scales() -> dict[str, Scale]:
    """Return every answer scale by id."""
    return dict(_scales())


@per_language
def load_quiz() -> tuple[QuizItem, ...]:
    """Return every quiz item in order, safety items last."""
    tables = require(read_toml(FILE), "item", list, FILE)
    scales = _scales()
    items = tuple(_parse_item(table, i, scales) for i, table in enumerate(tables))
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{FILE}: item ids appear more than once: {duplicates}")
    kinds = [item.kind == "safety" for item in items]
    # The safety screen is its own section at the end, so no scored item may follow it.
    if kinds != sorted(kinds):
        raise ContentError(f"{FILE}: safety items must come after every other item")
    if not any(kinds) or all(kinds):
        raise ContentError(f"{FILE}: needs both scored items and safety items")
    return items


def intro() -> str:
    """Return the few words shown before the first question."""
    return require(read_toml(FILE), "intro", str, FILE)


def safety_intro() -> str:
    """Return the calm words shown before the safety questions."""
    return require(read_toml(FILE), "safety_intro", str, FILE)


@dataclass(frozen=True)
class ResultWords:
    """What the result says: its lead sentence by count, and why nothing stands out."""

    lead_clear_one: str
    lead_clear_many: str
    lead_some_one: str
    lead_some_many: str
    not_enough_title: str
    not_enough_intro: str
    not_enough_few: str
    not_enough_quiet: str
    not_enough_flat: str
    not_enough_weak: str
    helps_few: str
    helps_notice: str
    helps_quiet: str
    helps_flat: str


@per_language
def load_result_words() -> ResultWords:
    """Return the result's words from the ``[result]`` table."""
    raw = require(read_toml(FILE), "result", dict, FILE)
    where = f"{FILE}: [result]"
    return ResultWords(**{f.name: require(raw, f.name, str, where) for f in fields(ResultWords)})
