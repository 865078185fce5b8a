"""One compartment of a space: a sealed document in a backend, read and written as plain dicts.

The contract (every backend keeps it; ``tests/contract`` checks it):

- :meth:`Compartment.get`, :meth:`~Compartment.find`, :meth:`~Compartment.all` return plain dicts
  (copies: changing one changes nothing stored), each with its id under ``"_id"``.
- :meth:`~Compartment.put` (create or replace by ``key``), :meth:`~Compartment.insert`,
  :meth:`~Compartment.update`, :meth:`~Compartment.remove` and :meth:`~Compartment.replace_table`
  are each one write: stored when they return, or not at all.
- :meth:`~Compartment.transaction` groups several reads and writes into one write over a
  :class:`Transaction` (the same operations, plain dicts too); an exception inside it stores
  nothing.
- Errors are :mod:`storage.errors` only: :class:`~storage.errors.StorageUnavailable` (its calm
  sentence can be shown as it is) when the backend can't be reached or written,
  :class:`~storage.errors.AccessDenied` for a deleted space or a document sealed under another
  key, :class:`~storage.errors.StorageError` for a value that cannot be stored (NaN).

How: TinyDB is the in-memory document engine and :class:`storage.sealed.SealedStorage` its only way
to the bytes, through a :class:`storage.backend.Backend`; no TinyDB object leaves this module.
TinyDB is not thread-safe and caches each table's next id, so every operation runs under a
per-compartment ``threading.RLock`` (sessions are threads of one process) and the backend's lock
(two server processes), and drops TinyDB's table objects first so ids are always computed from what
is stored now. Every write is also a compare-and-swap on the version read, so a backend whose locks
don't reach other processes (a database) still loses nothing: a write that finds someone else's
write first is done again on the new document.

Reading never needs write access: a read that cannot take its lock (a read-only or full data
folder) reads without it (every write is atomic, so a reader sees a whole document either way), and
a migration or a fresh start it cannot write is served from memory. A read while a database server
is away is served from the last document this process read, if it holds one. Only writes fail.

A document that cannot be read is set aside (never deleted) and the compartment starts afresh; one
sealed under another key than this compartment's raises :class:`storage.errors.AccessDenied` and is
left alone: that is a stale key (an old link file put back), not damage.
"""

from __future__ import annotations

import copy
import hmac
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from content.messages import t
from storage.backend import Backend, Conflict, Version
from storage.errors import AccessDenied, Contended, StorageError, calm
from storage.schema import META_TABLE, SchemaTooNew, fresh, migrate
from storage.sealed import SealedStorage, UnreadableFile, WrongKey

__all__ = ["ID", "Compartment", "Transaction"]

