"""The I/O seam of storage: sealed bytes by name, and nothing else.

Everything above this interface (:mod:`storage.compartment`, :mod:`storage.store`) decides *what*
is stored: documents sealed with AES-GCM, link records holding only a key's hash and wrapped keys.
A backend only keeps opaque bytes under names such as ``spaces/<id>.private.db`` or
``links/<sha256>.json`` and never sees a key or a plain document, so whatever can read a backend
(a copy of the data folder, a database dump) opens nothing.

A backend keeps these promises, and ``tests/contract`` checks them for every backend:

- :meth:`Backend.read` returns the bytes and a *version*, an opaque token that is different after
  every write of a name (never reused, even after a delete), or ``None`` for a name not stored.
  :meth:`Backend.version` returns the same token without the bytes: a cheap check that lets the
  compartment keep a decrypted document in memory until someone else writes.
- :meth:`Backend.write` stores several names and removes others as one change: all of it or none
  of it, durable when it returns. With ``expect`` it is a compare-and-swap: every name listed must
  still be at the version given (``None``: not stored), or nothing is written and
  :class:`Conflict` is raised. That is how two processes never lose each other's writes, whatever
  the backend's locks can or cannot do.
- :meth:`Backend.lock` gives a lock handle for a name. Two handles for one name exclude each other
  (across threads, and across processes where the backend can: files can, a database relies on
  ``expect``); one handle is re-entrant and is used by one holder at a time (the compartment's
  thread lock sees to that). Acquiring may raise ``OSError`` where locking needs a write that is
  impossible (a read-only folder); a reader may then go on without it.
- :attr:`Backend.locks_processes` says whether two handles exclude each other across processes. When
  they do, a holder of a name's lock that has checked its version may write it without ``expect``
  (it would only repeat the check: the compartment skips it, which saves a file open per save).
- :meth:`Backend.set_aside` moves unreadable bytes to a new name under the same prefix (never
  deletes them) and returns that name.
- :meth:`Backend.names` lists the names under a prefix (set-aside copies included), and
  :meth:`Backend.delete` removes names (and anything the backend keeps for them: lock files,
  leftovers of an interrupted write).
- When the storage cannot be reached or written (disk full, read-only folder, database server
  away) a backend raises ``OSError`` (``ConnectionError`` for a server away); the layer above turns
  it into the calm :class:`storage.errors.StorageUnavailable`. Nothing else leaks out.

Backends: :class:`storage.files.FileBackend` (a data folder, exactly the app's original layout),
:class:`storage.memory.MemoryBackend` (tests, and a model of the contract), and
:class:`storage.postgres.PostgresBackend` (deployments; one row per name).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

__all__ = [
    "Backend",
    "Blob",
    "Conflict",
    "LocalLock",
    "LocalLocks",
    "Lock",
    "Version",
    "aside_name",
]

Version = Hashable


@dataclass(frozen=True)
class Blob:
    """Bytes read from a backend and the version they were read at."""

    data: bytes
    version: Version


class Conflict(Exception):
    """A write's ``expect`` did not hold: someone else wrote first, and nothing was written."""


class LocalLocks:
    """One shared ``threading.Lock`` per name, handed out as :class:`LocalLock` handles."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def lock(self, name: str) -> LocalLock:
        """A new handle on ``name``'s lock (every handle of one name excludes the others)."""
        with self._guard:
            shared = self._locks.setdefault(name, threading.Lock())
        return LocalLock(shared)


def aside_name(name: str) -> str:
    """Where every backend keeps a damaged document's bytes: ``<name>.corrupt-<UTC stamp>``."""
    return f"{name}.corrupt-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"


@runtime_checkable
class Lock(Protocol):
    """A re-entrant lock handle; two handles for one name exclude each other."""

    def acquire(self) -> object: ...

    def release(self) -> None: ...

    def __enter__(self) -> object: ...

    def __exit__(self, *exc: object) -> None: ...


class LocalLock:
    """A re-entrant handle on a ``threading.Lock`` shared by every handle of one name.

    For backends whose locks exclude threads of one process only (memory, a database, where the
    version check in :meth:`Backend.write` guards across processes).
    """

    def __init__(self, shared: threading.Lock) -> None:
        self._shared = shared
        self._depth = 0

    def acquire(self) -> LocalLock:
        """Take the shared lock (once per handle; again only counts)."""
        if self._depth == 0:
            self._shared.acquire()
        self._depth += 1
        return self

    def release(self) -> None:
        """Give it back when the last acquire is released."""
        self._depth -= 1
        if self._depth == 0:
            self._shared.release()

    def __enter__(self) -> LocalLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@runtime_checkable
class Backend(Protocol):
    """Sealed bytes by name (see the module docstring for every promise)."""

    locks_processes: bool

    def read(self, name: str) -> Blob | None:
        """The bytes stored under ``name`` and their version, or None."""
        ...

    def version(self, name: str) -> Version | None:
        """The version of ``name`` now, or None when it is not stored."""
        ...

    def write(
        self,
        writes: Mapping[str, bytes],
        removes: Iterable[str] = (),
        expect: Mapping[str, Version | None] | None = None,
    ) -> dict[str, Version]:
        """Store ``writes`` and remove ``removes`` as one change; returns the new versions."""
        ...

    def delete(self, names: Iterable[str]) -> None:
        """Remove ``names`` (and what the backend keeps for them); missing names are fine."""
        ...

    def names(self, prefix: str) -> list[str]:
        """Every stored name that starts with ``prefix``, sorted."""
        ...

    def lock(self, name: str) -> Lock:
        """A new lock handle for ``name``."""
        ...

    def set_aside(self, name: str) -> str:
        """Move ``name``'s bytes to a new name (kept, never deleted); returns the new name."""
        ...
