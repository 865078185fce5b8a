"""One compartment file of a space: a TinyDB instance behind a thread lock and a file lock.

TinyDB is not thread-safe and caches each table's next id, so every operation here runs under a
per-file ``threading.RLock`` (sessions are threads of one process) and a ``filelock.FileLock`` (two
server processes on one data folder), and drops TinyDB's table objects first so ids are always
computed from what is on disk now. Documents are handed out as plain dicts with their id under
``"_id"``; callers never see TinyDB.

Reading never needs write access: a read that cannot create its lock file (a read-only or full data
folder) reads without it (every write is an atomic replace, so a reader sees a whole file either
way), and a migration or a fresh start it cannot write is served from memory. Only writes fail, with
a calm :class:`storage.errors.StorageUnavailable`.

A file sealed under another key than this compartment's raises
:class:`storage.errors.AccessDenied` and is left alone: that is a stale key (an old link file put
back), not damage.
"""

from __future__ import annotations

import copy
import hmac
import logging
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock
from tinydb import Query, TinyDB

from storage.errors import AccessDenied, StorageError, calm
from storage.schema import META_TABLE, SchemaTooNew, fresh, migrate
from storage.sealed import SealedStorage, UnreadableFile, WrongKey

log = logging.getLogger(__name__)
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
        self._gone = False  # the space was deleted: never write this file again
        self._checked: bytes | None = None  # file header last validated
        with self.locked(write=False):
            pass  # opening validates, migrates, or sets a broken file aside

    def version(self) -> bytes | None:
        """A token that changes whenever the file changes (for memoising reads within a run)."""
        return self._storage.identity()

    def opens_with(self, data_key: bytes) -> bool:
        """True when ``data_key`` is this compartment's key (constant-time)."""
        return hmac.compare_digest(self._key, data_key)

    # -- locking and recovery -------------------------------------------------------------------

    @contextmanager
    def locked(self, write: bool = True) -> Iterator[TinyDB]:
        """Hold both locks, make sure the file is readable and current, and yield the TinyDB.

        ``write=False`` promises the caller only reads: then a lock file that cannot be made, or a
        migration that cannot be written, does not stop the read.
        """
        try:
            with self._lock, self._file_locked(write) as held:
                if self._gone:
                    raise AccessDenied()
                self._db._tables.clear()  # TinyDB caches next ids per table object: start afresh
                self._ensure_readable(write)
                # Under the file lock no one else writes: reads in this operation need no check.
                self._storage.pinned = held and self._storage.holds_document()
                try:
                    yield self._db
                except BaseException:
                    # TinyDB may have changed the cached document before the failure: drop the
                    # cache so the next operation reads what is really on disk.
                    self._storage.forget()
                    self._checked = None
                    raise
                finally:
                    self._storage.pinned = False
                # Our own write made a new file header; it is valid, no need to check it again.
                self._checked = self._storage.cached_id
        except WrongKey:
            raise AccessDenied() from None
        except OSError as exc:
            log.warning("storage unavailable for a compartment: %s", exc.__class__.__name__)
            raise calm(exc) from exc

    @contextmanager
    def _file_locked(self, write: bool) -> Iterator[bool]:
        try:
            self._file_lock.acquire()
        except OSError:
            if write:
                raise
            held = False  # read-only folder: a reader needs no lock to see a whole file
        else:
            held = True
        try:
            yield held
        finally:
            if held:
                self._file_lock.release()

    def _ensure_readable(self, write: bool) -> None:
        if self._checked is not None and self._storage.identity() == self._checked:
            return  # unchanged since it was last validated (every write makes a new header)
        try:
            self._validate()
        except OSError:
            if write:
                raise
            log.warning("a compartment could not be brought up to date on disk; read as it is")
            if not self._storage.holds_document():
                self._storage.keep_in_memory(fresh(self.name, _now()))  # unreadable, unmovable
            return
        self._checked = self._storage.cached_id

    def _validate(self) -> None:
        try:
            document = self._storage.read()
        except WrongKey:
            raise
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
        if changed or self._storage.legacy:
            try:
                self._storage.write(migrated)
            except OSError:
                self._storage.keep_in_memory(migrated)
                raise

    def _set_aside(self) -> None:
        """Move an unreadable file aside (never delete it) so the user can start again safely."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self._storage.forget()
        try:
            self.path.replace(target)
        except OSError:
            self.recovered_at = _now()  # told, even if the file could not be moved (read-only)
            raise
        self._checked = None
        self.recovered_at = _now()
        log.warning("an unreadable compartment file was set aside as %s", target.name)

    # -- documents ------------------------------------------------------------------------------

    def all(self, table: str) -> list[dict[str, Any]]:
        """Every document of ``table`` in insertion order, each with its id under ``_id``."""
        with self.locked(write=False) as db:
            return [_out(doc) for doc in db.table(table).all()]

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        """The document whose ``key`` field equals ``key``, or None."""
        with self.locked(write=False) as db:
            doc = db.table(table).get(Query().key == key)
            return _out(doc) if doc is not None else None

    def find(self, table: str, field: str, values: list[Any]) -> list[dict[str, Any]]:
        """The documents whose ``field`` is one of ``values`` (a search, not a whole-table copy)."""
        with self.locked(write=False) as db:
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

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Several reads and writes as one: under the locks, written once at the end, or not at all.

        The block works on a copy of the stored document; an exception inside it leaves the file
        exactly as it was. Used for read-modify-write sequences (make one plan cycle the active one).
        """
        with self.locked() as db:
            document = copy.deepcopy(db.storage.read() or {})
            txn = Transaction(document)
            yield txn
            if txn.changed:
                db.storage.write(document)

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table except the meta table, as plain lists (for backups)."""
        with self.locked(write=False) as db:
            return {
                name: [_in(dict(doc)) for doc in db.table(name).all()]
                for name in sorted(db.tables())
                if name != META_TABLE
            }

    def loaded(self, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """The document that holds exactly ``tables`` (a validated backup), not yet written."""
        document = fresh(self.name, _now())
        for name, docs in tables.items():
            document[name] = {str(i): _in(d) for i, d in enumerate(docs, start=1)}
        return document

    def load(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every table with ``tables`` (a validated backup) in one write."""
        with self.locked():
            self._storage.write(self.loaded(tables))

    # -- for the store: writes made together with other files (caller holds ``locked()``) -------

    def snapshot(self) -> dict[str, Any]:
        """A copy of the whole document as it is now."""
        return copy.deepcopy(self._storage.read() or fresh(self.name, _now()))

    def sealed(self, document: dict[str, Any], data_key: bytes | None = None) -> bytes:
        """The file's bytes for ``document``, under this compartment's key or ``data_key``."""
        return self._storage.sealed(document, data_key)

    def adopt(self, document: dict[str, Any], raw: bytes, data_key: bytes | None = None) -> None:
        """``raw`` (sealing ``document``) is now the file: cache it, and take its key if new."""
        self._storage.adopt(document, raw, data_key)
        if data_key is not None:
            self._key = data_key

    def drop_cache(self) -> None:
        """Forget the decrypted document, unless another thread is using it right now."""
        if self._lock.acquire(blocking=False):
            try:
                self._storage.forget()
                self._checked = None
            finally:
                self._lock.release()

    def gone(self) -> None:
        """The space was deleted (caller holds the thread lock): refuse every later operation."""
        self._gone = True
        self._storage.forget()
        self._checked = None

    def erase(self) -> None:
        """Delete this compartment's file and lock file."""
        with self._lock, self._file_lock:
            self.path.unlink(missing_ok=True)
            self._storage.forget()
            self._checked = None
        Path(str(self.path) + ".lock").unlink(missing_ok=True)


