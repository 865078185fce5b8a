"""The words of the Safety page and of safety mode, loaded from ``safety.toml``.

Covers when couples therapy is not appropriate, what helps instead, the safety plan's sections
and checklist, the choice shown before a plan is saved, device-safety advice, and the gate's
reasons. :func:`load` returns one frozen :class:`SafetyContent`; a missing field fails at load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language

FILE = "safety.toml"
# The features the gate can withhold; guide/safety.py asks for a message for each.
WITHHELD_FEATURES = ("boundary", "joint_therapy", "partner_links")


@dataclass(frozen=True)
class Entry:
    """A titled paragraph with a stable id: a sign, an option, a device tip.

    A sign also carries ``markers``: short phrases that describe it happening ("checked my
    phone"). No example or suggestion elsewhere in content/ may contain one, so the app never
    presents a sign of control as an everyday complaint (tests/unit/test_guide_tone.py).
    """

    id: str
    title: str
    text: str
    markers: tuple[str, ...] = ()

    @property
    def marker_patterns(self) -> tuple[re.Pattern[str], ...]:
        """The markers as whole-word, case-insensitive patterns (any run of spaces matches)."""
        return _marker_patterns(self.markers)


@per_language
def _marker_patterns(markers: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(r"\b" + re.escape(m).replace(r"\ ", r"\s+") + r"\b", re.IGNORECASE)
        for m in markers
    )


@dataclass(frozen=True)
class BagItem:
    """One line of the bag-of-essentials checklist."""

    id: str
    label: str


@dataclass(frozen=True)
class PlanSection:
    """One section of the safety plan: its heading, guidance lines and input placeholder."""

    title: str
    help: tuple[str, ...]
    placeholder: str = ""


@dataclass(frozen=True)
class NotAppropriate:
    """When couples therapy is not the right step, and why joint sessions can make it worse."""

    title: str
    intro: str
    signs: tuple[Entry, ...]
    why_title: str
    why: tuple[str, ...]


@dataclass(frozen=True)
class Instead:
    """What helps instead of couples therapy."""

    title: str
    intro: str
    options: tuple[Entry, ...]
    partner_note: str


@dataclass(frozen=True)
class Plan:
    """The safety plan's words: sections, checklist, and the download's headings."""

    title: str
    intro: str
    private_note: str
    download_title: str
    download_intro: str
    download_empty: str
    safe_place: PlanSection
    bag: PlanSection
    bag_items: tuple[BagItem, ...]
    contacts: PlanSection
    contact_name_label: str
    contact_how_label: str
    local_services: PlanSection
    incidents: PlanSection
    incidents_warning: str


@dataclass(frozen=True)
class SaveChoice:
    """Shown before a plan is saved: keep it in the app, or only download it."""

    title: str
    intro: str
    keep_label: str
    keep_text: str
    keep_text_may_be_lost: str
    download_label: str
    download_text: str
    shared_device_note: str
    confirm_label: str


@dataclass(frozen=True)
class Device:
    """Staying private on this device, without promising more than a website can give."""

    title: str
    intro: str
    quick_exit_shortcut: str
    tips: tuple[Entry, ...]


@dataclass(frozen=True)
class GateWords:
    """Safety mode's words: why it is on, how to leave it, and each withheld feature's reason."""

    title: str
    reason_flagged: str
    reason_self: str
    leave_hint: str
    home_lead: str
    self_flag_label: str
    partner_view_closed: str
    withheld: Mapping[str, str] = field(hash=False)
    item_reasons: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True)
class SafetyContent:
    """Everything the Safety page and safety mode say."""

    not_appropriate: NotAppropriate
    instead: Instead
    plan: Plan
    save_choice: SaveChoice
    device: Device
    gate: GateWords

    def bag_item_ids(self) -> tuple[str, ...]:
        """The checklist ids, in display order."""
        return tuple(item.id for item in self.plan.bag_items)


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    return require(data, key, dict, where)


def _entries(raw: Any, where: str) -> tuple[Entry, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: should be a non-empty list of entries")
    entries = []
    for i, item in enumerate(raw):
        spot = f"{where} {i}"
        if not isinstance(item, dict):
            raise ContentError(f"{spot}: should be a table")
        entries.append(
            Entry(
                id=require(item, "id", str, spot),
                title=require(item, "title", str, spot),
                text=require(item, "text", str, spot),
                markers=require_strings(item, "markers", spot) if "markers" in item else (),
            )
        )
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{where}: ids must be unique, got {ids}")
    return tuple(entries)


def _section(raw: dict[str, Any], where: str, placeholder: bool) -> PlanSection:
    return PlanSection(
        title=require(raw, "title", str, where),
        help=require_strings(raw, "help", where),
        placeholder=require(raw, "placeholder", str, where) if placeholder else "",
    )


def _strings(
    raw: dict[str, Any], cls: type, where: str, skip: tuple[str, ...] = ()
) -> dict[str, str]:
    """Every field of ``cls`` except those in ``skip``, read from ``raw`` as required text."""
    return {f.name: require(raw, f.name, str, where) for f in fields(cls) if f.name not in skip}


def _mapping(raw: dict[str, Any], key: str, where: str) -> Mapping[str, str]:
    table = require(raw, key, dict, where)
    for name in table:
        require(table, name, str, f"{where}.{key}")
    return MappingProxyType(dict(table))


def _not_appropriate(data: dict[str, Any]) -> NotAppropriate:
    where = f"{FILE} [not_appropriate]"
    raw = _table(data, "not_appropriate", FILE)
    signs = _entries(raw.get("sign"), f"{where} sign")
    unmarked = [sign.id for sign in signs if not sign.markers]
    if unmarked:
        raise ContentError(f"{where} sign: each sign needs markers, missing for {unmarked}")
    why = require_strings(raw, "why", where)
    return NotAppropriate(
        signs=signs, why=why, **_strings(raw, NotAppropriate, where, skip=("signs", "why"))
    )


def _instead(data: dict[str, Any]) -> Instead:
    where = f"{FILE} [instead]"
    raw = _table(data, "instead", FILE)
    options = _entries(raw.get("option"), f"{where} option")
    return Instead(options=options, **_strings(raw, Instead, where, skip=("options",)))


def _plan(data: dict[str, Any]) -> Plan:
    where = f"{FILE} [plan]"
    raw = _table(data, "plan", FILE)
    bag = _table(raw, "bag", where)
    items = []
    for i, item in enumerate(require(bag, "item", list, f"{where}.bag")):
        spot = f"{where}.bag item {i}"
        if not isinstance(item, dict):
            raise ContentError(f"{spot}: should be a table")
        items.append(BagItem(require(item, "id", str, spot), require(item, "label", str, spot)))
    ids = [item.id for item in items]
    if not ids or len(ids) != len(set(ids)):
        raise ContentError(f"{where}.bag: items must be present and their ids unique")
    contacts = _table(raw, "contacts", where)
    incidents = _table(raw, "incidents", where)
    return Plan(
        title=require(raw, "title", str, where),
        intro=require(raw, "intro", str, where),
        private_note=require(raw, "private_note", str, where),
        download_title=require(raw, "download_title", str, where),
        download_intro=require(raw, "download_intro", str, where),
        download_empty=require(raw, "download_empty", str, where),
        safe_place=_section(_table(raw, "safe_place", where), f"{where}.safe_place", True),
        bag=_section(bag, f"{where}.bag", False),
        bag_items=tuple(items),
        contacts=_section(contacts, f"{where}.contacts", False),
        contact_name_label=require(contacts, "name_label", str, f"{where}.contacts"),
        contact_how_label=require(contacts, "how_label", str, f"{where}.contacts"),
        local_services=_section(
            _table(raw, "local_services", where), f"{where}.local_services", True
        ),
        incidents=_section(incidents, f"{where}.incidents", True),
        incidents_warning=require(incidents, "warning", str, f"{where}.incidents"),
    )


def _device(data: dict[str, Any]) -> Device:
    where = f"{FILE} [device]"
    raw = _table(data, "device", FILE)
    tips = _entries(raw.get("tip"), f"{where} tip")
    if "quick_exit" not in {t.id for t in tips}:
        raise ContentError(f"{where}: needs a tip with id 'quick_exit'")
    return Device(tips=tips, **_strings(raw, Device, where, skip=("tips",)))


def _gate(data: dict[str, Any]) -> GateWords:
    where = f"{FILE} [gate]"
    raw = _table(data, "gate", FILE)
    withheld = _mapping(raw, "withheld", where)
    if set(withheld) != set(WITHHELD_FEATURES):
        raise ContentError(f"{where}.withheld: needs exactly {WITHHELD_FEATURES}")
    return GateWords(
        withheld=withheld,
        item_reasons=_mapping(raw, "item_reasons", where),
        **_strings(raw, GateWords, where, skip=("withheld", "item_reasons")),
    )


@per_language
def load() -> SafetyContent:
    """Read and validate ``safety.toml`` once per process."""
    data = read_toml(FILE)
    return SafetyContent(
        not_appropriate=_not_appropriate(data),
        instead=_instead(data),
        plan=_plan(data),
        save_choice=SaveChoice(**_strings(_table(data, "save_choice", FILE), SaveChoice, FILE)),
        device=_device(data),
        gate=_gate(data),
    )
