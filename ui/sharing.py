"""Where sharing lives in a space, and keeping what each partner link shows in step with its sources.

Tables (the contract with other pages):

- private ``share_choices``: key = link id -> ``guide.sharing.choices_to_dict(...)`` + ``saved_at``.
  What the owner ticked; it names a script version, so it never leaves the private compartment.
- shared ``shares``: key = link id -> the snapshot from ``guide.sharing.build_snapshot``.
- shared ``partner_replies``: key = link id -> ``guide.sharing.reply_to_dict(...)``.
- shared ``partner_ratings``: key = ``"<link>/<target>/<week>"`` -> ``Rating.to_dict()`` with rater
  ``"partner"``, plus ``link_id``.

Owner-side functions read the private compartment. Partner-side ones (:func:`view_for`,
:func:`save_reply`, :func:`save_ratings`, :func:`reply_of`, :func:`ratings_of`) touch only the
shared one, and only the entries of the link that is asking. :func:`refresh` runs in the owner's
chrome on every run: it re-publishes a snapshot whose sources changed (a script version, the
targets), withdraws snapshots of links that were switched off, and withdraws all of them while
safety mode is on, so nothing sits in the shared compartment that no partner may see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st

from content.script import load_script_content
from guide.plan import Cycle, Rating
from guide.safety import SafetyMode
from guide.script import assemble, draft_from_dict
from guide.sharing import (
    PartnerReply,
    PartnerView,
    ShareChoices,
    build_snapshot,
    choices_from_dict,
    choices_to_dict,
    clean_label,
    make_reply,
    partner_rating,
    partner_view,
    rating_key,
    rating_record,
    ratings_from_records,
    reply_from_dict,
    reply_to_dict,
    same_snapshot,
)
from ui.context import KEY_STATE, OWNER_PARAM, Here
from ui.safety_state import partner_links_paused

CHOICES = "share_choices"
SHARES, REPLIES, RATINGS = "shares", "partner_replies", "partner_ratings"
SCRIPTS, CYCLES, PLAN_RATINGS = "scripts", "plan_cycles", "plan_ratings"


@dataclass(frozen=True)
class LinkInfo:
    """One partner link as the owner sees it (never its key)."""

    id: str
    label: str
    created: str
    revoked: str | None

    @property
    def active(self) -> bool:
        """True while the link still opens."""
        return not self.revoked


@dataclass(frozen=True)
class ScriptVersion:
    """A saved script version and the invitation it makes ('' when it has none yet)."""

    id: str
    name: str
    saved_at: str
    invitation: str


def _now() -> datetime:
    return datetime.now(UTC)


# ---- sources (owner only) -------------------------------------------------------------------------


def partner_links(place: Here) -> list[LinkInfo]:
    """Every partner link of the space, newest first."""
    found = [
        LinkInfo(
            id=str(link.get("key", "")),
            label=str(link.get("label", "")),
            created=str(link.get("created", "")),
            revoked=link.get("revoked") if isinstance(link.get("revoked"), str) else None,
        )
        for link in place.store.links(place.access)
        if link.get("role") == "partner" and link.get("key")
    ]
    return sorted(found, key=lambda link: link.created, reverse=True)


def script_versions(place: Here) -> list[ScriptVersion]:
    """Saved script versions, newest first, each with the invitation it assembles."""
    versions = []
    for doc in place.private.all(SCRIPTS):
        key = doc.get("key")
        if not isinstance(key, str):
            continue
        draft = draft_from_dict(doc.get("draft"))
        name = doc.get("name") if isinstance(doc.get("name"), str) else ""
        saved = doc.get("saved_at") if isinstance(doc.get("saved_at"), str) else ""
        invitation = assemble(draft, safety_mode=False).invitation
        versions.append(ScriptVersion(key, name or draft.name, saved, invitation))
    return sorted(versions, key=lambda v: v.saved_at, reverse=True)


def active_cycle(place: Here) -> Cycle | None:
    """The six-week cycle the owner is running now, or None."""
    try:
        from ui import plan_state  # written by the plan page; may not exist yet
    except ImportError:
        plan_state = None
    finder = getattr(plan_state, "active_cycle", None)
    if finder is not None:
        found = finder(place)
        return found if isinstance(found, Cycle) else None
    active = []
    for doc in place.private.all(CYCLES):
        if doc.get("active") is not True:
            continue
        try:
            active.append(Cycle.from_dict(doc))
        except ValueError:
            continue
    return max(active, key=lambda c: c.start) if active else None


def owner_ratings(place: Here, cycle: Cycle) -> list[Rating]:
    """The owner's own ratings of this cycle's targets."""
    ids = set(cycle.target_ids)
    found = []
    for doc in place.private.all(PLAN_RATINGS):
        try:
            rating = Rating.from_dict(doc)
        except ValueError:
            continue
        if rating.rater == "owner" and rating.target_id in ids:
            found.append(rating)
    return found


# ---- publishing (owner only) --------------------------------------------------------------------


def choices(place: Here, link_id: str) -> ShareChoices:
    """What the owner last chose to show on this link."""
    return choices_from_dict(place.private.get(CHOICES, link_id))


def _snapshot(
    chosen: ShareChoices, versions: Mapping[str, str], cycle: Cycle | None
) -> dict[str, Any]:
    invitation = versions.get(chosen.script_version or "")
    return build_snapshot(
        chosen,
        invitation,
        load_script_content().first_steps,
        cycle.targets if cycle else (),
        cycle.start if cycle else None,
        now=_now(),
    )


def _put_snapshot(place: Here, link_id: str, snapshot: dict[str, Any]) -> bool:
    """Store (or withdraw, when it shows nothing) one link's snapshot; True if it changed."""
    old = place.shared.get(SHARES, link_id)
    if partner_view(snapshot) is None:
        if old is not None:
            place.shared.remove(SHARES, old["_id"])
            return True
        return False
    if same_snapshot(old, snapshot):
        return False
    place.shared.put(SHARES, link_id, snapshot)
    return True


