"""The safety gate, and the safety plan's pure helpers.

:func:`gate` decides the app's mode from two facts: the latest safety screen from the quiz, and the
moment (if any) the user chose "this is about my safety". In safety mode the app stops coaching
toward joint therapy or sharing: the home page leads with resources, the script builder gives way
to why and to what helps, the plan suggests the person's own support and safety, and partner
links cannot be made or opened. What each page withholds is listed once, in :data:`SURFACES`. The user leaves safety mode only by
retaking the screen and answering "No" to everything.

The safety plan helpers turn a :class:`SafetyPlan` into a plain dict for storage and back, and into
Markdown for download, with every piece of the user's text escaped so it stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from content import safety as safety_content

FEATURES = safety_content.WITHHELD_FEATURES
PLAN_VERSION = 1

# Every place a page offers something the gate may hold back, and the feature it belongs to.
# A page asks ``mode.withholds(surface)`` and shows ``mode.message(SURFACES[surface])`` where it
# held something back; adding a row here is how a new surface is gated, so the decision stays
# in one place.
SURFACES: dict[str, str] = {
    # The whole conversation plan (its steps, suggestions, examples, pre-fills from the quiz,
    # full script, print view, practice, downloads and saved versions): every part of it
    # rehearses asking the partner into joint therapy.
    "script_builder": "joint_therapy",
    # Six-week target ideas and reword suggestions for the two of you ("one date night a week");
    # in safety mode the plan suggests the person's own support and safety instead.
    "plan_together_ideas": "joint_therapy",
    # The review's "ask again for couples therapy, with the record in hand".
    "plan_ask_again": "joint_therapy",
    # The review's "set boundaries" (a face-to-face limit with a partner who may respond badly).
    "plan_boundaries": "boundary",
    # Choosing a couples therapist: what to look for, consultation questions, the first joint
    # session, and the choose-together checklist.
    "therapist_choosing": "joint_therapy",
    # Going alone's line for telling the partner about one's own counselling: any conversation
    # the app scripts with the partner is part of the coaching the gate pauses.
    "going_alone_telling": "joint_therapy",
    # Partner links: making, sharing and opening them.
    "partner_links": "partner_links",
}


# --- the gate --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenState:
    """The latest completed safety screen: when, whether it raised concern, and which items did."""

    taken_at: datetime
    flagged: bool
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class SafetyMode:
    """What the app may offer right now, and why, in plain words."""

    on: bool
    why: tuple[str, ...] = ()
    allow_joint_therapy_coaching: bool = True
    allow_boundary_step: bool = True
    allow_partner_links: bool = True
    home_leads_with_resources: bool = False

    def allows(self, feature: str) -> bool:
        """Whether ``feature`` (one of FEATURES) may be shown."""
        if feature == "boundary":
            return self.allow_boundary_step
        if feature == "joint_therapy":
            return self.allow_joint_therapy_coaching
        if feature == "partner_links":
            return self.allow_partner_links
        raise ValueError(f"unknown feature {feature!r}; expected one of {FEATURES}")

    def withholds(self, surface: str) -> bool:
        """Whether a page must hold ``surface`` (one of SURFACES) back right now."""
        if surface not in SURFACES:
            raise ValueError(f"unknown surface {surface!r}; expected one of {sorted(SURFACES)}")
        return not self.allows(SURFACES[surface])

    def message(self, feature: str) -> str:
        """The plain-words reason shown where ``feature`` is withheld ('' when it is allowed)."""
        if self.allows(feature):
            return ""
        return safety_content.load().gate.withheld[feature]


OFF = SafetyMode(on=False)


def _utc(moment: datetime) -> datetime:
    # Stored times should carry a zone; a naive one is read as UTC so that a mix of the two still
    # compares instead of raising in the middle of a page.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def gate(screen: ScreenState | None, self_flag_at: datetime | None) -> SafetyMode:
    """Decide the safety mode from the latest screen and the 'about my safety' choice."""
    words = safety_content.load().gate
    why: list[str] = []
    # Items without the flag would be a contradiction; read it the safe way.
    if screen is not None and (screen.flagged or screen.items):
        why.append(words.reason_flagged)
        for item in dict.fromkeys(screen.items):
            if item in words.item_reasons:
                why.append(words.item_reasons[item])
    # A self flag holds until a screen is completed strictly after it; a screen taken at the
    # same instant could not have been a response to it.
    if self_flag_at is not None and (screen is None or _utc(screen.taken_at) <= _utc(self_flag_at)):
        why.append(words.reason_self)
    if not why:
        return OFF
    return SafetyMode(
        on=True,
        why=tuple(why),
        allow_joint_therapy_coaching=False,
        allow_boundary_step=False,
        allow_partner_links=False,
        home_leads_with_resources=True,
    )


# --- the safety plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class SafetyPlan:
    """A private safety plan. ``bag`` holds the ids of checklist items that are ready."""

    safe_place: str = ""
    bag: tuple[str, ...] = ()
    contacts: tuple[tuple[str, str], ...] = ()
    local_services: str = ""
    incident_notes: str = ""
    keep_in_app: bool = False


_TEXT_FIELDS = ("safe_place", "local_services", "incident_notes")
_KNOWN_KEYS = {"version", "bag", "contacts", "keep_in_app", *_TEXT_FIELDS}


def safety_plan_to_dict(plan: SafetyPlan) -> dict[str, Any]:
    """A JSON-ready dict of ``plan``, with a version for future migrations."""
    return {
        "version": PLAN_VERSION,
        "safe_place": plan.safe_place,
        "bag": list(plan.bag),
        "contacts": [{"name": name, "how": how} for name, how in plan.contacts],
        "local_services": plan.local_services,
        "incident_notes": plan.incident_notes,
        "keep_in_app": plan.keep_in_app,
    }


def safety_plan_from_dict(data: Any) -> SafetyPlan:
    """Rebuild a plan from :func:`safety_plan_to_dict` output; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("The saved safety plan is not in the expected shape.")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ValueError(f"The saved safety plan has unknown fields: {sorted(unknown)}")
    version = data.get("version", PLAN_VERSION)
    if type(version) is not int or version != PLAN_VERSION:
        raise ValueError(f"The saved safety plan is version {version!r}; this app reads version 1.")
    texts = {}
    for name in _TEXT_FIELDS:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"The safety plan's {name} should be text.")
        texts[name] = value
    bag = data.get("bag", [])
    if not isinstance(bag, list) or not all(isinstance(i, str) for i in bag):
        raise ValueError("The safety plan's bag should be a list of item ids.")
    raw_contacts = data.get("contacts", [])
    if not isinstance(raw_contacts, list):
        raise ValueError("The safety plan's contacts should be a list.")
    contacts = []
    for entry in raw_contacts:
        if (
            not isinstance(entry, dict)
            or set(entry) != {"name", "how"}
            or not all(isinstance(v, str) for v in entry.values())
        ):
            raise ValueError("Each emergency contact should have a name and a way to reach them.")
        contacts.append((entry["name"], entry["how"]))
    keep = data.get("keep_in_app", False)
    if not isinstance(keep, bool):
        raise ValueError("The safety plan's keep_in_app should be true or false.")
    return SafetyPlan(bag=tuple(bag), contacts=tuple(contacts), keep_in_app=keep, **texts)


