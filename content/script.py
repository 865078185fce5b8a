"""The words of the conversation script builder, loaded from ``script.toml``.

The steps come in a fixed order (the order a good conversation goes), so their ids are fixed here and
the file must list exactly these. Every likely reason must have a worry line, and every reference
(a worry's suggested first step, a friction remover's field) must resolve, or loading fails loudly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language
from content.reasons import REASON_IDS

FILE = "script.toml"

STEP_IDS: tuple[str, ...] = (
    "timing",
    "opener",
    "i_statement",
    "worries",
    "reframe",
    "ask",
    "first_step",
    "shared",
    "if_no",
    "boundary",
)

# Friction removers are keyed by the draft field they switch on, so a page can wire them directly.
FRICTION_IDS: tuple[str, ...] = ("times", "offer_book", "offer_pay", "offer_stop_30")

TONE_KINDS: tuple[str, ...] = (
    "absolute",
    "diagnosis",
    "ultimatum",
    "contempt",
    "demand",
    "guilt",
    "blame",
)


@dataclass(frozen=True)
class StepField:
    """One input of a step: ``key`` names the ScriptDraft field it fills."""

    key: str
    label: str
    example: str = ""


@dataclass(frozen=True)
class Step:
    """One step of the conversation plan, with why it matters and how to fill it in."""

    id: str
    title: str
    cue: str
    why: str
    prompt: str
    example: str
    fields: tuple[StepField, ...]


@dataclass(frozen=True)
class TimingItem:
    """A moment to aim for (``good``) or to steer clear of, for the timing checklist."""

    id: str
    text: str
    good: bool


@dataclass(frozen=True)
class FirstStepOption:
    """A low-stakes first step; ``friction`` says whether booking/paying/times make sense for it."""

    id: str
    label: str
    line: str
    friction: bool


@dataclass(frozen=True)
class FrictionRemover:
    """A way to make the first step easier; ``id`` is the ScriptDraft field that turns it on."""

    id: str
    label: str
    line: str


@dataclass(frozen=True)
class WorryLine:
    """What the user could say to ease one likely reason, and what suits it."""

    reason_id: str
    line: str
    reframe: bool
    first_step: str


@dataclass(frozen=True)
class ToneRule:
    """The words of one tone-check rule; its pattern lives in ``guide.tone`` under the same id."""

    id: str
    kind: str
    why: str
    rewrite: str


@dataclass(frozen=True)
class ScriptContent:
    """Everything the script builder says, validated."""

    title: str
    safety_note: str
    steps: tuple[Step, ...]
    timing: tuple[TimingItem, ...]
    good_label: str
    bad_label: str
    openers: tuple[str, ...]
    reframes: tuple[str, ...]
    shared: tuple[str, ...]
    if_no: tuple[str, ...]
    first_steps: tuple[FirstStepOption, ...]
    friction: tuple[FrictionRemover, ...]
    worries: tuple[WorryLine, ...]
    invitation_opening: str
    invitation_closing: str
    tone: tuple[ToneRule, ...]

    def step(self, step_id: str) -> Step:
        """Return the step with this id."""
        return _find(self.steps, step_id, "step")

    def worry(self, reason_id: str) -> WorryLine:
        """Return the worry line for this reason id."""
        for worry in self.worries:
            if worry.reason_id == reason_id:
                return worry
        raise KeyError(reason_id)

    def first_step_option(self, option_id: str) -> FirstStepOption:
        """Return the first-step option with this id."""
        return _find(self.first_steps, option_id, "first step")

    def friction_remover(self, friction_id: str) -> FrictionRemover:
        """Return the friction remover with this id (a ScriptDraft field name)."""
        return _find(self.friction, friction_id, "friction remover")

    def timing_item(self, item_id: str) -> TimingItem:
        """Return the timing checklist item with this id."""
        return _find(self.timing, item_id, "timing item")

    def tone_rule(self, rule_id: str) -> ToneRule:
        """Return the tone-check words for this rule id."""
        return _find(self.tone, rule_id, "tone rule")


def _find(items: tuple[Any, ...], item_id: str, what: str) -> Any:
    """Return the item whose ``id`` matches, or raise KeyError."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {what} {item_id!r}")


