"""Keeping what each partner link shows in step with its sources, and the links themselves.

The tables and their shapes are :mod:`records.sharing`'s (choices, snapshots, replies) and
:mod:`records.plan`'s (a partner's ratings); this module decides what to publish and when.

Owner-side functions read the private compartment. Partner-side ones (:func:`view_for`,
:func:`save_reply`, :func:`save_ratings`, :func:`reply_of`, :func:`ratings_of`) touch only the
shared one, and only the entries of the link that is asking. :func:`refresh` runs in the owner's
chrome on every run: it re-publishes a snapshot whose sources changed (a script version, the
targets), withdraws snapshots of links that were switched off, and withdraws all of them while
safety mode is on, so nothing sits in the shared compartment that no partner may see.

A link has its own language (issue 18): the owner picks it when making the link and may change
it with what the link shows (kept privately, beside its choices); the snapshot carries it, with the
first steps' labels written in it. :func:`view_for` lets a partner session speak it until
the partner uses the language switch; a link stored before links had a language leaves the session
to the browser's language. A paused or empty link reads nothing, so it says nothing about its
language either: it looks like any dead link in whatever language the session already speaks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st

from content import language
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
from storage.errors import StorageError
from ui import language as session_language
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


def link_language(place: Here, link_id: str) -> str | None:
    """The language the owner picked for a link's page (None: made before links had one)."""
    return records.link_language(place.private, link_id)


def _snapshot(
    chosen: ShareChoices, versions: Mapping[str, str], cycle: Cycle | None, speaks: str | None
) -> dict[str, Any]:
    invitation = versions.get(chosen.script_version or "")
    # The first steps' labels in the link's language (an older link without one: this run's).
    with language.speaking(speaks or language.current()):
        catalogue = load_script_content().first_steps
    return build_snapshot(
        chosen,
        invitation,
        catalogue,
        cycle.targets if cycle else (),
        cycle.start if cycle else None,
        now=_now(),
        language=speaks,
    )


def publish(
    place: Here, link_id: str, chosen: ShareChoices, speaks: str | None = None
) -> PartnerView | None:
    """Remember the owner's choices (and, when given, the page's language) for a link and publish
    what they show now."""
    records.save_choices(place.private, link_id, chosen, _now())
    if speaks in page_languages():
        records.save_link_language(place.private, link_id, speaks, _now())
    else:
        speaks = records.link_language(place.private, link_id)
    versions = {v.id: v.invitation for v in script_versions(place)}
    snapshot = _snapshot(chosen, versions, active_cycle(place), speaks)
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
    speaks = records.link_languages(place.private)
    changed = 0
    for link_id, chosen in stored:
        if link_id not in live:
            records.withdraw(place.shared, link_id)
            records.forget_choices(place.private, link_id)
            records.forget_link_language(place.private, link_id)
            changed += 1
            continue
        snapshot = _snapshot(chosen, versions, cycle, speaks.get(link_id))
        changed += records.put_snapshot(place.shared, link_id, snapshot)
    return changed


# ---- links (owner only) ---------------------------------------------------------------------------


def partner_url(place: Here, key: str) -> str:
    """The link a partner opens (the app's root with ``?partner=KEY``; see ``Here.link``)."""
    return place.link(key, "partner")


def page_languages() -> tuple[str, ...]:
    """The languages a partner link can open in (English first)."""
    return language.available()


def create_link(place: Here, label: str, speaks: str | None = None) -> tuple[str, str]:
    """Make a partner link with a checked label, opening in ``speaks`` (this run's language when
    not given); returns (link id, the full link to copy once)."""
    link_id, key = place.store.add_partner_link(place.access, clean_label(label))
    code = speaks if speaks in page_languages() else language.current()
    # The link exists now and must be shown once: if its language can't be kept (a full disk),
    # it opens in the partner's browser language until the owner picks one with what it shows.
    with contextlib.suppress(StorageError, OSError):
        records.save_link_language(place.private, link_id, code, _now())
    return link_id, partner_url(place, key)


def revoke(place: Here, link_id: str) -> bool:
    """Switch a link off for good and withdraw what it showed (its replies stay for the owner)."""
    done = place.store.revoke_link(place.access, link_id)
    records.withdraw(place.shared, link_id)
    records.forget_choices(place.private, link_id)
    records.forget_link_language(place.private, link_id)
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
    """What this partner link may see now; None when paused, withdrawn or empty.

    A link that shows something also sets the session's language to the link's, unless the
    partner has used the language switch this session (their choice stands) or the link has none
    (the browser's stands). The front door asks this before the page is drawn, so the whole page,
    the way out included, speaks it from the first run.
    """
    if partner_links_paused(place):
        return None
    view = shared_view(place, place.access.link_id)
    if view is not None and place.role == "partner":
        _speak_link_language(view.language)
    return view


def _speak_link_language(code: str | None) -> None:
    if code not in language.available() or st.session_state.get(session_language.SETTLED):
        return  # no language of its own, or the partner's switch was used: theirs stands
    st.session_state[session_language.STATE] = code


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
