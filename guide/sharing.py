"""What a partner may see, and what a partner may send back. Pure: no Streamlit, no storage.

The owner ticks what one partner link shows (:class:`ShareChoices`). :func:`build_snapshot` copies
only those things into the dict that is published for that link, and it takes every source as an
argument, so nothing that is not passed in can reach a partner. Even from what is passed in it copies
only a few whitelisted fields, as plain text: a first-step option's id and label, a target's id and
current wording (never its earlier wording), and the invitation text. The snapshot holds copies,
never references such as a script version id that would point back into private data.

:func:`partner_view` reads a stored snapshot back defensively (a page should never trust a stored
shape), and the rest checks what a partner sends: a note within its length limit, only options that
were offered, ratings only for shared targets and only for weeks that have begun.

A link has its own language (issue 18): the owner picks it when making the link (it is kept
beside the link's choices, :mod:`records.sharing`), the snapshot carries it, and the partner's page
opens in it unless the partner switches. A link or snapshot stored before links had a language has
none (:func:`language_code` reads it as None): the partner's own browser language decides then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from content.messages import t, tn
from guide.formatting import read_date
from guide.limits import too_long
from guide.plan import RATING_VALUES, Rating, Target
from guide.stats import Divergence, divergence
from guide.weeks import rateable_weeks

NOTE_LIMIT = 1000
LABEL_LIMIT = 60
INVITATION_LIMIT = 4000
OPTION_LABEL_LIMIT = 200
TARGET_TEXT_LIMIT = 200
MAX_SHARED_TARGETS = 3
PARTNER = "partner"

# Control characters other than newline and tab could hide text or upset a terminal or file.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SNAPSHOT_KEYS = (
    "invitation",
    "explainer",
    "options",
    "targets",
    "cycle_start",
    "published_at",
    "language",
)
# A language is a code such as "en" or "es" (which ones the app has is the page's to check).
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")


class SharingError(ValueError):
    """Something a partner or owner sent that cannot be saved; ``str(error)`` is fit to show."""


class OptionSource(Protocol):
    """Anything with an ``id`` and a ``label``, such as ``content.script.FirstStepOption``."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class ShareChoices:
    """What the owner ticked for one link. Private: it names a script version, so it stays home."""

    script_version: str | None = None
    explainer: bool = False
    options: tuple[str, ...] = ()
    targets: bool = False

    @property
    def nothing(self) -> bool:
        """True when nothing at all is ticked."""
        return not (self.script_version or self.explainer or self.options or self.targets)


@dataclass(frozen=True)
class SharedOption:
    """A low-stakes first step offered to the partner."""

    id: str
    label: str


@dataclass(frozen=True)
class SharedTarget:
    """One six-week target as the partner sees it: an id to rate against and its wording."""

    id: str
    text: str


@dataclass(frozen=True)
class PartnerView:
    """Exactly what one partner link shows, read back from its published snapshot."""

    invitation: str | None
    explainer: bool
    options: tuple[SharedOption, ...]
    targets: tuple[SharedTarget, ...]
    cycle_start: date | None
    published_at: str = ""
    # The language the owner picked for this link; None (an older snapshot): the browser's decides.
    language: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when the snapshot shares nothing a partner could read or answer."""
        return not (self.invitation or self.explainer or self.options or self.targets)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options offered, in order."""
        return tuple(option.id for option in self.options)

    @property
    def target_ids(self) -> tuple[str, ...]:
        """The ids of the shared targets, in order."""
        return tuple(target.id for target in self.targets)

    def rateable_weeks(self, today: date) -> list[int]:
        """The weeks the partner may rate today: begun weeks of the shared cycle, else none."""
        if not self.targets or self.cycle_start is None:
            return []
        return rateable_weeks(self.cycle_start, today)


@dataclass(frozen=True)
class PartnerReply:
    """What a partner sent back: the options they would try and a note."""

    options: tuple[str, ...]
    note: str
    updated_at: str
    # The first steps the link offered when the reply was sent; None for a reply stored before
    # this was kept (then the link's current offer stands in).
    offered: tuple[str, ...] | None = None


# ---- text ---------------------------------------------------------------------------------------


def language_code(value: object) -> str | None:
    """A stored language code ("es"), or None when there is none or it is not one."""
    return value if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value) else None


def clean_text(text: str) -> str:
    """Normalise line ends, drop invisible control characters, and trim the ends."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unified).strip()


def _one_line(text: str, limit: int) -> str:
    """Collapse ``text`` to one tidy line of at most ``limit`` characters."""
    line = " ".join(clean_text(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def clean_label(text: str) -> str:
    """A link's label, tidied; refuses an empty or overlong one."""
    label = " ".join(clean_text(text).split())
    if not label:
        raise SharingError(
            t("Please give the link a short name, such as who it is for. Only you will see it.")
        )
    long = too_long(label, LABEL_LIMIT)
    if long:
        raise SharingError(long)
    return label


