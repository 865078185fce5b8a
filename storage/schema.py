"""Schema versions of a compartment file and the migrations between them.

Every compartment keeps ``{"_meta": {"1": {"schema": N, ...}}}``. A migration is a plain function
from the raw document at version N to version N+1; :func:`migrate` runs them in order when a file
is opened, so old files keep working after the shape of the data changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_ID = "1"

Document = dict[str, Any]


def _v0_to_v1(doc: Document) -> Document:
    """Files from before versioning: add the meta record."""
    doc = dict(doc)
    doc[META_TABLE] = {META_ID: {"schema": 1}}
    return doc


def _v1_to_v2(doc: Document) -> Document:
    """Version 2 records which compartment a file is, so a swapped file is caught on open."""
    doc = dict(doc)
    meta = dict(doc.get(META_TABLE, {}).get(META_ID, {}))
    meta.setdefault("compartment", None)
    meta["schema"] = 2
    doc[META_TABLE] = {META_ID: meta}
    return doc


MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1, 1: _v1_to_v2}


class SchemaTooNew(Exception):
    """The file was written by a newer version of the app."""


def version_of(doc: Document) -> int:
    """The schema version a raw document declares (0 when it has none)."""
    meta = doc.get(META_TABLE, {}).get(META_ID, {})
    version = meta.get("schema", 0) if isinstance(meta, dict) else 0
    return version if isinstance(version, int) and version >= 0 else 0


def migrate(doc: Document) -> tuple[Document, bool]:
    """Bring ``doc`` to :data:`SCHEMA_VERSION`; returns the document and whether it changed."""
    version = version_of(doc)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"schema {version} is newer than {SCHEMA_VERSION}")
    changed = False
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        changed = True
    return doc, changed


def fresh(compartment: str, created: str) -> Document:
    """The document of a new, empty compartment."""
    return {
        META_TABLE: {
            META_ID: {"schema": SCHEMA_VERSION, "compartment": compartment, "created": created}
        }
    }
