"""The data-folder backend: each name is a file under the data folder, as the app always kept them.

Writes go through :mod:`storage.atomic` (a temp file in the same folder, fsync, ``os.replace``,
folder fsync; :func:`storage.atomic.replace_all` for several files at once). Locks are
``filelock`` lock files beside each file (``<name>.lock``), so two server processes on one data
folder exclude each other. Set-aside copies are ``<name>.corrupt-<UTC stamp>`` beside the file.

A file's version is its first 24 bytes when it is sealed (magic, key id and the random nonce every
seal draws afresh), read with one small read; any other file (a link record) is versioned by a
hash of its bytes. Either way two versions are equal only when the bytes are, which is all a
compare-and-swap needs. Checking ``expect`` is exact only while the caller holds the names' locks
(the compartment and the store always do for sealed documents): a file system has no
compare-and-swap of its own.

A read-only data folder stays readable: reads open nothing for writing, and a lock that cannot be
created raises ``OSError`` from :meth:`FileLock.acquire`, which a reader may ignore.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from filelock import FileLock

from storage.atomic import replace_all, write_bytes
from storage.backend import Blob, Conflict, Version, aside_name

__all__ = ["FileBackend"]

SEALED_MAGICS = (b"ODX2", b"ODX1")
HEADER = 24


def _version_of(data: bytes) -> Version:
    if data.startswith(SEALED_MAGICS):
        return data[:HEADER]
    return hashlib.sha256(data).digest()


class FileBackend:
    """Sealed bytes as files under ``root`` (names are paths relative to it)."""

    locks_processes = True  # lock files: flock on each handle

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"FileBackend({str(self.root)!r})"

    def path(self, name: str) -> Path:
        """The file that holds ``name``."""
        if name.startswith("/") or ".." in Path(name).parts:
            raise ValueError("a stored name is a relative path inside the data folder")
        return self.root / name

    def prepare(self, *folders: str) -> None:
        """Create the folders names live in; a read-only folder is left as it is."""
        for folder in folders:
            with contextlib.suppress(OSError):
                (self.root / folder).mkdir(parents=True, exist_ok=True)

    def read(self, name: str) -> Blob | None:
        """The file's bytes and version, or None when there is no file."""
        try:
            data = self.path(name).read_bytes()
        except FileNotFoundError:
            return None
        return Blob(data, _version_of(data))

    def version(self, name: str) -> Version | None:
        """One small read: the sealed header (or a hash of a small unsealed file)."""
        try:
            with open(self.path(name), "rb") as handle:
                head = handle.read(HEADER)
                if head.startswith(SEALED_MAGICS):
                    return head
                return _version_of(head + handle.read())
        except FileNotFoundError:
            return None

    def write(
        self,
        writes: Mapping[str, bytes],
        removes: Iterable[str] = (),
        expect: Mapping[str, Version | None] | None = None,
    ) -> dict[str, Version]:
        """Atomic replace of one file, or :func:`storage.atomic.replace_all` for several."""
        for name, wanted in (expect or {}).items():
            if self.version(name) != wanted:
                raise Conflict(name)
        removes = list(removes)
        if len(writes) == 1 and not removes:
            ((name, data),) = writes.items()
            write_bytes(self.path(name), data)
        else:
            replace_all(
                {self.path(n): data for n, data in writes.items()},
                removes=[self.path(n) for n in removes],
            )
        return {name: _version_of(data) for name, data in writes.items()}

    def delete(self, names: Iterable[str]) -> None:
        """Remove each file, its lock file, and leftovers of an interrupted write (``.<name>.*``)."""
        for name in names:
            path = self.path(name)
            path.unlink(missing_ok=True)
            Path(f"{path}.lock").unlink(missing_ok=True)
            with contextlib.suppress(FileNotFoundError):
                for leftover in path.parent.glob(f".{path.name}.*"):
                    leftover.unlink(missing_ok=True)

    def names(self, prefix: str) -> list[str]:
        """Files whose name starts with ``prefix`` (lock files and temp files left out)."""
        folder, _, start = prefix.rpartition("/")
        where = self.root / folder if folder else self.root
        try:
            entries = list(where.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = [
            f"{folder}/{p.name}" if folder else p.name
            for p in entries
            if p.name.startswith(start)
            and not p.name.startswith(".")
            and not p.name.endswith(".lock")
            and p.is_file()
        ]
        return sorted(found)

    def lock(self, name: str) -> FileLock:
        """A lock file beside the file; a new handle each call (two handles exclude each other)."""
        return FileLock(f"{self.path(name)}.lock", thread_local=False)

    def set_aside(self, name: str) -> str:
        """Rename the file to ``<name>.corrupt-<stamp>``; raises ``OSError`` when it can't."""
        target = aside_name(name)
        self.path(name).replace(self.path(target))
        return target
