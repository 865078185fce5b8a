"""Spaces, their links, and the registry of open compartments, over any storage backend.

The contract pages rely on (every backend keeps it; ``tests/contract`` checks it):
:meth:`Store.create_space`, :meth:`~Store.resolve` (a key to an :class:`Access`, or None),
:meth:`~Store.private` and :meth:`~Store.shared` (a :class:`storage.compartment.Compartment`:
get, put, insert, find, all, update, remove, transaction, over plain dicts), links
(:meth:`~Store.add_partner_link`, :meth:`~Store.links`, :meth:`~Store.revoke_link`,
:meth:`~Store.rotate_owner_key`), :meth:`~Store.export_backup` / :meth:`~Store.restore_backup`, and
:meth:`~Store.delete_space`. Errors are those of :mod:`storage.errors` only. A ``Store`` is made on a
data folder (``Store(path)``: the files, as always) or on any :class:`storage.backend.Backend`.

Names in the backend (for files, paths under the data folder)::

    spaces/<space_id>.private.db   the owner's data (encrypted with the private key P)
    spaces/<space_id>.shared.db    what the owner shares and the partner's replies (shared key S)
    spaces/<space_id>.links.db     the space's link index (encrypted with P): every link's role,
                                   label, created, revoked, and key hash
    links/<sha256 of key>.json     one link: its space, role, and the keys it can unwrap
    local-owner.key                only in single-user local mode: the owner key of the local space

Space ids are random and never derived from a key or from user input. A link file holds no label and
no key, only the key's hash and wrapped keys.

**Keys.** An owner link file wraps P and S under a key derived from the owner key. A partner link
has its own random link key K_link: its file holds K_link wrapped under the partner key, S sealed
under K_link, and K_link sealed under P (the owner's copy). The server never holds a partner key, so
K_link is the indirection that lets the owner hand a partner link a new S without it.

**Replacing the owner link re-keys the space.** :meth:`Store.rotate_owner_key` makes new P' and S',
re-seals both compartments and the index under them, writes the new owner link file, re-seals S'
under each live partner link's K_link (and K_link under P'), and removes the old owner link file,
all as one change (one all-or-nothing backend write; the index also keeps each partner link's
K_link, so a rotation cut by a kill before the partner files were replaced is mended by the next). A copy of the old owner key with a copy of
its old link file then unwraps only the old P and S, which open nothing written after the rotation:
the files say (by key id) that they are sealed under other keys, and are refused, not set aside.

What an attacker with the old owner key can still do (the trade-off of K_link): while the old key
worked it could unwrap K_link of every partner link then live, and K_link does not change at a
rotation (changing it needs the partner key). With a copy of the data folder made after the
rotation, it could therefore still open the *shared* compartment through a partner link that was
live at the rotation, until that link is revoked: it sees what partners see, never the private
compartment. Revoking a partner link removes its file (so its key and K_link stop), but does not
re-key S. A partner link made before this format (no K_link) is given one the next time its
partner opens it (see :meth:`Store._upgrade_partner_link`); one not opened since then cannot be
re-wrapped, so the first rotation switches it off and the owner sees it as switched off.

**Links never live only inside a compartment that can be set aside.** The index is its own file,
so a private file set aside (damaged, or from a newer app version) leaves every link listable,
rotatable and revocable. If the index itself is lost, it is rebuilt from the link files of the
space (found by the space id they hold) with neutral labels. :meth:`Store.delete_space` removes
every file that names the space and every link file that points at it, whatever the index says.

**The registry of open compartments is bounded.** Decrypted documents stay in memory only while a
space is in use: at most :data:`MAX_OPEN` compartments, least recently used dropped first, and none
idle for more than :data:`IDLE_SECONDS` (swept on every open and by a background timer). A thread
still holding a dropped compartment keeps working: the backend's lock, the compare-and-swap on
every write and the version-keyed read cache make two instances on one document safe, as two
processes are.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import secrets
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from storage import keys
from storage.backend import Backend, Conflict
from storage.backup import Backup, build_backup
from storage.choose import backend_for
from storage.compartment import Compartment
from storage.errors import AccessDenied, Contended, StorageError, StorageUnavailable, calm
from storage.files import FileBackend
from storage.schema import fresh as fresh_document
from storage.sealed import seal

__all__ = ["PRIVATE", "SHARED", "Access", "Role", "Store"]

Role = Literal["owner", "partner"]
PRIVATE, SHARED, INDEX = "private", "shared", "links"
LINKS_TABLE = "links"
LINK_FORMAT = 2  # partner link files with K_link
NEUTRAL_LABEL = {"owner": "Your link", "partner": "A partner link (its name was lost)"}

LOCAL_KEY = "local-owner.key"
MAX_RECENT = 256  # keys remembered for reads while a database server is away
MAX_OPEN = 96  # compartments kept open at most (three per space in use)
IDLE_SECONDS = 120.0  # a compartment unused this long is dropped, with its decrypted document


@dataclass(frozen=True)
class Access:
    """What one presented key opens: a space, a role, and the compartment keys it unwrapped."""

    space_id: str
    role: Role
    link_id: str
    data_keys: dict[str, bytes] = field(repr=False, compare=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _context(space_id: str, link_id: str, part: str) -> str:
    return f"{space_id}/{link_id}/{part}"


class Store:
    """Every way the app reaches stored data. One instance per backend per process."""

    def __init__(self, where: str | Path | Backend) -> None:
        # A data folder (or a database URL) names its backend; a read-only or missing folder
        # still makes a Store: pages load and explain it when saving.
        self.backend: Backend = where if not isinstance(where, str | Path) else backend_for(where)
        # The data folder, for file-specific tools and tests (None on other backends).
        self.root: Path | None = (
            self.backend.root if isinstance(self.backend, FileBackend) else None
        )
        self.spaces_dir = self.root / "spaces" if self.root is not None else None
        self.links_dir = self.root / "links" if self.root is not None else None
        # (space id, compartment) -> (compartment, last use on the monotonic clock), oldest first
        self._open: OrderedDict[tuple[str, str], tuple[Compartment, float]] = OrderedDict()
        self._open_lock = threading.Lock()
        # sha256(key) -> (access, when): what keys opened lately, for reads while storage is away
        self._recent: OrderedDict[str, tuple[Access, float]] = OrderedDict()
        self._recent_lock = threading.Lock()  # its own: resolve runs under _open_lock at times
        _SWEEPER.watch(self)

    # -- spaces -----------------------------------------------------------------------------------

    def create_space(self) -> tuple[str, Access]:
        """Make a new empty space; returns its owner key (shown once) and the owner's access."""
        space_id = secrets.token_hex(16)
        data_keys = {PRIVATE: keys.new_data_key(), SHARED: keys.new_data_key()}
        owner_key = keys.new_key()
        link_id = secrets.token_hex(8)
        access = Access(space_id, "owner", link_id, data_keys)
        index = fresh_document(INDEX, _now())
        index[LINKS_TABLE] = {"1": self._record(owner_key, link_id, "owner", "Your link")}
        writes = {
            self._name(space_id, PRIVATE): self._seal(
                space_id, PRIVATE, fresh_document(PRIVATE, _now()), data_keys[PRIVATE]
            ),
            self._name(space_id, SHARED): self._seal(
                space_id, SHARED, fresh_document(SHARED, _now()), data_keys[SHARED]
            ),
            self._name(space_id, INDEX): self._seal(space_id, INDEX, index, data_keys[PRIVATE]),
            self._link_name(owner_key): self._owner_link_file(owner_key, access),
        }
        with _calm_errors():
            self.backend.write(writes)
        self._remember(owner_key, access)
        return owner_key, access

    def resolve(self, key: object) -> Access | None:
        """The access a presented key gives, or None for anything malformed, unknown or revoked.

        Every failure looks the same to the caller, so a page cannot hint whether a key existed.
        """
        if not keys.looks_like_key(key):
            return None
        assert isinstance(key, str)
        try:
            record = self._read_link(self._link_name(key))
        except StorageUnavailable:
            recent = self._recently_resolved(key)
            if recent is None:
                raise
            return recent  # the server is away: what this key opened a moment ago (reads only)
        found = self._resolved(key, record)
        self._remember(key, found)
        return found

    def _recently_resolved(self, key: str) -> Access | None:
        """What ``key`` opened in this process within IDLE_SECONDS, while storage is unreachable.

        Only while a database server is away: it lets a page a user is on draw again (from the
        compartments this process holds) and keep what they typed; nothing can be written until
        the server is back, and a key this process has not seen recently is not opened at all.
        """
        with self._recent_lock:
            entry = self._recent.get(keys.hash_key(key))
        if entry is None or time.monotonic() - entry[1] > IDLE_SECONDS:
            return None
        return entry[0]

    def _remember(self, key: str, access: Access | None) -> None:
        digest = keys.hash_key(key)
        with self._recent_lock:
            if access is None:
                self._recent.pop(digest, None)
                return
            self._recent[digest] = (access, time.monotonic())
            self._recent.move_to_end(digest)
            while len(self._recent) > MAX_RECENT:
                self._recent.popitem(last=False)

    def _forget_recent(self, space_id: str, link_ids: set[str] | None = None) -> None:
        """Drop what keys of ``space_id`` (or only those links) opened: revoked, replaced, deleted."""
        with self._recent_lock:
            for digest, (access, _) in list(self._recent.items()):
                if access.space_id == space_id and (link_ids is None or access.link_id in link_ids):
                    del self._recent[digest]

    def _resolved(self, key: str, record: dict[str, Any] | None) -> Access | None:
        """The access a link record gives ``key``, or None."""
        if record is None or not keys.hashes_match(str(record.get("hash", "")), key):
            return None
        space_id, link_id, role = record.get("space"), record.get("link"), record.get("role")
        wrapped = record.get("wrapped")
        if role not in ("owner", "partner") or not isinstance(wrapped, dict):
            return None
        space_id, link_id = str(space_id), str(link_id)
        data_keys: dict[str, bytes] = {}
        if role == "partner" and record.get("v") == LINK_FORMAT:
            link_key = keys.unwrap(
                str(wrapped.get("link")), key, _context(space_id, link_id, "link")
            )
            shared = None
            if link_key is not None:
                shared = keys.open_key(
                    record.get(SHARED), link_key, _context(space_id, link_id, SHARED)
                )
            if shared is None:
                return None
            data_keys[SHARED] = shared
        else:
            for compartment, sealed in wrapped.items():
                data_key = keys.unwrap(str(sealed), key, _context(space_id, link_id, compartment))
                if data_key is None:
                    return None
                data_keys[compartment] = data_key
        if role == "owner" and set(data_keys) != {PRIVATE, SHARED}:
            return None
        if role == "partner" and set(data_keys) != {SHARED}:
            return None
        if role == "partner" and record.get("v") != LINK_FORMAT:
            self._upgrade_partner_link(key, record, data_keys[SHARED])
        return Access(space_id, role, link_id, data_keys)

    def _upgrade_partner_link(self, key: str, record: dict[str, Any], shared: bytes) -> None:
        """Give a partner link from before K_link one, so it can follow the next rotation.

        Only the partner key can do this (the server never holds it), so it happens when the
        partner opens the link. The owner's copy of K_link can't be sealed under P here (a
        partner never has P): it is left sealed under S ("pending"), which every holder of S
        could read anyway, and the next rotation turns it into the owner's copy.
        """
        space_id, link_id = str(record["space"]), str(record["link"])
        link_key = keys.new_data_key()
        body = {
            "v": LINK_FORMAT,
            "wrapped": {"link": keys.wrap(link_key, key, _context(space_id, link_id, "link"))},
            SHARED: keys.seal_key(shared, link_key, _context(space_id, link_id, SHARED)),
            "pending": keys.seal_key(link_key, shared, _context(space_id, link_id, "pending")),
        }
        upgraded = json.loads(_link_json(key, space_id, link_id, "partner", body))
        upgraded["created"] = record.get("created", upgraded["created"])
        with contextlib.suppress(OSError):  # read-only: it stays as it was, and still opens
            self.backend.write({self._link_name(key): json.dumps(upgraded).encode("utf-8")})

    def private(self, access: Access) -> Compartment:
        """The owner's private compartment; a partner's access never opens it."""
        if access.role != "owner" or PRIVATE not in access.data_keys:
            raise AccessDenied()
        return self._compartment(access.space_id, PRIVATE, access.data_keys[PRIVATE])

    def shared(self, access: Access) -> Compartment:
        """The compartment an owner shares with partners."""
        if SHARED not in access.data_keys:
            raise AccessDenied()
        return self._compartment(access.space_id, SHARED, access.data_keys[SHARED])

    def _index(self, access: Access) -> Compartment:
        """The space's link index (owner only), built from what is on disk if it was lost."""
        if access.role != "owner" or PRIVATE not in access.data_keys:
            raise AccessDenied()
        index = self._compartment(access.space_id, INDEX, access.data_keys[PRIVATE])
        if not index.all(LINKS_TABLE):
            self._rebuild_index(access, index)
        return index

    def _compartment(self, space_id: str, name: str, data_key: bytes) -> Compartment:
        slot = (space_id, name)
        stored_as = self._name(space_id, name)
        now = time.monotonic()
        with self._open_lock:
            entry = self._open.get(slot)
            found = entry[0] if entry is not None else None
            if found is not None and not found.opens_with(data_key):
                # Either a stale key (refused below, when the file says it is sealed otherwise) or
                # this registry is stale because another process re-keyed the space.
                if self._version(stored_as) is None:
                    raise AccessDenied()
                found = None
            if found is None:
                if not self._space_exists(space_id):
                    raise AccessDenied()  # never bring a deleted space back as empty files
                found = Compartment(
                    self.backend, stored_as, name, data_key, f"{space_id}/{name}".encode()
                )
            self._open[slot] = (found, now)
            self._open.move_to_end(slot)
            dropped = self._evict(now)
        for compartment in dropped:
            compartment.drop_cache()
        return found

    def _evict(self, now: float) -> list[Compartment]:
        """Pop the least recently used beyond MAX_OPEN and every idle one (caller holds the lock)."""
        dropped = []
        while self._open:
            slot, (compartment, used) = next(iter(self._open.items()))
            if len(self._open) <= MAX_OPEN and now - used <= IDLE_SECONDS:
                break
            del self._open[slot]
            dropped.append(compartment)
        return dropped

    def sweep(self) -> int:
        """Drop every compartment idle for longer than IDLE_SECONDS; returns how many."""
        with self._open_lock:
            dropped = self._evict(time.monotonic())
        for compartment in dropped:
            compartment.drop_cache()
        return len(dropped)

    def _version(self, name: str) -> object:
        with _calm_errors():
            return self.backend.version(name)

    def _space_exists(self, space_id: str) -> bool:
        return (
            self._version(self._name(space_id, INDEX)) is not None
            or self._version(self._name(space_id, PRIVATE)) is not None
        )

    def delete_space(self, access: Access) -> None:
        """Remove a space: every file that names it and every link file that points at it.

        Found by the space itself, not by its index, so a set-aside file, a lost index or a link
        made in another process leaves nothing behind. Link files go first: once they are gone no
        key opens the space, even if removing the rest fails halfway.
        """
        private = self.private(access)  # owner only
        space_id = access.space_id
        self._forget_recent(space_id)
        with _calm_errors():
            self.backend.delete(self._link_files_of(space_id))
            with contextlib.suppress(OSError, UnicodeDecodeError):
                kept = self.backend.read(LOCAL_KEY)
                found = self.resolve(kept.data.decode("ascii").strip()) if kept else None
                if kept is not None and (found is None or found.space_id == space_id):
                    self.backend.delete([LOCAL_KEY])
            with self._open_lock:
                open_ones = [self._open.pop((space_id, n), None) for n in (PRIVATE, SHARED, INDEX)]
            held = [entry[0] for entry in open_ones if entry is not None] or [private]
            with contextlib.ExitStack() as stack:
                for compartment in held:
                    stack.enter_context(compartment._lock)
                # Every name of the space: its documents, and copies set aside as unreadable.
                self.backend.delete(self.backend.names(f"spaces/{space_id}."))
                for compartment in held:
                    compartment.gone()

    def _link_files_of(self, space_id: str) -> list[str]:
        """Every stored link record that points at ``space_id`` (whatever the index says)."""
        found = []
        needle = space_id.encode("ascii")
        for name in self.backend.names("links/"):
            try:
                blob = self.backend.read(name)
            except OSError:
                continue
            if blob is not None and needle in blob.data:
                found.append(name)
        return found

    def export_backup(self, access: Access) -> bytes:
        """A backup file of the whole space: both compartments, no keys or link records."""
        return build_backup(
            {PRIVATE: self.private(access).dump(), SHARED: self.shared(access).dump()}
        )

    def restore_backup(self, access: Access, backup: Backup) -> None:
        """Replace the space's data with a validated backup, all or nothing; links are kept."""
        self._index(access)  # a space from before the index: move its link records out first
        private, shared = self.private(access), self.shared(access)
        with private.locked(), shared.locked():
            _still_current(access, private, shared)
            documents = {
                private: private.loaded(backup.tables.get(PRIVATE, {})),
                shared: shared.loaded(backup.tables.get(SHARED, {})),
            }
            sealed = {c: c.sealed(doc) for c, doc in documents.items()}
            versions = self._write(
                {c.stored_as: raw for c, raw in sealed.items()}, held=(private, shared)
            )
            for compartment in sealed:
                compartment.adopt(documents[compartment], versions[compartment.stored_as])
        private.recovered_at = shared.recovered_at = None

    # -- links ------------------------------------------------------------------------------------

    def add_partner_link(self, access: Access, label: str) -> tuple[str, str]:
        """Create a partner link; returns (link_id, key). The key is shown once, never stored."""
        if access.role != "owner":
            raise AccessDenied()
        index = self._index(access)
        key, link_id = keys.new_key(), secrets.token_hex(8)
        link_key = keys.new_data_key()
        with index.locked():
            _still_current(access, index)
            document = index.snapshot()
            record = self._record(key, link_id, "partner", label)
            record["link_key"] = _b64(link_key)  # sealed in the index: lets a rotation repair it
            _add_record(document, record)
            raw = index.sealed(document)
            link_file = self._partner_link_file(key, access, link_id, link_key)
            versions = self._write(
                {index.stored_as: raw, self._link_name(key): link_file}, held=(index,)
            )
            index.adopt(document, versions[index.stored_as])
        return link_id, key

    def links(self, access: Access) -> list[dict[str, Any]]:
        """The owner's view of every link of the space (no keys, no hashes)."""
        return [
            {k: link.get(k) for k in ("key", "role", "created", "revoked")}
            | {"label": link.get("label") or NEUTRAL_LABEL.get(str(link.get("role")), "A link")}
            for link in self._index(access).all(LINKS_TABLE)
        ]

    def revoke_link(self, access: Access, link_id: str) -> bool:
        """Switch a partner link off for good; it stops working at its next request."""
        index = self._index(access)
        with index.locked():
            _still_current(access, index)
            document = index.snapshot()
            record = _find_record(document, link_id)
            if record is None or record.get("role") != "partner" or record.get("revoked"):
                return False
            record["revoked"] = _now()
            raw = index.sealed(document)
            versions = self._write(
                {index.stored_as: raw},
                removes=self._link_names(record.get("hash")),
                held=(index,),
            )
            index.adopt(document, versions[index.stored_as])
        self._forget_recent(access.space_id, {link_id})
        return True

    def rotate_owner_key(self, access: Access) -> tuple[str, Access]:
        """Replace the owner link with a new key and the space's data keys with new ones.

        The old link stops working at once, a copy of it opens nothing written from now on, and
        live partner links keep working (see the module docstring for how, and what remains).
        """
        private, shared, index = self.private(access), self.shared(access), self._index(access)
        space_id = access.space_id
        new_key, link_id = keys.new_key(), secrets.token_hex(8)
        new_keys = {PRIVATE: keys.new_data_key(), SHARED: keys.new_data_key()}
        fresh = Access(space_id, "owner", link_id, new_keys)
        with private.locked(), shared.locked(), index.locked():
            _still_current(access, private, shared, index)
            documents = {PRIVATE: private.snapshot(), SHARED: shared.snapshot()}
            documents[PRIVATE].pop(LINKS_TABLE, None)  # the old home of link records, now unused
            listing = index.snapshot()
            # The new owner link file goes first and the partner link files last: a kill among the
            # renames then leaves the old key working (nothing else replaced yet) or the partner
            # files behind, which the next rotation rewrites from the K_link kept in the index.
            writes: dict[str, bytes] = {
                self._link_name(new_key): self._owner_link_file(new_key, fresh)
            }
            partner_files: dict[str, bytes] = {}
            removes: list[str] = []
            for record in _records(listing):
                if record.get("revoked"):
                    continue
                paths = self._link_names(record.get("hash"))
                if record.get("role") == "owner":
                    record["revoked"] = _now()
                    removes += paths
                    continue
                rewrapped = self._rewrapped(paths, access, new_keys, record)
                if rewrapped is None:  # a link from before K_link: it cannot follow the new key
                    record["revoked"] = _now()
                    removes += paths
                else:
                    partner_files[paths[0]] = rewrapped
            _add_record(listing, self._record(new_key, link_id, "owner", "Your link"))
            sealed = {
                PRIVATE: private.sealed(documents[PRIVATE], new_keys[PRIVATE]),
                SHARED: shared.sealed(documents[SHARED], new_keys[SHARED]),
                INDEX: index.sealed(listing, new_keys[PRIVATE]),
            }
            writes |= {
                private.stored_as: sealed[PRIVATE],
                shared.stored_as: sealed[SHARED],
                index.stored_as: sealed[INDEX],
            }
            versions = self._write(
                writes | partner_files, removes=removes, held=(private, shared, index)
            )
            private.adopt(documents[PRIVATE], versions[private.stored_as], new_keys[PRIVATE])
            shared.adopt(documents[SHARED], versions[shared.stored_as], new_keys[SHARED])
            index.adopt(listing, versions[index.stored_as], new_keys[PRIVATE])
        # Every access from before holds the old data keys: none may open anything again here.
        self._forget_recent(space_id)
        self._remember(new_key, fresh)
        return new_key, fresh

    def _write(
        self,
        writes: dict[str, bytes],
        removes: list[str] | tuple[str, ...] = (),
        held: tuple[Compartment, ...] = (),
    ) -> dict[str, Any]:
        """One all-or-nothing write, expecting each ``held`` compartment at the version it read.

        Someone else's write in between (possible only where locks don't reach other processes)
        stores nothing and is the calm :class:`storage.errors.Contended`: these are rare owner
        actions, which the owner simply does again.
        """
        with _calm_errors():
            return self.backend.write(
                writes, removes, expect={c.stored_as: c.held_version() for c in held}
            )

    def _rewrapped(
        self, paths: list[str], old: Access, new_keys: dict[str, bytes], listed: dict[str, Any]
    ) -> bytes | None:
        """A partner link file re-sealed for the new keys, or None if it cannot be.

        K_link comes from the index record (``listed``, updated here), else the owner's copy in
        the link file, else the copy a pre-K_link link left under S when its partner opened it.
        """
        record = self._read_link(paths[0]) if paths else None
        if record is None or record.get("v") != LINK_FORMAT:
            return None
        space_id, link_id = old.space_id, str(record.get("link"))
        link_key = (
            _unb64(listed.get("link_key"))
            or keys.open_key(
                record.get("owner"), old.data_keys[PRIVATE], _context(space_id, link_id, "owner")
            )
            or keys.open_key(
                record.pop("pending", None),
                old.data_keys[SHARED],
                _context(space_id, link_id, "pending"),
            )
        )
        if link_key is None:
            return None
        record.pop("pending", None)
        listed["link_key"] = _b64(link_key)
        record[SHARED] = keys.seal_key(
            new_keys[SHARED], link_key, _context(space_id, link_id, SHARED)
        )
        record["owner"] = keys.seal_key(
            link_key, new_keys[PRIVATE], _context(space_id, link_id, "owner")
        )
        return json.dumps(record).encode("utf-8")

    def _rebuild_index(self, access: Access, index: Compartment) -> None:
        """Fill an empty index: from the private file's old links table, else from link files."""
        records = []
        with contextlib.suppress(StorageError):
            records = [
                {k: v for k, v in r.items() if k != "_id"}
                for r in self.private(access).all(LINKS_TABLE)
            ]
        if not any(r.get("key") == access.link_id for r in records):
            records = []
            for name in self._link_files_of(access.space_id):
                found = self._read_link(name)
                if found is None or found.get("space") != access.space_id:
                    continue
                role = found.get("role") if found.get("role") in NEUTRAL_LABEL else "partner"
                records.append(
                    {
                        "key": str(found.get("link")),
                        "role": role,
                        "label": NEUTRAL_LABEL[role] if role == "owner" else "",
                        "created": str(found.get("created", "")),
                        "revoked": None,
                        "hash": str(found.get("hash")),
                    }
                )
        with contextlib.suppress(StorageError):  # read-only: the next open tries again
            index.replace_table(LINKS_TABLE, records)

    # -- link files -------------------------------------------------------------------------------

    @staticmethod
    def _name(space_id: str, name: str) -> str:
        return f"spaces/{space_id}.{name}.db"

    @staticmethod
    def _link_name(key: str) -> str:
        return f"links/{keys.hash_key(key)}.json"

    @staticmethod
    def _link_names(digest: object) -> list[str]:
        if isinstance(digest, str) and len(digest) == 64 and digest.isalnum():
            return [f"links/{digest}.json"]
        return []

    def _read_link(self, name: str) -> dict[str, Any] | None:
        try:
            blob = self.backend.read(name)
            record = json.loads(blob.data.decode("utf-8")) if blob is not None else None
        except OSError as exc:
            # A database away or a disk that fails this read (EIO, too many open files) is not a
            # dead link: say so calmly, and the link works again later. Only a missing file
            # (None above) or unreadable bytes (ValueError below) open nothing.
            raise calm(exc) from exc
        except ValueError:
            return None
        return record if isinstance(record, dict) else None

    @staticmethod
    def _seal(space_id: str, name: str, document: dict[str, Any], data_key: bytes) -> bytes:
        return seal(document, data_key, f"{space_id}/{name}".encode())

    @staticmethod
    def _record(key: str, link_id: str, role: Role, label: str) -> dict[str, Any]:
        return {
            "key": link_id,
            "role": role,
            "label": label,
            "created": _now(),
            "revoked": None,
            "hash": keys.hash_key(key),
        }

    @staticmethod
    def _owner_link_file(key: str, access: Access) -> bytes:
        wrapped = {
            name: keys.wrap(data_key, key, _context(access.space_id, access.link_id, name))
            for name, data_key in access.data_keys.items()
        }
        return _link_json(key, access.space_id, access.link_id, "owner", {"wrapped": wrapped})

    @staticmethod
    def _partner_link_file(key: str, owner: Access, link_id: str, link_key: bytes) -> bytes:
        space_id = owner.space_id
        body = {
            "v": LINK_FORMAT,
            "wrapped": {"link": keys.wrap(link_key, key, _context(space_id, link_id, "link"))},
            SHARED: keys.seal_key(
                owner.data_keys[SHARED], link_key, _context(space_id, link_id, SHARED)
            ),
            "owner": keys.seal_key(
                link_key, owner.data_keys[PRIVATE], _context(space_id, link_id, "owner")
            ),
        }
        return _link_json(key, space_id, link_id, "partner", body)

    # -- single-user local mode -------------------------------------------------------------------

    def local_owner_key(self) -> str:
        """The owner key of this machine's single space, created on first use (local mode only)."""
        with self._open_lock:
            key = self._local_key()
            if key and self.resolve(key) is not None:
                return key
        key, _ = self.create_space()
        with _calm_errors():
            # The file backend makes every file readable by its owner only (``mkstemp``).
            self.backend.write({LOCAL_KEY: key.encode("ascii")})
        return key

    def _local_key(self) -> str:
        try:
            blob = self.backend.read(LOCAL_KEY)
            return blob.data.decode("ascii").strip() if blob is not None else ""
        except (OSError, UnicodeDecodeError):
            return ""

    def is_local_key(self, key: str) -> bool:
        """True when ``key`` is this machine's local-space owner key (local mode's own space)."""
        kept = self._local_key()
        return bool(kept) and hmac.compare_digest(kept.encode("ascii"), key.encode("ascii"))

    def count_spaces(self) -> int:
        """How many spaces are stored (for the benchmark and tests)."""
        with _calm_errors():
            return sum(1 for n in self.backend.names("spaces/") if n.endswith(".private.db"))


