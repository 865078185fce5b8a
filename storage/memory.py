"""An in-memory backend: the storage contract with nothing underneath (tests, and a reference).

It keeps every promise of :class:`storage.backend.Backend` within one process: writes are
all-or-nothing under one lock, versions are a counter that never repeats, two lock handles for a
name exclude each other (so two :class:`storage.store.Store` objects over one ``MemoryBackend``
behave like two server processes over one data folder), and set-aside copies are kept.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Mapping

from storage.backend import Blob, Conflict, LocalLock, LocalLocks, Version, aside_name

__all__ = ["MemoryBackend"]


class MemoryBackend:
    """Names to (bytes, version) in a dict, guarded by one lock."""

    locks_processes = True  # every handle of a name shares one lock

    def __init__(self) -> None:
        self._blobs: dict[str, Blob] = {}
        self._guard = threading.Lock()
        self._locks = LocalLocks()
        self._counter = itertools.count(1)

    def __repr__(self) -> str:
        return f"MemoryBackend({len(self._blobs)} names)"

    def read(self, name: str) -> Blob | None:
        """The bytes and version stored under ``name``, or None."""
        with self._guard:
            return self._blobs.get(name)

    def version(self, name: str) -> Version | None:
        """The version of ``name``, or None."""
        blob = self.read(name)
        return blob.version if blob is not None else None

    def write(
        self,
        writes: Mapping[str, bytes],
        removes: Iterable[str] = (),
        expect: Mapping[str, Version | None] | None = None,
    ) -> dict[str, Version]:
        """Check ``expect``, then apply every write and removal under one lock."""
        removes = list(removes)
        with self._guard:
            for name, wanted in (expect or {}).items():
                found = self._blobs.get(name)
                if (found.version if found is not None else None) != wanted:
                    raise Conflict(name)
            versions: dict[str, Version] = {}
            for name, data in writes.items():
                versions[name] = next(self._counter)
                self._blobs[name] = Blob(bytes(data), versions[name])
            for name in removes:
                self._blobs.pop(name, None)
            return versions

    def delete(self, names: Iterable[str]) -> None:
        """Remove ``names``."""
        with self._guard:
            for name in names:
                self._blobs.pop(name, None)

    def names(self, prefix: str) -> list[str]:
        """Every name starting with ``prefix``, sorted."""
        with self._guard:
            return sorted(n for n in self._blobs if n.startswith(prefix))

    def lock(self, name: str) -> LocalLock:
        """A new handle on ``name``'s lock."""
        return self._locks.lock(name)

    def set_aside(self, name: str) -> str:
        """Keep the bytes under ``<name>.corrupt-<stamp>`` and remove ``name``."""
        target = aside_name(name)
        with self._guard:
            blob = self._blobs.pop(name, None)
            if blob is None:
                raise FileNotFoundError(name)
            self._blobs[target] = Blob(blob.data, next(self._counter))
        return target