def publish(place: Here, link_id: str, chosen: ShareChoices) -> PartnerView | None:
    """Remember the owner's choices for a link and publish what they show now."""
    place.private.put(
        CHOICES,
        link_id,
        choices_to_dict(chosen) | {"saved_at": _now().isoformat(timespec="seconds")},
    )
    versions = {v.id: v.invitation for v in script_versions(place)}
    snapshot = _snapshot(chosen, versions, active_cycle(place))
    _put_snapshot(place, link_id, snapshot)
    return partner_view(snapshot)


def _withdraw(place: Here, link_id: str) -> None:
    doc = place.shared.get(SHARES, link_id)
    if doc is not None:
        place.shared.remove(SHARES, doc["_id"])


def withdrawn(shared: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's shared tables with every link's snapshot taken out (safety mode is on)."""
    return {**shared, SHARES: []}


def refresh(place: Here, current: SafetyMode | None = None) -> int:
    """Bring every link's snapshot in line with its sources; returns how many changed.

    Called by the owner's chrome on every run, so it reads as little as it can when nothing is
    shared. While safety mode is on every snapshot is withdrawn (choices are kept, so they come
    back when it ends).
    """
    if place.role != "owner":
        return 0
    if current is not None and not current.allow_partner_links:
        if place.shared.all(SHARES):
            place.shared.replace_table(SHARES, [])
            return 1
        return 0
    stored = place.private.all(CHOICES)
    if not stored:
        return 0
    live = {link.id for link in partner_links(place) if link.active}
    versions = {v.id: v.invitation for v in script_versions(place)}
    cycle = active_cycle(place)
    changed = 0
    for doc in stored:
        link_id = doc.get("key")
        if not isinstance(link_id, str):
            continue
        if link_id not in live:
            _withdraw(place, link_id)
            place.private.remove(CHOICES, doc["_id"])
            changed += 1
            continue
        changed += _put_snapshot(place, link_id, _snapshot(choices_from_dict(doc), versions, cycle))
    return changed


# ---- links (owner only) ---------------------------------------------------------------------------


def partner_url(place: Here, key: str) -> str:
    """The link a partner opens (the app's root with ``?partner=KEY``; see ``Here.link``)."""
    return place.link(key, "partner")


def create_link(place: Here, label: str) -> tuple[str, str]:
    """Make a partner link with a checked label; returns (link id, the full link to copy once)."""
    link_id, key = place.store.add_partner_link(place.access, clean_label(label))
    return link_id, partner_url(place, key)


def revoke(place: Here, link_id: str) -> bool:
    """Switch a link off for good and withdraw what it showed (its replies stay for the owner)."""
    done = place.store.revoke_link(place.access, link_id)
    _withdraw(place, link_id)
    doc = place.private.get(CHOICES, link_id)
    if doc is not None:
        place.private.remove(CHOICES, doc["_id"])
    return done


def replace_owner_link(place: Here) -> str:
    """Give the owner a new link, switch the old one off, and keep this session in; returns it."""
    new_key, _ = place.store.rotate_owner_key(place.access)
    st.session_state[KEY_STATE] = new_key
    st.query_params[OWNER_PARAM] = new_key
    return place.link(new_key, "owner")


# ---- both sides -----------------------------------------------------------------------------------


def shared_view(place: Here, link_id: str) -> PartnerView | None:
    """What a link shows right now (None when it shows nothing)."""
    return partner_view(place.shared.get(SHARES, link_id))


def reply_of(place: Here, link_id: str) -> PartnerReply | None:
    """The reply a link's partner sent, if any."""
    return reply_from_dict(place.shared.get(REPLIES, link_id))


def ratings_of(place: Here, link_id: str) -> list[Rating]:
    """The ratings a link's partner made."""
    return ratings_from_records(place.shared.all(RATINGS), link_id)


# ---- the partner's side ---------------------------------------------------------------------------


def view_for(place: Here) -> PartnerView | None:
    """What this partner link may see now; None when paused, withdrawn or empty."""
    if partner_links_paused(place):
        return None
    return shared_view(place, place.access.link_id)


def save_reply(place: Here, view: PartnerView, option_ids: list[str], note: str) -> PartnerReply:
    """Check and store this partner's reply (SharingError if it can't be saved)."""
    reply = make_reply(view, option_ids, note, now=_now())
    place.shared.put(REPLIES, place.access.link_id, reply_to_dict(reply))
    return reply


def save_ratings(
    place: Here, view: PartnerView, week: int, values: Mapping[str, str | None], today: date
) -> int:
    """Check and store this partner's ratings of one week; returns how many were saved."""
    link_id = place.access.link_id
    checked = [
        partner_rating(view, target_id, week, value, today=today)
        for target_id, value in values.items()
        if value is not None
    ]
    for rating in checked:
        place.shared.put(
            RATINGS, rating_key(link_id, rating.target_id, week), rating_record(rating, link_id)
        )
    return len(checked)