def _link_json(key: str, space_id: str, link_id: str, role: Role, body: dict[str, Any]) -> bytes:
    record = {"hash": keys.hash_key(key), "space": space_id, "link": link_id, "role": role}
    return json.dumps(record | body | {"created": _now()}).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes | None:
    try:
        raw = base64.b64decode(str(text), validate=True) if isinstance(text, str) else b""
    except ValueError:
        return None
    return raw if len(raw) == keys.KEY_BYTES else None


def _records(document: dict[str, Any]) -> list[dict[str, Any]]:
    table = document.get(LINKS_TABLE, {})
    return [r for r in table.values() if isinstance(r, dict)] if isinstance(table, dict) else []


def _find_record(document: dict[str, Any], link_id: str) -> dict[str, Any] | None:
    return next((r for r in _records(document) if r.get("key") == link_id), None)


def _add_record(document: dict[str, Any], record: dict[str, Any]) -> None:
    table = document.setdefault(LINKS_TABLE, {})
    next_id = max((int(k) for k in table if str(k).isdigit()), default=0) + 1
    table[str(next_id)] = record


def _still_current(access: Access, *compartments: Compartment) -> None:
    """Refuse an access whose keys a rotation replaced while it waited for the locks."""
    for compartment in compartments:
        wanted = PRIVATE if compartment.name in (PRIVATE, INDEX) else SHARED
        if not compartment.opens_with(access.data_keys[wanted]):
            raise AccessDenied()


@contextlib.contextmanager
def _calm_errors() -> Iterator[None]:
    """Turn an ``OSError`` from the data folder into the calm StorageError a page can show."""
    try:
        yield
    except OSError as exc:
        raise calm(exc) from exc
    except Conflict:
        raise Contended() from None


class _Sweeper:
    """One daemon thread for the process that drops idle compartments of every live Store."""

    def __init__(self) -> None:
        self._stores: weakref.WeakSet[Store] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def watch(self, store: Store) -> None:
        with self._lock:
            self._stores.add(store)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="open-door-sweeper", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            # Capped: a test may set IDLE_SECONDS huge, and time.sleep refuses what time_t can't hold.
            time.sleep(min(IDLE_SECONDS / 4, 3600.0))
            with self._lock:
                stores = list(self._stores)
            for store in stores:
                with contextlib.suppress(Exception):  # a sweep must never take the server down
                    store.sweep()
            del stores


_SWEEPER = _Sweeper()