# ---- the owner's choices ------------------------------------------------------------------------


def choices_to_dict(choices: ShareChoices) -> dict[str, Any]:
    """Return the choices as JSON-safe data (stored privately)."""
    return {
        "script_version": choices.script_version,
        "explainer": choices.explainer,
        "options": list(choices.options),
        "targets": choices.targets,
    }


def choices_from_dict(data: object) -> ShareChoices:
    """Rebuild choices from stored data, repairing anything of the wrong type to 'not shared'."""
    if not isinstance(data, Mapping):
        return ShareChoices()
    version = data.get("script_version")
    options = data.get("options")
    return ShareChoices(
        script_version=version if isinstance(version, str) and version else None,
        explainer=data.get("explainer") is True,
        options=tuple(dict.fromkeys(o for o in options if isinstance(o, str)))
        if isinstance(options, list)
        else (),
        targets=data.get("targets") is True,
    )


# ---- publishing -----------------------------------------------------------------------------------


def build_snapshot(
    choices: ShareChoices,
    invitation: str | None,
    options: Sequence[OptionSource],
    targets: Sequence[Target],
    cycle_start: date | None,
    *,
    now: datetime,
    language: str | None = None,
) -> dict[str, Any]:
    """The snapshot one link publishes: only what ``choices`` ticks, as copies of plain text.

    ``invitation`` is the text of the chosen script version's invitation (None if it has none),
    ``options`` the catalogue of first-step options (in the link's language), ``targets`` and
    ``cycle_start`` the active six-week cycle's (empty / None when there is none). The link's
    ``language`` (the one the owner picked for the link) goes with it when there is one.
    """
    text = clean_text(invitation or "")[:INVITATION_LIMIT] if choices.script_version else ""
    wanted = set(choices.options)
    shared_options = [
        {"id": option.id, "label": _one_line(option.label, OPTION_LABEL_LIMIT)}
        for option in options
        if option.id in wanted
    ]
    shared_targets = None
    if choices.targets and targets and cycle_start is not None:
        shared_targets = [
            {"id": target.id, "text": _one_line(target.text, TARGET_TEXT_LIMIT)}
            for target in targets[:MAX_SHARED_TARGETS]
        ]
    snapshot: dict[str, Any] = {
        "invitation": text or None,
        "explainer": choices.explainer,
        "options": shared_options,
        "targets": shared_targets,
        "cycle_start": cycle_start.isoformat() if shared_targets else None,
        "published_at": now.isoformat(timespec="seconds"),
    }
    if language_code(language) is not None:
        snapshot["language"] = language
    return snapshot


def same_snapshot(first: Mapping[str, Any] | None, second: Mapping[str, Any] | None) -> bool:
    """True when two snapshots show the same things (their publication time aside)."""
    if first is None or second is None:
        return first is second
    return all(first.get(k) == second.get(k) for k in _SNAPSHOT_KEYS if k != "published_at")


def _shared_items(raw: object, text_key: str, limit: int) -> list[tuple[str, str]]:
    """Read a list of {"id", text_key} dicts, keeping only well-formed, distinct entries."""
    if not isinstance(raw, list):
        return []
    items: dict[str, str] = {}
    for entry in raw:
        if not isinstance(entry, Mapping):
            continue
        item_id, text = entry.get("id"), entry.get(text_key)
        if isinstance(item_id, str) and item_id and isinstance(text, str) and text.strip():
            items.setdefault(item_id, _one_line(text, limit))
    return list(items.items())


def partner_view(snapshot: object) -> PartnerView | None:
    """What a partner sees from a stored snapshot; None when it is missing, malformed or empty."""
    if not isinstance(snapshot, Mapping):
        return None
    invitation = snapshot.get("invitation")
    invitation = clean_text(invitation)[:INVITATION_LIMIT] if isinstance(invitation, str) else ""
    options = tuple(
        SharedOption(i, t)
        for i, t in _shared_items(snapshot.get("options"), "label", OPTION_LABEL_LIMIT)
    )
    start = read_date(snapshot.get("cycle_start"))
    targets: tuple[SharedTarget, ...] = ()
    if start is not None:
        found = _shared_items(snapshot.get("targets"), "text", TARGET_TEXT_LIMIT)
        targets = tuple(SharedTarget(i, t) for i, t in found[:MAX_SHARED_TARGETS])
    published = snapshot.get("published_at")
    view = PartnerView(
        invitation=invitation or None,
        explainer=snapshot.get("explainer") is True,
        options=options,
        targets=targets,
        cycle_start=start if targets else None,
        published_at=published if isinstance(published, str) else "",
        language=language_code(snapshot.get("language")),
    )
    return None if view.is_empty else view


