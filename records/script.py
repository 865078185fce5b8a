"""Where the script builder lives: the working draft and the saved versions.

Tables (private compartment), read fresh on every run so a new session resumes where the last one
stopped:

- ``script_working``, key ``"current"``: ``{"draft": draft_to_dict(...), "updated_at": iso UTC,
  "quiz_at": iso of the quiz result the draft was pre-filled from (or ""), "version_id": the saved
  version it was loaded from or last saved as (or "")}``. Written whenever a step is saved.
- ``scripts``, key = a random version id: ``{"name", "saved_at": iso UTC, "draft":
  draft_to_dict(...)}``. The share page offers these versions' invitations to a partner link.

Reading is defensive: a working draft's odd fields are repaired (``guide.script.draft_from_dict``
mends the draft itself), a version without an id, name, date or draft is counted and left out.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from guide.formatting import read_moment
from guide.script import ScriptDraft, draft_from_dict, draft_to_dict
from storage.compartment import Compartment

WORKING_TABLE, WORKING_KEY = "script_working", "current"
VERSIONS_TABLE = "scripts"
TABLES = (WORKING_TABLE, VERSIONS_TABLE)


def now_iso() -> str:
    """The current moment as an ISO string in UTC, for storage."""
    return datetime.now(UTC).isoformat()


# --- the working draft ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Working:
    """The draft in the builder, and where it came from."""

    draft: ScriptDraft
    updated_at: str
    quiz_at: str = ""
    version_id: str = ""


def read_working(private: Compartment) -> Working | None:
    """The stored working draft, or None before the first save (damage is repaired, not raised)."""
    doc = private.get(WORKING_TABLE, WORKING_KEY)
    if doc is None:
        return None

    def text(name: str) -> str:
        value = doc.get(name)
        return value if isinstance(value, str) else ""

    return Working(
        draft=draft_from_dict(doc.get("draft")),
        updated_at=text("updated_at") or "unknown",
        quiz_at=text("quiz_at"),
        version_id=text("version_id"),
    )


def write_working(private: Compartment, draft: ScriptDraft, quiz_at: str, version_id: str) -> str:
    """Store the working draft; return its new ``updated_at``."""
    updated = now_iso()
    private.put(
        WORKING_TABLE,
        WORKING_KEY,
        {
            "draft": draft_to_dict(draft),
            "updated_at": updated,
            "quiz_at": quiz_at,
            "version_id": version_id,
        },
    )
    return updated


def clear_working(private: Compartment) -> None:
    """Remove the working draft (saved versions stay)."""
    doc = private.get(WORKING_TABLE, WORKING_KEY)
    if doc is not None:
        private.remove(WORKING_TABLE, doc["_id"])


# --- saved versions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One saved version of the script."""

    id: str
    doc_id: int
    name: str
    saved_at: datetime
    draft: ScriptDraft


def versions(private: Compartment) -> tuple[list[Version], int]:
    """The readable versions, newest first, and how many were too damaged to read."""
    found: list[Version] = []
    damaged = 0
    for doc in private.all(VERSIONS_TABLE):
        saved = read_moment(doc.get("saved_at"))
        key, name = doc.get("key"), doc.get("name")
        if saved is None or not isinstance(key, str) or not isinstance(name, str):
            damaged += 1
            continue
        if not isinstance(doc.get("draft"), Mapping):
            damaged += 1
            continue
        found.append(Version(key, doc["_id"], name, saved, draft_from_dict(doc["draft"])))
    found.sort(key=lambda v: v.saved_at, reverse=True)
    return found, damaged


def save_version(private: Compartment, name: str, draft: ScriptDraft) -> str:
    """Store a new version under a random id and return the id."""
    version_id = secrets.token_hex(8)
    _put_version(private, version_id, name, draft)
    return version_id


def _put_version(private: Compartment, version_id: str, name: str, draft: ScriptDraft) -> None:
    private.put(
        VERSIONS_TABLE,
        version_id,
        {"name": name, "saved_at": now_iso(), "draft": draft_to_dict(replace(draft, name=name))},
    )


def update_version(private: Compartment, version: Version, draft: ScriptDraft) -> None:
    """Replace a version's words with ``draft`` (its name stays)."""
    _put_version(private, version.id, version.name, draft)


def rename_version(private: Compartment, version: Version, name: str) -> None:
    """Give a version a new name; its date and words stay as they were."""
    private.update(
        VERSIONS_TABLE,
        version.doc_id,
        {"name": name, "draft": draft_to_dict(replace(version.draft, name=name))},
    )


def delete_version(private: Compartment, version: Version) -> None:
    """Delete one saved version."""
    private.remove(VERSIONS_TABLE, version.doc_id)