# Characters that can start markup anywhere in a line (CommonMark, GitHub and Streamlit's
# markdown, which also reads $...$ as maths). Backslash-escaping any ASCII punctuation is valid
# CommonMark, so the escaped text renders as exactly what the user typed.
_INLINE_SPECIAL = "\\`*_[]<>|~$&"
_INLINE_RE = re.compile("([" + re.escape(_INLINE_SPECIAL) + "])")
# Markers that matter only at the start of a line: headings, list items, setext underlines.
_LINE_START_RE = re.compile(r"^([#+=-])")
_ORDERED_RE = re.compile(r"^([0-9]+)([.)])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders as the same words: no headings, links, HTML or maths."""
    # Controls go first: "\r\x1f\n" is one line break with an invisible character inside it.
    text = _CONTROL_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        # Leading spaces or tabs would turn a line into a code block.
        line = _INLINE_RE.sub(r"\\\1", line.lstrip(" \t"))
        line = _LINE_START_RE.sub(r"\\\1", line)
        line = _ORDERED_RE.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def _paragraphs(text: str, empty: str) -> str:
    if not text.strip():
        return f"*{empty}*"
    paragraphs = re.split(r"\n\s*\n", escape_markdown(text.strip()))
    # Two trailing spaces keep the user's single line breaks inside a paragraph.
    return "\n\n".join("  \n".join(p.split("\n")) for p in paragraphs if p.strip())


def _one_line(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def safety_plan_markdown(plan: SafetyPlan) -> str:
    """The plan as a Markdown document for download, with the user's text escaped."""
    words = safety_content.load().plan
    labels = {item.id: item.label for item in words.bag_items}
    ready = set(plan.bag)
    bag_lines = [f"- [{'x' if i in ready else ' '}] {label}" for i, label in labels.items()]
    # Ids from an older checklist are still the user's own ticks; keep them, as text.
    bag_lines += [f"- [x] {_one_line(i)}" for i in dict.fromkeys(plan.bag) if i not in labels]
    contacts = [
        f"- {_one_line(name) or '…'}: {_one_line(how) or '…'}"
        for name, how in plan.contacts
        if name.strip() or how.strip()
    ]
    sections = [
        f"# {words.download_title}",
        words.download_intro,
        f"## {words.safe_place.title}",
        _paragraphs(plan.safe_place, words.download_empty),
        f"## {words.bag.title}",
        "\n".join(bag_lines),
        f"## {words.contacts.title}",
        "\n".join(contacts) if contacts else f"*{words.download_empty}*",
        f"## {words.local_services.title}",
        _paragraphs(plan.local_services, words.download_empty),
        f"## {words.incidents.title}",
        _paragraphs(plan.incident_notes, words.download_empty),
    ]
    return "\n\n".join(sections) + "\n"