def shared_parts(view: PartnerView | None) -> tuple[str, ...]:
    """Short phrases for what a link shows, for the owner's list of links (this run's language)."""
    if view is None:
        return ()
    parts = []
    if view.invitation:
        parts.append(t("your invitation"))
    if view.explainer:
        parts.append(t("what a first session is like"))
    if view.options:
        count = len(view.options)
        parts.append(
            tn("{count} first step to choose from", "{count} first steps to choose from", count)
        )
    if view.targets:
        parts.append(t("your six-week targets"))
    return tuple(parts)


# ---- what a partner sends back ----------------------------------------------------------------


def make_reply(
    view: PartnerView, option_ids: Iterable[str], note: str, *, now: datetime
) -> PartnerReply:
    """Check a partner's reply: only offered options, and a note within its limit."""
    chosen = tuple(dict.fromkeys(option_ids))
    offered = set(view.option_ids)
    if any(option not in offered for option in chosen):
        raise SharingError(
            t("One of those choices isn't on this page any more. Please reload it and try again.")
        )
    text = clean_text(note)
    long = too_long(text, NOTE_LIMIT)
    if long:
        raise SharingError(long)
    ordered = tuple(option for option in view.option_ids if option in chosen)
    return PartnerReply(
        options=ordered,
        note=text,
        updated_at=now.isoformat(timespec="seconds"),
        offered=view.option_ids,
    )


def reply_to_dict(reply: PartnerReply) -> dict[str, Any]:
    """Return the reply as JSON-safe data."""
    data = {"options": list(reply.options), "note": reply.note, "updated_at": reply.updated_at}
    if reply.offered is not None:
        data["offered"] = list(reply.offered)
    return data


def reply_from_dict(data: object) -> PartnerReply | None:
    """Rebuild a stored reply, or None if it is missing or malformed."""
    if not isinstance(data, Mapping):
        return None
    options, note, updated = data.get("options"), data.get("note"), data.get("updated_at")
    if not isinstance(options, list) or not isinstance(note, str):
        return None
    offered = data.get("offered")
    return PartnerReply(
        options=tuple(dict.fromkeys(o for o in options if isinstance(o, str))),
        note=clean_text(note)[:NOTE_LIMIT],
        updated_at=updated if isinstance(updated, str) else "",
        offered=tuple(o for o in offered if isinstance(o, str))
        if isinstance(offered, list)
        else None,
    )


def asked_first_steps(reply: PartnerReply, offered_now: Sequence[str]) -> bool:
    """Whether the owner's card should speak of first steps: only if the link asked about them."""
    asked = reply.offered if reply.offered is not None else tuple(offered_now)
    return bool(reply.options or asked)


def option_labels(ids: Iterable[str], options: Sequence[OptionSource]) -> tuple[str, ...]:
    """The labels of the chosen option ids, in catalogue order; unknown ids are left out."""
    chosen = set(ids)
    return tuple(option.label for option in options if option.id in chosen)


# ---- a partner's ratings ----------------------------------------------------------------------


def partner_rating(
    view: PartnerView, target_id: str, week: int, value: str, *, today: date
) -> Rating:
    """A partner's rating of one shared target in one begun week, checked."""
    if target_id not in view.target_ids:
        raise SharingError(t("That target isn't shared on this page any more. Please reload it."))
    if week not in view.rateable_weeks(today):
        raise SharingError(t("That week hasn't started yet, so it can't be rated."))
    if value not in RATING_VALUES:
        raise SharingError(t("Please choose kept, partly kept or not kept."))
    return Rating(target_id=target_id, week=week, value=value, rater=PARTNER, rated_on=today)


def rating_key(link_id: str, target_id: str, week: int) -> str:
    """The storage key of one partner rating: one per link, target and week."""
    return f"{link_id}/{target_id}/{week}"


def rating_record(rating: Rating, link_id: str) -> dict[str, Any]:
    """A partner rating as stored: the rating's fields plus the link that made it."""
    return rating.to_dict() | {"link_id": link_id}


def ratings_from_records(records: Iterable[Mapping[str, Any]], link_id: str) -> list[Rating]:
    """The well-formed partner ratings one link made; anything else is skipped."""
    found = []
    for record in records:
        if not isinstance(record, Mapping) or record.get("link_id") != link_id:
            continue
        try:
            rating = Rating.from_dict(record)
        except ValueError:
            continue
        if rating.rater == PARTNER:
            found.append(rating)
    return found


def biggest_gaps(
    targets: Sequence[Target], owner: Iterable[Rating], partner: Iterable[Rating], most: int = 3
) -> list[Divergence]:
    """The target-weeks where the two views differ most (differences only, biggest first)."""
    ids = {target.id for target in targets}
    pairs = divergence(list(owner), list(partner))
    return [d for d in pairs if d.gap > 0 and d.target_id in ids][:most]