def _tables(raw: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """Return a non-empty array of tables at ``raw[key]``."""
    tables = require(raw, key, list, where)
    if not tables or not all(isinstance(t, dict) for t in tables):
        raise ContentError(f"{where}: {key!r} should be a non-empty list of tables")
    return tables


def _unique_ids(items: tuple[Any, ...], where: str) -> None:
    """Raise if two items share an id."""
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{where}: ids appear more than once: {duplicates}")


def _parse_step(raw: dict[str, Any], index: int) -> Step:
    """Turn one ``[[step]]`` table into a Step."""
    where = f"{FILE}: step #{index + 1}"
    step_id = require(raw, "id", str, where)
    where = f"{FILE}: step {step_id!r}"
    fields = tuple(
        StepField(
            key=require(table, "key", str, f"{where} field"),
            label=require(table, "label", str, f"{where} field"),
            example=table.get("example", "") if isinstance(table.get("example"), str) else "",
        )
        for table in _tables(raw, "field", where)
    )
    return Step(
        id=step_id,
        title=require(raw, "title", str, where),
        cue=require(raw, "cue", str, where),
        why=require(raw, "why", str, where),
        prompt=require(raw, "prompt", str, where),
        example=require(raw, "example", str, where),
        fields=fields,
    )


def _parse_timing(raw: dict[str, Any]) -> tuple[tuple[TimingItem, ...], str, str]:
    """Read the good and bad moments and their output labels."""
    where = f"{FILE}: [timing]"
    table = require(raw, "timing", dict, FILE)
    items = []
    for key, good in (("good", True), ("bad", False)):
        for entry in _tables(table, key, where):
            items.append(
                TimingItem(
                    id=require(entry, "id", str, f"{where} {key}"),
                    text=require(entry, "text", str, f"{where} {key}"),
                    good=good,
                )
            )
    timing = tuple(items)
    _unique_ids(timing, where)
    return (
        timing,
        require(table, "good_label", str, where),
        require(table, "bad_label", str, where),
    )


def _parse_worries(raw: dict[str, Any], option_ids: set[str]) -> tuple[WorryLine, ...]:
    """Read one worry line per reason, in the reasons' own order, checking references."""
    table = require(raw, "worry", dict, FILE)
    missing = [r for r in REASON_IDS if r not in table]
    unknown = [r for r in table if r not in REASON_IDS]
    if missing or unknown:
        raise ContentError(f"{FILE}: worry lines missing for {missing}, unknown reasons {unknown}")
    worries = []
    for reason_id in REASON_IDS:
        where = f"{FILE}: [worry.{reason_id}]"
        entry = require(table, reason_id, dict, FILE)
        first_step = require(entry, "first_step", str, where)
        if first_step not in option_ids:
            raise ContentError(f"{where}: first_step {first_step!r} is not a first-step option")
        worries.append(
            WorryLine(
                reason_id=reason_id,
                line=require(entry, "line", str, where),
                reframe=require(entry, "reframe", bool, where),
                first_step=first_step,
            )
        )
    return tuple(worries)


def _parse_tone(raw: dict[str, Any]) -> tuple[ToneRule, ...]:
    """Read the words of each tone-check rule."""
    table = require(raw, "tone", dict, FILE)
    rules = []
    for rule_id, entry in table.items():
        where = f"{FILE}: [tone.{rule_id}]"
        if not isinstance(entry, dict):
            raise ContentError(f"{where} is not a table")
        kind = require(entry, "kind", str, where)
        if kind not in TONE_KINDS:
            raise ContentError(f"{where}: kind {kind!r} should be one of {TONE_KINDS}")
        rules.append(
            ToneRule(
                id=rule_id,
                kind=kind,
                why=require(entry, "why", str, where),
                rewrite=require(entry, "rewrite", str, where),
            )
        )
    if not rules:
        raise ContentError(f"{FILE}: [tone] has no rules")
    return tuple(rules)


@per_language
def load_script_content() -> ScriptContent:
    """Parse and validate ``script.toml`` once per process."""
    raw = read_toml(FILE)

    steps = tuple(_parse_step(t, i) for i, t in enumerate(_tables(raw, "step", FILE)))
    if tuple(s.id for s in steps) != STEP_IDS:
        raise ContentError(f"{FILE}: steps should be exactly {STEP_IDS}, in that order")

    first_steps = tuple(
        FirstStepOption(
            id=require(t, "id", str, f"{FILE}: first_step"),
            label=require(t, "label", str, f"{FILE}: first_step"),
            line=require(t, "line", str, f"{FILE}: first_step"),
            friction=require(t, "friction", bool, f"{FILE}: first_step"),
        )
        for t in _tables(raw, "first_step", FILE)
    )
    _unique_ids(first_steps, f"{FILE}: first_step")

    friction = tuple(
        FrictionRemover(
            id=require(t, "id", str, f"{FILE}: friction"),
            label=require(t, "label", str, f"{FILE}: friction"),
            line=require(t, "line", str, f"{FILE}: friction"),
        )
        for t in _tables(raw, "friction", FILE)
    )
    if tuple(f.id for f in friction) != FRICTION_IDS:
        raise ContentError(f"{FILE}: friction removers should be exactly {FRICTION_IDS}")
    if "{times}" not in friction[0].line:
        raise ContentError(f"{FILE}: the 'times' friction line needs a {{times}} placeholder")

    timing, good_label, bad_label = _parse_timing(raw)
    invitation = require(raw, "invitation", dict, FILE)
    return ScriptContent(
        title=require(raw, "title", str, FILE),
        safety_note=require(raw, "safety_note", str, FILE),
        steps=steps,
        timing=timing,
        good_label=good_label,
        bad_label=bad_label,
        openers=require_strings(raw, "openers", FILE),
        reframes=require_strings(raw, "reframes", FILE),
        shared=require_strings(raw, "shared", FILE),
        if_no=require_strings(raw, "if_no", FILE),
        first_steps=first_steps,
        friction=friction,
        worries=_parse_worries(raw, {o.id for o in first_steps}),
        invitation_opening=require(invitation, "opening", str, f"{FILE}: [invitation]"),
        invitation_closing=require(invitation, "closing", str, f"{FILE}: [invitation]"),
        tone=_parse_tone(raw),
    )


@dataclass(frozen=True)
class SafetyInstead:
    """What the script builder page says instead of the builder while safety mode is on."""

    caption: str
    title: str
    why: tuple[str, ...]
    helps_title: str
    safety_page: str
    safety_link: str
    advocate: str
    individual: str
    individual_link: str
    kept: str


@per_language
def load_safety_instead() -> SafetyInstead:
    """Return the ``[safety_mode]`` words of ``script.toml``."""
    where = f"{FILE} [safety_mode]"
    raw = require(read_toml(FILE), "safety_mode", dict, FILE)
    texts = {
        name: require(raw, name, str, where)
        for name in (
            "caption",
            "title",
            "helps_title",
            "safety_page",
            "safety_link",
            "advocate",
            "individual",
            "individual_link",
            "kept",
        )
    }
    return SafetyInstead(why=require_strings(raw, "why", where), **texts)
