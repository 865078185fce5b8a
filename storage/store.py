"""The data folder: spaces, their links, and the registry of open compartments.

Layout under the data folder::

    spaces/<space_id>.private.db   the owner's data (encrypted)
    spaces/<space_id>.shared.db    what the owner shares and the partner's replies (encrypted)
    links/<sha256 of key>.json     one link: its space, role, and the compartment keys it can unwrap
    local-owner.key                only in single-user local mode: the owner key of the local space

Space ids are random and never derived from a key or from user input. Link metadata the owner sees
(label, created, revoked) lives in the private compartment's ``links`` table; the link file holds no
label and no key, only the key's hash and wrapped compartment keys.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from storage import keys
from storage.atomic import write_bytes
from storage.backup import Backup, build_backup
from storage.compartment import Compartment
from storage.errors import AccessDenied, StorageUnavailable

Role = Literal["owner", "partner"]
PRIVATE, SHARED = "private", "shared"
LINKS_TABLE = "links"


@dataclass(frozen=True)
class Access:
    """What one presented key opens: a space, a role, and the compartment keys it unwrapped."""

    space_id: str
    role: Role
    link_id: str
    data_keys: dict[str, bytes] = field(repr=False, compare=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Every way the app reaches the data folder. One instance per data folder per process."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.spaces_dir = self.root / "spaces"
        self.links_dir = self.root / "links"
        self._open: dict[tuple[str, str], Compartment] = {}
        self._open_lock = threading.Lock()
        try:
            self.spaces_dir.mkdir(parents=True, exist_ok=True)
            self.links_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            # A read-only or missing data folder: pages still load and explain it when saving.
            pass

    # -- spaces -----------------------------------------------------------------------------------

    def create_space(self) -> tuple[str, Access]:
        """Make a new empty space; returns its owner key (shown once) and the owner's access."""
        space_id = secrets.token_hex(16)
        data_keys = {PRIVATE: keys.new_data_key(), SHARED: keys.new_data_key()}
        owner_key = keys.new_key()
        link_id = secrets.token_hex(8)
        access = Access(space_id, "owner", link_id, data_keys)
        try:
            self._write_link_file(owner_key, access)
            self.private(access).put(
                LINKS_TABLE,
                link_id,
                {
                    "role": "owner",
                    "label": "Your link",
                    "created": _now(),
                    "revoked": None,
                    "hash": keys.hash_key(owner_key),
                },
            )
            self.shared(access)
        except OSError as exc:
            raise StorageUnavailable() from exc
        return owner_key, access

    def resolve(self, key: object) -> Access | None:
        """The access a presented key gives, or None for anything malformed, unknown or revoked.

        Every failure looks the same to the caller, so a page cannot hint whether a key existed.
        """
        if not keys.looks_like_key(key):
            return None
        assert isinstance(key, str)
        digest = keys.hash_key(key)
        try:
            record = json.loads((self.links_dir / f"{digest}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or not keys.hashes_match(str(record.get("hash", "")), key):
            return None
        space_id, link_id, role = record.get("space"), record.get("link"), record.get("role")
        wrapped = record.get("wrapped")
        if role not in ("owner", "partner") or not isinstance(wrapped, dict):
            return None
        data_keys: dict[str, bytes] = {}
        for compartment, sealed in wrapped.items():
            data_key = keys.unwrap(str(sealed), key, f"{space_id}/{link_id}/{compartment}")
            if data_key is None:
                return None
            data_keys[compartment] = data_key
        if role == "owner" and set(data_keys) != {PRIVATE, SHARED}:
            return None
        if role == "partner" and set(data_keys) != {SHARED}:
            return None
        return Access(str(space_id), role, str(link_id), data_keys)

    def private(self, access: Access) -> Compartment:
        """The owner's private compartment; a partner's access never opens it."""
        if access.role != "owner" or PRIVATE not in access.data_keys:
            raise AccessDenied()
        return self._compartment(access, PRIVATE)

    def shared(self, access: Access) -> Compartment:
        """The compartment an owner shares with partners."""
        if SHARED not in access.data_keys:
            raise AccessDenied()
        return self._compartment(access, SHARED)

    def _compartment(self, access: Access, name: str) -> Compartment:
        data_key = access.data_keys[name]
        with self._open_lock:
            found = self._open.get((access.space_id, name))
            if found is None:
                path = self.spaces_dir / f"{access.space_id}.{name}.db"
                aad = f"{access.space_id}/{name}".encode()
                found = Compartment(path, name, data_key, aad)
                self._open[(access.space_id, name)] = found
        if not found.opens_with(data_key):
            raise AccessDenied()
        return found

    def delete_space(self, access: Access) -> None:
        """Remove a space, both its files, and every link to it. Owner only."""
        links = self.private(access).all(LINKS_TABLE)
        for link in links:
            self._remove_link_file(link.get("hash"))
        with self._open_lock:
            for name in (PRIVATE, SHARED):
                compartment = self._open.pop((access.space_id, name), None)
                if compartment is not None:
                    compartment.erase()

    def export_backup(self, access: Access) -> bytes:
        """A backup file of the whole space: both compartments, no keys or link records."""
        return build_backup(
            {PRIVATE: self.private(access).dump(), SHARED: self.shared(access).dump()}
        )

    def restore_backup(self, access: Access, backup: Backup) -> None:
        """Replace the space's data with a validated backup; the space keeps its own links."""
        private = self.private(access)
        links = private.all(LINKS_TABLE)
        private.load(backup.tables.get(PRIVATE, {}) | {LINKS_TABLE: links})
        self.shared(access).load(backup.tables.get(SHARED, {}))
        private.recovered_at = None

    # -- links ------------------------------------------------------------------------------------

    def add_partner_link(self, access: Access, label: str) -> tuple[str, str]:
        """Create a partner link; returns (link_id, key). The key is shown once, never stored."""
        if access.role != "owner":
            raise AccessDenied()
        key, link_id = keys.new_key(), secrets.token_hex(8)
        partner = Access(access.space_id, "partner", link_id, {SHARED: access.data_keys[SHARED]})
        self._write_link_file(key, partner)
        self.private(access).put(
            LINKS_TABLE,
            link_id,
            {
                "role": "partner",
                "label": label,
                "created": _now(),
                "revoked": None,
                "hash": keys.hash_key(key),
            },
        )
        return link_id, key

    def links(self, access: Access) -> list[dict[str, Any]]:
        """The owner's view of every link of the space (no keys, no hashes)."""
        return [
            {k: v for k, v in link.items() if k not in ("hash", "_id")}
            for link in self.private(access).all(LINKS_TABLE)
        ]

    def revoke_link(self, access: Access, link_id: str) -> bool:
        """Switch a partner link off for good; it stops working at its next request."""
        private = self.private(access)
        link = private.get(LINKS_TABLE, link_id)
        if link is None or link.get("role") != "partner" or link.get("revoked"):
            return False
        self._remove_link_file(link.get("hash"))
        link.pop("_id", None)
        private.put(LINKS_TABLE, link_id, link | {"revoked": _now()})
        return True

    def rotate_owner_key(self, access: Access) -> tuple[str, Access]:
        """Replace the owner link with a new key; the old one stops working at once."""
        private = self.private(access)
        old = private.get(LINKS_TABLE, access.link_id)
        new_key, link_id = keys.new_key(), secrets.token_hex(8)
        fresh = Access(access.space_id, "owner", link_id, access.data_keys)
        self._write_link_file(new_key, fresh)
        private.put(
            LINKS_TABLE,
            link_id,
            {
                "role": "owner",
                "label": "Your link",
                "created": _now(),
                "revoked": None,
                "hash": keys.hash_key(new_key),
            },
        )
        if old is not None:
            self._remove_link_file(old.get("hash"))
            old.pop("_id", None)
            private.put(LINKS_TABLE, access.link_id, old | {"revoked": _now()})
        return new_key, fresh

    def _write_link_file(self, key: str, access: Access) -> None:
        digest = keys.hash_key(key)
        wrapped = {
            name: keys.wrap(data_key, key, f"{access.space_id}/{access.link_id}/{name}")
            for name, data_key in access.data_keys.items()
        }
        record = {
            "hash": digest,
            "space": access.space_id,
            "link": access.link_id,
            "role": access.role,
            "wrapped": wrapped,
            "created": _now(),
        }
        write_bytes(self.links_dir / f"{digest}.json", json.dumps(record).encode("utf-8"))

    def _remove_link_file(self, digest: object) -> None:
        if isinstance(digest, str) and len(digest) == 64 and digest.isalnum():
            (self.links_dir / f"{digest}.json").unlink(missing_ok=True)

    # -- single-user local mode -------------------------------------------------------------------

    def local_owner_key(self) -> str:
        """The owner key of this machine's single space, created on first use (local mode only)."""
        path = self.root / "local-owner.key"
        with self._open_lock:
            try:
                key = path.read_text("ascii").strip()
                if self.resolve(key) is not None:
                    return key
            except OSError:
                pass
        key, _ = self.create_space()
        write_bytes(path, key.encode("ascii"))
        os.chmod(path, 0o600)
        return key

    def count_spaces(self) -> int:
        """How many spaces the folder holds (for the benchmark and tests)."""
        return sum(1 for _ in self.spaces_dir.glob("*.private.db"))

    def wipe(self) -> None:
        """Remove the whole data folder (tests only)."""
        shutil.rmtree(self.root, ignore_errors=True)
