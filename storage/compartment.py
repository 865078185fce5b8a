"""One compartment file of a space: a TinyDB instance behind a thread lock and a file lock.

TinyDB is not thread-safe and caches each table's next id, so every operation here runs under a
per-file ``threading.RLock`` (sessions are threads of one process) and a ``filelock.FileLock`` (two
server processes on one data folder), and drops TinyDB's table objects first so ids are always
computed from what is on disk now. Documents are handed out as plain dicts with their id under
``"_id"``; callers never see TinyDB.
"""

from __future__ import annotations

import copy
import hmac
import logging
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock
from tinydb import Query, TinyDB

from storage.errors import StorageError, StorageUnavailable
from storage.schema import META_TABLE, SchemaTooNew, fresh, migrate
from storage.sealed import SealedStorage, UnreadableFile

log = logging.getLogger(__name__)
T = TypeVar("T")
ID = "_id"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Compartment:
    """Thread- and process-safe document operations on one encrypted TinyDB file."""

    def __init__(self, path: Path, name: str, data_key: bytes, aad: bytes) -> None:
        self.path = path
        self.name = name
        self._key = data_key
        self._lock = threading.RLock()
        self._file_lock = FileLock(str(path) + ".lock", thread_local=False)
        self._storage = SealedStorage(path, data_key, aad)
        self._db = TinyDB(storage=lambda: self._storage)  # one instance per file, held here
        self.recovered_at: str | None = None  # set when an unreadable file was moved aside
        self._checked: tuple[int, int, int] | None = None  # file identity last validated
        with self.locked():
            pass  # opening validates, migrates, or sets a broken file aside

    def version(self) -> tuple[int, int, int] | None:
        """A token that changes whenever the file changes (for memoising reads within a run)."""
        return self._storage.identity()

    def opens_with(self, data_key: bytes) -> bool:
        """True when ``data_key`` is this compartment's key (constant-time)."""
        return hmac.compare_digest(self._key, data_key)

    # -- locking and recovery -------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[TinyDB]:
        """Hold both locks, make sure the file is readable and current, and yield the TinyDB."""
        try:
            with self._lock, self._file_lock:
                self._db._tables.clear()  # TinyDB caches next ids per table object: start afresh
                self._ensure_readable()
                try:
                    yield self._db
                except BaseException:
                    # TinyDB may have changed the cached document before the failure: drop the
                    # cache so the next operation reads what is really on disk.
                    self._storage.forget()
                    self._checked = None
                    raise
                # Our own write made a new file identity; it is valid, no need to check it again.
                self._checked = self._storage.identity()
        except OSError as exc:
            log.warning("storage unavailable for a compartment: %s", exc.__class__.__name__)
            raise StorageUnavailable() from exc

    def _ensure_readable(self) -> None:
        if self._checked is not None and self._storage.identity() == self._checked:
            return  # unchanged since it was last validated (every write makes a new identity)
        self._validate()
        self._checked = self._storage.identity()

    def _validate(self) -> None:
        try:
            document = self._storage.read()
        except UnreadableFile:
            self._set_aside()
            document = None
        if document is None:
            self._storage.write(fresh(self.name, _now()))
            return
        try:
            migrated, changed = migrate(document)
        except SchemaTooNew:
            self._set_aside()
            self._storage.write(fresh(self.name, _now()))
            return
        if changed:
            meta = migrated[META_TABLE]["1"]
            if meta.get("compartment") is None:
                meta["compartment"] = self.name
            self._storage.write(migrated)

    def _set_aside(self) -> None:
        """Move an unreadable file aside (never delete it) so the user can start again safely."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.replace(target)
        self._storage.forget()
        self._checked = None
        self.recovered_at = _now()
        log.warning("an unreadable compartment file was set aside as %s", target.name)

    # -- documents ------------------------------------------------------------------------------

    def all(self, table: str) -> list[dict[str, Any]]:
        """Every document of ``table`` in insertion order, each with its id under ``_id``."""
        with self.locked() as db:
            return [_out(doc) for doc in db.table(table).all()]

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        """The document whose ``key`` field equals ``key``, or None."""
        with self.locked() as db:
            doc = db.table(table).get(Query().key == key)
            return _out(doc) if doc is not None else None

    def find(self, table: str, field: str, values: list[Any]) -> list[dict[str, Any]]:
        """The documents whose ``field`` is one of ``values`` (a search, not a whole-table copy)."""
        with self.locked() as db:
            return [_out(doc) for doc in db.table(table).search(Query()[field].one_of(values))]

    def put(self, table: str, key: str, fields: dict[str, Any]) -> None:
        """Create or replace the document with this ``key`` (never a duplicate)."""
        body = _in(fields) | {"key": key}
        with self.locked() as db:
            tbl = db.table(table)
            found = tbl.get(Query().key == key)
            if found is None:
                tbl.insert(body)
            else:

                def replace(doc: dict[str, Any]) -> None:
                    doc.clear()
                    doc.update(body)

                tbl.update(replace, doc_ids=[found.doc_id])  # one write, same id

    def insert(self, table: str, fields: dict[str, Any]) -> int:
        """Append a document and return its id."""
        with self.locked() as db:
            return db.table(table).insert(_in(fields))

    def update(self, table: str, doc_id: int, fields: dict[str, Any]) -> bool:
        """Merge ``fields`` into one document; False when it no longer exists."""
        with self.locked() as db:
            tbl = db.table(table)
            if not tbl.contains(doc_id=doc_id):
                return False
            tbl.update(_in(fields), doc_ids=[doc_id])
            return True

    def remove(self, table: str, doc_id: int) -> None:
        """Delete one document if it exists."""
        with self.locked() as db:
            tbl = db.table(table)
            if tbl.contains(doc_id=doc_id):
                tbl.remove(doc_ids=[doc_id])

    def replace_table(self, table: str, docs: list[dict[str, Any]]) -> None:
        """Make ``table`` hold exactly ``docs`` (in one write)."""
        with self.locked() as db:
            db.drop_table(table)
            if docs:
                db.table(table).insert_multiple([_in(d) for d in docs])

    def apply(self, change: Callable[[TinyDB], T]) -> T:
        """Run several operations as one, under the locks (for read-modify-write sequences)."""
        with self.locked() as db:
            return change(db)

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table except the meta table, as plain lists (for backups)."""
        with self.locked() as db:
            return {
                name: [_in(dict(doc)) for doc in db.table(name).all()]
                for name in sorted(db.tables())
                if name != META_TABLE
            }

    def load(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every table with ``tables`` (a validated backup) in one write."""
        with self.locked():
            document = fresh(self.name, _now())
            for name, docs in tables.items():
                document[name] = {str(i): _in(d) for i, d in enumerate(docs, start=1)}
            self._storage.write(document)

    def erase(self) -> None:
        """Delete this compartment's file and lock file."""
        with self._lock, self._file_lock:
            self.path.unlink(missing_ok=True)
            self._storage.forget()
            self._checked = None
        Path(str(self.path) + ".lock").unlink(missing_ok=True)


def _in(fields: dict[str, Any]) -> dict[str, Any]:
    body = _clean(copy.deepcopy(dict(fields)))
    body.pop(ID, None)
    return body


def _clean(value: Any) -> Any:
    """Replace lone surrogates (not encodable as UTF-8) with U+FFFD, everywhere in a document.

    Nothing a browser sends should hold them, but a file that can't be written as UTF-8 would turn
    one odd character into a failed save, so they are mended at the door.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise StorageError("That couldn't be saved: it held a number that isn't a real number.")
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _out(doc: Any) -> dict[str, Any]:
    return copy.deepcopy(dict(doc)) | {ID: doc.doc_id}
