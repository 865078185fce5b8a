"""A TinyDB storage that keeps each file encrypted and writes it atomically.

File format: ``ODX1`` + 12-byte nonce + AES-GCM ciphertext of the JSON document; the space id and
compartment name are the associated data, so a file copied over another space's cannot be opened
as that space. A file without the magic prefix is read as plain JSON (the format before encryption)
and is encrypted on its next write: that is the migration for plain files.

Reads are cached by the file's identity (inode, size, mtime): every write replaces the file with a
new inode, so a change made by this process or another one is always seen, and a page that reads ten
tables costs one decrypt, not ten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tinydb.storages import Storage

from storage.atomic import write_bytes

MAGIC = b"ODX1"


class UnreadableFile(Exception):
    """The file exists but cannot be decrypted or parsed as a space."""


def seal(document: dict[str, Any], data_key: bytes, aad: bytes) -> bytes:
    """Serialise and encrypt one document."""
    plain = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    nonce = os.urandom(12)
    return MAGIC + nonce + AESGCM(data_key).encrypt(nonce, plain.encode("utf-8"), aad)


def unseal(raw: bytes, data_key: bytes, aad: bytes) -> dict[str, Any]:
    """Decrypt and parse a file's bytes; plain JSON (pre-encryption files) is accepted too."""
    try:
        if raw.startswith(MAGIC):
            plain = AESGCM(data_key).decrypt(raw[4:16], raw[16:], aad)
        else:
            plain = raw
        document = json.loads(plain.decode("utf-8"), parse_constant=_reject_constant)
    except Exception as exc:  # every way of failing means the same to the caller
        raise UnreadableFile(str(exc)) from exc
    if not isinstance(document, dict) or not all(isinstance(v, dict) for v in document.values()):
        raise UnreadableFile("not a mapping of tables")
    return document


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid data")


class SealedStorage(Storage):
    """TinyDB storage over one encrypted file, with an identity-checked read cache."""

    def __init__(self, path: str | Path, data_key: bytes, aad: bytes) -> None:
        self.path = Path(path)
        self._key = data_key
        self._aad = aad
        self._cached_id: tuple[int, int, int] | None = None
        self._cached: dict[str, Any] | None = None

    def _identity(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def read(self) -> dict[str, Any] | None:
        """Return the whole document, or None for a file not yet written.

        The cached document itself is returned, not a copy: copying a five-year space on every
        read was most of the cost of a save. TinyDB mutates it only on the way to a write, and
        :class:`storage.compartment.Compartment` drops this cache whenever an operation fails, so
        the cache never holds anything the file does not.
        """
        identity = self._identity()
        if identity is None:
            return None
        if identity != self._cached_id or self._cached is None:
            document = unseal(self.path.read_bytes(), self._key, self._aad)
            self._cached, self._cached_id = document, identity
        return self._cached

    def write(self, data: dict[str, Any]) -> None:
        """Encrypt and atomically replace the file; ``data`` becomes the cache."""
        write_bytes(self.path, seal(data, self._key, self._aad))
        self._cached, self._cached_id = data, self._identity()

    def identity(self) -> tuple[int, int, int] | None:
        """The file's (inode, size, mtime) now; changes with every write by any process."""
        return self._identity()

    def forget(self) -> None:
        """Drop the read cache (after the file was moved aside or replaced)."""
        self._cached, self._cached_id = None, None

    def close(self) -> None:
        """Nothing to release: files are opened per read and write."""