class Transaction:
    """The document operations of :class:`Compartment` over one copy of its stored document.

    Only :meth:`Compartment.transaction` makes one; nothing is stored until its block ends. Ids are
    assigned as TinyDB assigns them (one more than the largest in the table), so documents written
    here and documents written by the single operations are the same shape.
    """

    def __init__(self, document: dict[str, Any]) -> None:
        self._doc = document
        self.changed = False

    def _table(self, name: str) -> dict[str, Any]:
        table = self._doc.get(name)
        return table if isinstance(table, dict) else {}

    def _writable(self, name: str) -> dict[str, Any]:
        self.changed = True
        table = self._doc.get(name)
        if not isinstance(table, dict):
            table = self._doc[name] = {}
        return table

    def all(self, table: str) -> list[dict[str, Any]]:
        """Every document of ``table`` in id order, each with its id under ``_id``."""
        rows = sorted(self._table(table).items(), key=lambda item: _id_of(item[0]))
        return [copy.deepcopy(doc) | {ID: _id_of(i)} for i, doc in rows if isinstance(doc, dict)]

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        """The first document whose ``key`` field equals ``key``, or None."""
        return next((d for d in self.all(table) if d.get("key") == key), None)

    def find(self, table: str, field: str, values: list[Any]) -> list[dict[str, Any]]:
        """The documents whose ``field`` is one of ``values``."""
        return [d for d in self.all(table) if d.get(field) in values]

    def insert(self, table: str, fields: dict[str, Any]) -> int:
        """Append a document and return its id."""
        rows = self._writable(table)
        doc_id = max((_id_of(i) for i in rows), default=0) + 1
        rows[str(doc_id)] = _in(fields)
        return doc_id

    def put(self, table: str, key: str, fields: dict[str, Any]) -> None:
        """Create or replace the document with this ``key`` (same id when it exists)."""
        found = self.get(table, key)
        if found is None:
            self.insert(table, fields | {"key": key})
        else:
            self._writable(table)[str(found[ID])] = _in(fields) | {"key": key}

    def update(self, table: str, doc_id: int, fields: dict[str, Any]) -> bool:
        """Merge ``fields`` into one document; False when it doesn't exist."""
        doc = self._table(table).get(str(doc_id))
        if not isinstance(doc, dict):
            return False
        self._writable(table)[str(doc_id)] = doc | _in(fields)
        return True

    def remove(self, table: str, doc_id: int) -> None:
        """Delete one document if it exists."""
        if str(doc_id) in self._table(table):
            del self._writable(table)[str(doc_id)]


def _id_of(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


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
