"""Sealing documents, and the TinyDB storage that keeps each one sealed in a backend.

File format: ``ODX2`` + 8-byte key id + 12-byte random nonce + AES-GCM ciphertext of the JSON
document. The space id and compartment name are the associated data, so a file copied over another
space's cannot be opened as that space. The key id (the first 8 bytes of HMAC-SHA256 of the key) says
which key sealed the file without revealing it, so a key that no longer fits (an old link file put
back after the link was replaced) is told apart from damage: it is refused, and the file is left
alone instead of being set aside as broken.

Nothing unauthenticated is read. Every file this code writes is sealed, so a plain-JSON file in a
space's place is a forgery (or a pre-encryption file, which no release wrote to a data folder that
still exists) and is refused like damage; the compartment sets it aside and starts afresh rather
than sealing it as genuine. ``ODX1`` files (the format before the key id) are still read, and are
rewritten as ``ODX2`` when opened.

The read cache is keyed on the version the backend gives (for files: the header, key id and nonce,
read from the file itself; every write seals with a fresh random nonce, so any change by this
process or another is seen, even on a file system with coarse timestamps that reuses inode numbers,
where (inode, size, mtime) can stay the same across two writes; for a database: the row's version
number). A page that reads ten tables still costs one decrypt, not ten: checking costs one small
read of the version.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tinydb.storages import Storage

from storage.backend import Backend, Version

MAGIC = b"ODX2"
LEGACY_MAGIC = b"ODX1"
HEADER = 4 + 8 + 12  # magic, key id, nonce
LEGACY_HEADER = 4 + 12


class UnreadableFile(Exception):
    """The file exists but cannot be decrypted or parsed as a space."""


class WrongKey(UnreadableFile):
    """The file is sealed under another key than the one presented (it is not damaged)."""


def key_id(data_key: bytes) -> bytes:
    """A short public name for a key: which key sealed a file, without revealing the key."""
    return hmac.new(data_key, b"open-door/key-id/v1", hashlib.sha256).digest()[:8]


def seal(document: dict[str, Any], data_key: bytes, aad: bytes) -> bytes:
    """Serialise and encrypt one document."""
    plain = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    nonce = os.urandom(12)
    sealed = AESGCM(data_key).encrypt(nonce, plain.encode("utf-8"), aad)
    return MAGIC + key_id(data_key) + nonce + sealed


def unseal(raw: bytes, data_key: bytes, aad: bytes) -> dict[str, Any]:
    """Decrypt and parse a sealed file's bytes; anything unauthenticated is refused."""
    if raw.startswith(MAGIC) and len(raw) >= HEADER:
        if not hmac.compare_digest(raw[4:12], key_id(data_key)):
            raise WrongKey("sealed under another key")
        nonce, body = raw[12:HEADER], raw[HEADER:]
    elif raw.startswith(LEGACY_MAGIC):
        nonce, body = raw[4:LEGACY_HEADER], raw[LEGACY_HEADER:]
    else:
        raise UnreadableFile("not a sealed file")
    try:
        plain = AESGCM(data_key).decrypt(nonce, body, aad)
        document = json.loads(plain.decode("utf-8"), parse_constant=_reject_constant)
    except Exception as exc:  # every way of failing means the same to the caller
        raise UnreadableFile(str(exc)) from exc
    if not isinstance(document, dict) or not all(isinstance(v, dict) for v in document.values()):
        raise UnreadableFile("not a mapping of tables")
    return document


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid data")