log = logging.getLogger(__name__)
ID = "_id"
ATTEMPTS = 60  # 8 gave up in CI: two processes x 2 threads x 25 saves on one PostgreSQL space
T = TypeVar("T")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Compartment:
    """Thread- and process-safe document operations on one sealed document of a backend."""

    def __init__(
        self, backend: Backend, stored_as: str, name: str, data_key: bytes, aad: bytes
    ) -> None:
        self.backend = backend
        self.stored_as = stored_as  # its name in the backend
        self.name = name
        self._key = data_key
        self._lock = threading.RLock()
        self._backend_lock = backend.lock(stored_as)
        self._storage = SealedStorage(backend, stored_as, data_key, aad)
        self._db = TinyDB(storage=lambda: self._storage)  # one instance per document, held here
        self.recovered_at: str | None = None  # set when an unreadable document was set aside
        self._gone = False  # the space was deleted: never write this document again
        self._checked: Version | None = None  # version last validated
        self._run(lambda db: None, write=False)  # opening validates, migrates, or sets aside

    def version(self) -> Version | None:
        """A token that changes whenever the document changes (for memoising reads in a run).

        While a database server is away: the version of the copy reads are served from.
        """
        try:
            return self._storage.identity()
        except ConnectionError as exc:
            if self._storage.holds_document():
                return self._storage.cached_id
            raise calm(exc) from exc
        except OSError as exc:
            raise calm(exc) from exc

    def held_version(self) -> Version | None:
        """The version this compartment read last (the caller holds :meth:`locked`)."""
        return self._storage.cached_id

    def opens_with(self, data_key: bytes) -> bool:
        """True when ``data_key`` is this compartment's key (constant-time)."""
        return hmac.compare_digest(self._key, data_key)

    # -- locking and recovery -------------------------------------------------------------------

    def _run(self, op: Callable[[TinyDB], T], write: bool = True) -> T:
        """Run ``op`` under :meth:`locked`, again on the new document if someone wrote first."""
        for attempt in range(ATTEMPTS):
            try:
                with self.locked(write, optimistic=write) as db:
                    return op(db)
            except Conflict:
                # Another process wrote between our read and our write (only a backend without
                # cross-process locks lets that happen): nothing was stored; read again, redo.
                time.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))
        log.warning("a compartment write kept meeting other writes; given up")
        raise Contended()

    @contextmanager
    def locked(self, write: bool = True, optimistic: bool = False) -> Iterator[TinyDB]:
        """Hold both locks, make sure the document is readable and current, and yield the TinyDB.

        ``write=False`` promises the caller only reads: then a lock that cannot be taken, or a
        migration that cannot be written, does not stop the read. For the store's own writes made
        with other names at once (caller uses :meth:`snapshot`, :meth:`sealed`, :meth:`adopt`).

        ``optimistic`` (the single operations, which :meth:`_run` can redo): on a backend whose
        locks don't reach other processes, the version is not read before the operation; the
        write's compare-and-swap checks it instead (one round trip to a database server instead
        of two per save), and an operation that ends without writing checks it after. Either way
        a copy someone else replaced is a :class:`storage.backend.Conflict`, and the operation is
        done again on the new document.
        """
        try:
            with self._lock, self._backend_locked(write) as held:
                if self._gone:
                    raise AccessDenied()
                self._db._tables.clear()  # TinyDB caches next ids per table object: start afresh
                trusting = (
                    optimistic
                    and not self.backend.locks_processes
                    and self._checked is not None
                    and self._storage.cached_id == self._checked
                )
                writes_before = self._storage.writes
                if not trusting:
                    self._ensure_readable(write)
                # Under the lock no one else writes: reads in this operation need no check.
                self._storage.pinned = held and self._storage.holds_document()
                try:
                    yield self._db
                except BaseException:
                    # TinyDB may have changed the cached document before the failure: put back
                    # the copy as last read or written (checked against storage before the next
                    # use), so nothing unsaved is ever served.
                    self._storage.roll_back()
                    self._checked = None
                    raise
                finally:
                    self._storage.pinned = False
                # Nothing was written, so no compare-and-swap checked the copy: check it now.
                unchecked = trusting and self._storage.writes == writes_before
                if unchecked and self._storage.identity() != self._checked:
                    self._storage.forget()
                    self._checked = None
                    raise Conflict(self.stored_as)
                # Our own write made a new version; it is valid, no need to check it again.
                self._checked = self._storage.cached_id
        except WrongKey:
            raise AccessDenied() from None
        except OSError as exc:
            log.warning("storage unavailable for a compartment: %s", exc.__class__.__name__)
            raise calm(exc) from exc

    @contextmanager
    def _backend_locked(self, write: bool) -> Iterator[bool]:
        try:
            self._backend_lock.acquire()
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
                self._backend_lock.release()

    def _ensure_readable(self, write: bool) -> None:
        try:
            unchanged = self._checked is not None and self._storage.identity() == self._checked
        except ConnectionError:
            if write or not self._storage.holds_document():
                raise
            # A database server away: a read is served from the last document this process saw
            # (as a read-only folder is read as it is), so a page still draws, with what the
            # user typed; writes fail calmly until the server is back.
            log.warning("storage unreachable; a read is served from this process's last copy")
            return
        if unchanged:
            return  # unchanged since it was last validated (every write makes a new version)
        try:
            self._validate()
        except Conflict:
            raise
        except OSError:
            if write:
                raise
            log.warning("a compartment could not be brought up to date in storage; read as it is")
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
        """Set unreadable bytes aside (never delete them) so the user can start again safely."""
        self._storage.forget()
        try:
            target = self.backend.set_aside(self.stored_as)
        except FileNotFoundError:
            target = None  # someone else set it aside (or replaced it) first
        except OSError:
            self.recovered_at = _now()  # told, even if it could not be moved (read-only)
            raise
        self._checked = None
        self.recovered_at = _now()
        log.warning("an unreadable compartment was set aside as %s", target)

    # -- documents ------------------------------------------------------------------------------

    def all(self, table: str) -> list[dict[str, Any]]:
        """Every document of ``table`` in insertion order, each with its id under ``_id``."""
        return self._run(lambda db: [_out(doc) for doc in db.table(table).all()], write=False)

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        """The document whose ``key`` field equals ``key``, or None."""

        def op(db: TinyDB) -> dict[str, Any] | None:
            doc = db.table(table).get(Query().key == key)
            return _out(doc) if doc is not None else None

        return self._run(op, write=False)

    def find(self, table: str, field: str, values: list[Any]) -> list[dict[str, Any]]:
        """The documents whose ``field`` is one of ``values`` (a search, not a whole-table copy)."""
        return self._run(
            lambda db: [_out(doc) for doc in db.table(table).search(Query()[field].one_of(values))],
            write=False,
        )

    def put(self, table: str, key: str, fields: dict[str, Any]) -> None:
        """Create or replace the document with this ``key`` (never a duplicate)."""
        body = _in(fields) | {"key": key}

        def op(db: TinyDB) -> None:
            tbl = db.table(table)
            found = tbl.get(Query().key == key)
            if found is None:
                tbl.insert(body)
            else:

                def replace(doc: dict[str, Any]) -> None:
                    doc.clear()
                    doc.update(body)

                tbl.update(replace, doc_ids=[found.doc_id])  # one write, same id

        self._run(op)

    def insert(self, table: str, fields: dict[str, Any]) -> int:
        """Append a document and return its id."""
        body = _in(fields)
        return self._run(lambda db: db.table(table).insert(body))

    def update(self, table: str, doc_id: int, fields: dict[str, Any]) -> bool:
        """Merge ``fields`` into one document; False when it no longer exists."""
        body = _in(fields)

        def op(db: TinyDB) -> bool:
            tbl = db.table(table)
            if not tbl.contains(doc_id=doc_id):
                return False
            tbl.update(body, doc_ids=[doc_id])
            return True

        return self._run(op)

    def remove(self, table: str, doc_id: int) -> None:
        """Delete one document if it exists."""

        def op(db: TinyDB) -> None:
            tbl = db.table(table)
            if tbl.contains(doc_id=doc_id):
                tbl.remove(doc_ids=[doc_id])

        self._run(op)

    def replace_table(self, table: str, docs: list[dict[str, Any]]) -> None:
        """Make ``table`` hold exactly ``docs`` (in one write)."""
        bodies = [_in(d) for d in docs]

        def op(db: TinyDB) -> None:
            db.drop_table(table)
            if bodies:
                db.table(table).insert_multiple(bodies)

        self._run(op)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Several reads and writes as one: under the locks, written once at the end, or not at all.

        The block works on a copy of the stored document; an exception inside it stores nothing.
        Used for read-modify-write sequences (make one plan cycle the active one). A block cannot
        be run twice, so if someone else's write lands between its read and its write (possible
        only on a backend without cross-process locks) nothing is stored and
        :class:`storage.errors.Contended` says to try again.
        """
        try:
            with self.locked() as db:
                document = copy.deepcopy(db.storage.read() or {})
                txn = Transaction(document)
                yield txn
                if txn.changed:
                    db.storage.write(document)
        except Conflict:
            raise Contended() from None

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table except the meta table, as plain lists (for backups)."""
        return self._run(
            lambda db: {
                name: [_in(dict(doc)) for doc in db.table(name).all()]
                for name in sorted(db.tables())
                if name != META_TABLE
            },
            write=False,
        )

    def loaded(self, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """The document that holds exactly ``tables`` (a validated backup), not yet written."""
        document = fresh(self.name, _now())
        for name, docs in tables.items():
            document[name] = {str(i): _in(d) for i, d in enumerate(docs, start=1)}
        return document

    def load(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every table with ``tables`` (a validated backup) in one write."""
        self._run(lambda db: self._storage.write(self.loaded(tables)))

    # -- for the store: writes made together with other names (caller holds ``locked()``) -------

    def snapshot(self) -> dict[str, Any]:
        """A copy of the whole document as it is now."""
        return copy.deepcopy(self._storage.read() or fresh(self.name, _now()))

    def sealed(self, document: dict[str, Any], data_key: bytes | None = None) -> bytes:
        """The stored bytes for ``document``, under this compartment's key or ``data_key``."""
        return self._storage.sealed(document, data_key)

    def adopt(
        self, document: dict[str, Any], version: Version, data_key: bytes | None = None
    ) -> None:
        """``document`` is now stored at ``version``: cache it, and take its key if new."""
        self._storage.adopt(document, version, data_key)
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
        """Delete this compartment's document (and what the backend keeps for it)."""
        with self._lock, self._backend_lock:
            self._storage.forget()
            self._checked = None
        self.backend.delete([self.stored_as])


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
        raise StorageError(t("That couldn't be saved: it held a number that isn't a real number."))
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _out(doc: Any) -> dict[str, Any]:
    return copy.deepcopy(dict(doc)) | {ID: doc.doc_id}
