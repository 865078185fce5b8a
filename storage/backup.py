"""Backups: one JSON file with a whole space's data, and strict checks before anything is restored.

A backup holds both compartments' tables but no keys, hashes or link files: restoring it into a
space keeps that space's own links. :func:`parse_backup` refuses anything odd with a sentence that
says what is wrong, so the page can show it as it is and nothing is overwritten by a bad file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from content.messages import t
from storage.errors import BackupError
from storage.schema import SCHEMA_VERSION

FORMAT = "open-door-backup"
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 12
MAX_TEXT = 20_000
COMPARTMENTS = ("private", "shared")
# Owner-side link metadata is never part of a backup: links belong to the space they were made in.
NOT_BACKED_UP = {"private": {"links"}, "shared": set()}


@dataclass(frozen=True)
class Backup:
    """A parsed, validated backup: tables per compartment and when it was made."""

    exported: str
    tables: dict[str, dict[str, list[dict[str, Any]]]]

    def count(self) -> int:
        """How many records the backup holds in all."""
        return sum(len(docs) for tables in self.tables.values() for docs in tables.values())


def build_backup(tables: dict[str, dict[str, list[dict[str, Any]]]]) -> bytes:
    """Serialise both compartments' tables (links left out) as a backup file."""
    clean = {
        name: {t: docs for t, docs in tables.get(name, {}).items() if t not in NOT_BACKED_UP[name]}
        for name in COMPARTMENTS
    }
    document = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "compartments": clean,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def parse_backup(raw: bytes) -> Backup:
    """Validate a backup file's bytes; raise BackupError with a plain reason if anything is off."""
    try:
        return _parse(raw)
    except BackupError as exc:
        raise BackupError(t("{reason} Nothing was changed.", reason=exc.message)) from exc


def _parse(raw: bytes) -> Backup:
    if len(raw) > MAX_BYTES:
        raise BackupError(
            t(
                "This file is larger than {size} MB, so it can't be an Open Door backup.",
                size=MAX_BYTES // (1024 * 1024),
            )
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark added by some editors is harmless: accept it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BackupError(t("This file isn't readable text, so it can't be a backup.")) from exc
    try:
        document = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except RecursionError as exc:
        raise BackupError(t("This file is nested too deeply to be a backup.")) from exc
    except BackupError:
        raise
    except ValueError as exc:
        raise BackupError(
            t("This file isn't a complete backup: it may have been cut short or edited. ")
        ) from exc
    return _validate(document)


def _no_constants(name: str) -> None:
    raise BackupError(t("This file contains a value ({name}) that a backup never has.", name=name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise BackupError(
                t("This file repeats the same field twice, so it was edited or damaged. ")
            )
        seen[key] = value
    return seen


def _validate(document: Any) -> Backup:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(t("This doesn't look like an Open Door backup."))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise BackupError(t("This backup doesn't say which version made it."))
    if schema > SCHEMA_VERSION:
        raise BackupError(t("This backup was made by a newer version of Open Door than this one."))
    exported = document.get("exported")
    if not isinstance(exported, str):
        raise BackupError(t("This backup is missing the date it was made."))
    compartments = document.get("compartments")
    if not isinstance(compartments, dict) or set(compartments) - set(COMPARTMENTS):
        raise BackupError(t("This backup's contents are not in the expected shape."))
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name in COMPARTMENTS:
        part = compartments.get(name, {})
        if not isinstance(part, dict):
            raise BackupError(t("This backup's contents are not in the expected shape."))
        tables[name] = {}
        for table, docs in part.items():
            if not _table_name_ok(table) or table in NOT_BACKED_UP[name]:
                raise BackupError(
                    t("This backup has an unexpected section ({table}).", table=repr(table[:40]))
                )
            if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
                raise BackupError(
                    t("The section {table} in this backup is damaged.", table=repr(table))
                )
            for doc in docs:
                _check_value(doc, depth=1)
            tables[name][table] = docs
    return Backup(exported=exported, tables=tables)


def _table_name_ok(name: str) -> bool:
    return (
        0 < len(name) <= 40
        and name.replace("_", "").isalnum()
        and name.isascii()
        and name != "_meta"
    )


def _check_value(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise BackupError(t("This backup is nested more deeply than any real backup."))
    if isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_value(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_value(item, depth + 1)
    elif isinstance(value, str):
        _check_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise BackupError(t("This backup contains a number that isn't a real number."))
    elif value is not None and not isinstance(value, bool | int | float):
        raise BackupError(t("This backup contains a value of an unexpected kind."))


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise BackupError(t("This backup contains a piece of text far longer than the app allows."))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BackupError(t("This backup contains broken characters.")) from exc