class SealedStorage(Storage):
    """TinyDB storage over one sealed document in a backend, with a read cache keyed on its version.

    TinyDB stays the in-memory document engine; this class is its only way to the bytes, and it
    reaches them only through :class:`storage.backend.Backend` (``read``, ``version``, ``write``).
    """

    def __init__(self, backend: Backend, name: str, data_key: bytes, aad: bytes) -> None:
        self.backend = backend
        self.name = name
        self._key = data_key
        self._aad = aad
        self._cached_id: Version | None = None
        self._cached: dict[str, Any] | None = None
        self.legacy = False  # the stored bytes are in the ODX1 format (rewrite them)
        # Set by the compartment while it holds the lock and has checked the version: nobody
        # else can write then, so reads need not look at the backend again.
        self.pinned = False
        self.writes = 0  # how many writes this storage made (to tell whether an operation wrote)
        # The sealed bytes of the cached version, to put the cache back after a failed operation
        # (TinyDB changes the cached document in place on its way to a write).
        self._good: tuple[Version, bytes] | None = None

    @property
    def cached_id(self) -> Version | None:
        """The version the cached document was read at (or written as)."""
        return self._cached_id if self._cached is not None else None

    def identity(self) -> Version | None:
        """The stored version now (None when nothing is stored); changes with every write."""
        return self.backend.version(self.name)

    def read(self) -> dict[str, Any] | None:
        """Return the whole document, or None for a document not yet written.

        The cached document itself is returned, not a copy: copying a five-year space on every
        read was most of the cost of a save. TinyDB mutates it only on the way to a write, and
        :class:`storage.compartment.Compartment` drops this cache whenever an operation fails, so
        the cache never holds anything the backend does not.
        """
        if self.pinned and self._cached is not None:
            return self._cached
        identity = self.identity()
        if identity is None:
            return None
        if identity != self._cached_id or self._cached is None:
            blob = self.backend.read(self.name)
            if blob is None:
                return None
            document = unseal(blob.data, self._key, self._aad)
            self.legacy = blob.data.startswith(LEGACY_MAGIC)
            self._cached, self._cached_id = document, blob.version
            self._good = (blob.version, blob.data)
        return self._cached

    def write(self, data: dict[str, Any]) -> None:
        """Seal and store ``data`` if the stored version is still the one read; it becomes the cache.

        Raises :class:`storage.backend.Conflict` when someone else wrote since (nothing written).
        """
        raw = seal(data, self._key, self._aad)
        # Under a lock that excludes other processes the version was checked when it was taken.
        trusted = self.pinned and self.backend.locks_processes
        expect = None if trusted else {self.name: self._cached_id}
        versions = self.backend.write({self.name: raw}, expect=expect)
        self.writes += 1
        self.adopt(data, versions[self.name], raw=raw)

    def sealed(self, data: dict[str, Any], data_key: bytes | None = None) -> bytes:
        """The bytes :meth:`write` would store (for a write made with other names at once)."""
        return seal(data, data_key or self._key, self._aad)

    def adopt(
        self,
        data: dict[str, Any],
        version: Version,
        data_key: bytes | None = None,
        raw: bytes | None = None,
    ) -> None:
        """After ``data`` (sealed as ``raw``) was stored at ``version``: cache it, take its key."""
        if data_key is not None:
            self._key = data_key
        self._cached, self._cached_id, self.legacy = data, version, False
        self._good = (version, raw) if raw is not None else None

    def roll_back(self) -> None:
        """After a failed operation: the cache as last read or written, or no cache at all.

        Putting it back (one decrypt, only on failure) rather than dropping it keeps a page
        drawable while a database server is away: its reads are served from this copy.
        """
        good, self._cached, self._cached_id = self._good, None, None
        if good is None:
            return
        try:
            self._cached = unseal(good[1], self._key, self._aad)
        except UnreadableFile:
            self._good = None
            return
        self._cached_id = good[0]

    def keep_in_memory(self, data: dict[str, Any]) -> None:
        """Serve ``data`` until the stored bytes change (a migration that could not be written)."""
        self._cached, self._cached_id, self._good = data, self.identity(), None

    def holds_document(self) -> bool:
        """True when a document is cached (read from the backend, or kept in memory)."""
        return self._cached is not None

    def forget(self) -> None:
        """Drop the read cache (after the bytes were set aside or replaced)."""
        self._cached, self._cached_id, self._good = None, None, None

    def close(self) -> None:
        """Nothing to release: the backend is reached per read and write."""
