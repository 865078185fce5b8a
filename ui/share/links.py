"""Keeping what each partner link shows in step with its sources, and the links themselves.

The tables and their shapes are :mod:`records.sharing`'s (choices, snapshots, replies) and
:mod:`records.plan`'s (a partner's ratings); this module decides what to publish and when.

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
from guide.script import assemble
from guide.sharing import (
    PartnerReply,
    PartnerView,
    ShareChoices,
    build_snapshot,
    clean_label,
    make_reply,
    partner_rating,
    partner_view,
)
from records import plan as plan_records
from records import script as script_records
from records import sharing as records
from ui.context import KEY_STATE, OWNER_PARAM, Here
from ui.safety.state import partner_links_paused


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
    versions, _damaged = script_records.versions(place.private)
    return [
        ScriptVersion(
            v.id,
            v.name or v.draft.name,
            v.saved_at.isoformat(),
            assemble(v.draft, safety_mode=False).invitation,
        )
        for v in versions
    ]


def active_cycle(place: Here) -> Cycle | None:
    """The six-week cycle the owner is running now, or None."""
    return plan_records.active_cycle(place)


def owner_ratings(place: Here, cycle: Cycle) -> list[Rating]:
    """The owner's own ratings of this cycle's targets."""
    return plan_records.ratings(place, cycle, "owner")


# ---- publishing (owner only) --------------------------------------------------------------------


def choices(place: Here, link_id: str) -> ShareChoices:
    """What the owner last chose to show on this link."""
    return records.choices(place.private, link_id)


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


def publish(place: Here, link_id: str, chosen: ShareChoices) -> PartnerView | None:
    """Remember the owner's choices for a link and publish what they show now."""
    records.save_choices(place.private, link_id, chosen, _now())
    versions = {v.id: v.invitation for v in script_versions(place)}
    snapshot = _snapshot(chosen, versions, active_cycle(place))
    records.put_snapshot(place.shared, link_id, snapshot)
    return partner_view(snapshot)


def refresh(place: Here, current: SafetyMode | None = None) -> int:
    """Bring every link's snapshot in line with its sources; returns how many changed.

    Called by the owner's chrome on every run, so it reads as little as it can when nothing is
    shared. While safety mode is on every snapshot is withdrawn (choices are kept, so they come
    back when it ends).
    """
    if place.role != "owner":
        return 0
    if current is not None and not current.allow_partner_links:
        return int(records.withdraw_all(place.shared))
    stored = records.all_choices(place.private)
    if not stored:
        return 0
    live = {link.id for link in partner_links(place) if link.active}
    versions = {v.id: v.invitation for v in script_versions(place)}
    cycle = active_cycle(place)
    changed = 0
    for link_id, chosen in stored:
        if link_id not in live:
            records.withdraw(place.shared, link_id)
            records.forget_choices(place.private, link_id)
            changed += 1
            continue
        changed += records.put_snapshot(place.shared, link_id, _snapshot(chosen, versions, cycle))
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
    records.withdraw(place.shared, link_id)
    records.forget_choices(place.private, link_id)
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
    return records.shown(place.shared, link_id)


def reply_of(place: Here, link_id: str) -> PartnerReply | None:
    """The reply a link's partner sent, if any."""
    return records.reply(place.shared, link_id)


def ratings_of(place: Here, link_id: str) -> list[Rating]:
    """The ratings a link's partner made."""
    return plan_records.link_ratings(place.shared, link_id)


# ---- the partner's side ---------------------------------------------------------------------------


def view_for(place: Here) -> PartnerView | None:
    """What this partner link may see now; None when paused, withdrawn or empty."""
    if partner_links_paused(place):
        return None
    return shared_view(place, place.access.link_id)


def save_reply(place: Here, view: PartnerView, option_ids: list[str], note: str) -> PartnerReply:
    """Check and store this partner's reply (SharingError if it can't be saved)."""
    reply = make_reply(view, option_ids, note, now=_now())
    records.save_reply(place.shared, place.access.link_id, reply)
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
    plan_records.save_link_ratings(place.shared, link_id, checked)
    return len(checked)
