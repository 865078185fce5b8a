"""A compartment on one file, for tests that are about one compartment file (not a whole Store)."""

from __future__ import annotations

from pathlib import Path

from storage.compartment import Compartment
from storage.files import FileBackend


def file_compartment(path: Path, name: str, data_key: bytes, aad: bytes) -> Compartment:
    """The compartment stored as ``path`` (a file backend on its folder)."""
    return Compartment(FileBackend(path.parent), path.name, name, data_key, aad)
