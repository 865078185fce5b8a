"""Errors the storage layer raises, each carrying a calm sentence a page can show as it is.

These are the only exceptions :class:`storage.store.Store` and
:class:`storage.compartment.Compartment` let out, whatever the backend.
"""

from __future__ import annotations

import errno

__all__ = [
    "AccessDenied",
    "BackupError",
    "Contended",
    "DiskFull",
    "StorageError",
    "StorageUnavailable",
    "calm",
]


class StorageError(Exception):
    """Base class: ``message`` is safe to show to a user (no paths, keys or internals)."""

    message = "Something went wrong while saving. Nothing you typed was lost; please try again."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message:
            self.message = message


class StorageUnavailable(StorageError):
    """Storage cannot be reached or written (disk full, read-only folder, database away)."""

    message = (
        "We couldn't save just now because the app's storage is unavailable. What you typed is "
        "still on this page; please try again in a moment, or download a backup from My data."
    )


class Contended(StorageUnavailable):
    """A write kept meeting other processes' writes to the same space and was given up.

    Nothing was stored; it says what every unavailable-storage error says ("try again in a
    moment" is exactly right).
    """


class AccessDenied(StorageError):
    """A compartment was asked for without the key that opens it."""

    message = "This link doesn't open anything."


class BackupError(StorageError):
    """A backup file could not be accepted; ``message`` says what is wrong with it."""


class DiskFull(StorageUnavailable):
    """The data folder's disk is full (``ENOSPC``).

    It says what every unavailable-storage error says (pages match on that sentence, and "try
    again in a moment" holds once space is freed); the type lets a page or a log tell it apart.
    """


def calm(exc: OSError) -> StorageUnavailable:
    """The calm error a page shows for an ``OSError`` from the data folder."""
    return DiskFull() if exc.errno == errno.ENOSPC else StorageUnavailable()
