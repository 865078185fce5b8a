"""Where sharing lives: what the owner chose per partner link, what each link shows, the replies.

Tables:

- private ``share_choices``: key = link id -> ``guide.sharing.choices_to_dict(...)`` + ``saved_at``.
  What the owner ticked; it names a script version, so it never leaves the private compartment.
- private ``share_languages``: key = link id -> ``{"language": "es", "saved_at"}``, the language
  the owner picked for the link's page (when making it, or since). A link made before links had a
  language has no entry: :func:`link_language` reads None, and the partner's browser decides.
- shared ``shares``: key = link id -> the snapshot from ``guide.sharing.build_snapshot``, with the
  link's ``language`` when it has one (an older snapshot has none; ``partner_view`` reads None).
- shared ``partner_replies``: key = link id -> ``guide.sharing.reply_to_dict(...)``.

(A partner's ratings live with the plan's: :mod:`records.plan`.) Reading is defensive through
``guide.sharing``: malformed choices read as "nothing shared", a malformed snapshot or reply as
none at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from guide.sharing import (
    PartnerReply,
    PartnerView,
    ShareChoices,
    choices_from_dict,
    choices_to_dict,
    language_code,
    partner_view,
    reply_from_dict,
    reply_to_dict,
    same_snapshot,
)
from storage.compartment import Compartment

CHOICES_TABLE = "share_choices"  # private
LANGUAGES_TABLE = "share_languages"  # private
SHARES_TABLE = "shares"  # shared
REPLIES_TABLE = "partner_replies"  # shared


# --- the owner's choices (private) ---------------------------------------------------------------


def choices(private: Compartment, link_id: str) -> ShareChoices:
    """What the owner last chose to show on this link (nothing, when none or unreadable)."""
    return choices_from_dict(private.get(CHOICES_TABLE, link_id))


def all_choices(private: Compartment) -> list[tuple[str, ShareChoices]]:
    """Every link's stored choices as (link id, choices); documents without a link id are skipped."""
    return [
        (doc["key"], choices_from_dict(doc))
        for doc in private.all(CHOICES_TABLE)
        if isinstance(doc.get("key"), str)
    ]


def save_choices(private: Compartment, link_id: str, chosen: ShareChoices, now: datetime) -> None:
    """Remember the owner's choices for one link."""
    fields = choices_to_dict(chosen) | {"saved_at": now.isoformat(timespec="seconds")}
    private.put(CHOICES_TABLE, link_id, fields)


def forget_choices(private: Compartment, link_id: str) -> None:
    """Forget one link's choices (the link was switched off)."""
    doc = private.get(CHOICES_TABLE, link_id)
    if doc is not None:
        private.remove(CHOICES_TABLE, doc["_id"])


# --- each link's language (private) --------------------------------------------------------------


def link_language(private: Compartment, link_id: str) -> str | None:
    """The language the owner picked for a link's page; None when none was (or it is unreadable)."""
    doc = private.get(LANGUAGES_TABLE, link_id)
    return language_code(doc.get("language")) if isinstance(doc, Mapping) else None


def link_languages(private: Compartment) -> dict[str, str]:
    """Every link's picked language, by link id (links without a readable one are left out)."""
    found = {}
    for doc in private.all(LANGUAGES_TABLE):
        code = language_code(doc.get("language"))
        if isinstance(doc.get("key"), str) and code is not None:
            found[doc["key"]] = code
    return found


def save_link_language(private: Compartment, link_id: str, code: str, now: datetime) -> None:
    """Remember the language a link's page opens in."""
    fields = {"language": code, "saved_at": now.isoformat(timespec="seconds")}
    private.put(LANGUAGES_TABLE, link_id, fields)


def forget_link_language(private: Compartment, link_id: str) -> None:
    """Forget one link's language (the link was switched off)."""
    doc = private.get(LANGUAGES_TABLE, link_id)
    if doc is not None:
        private.remove(LANGUAGES_TABLE, doc["_id"])


# --- what each link shows (shared) ---------------------------------------------------------------


def shown(shared: Compartment, link_id: str) -> PartnerView | None:
    """What a link shows right now (None when it shows nothing or its snapshot is unreadable)."""
    return partner_view(shared.get(SHARES_TABLE, link_id))


def put_snapshot(shared: Compartment, link_id: str, snapshot: dict[str, Any]) -> bool:
    """Store (or withdraw, when it shows nothing) one link's snapshot; True if it changed."""
    old = shared.get(SHARES_TABLE, link_id)
    if partner_view(snapshot) is None:
        if old is not None:
            shared.remove(SHARES_TABLE, old["_id"])
            return True
        return False
    if same_snapshot(old, snapshot):
        return False
    shared.put(SHARES_TABLE, link_id, snapshot)
    return True


def withdraw(shared: Compartment, link_id: str) -> None:
    """Take one link's snapshot out of the shared compartment."""
    doc = shared.get(SHARES_TABLE, link_id)
    if doc is not None:
        shared.remove(SHARES_TABLE, doc["_id"])


def withdraw_all(shared: Compartment) -> bool:
    """Take every snapshot out (safety mode is on); True when there was one."""
    if shared.all(SHARES_TABLE):
        shared.replace_table(SHARES_TABLE, [])
        return True
    return False


def withdrawn(shared: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's shared tables with every link's snapshot taken out (safety mode is on)."""
    return {**shared, SHARES_TABLE: []}


# --- replies (shared) ----------------------------------------------------------------------------


def reply(shared: Compartment, link_id: str) -> PartnerReply | None:
    """The reply a link's partner sent, if any (None when unreadable)."""
    return reply_from_dict(shared.get(REPLIES_TABLE, link_id))


def save_reply(shared: Compartment, link_id: str, sent: PartnerReply) -> None:
    """Store a partner's (checked) reply, replacing the link's earlier one."""
    shared.put(REPLIES_TABLE, link_id, reply_to_dict(sent))
