"""Crash-safe file writes: a temp file in the same folder, fsync, then ``os.replace``.

``os.replace`` is atomic on POSIX and Windows when source and target are on one filesystem, so a
reader (or a restart after a kill) sees either the old bytes or the new ones, never half a file. The
folder is fsynced too so the rename itself survives a power cut.

:func:`replace_all` changes several files as one step for an operation that must not stop halfway
(a restore writes two compartments, a new link writes its file and its record): every new file is
first written and fsynced beside its target, so a full disk fails before anything is replaced; then
each target is replaced in turn, with the old file kept under a hard link until all are done, so an
error among the renames puts every old file back. A kill during the renames (a few microseconds)
can still leave some replaced and some not; that window is what remains.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` durably to a temp file beside ``path``; returns the temp file's name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _keep(path: Path) -> Path | None:
    """Keep the current ``path`` under a spare name (a hard link: no bytes copied)."""
    if not path.exists():
        return None
    spare = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old")
    try:
        os.link(path, spare)
    except OSError:
        shutil.copy2(path, spare)  # a file system without hard links
    return spare


def replace_all(writes: dict[Path, bytes], removes: Iterable[Path] = ()) -> None:
    """Write every file of ``writes`` and remove every file of ``removes``: all of it, or none.

    Raises the first ``OSError`` after putting every file back as it was.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in writes.items():
            staged.append((path, _stage(path, data)))
    except BaseException:
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    done: list[tuple[Path, Path | None]] = []  # (target, the old file kept aside, if any)
    try:
        for path, tmp in staged:
            done.append((path, _keep(path)))
            os.replace(tmp, path)
        for path in removes:
            if path.exists():
                spare = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old")
                os.replace(path, spare)
                done.append((path, spare))
    except BaseException:
        for path, spare in reversed(done):
            with contextlib.suppress(OSError):
                if spare is not None:
                    os.replace(spare, path)
                else:
                    os.unlink(path)
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for _, spare in done:
        if spare is not None:
            with contextlib.suppress(OSError):
                os.unlink(spare)
    for folder in {path.parent for path, _ in done}:
        fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk; a no-op where the platform cannot open folders."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
