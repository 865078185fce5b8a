"""A TinyDB storage that keeps each file encrypted and writes it atomically.

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

The read cache is keyed on the file's header (key id and nonce), read from the file itself: every
write seals with a fresh random nonce, so any change by this process or another is seen, even on a
file system with coarse timestamps that reuses inode numbers, where (inode, size, mtime) can stay
the same across two writes. A page that reads ten tables still costs one decrypt, not ten: checking
costs one 24-byte read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tinydb.storages import Storage

from storage.atomic import write_bytes

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


def header_of(raw: bytes) -> bytes:
    """The part of a file's bytes that every write changes (its key id and nonce)."""
    return raw[:LEGACY_HEADER] if raw.startswith(LEGACY_MAGIC) else raw[:HEADER]


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
    """TinyDB storage over one encrypted file, with a read cache keyed on the file's header."""

    def __init__(self, path: str | Path, data_key: bytes, aad: bytes) -> None:
        self.path = Path(path)
        self._key = data_key
        self._aad = aad
        self._cached_id: bytes | None = None
        self._cached: dict[str, Any] | None = None
        self.legacy = False  # the file on disk is in the ODX1 format (rewrite it)
        # Set by the compartment while it holds the file lock and has checked the file: nobody
        # else can write then, so reads need not look at the file again.
        self.pinned = False

    @property
    def cached_id(self) -> bytes | None:
        """The header of the file the cached document was read from (or written as)."""
        return self._cached_id if self._cached is not None else None

    def identity(self) -> bytes | None:
        """The file's header now (None when there is no file); changes with every write."""
        try:
            with open(self.path, "rb") as handle:
                return header_of(handle.read(HEADER))
        except FileNotFoundError:
            return None

    def read(self) -> dict[str, Any] | None:
        """Return the whole document, or None for a file not yet written.

        The cached document itself is returned, not a copy: copying a five-year space on every
        read was most of the cost of a save. TinyDB mutates it only on the way to a write, and
        :class:`storage.compartment.Compartment` drops this cache whenever an operation fails, so
        the cache never holds anything the file does not.
        """
        if self.pinned and self._cached is not None:
            return self._cached
        identity = self.identity()
        if identity is None:
            return None
        if identity != self._cached_id or self._cached is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            document = unseal(raw, self._key, self._aad)
            self.legacy = raw.startswith(LEGACY_MAGIC)
            self._cached, self._cached_id = document, header_of(raw)
        return self._cached

    def write(self, data: dict[str, Any]) -> None:
        """Encrypt and atomically replace the file; ``data`` becomes the cache."""
        raw = seal(data, self._key, self._aad)
        write_bytes(self.path, raw)
        self.adopt(data, raw)

    def sealed(self, data: dict[str, Any], data_key: bytes | None = None) -> bytes:
        """The bytes :meth:`write` would write (for a write made with other files at once)."""
        return seal(data, data_key or self._key, self._aad)

    def adopt(self, data: dict[str, Any], raw: bytes, data_key: bytes | None = None) -> None:
        """After ``raw`` (sealing ``data``) was put in place: cache it, and take its key."""
        if data_key is not None:
            self._key = data_key
        self._cached, self._cached_id, self.legacy = data, header_of(raw), False

    def keep_in_memory(self, data: dict[str, Any]) -> None:
        """Serve ``data`` until the file changes (a migration that could not be written)."""
        self._cached, self._cached_id = data, self.identity()

    def holds_document(self) -> bool:
        """True when a document is cached (read from the file, or kept in memory)."""
        return self._cached is not None

    def forget(self) -> None:
        """Drop the read cache (after the file was moved aside or replaced)."""
        self._cached, self._cached_id = None, None

    def close(self) -> None:
        """Nothing to release: files are opened per read and write."""
