"""The PostgreSQL backend: one row per stored name, through SQLAlchemy 2 and psycopg 3.

The schema is one table, ``open_door_blobs (name, data, version, updated)``, made and changed only
by the Alembic migrations in ``storage/migrations`` (applied when a backend is first made in a
process, and by ``python -m storage migrate``). A row is what a file is in a data folder: a whole
compartment sealed as one document (``spaces/<id>.private.db``), or one link record holding only
a key's hash and wrapped keys (``links/<sha256>.json``). Why one sealed document per compartment
and not a row per record: a row per record would show the database which tables a space uses, how
many entries each has and when each changed (when someone wrote in their journal, how often they
rated a week), and keys would have to be unwrapped to move rows between spaces or backends. As one
sealed document a compartment moves as it is (``python -m storage copy``), and a dump opens nothing.
The cost is rewriting the whole document per save, which the files pay too and the benchmark
measures (``bench/postgres.py``).

Safe across processes: every write is one transaction, and a write with ``expect`` (the
compartment always passes the version it read) is ``UPDATE ... WHERE version = :read`` (or an
``INSERT ... ON CONFLICT DO NOTHING`` for a name expected absent), so the row lock PostgreSQL takes
for the update and the version check together make a lost update impossible: the second of two
racing writers updates no row, nothing it wrote is kept, and the compartment redoes its operation
on the new document. Versions come from one sequence, so they never repeat, even after a delete.
Locks (:meth:`PostgresBackend.lock`) exclude threads of this process only; across processes the
version check is the guarantee (``locks_processes = False``).

Connections: a pool with ``pre_ping`` (a connection the server dropped is replaced before use),
``pool_recycle`` below the idle cut-off of hosted servers, bounded connect, checkout, statement and
lock timeouts, and TCP keepalives. A dropped connection is retried once. A write whose connection
broke while committing is checked by reading back what it wrote (every sealed write is unique: a
fresh nonce), so it is reported done only when it is stored, and done again only when it is not.
Anything that still fails is raised as ``ConnectionError`` (an ``OSError``), which the layers
above turn into the calm :class:`storage.errors.StorageUnavailable`; the next operation tries the
server again, so the app works again by itself when the database is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from storage.backend import Blob, Conflict, LocalLock, LocalLocks, Version, aside_name

__all__ = ["PostgresBackend", "engine_url", "migrate"]

log = logging.getLogger(__name__)
T = TypeVar("T")

TABLE = "open_door_blobs"
CONNECT_TIMEOUT = 5  # seconds to reach the server
POOL_TIMEOUT = 5  # seconds to wait for a free connection in the pool
STATEMENT_TIMEOUT_MS = 15_000
LOCK_TIMEOUT_MS = 5_000
RECYCLE = 240  # hosted servers (Neon, Supabase's pooler) drop connections idle for ~5 minutes
MIGRATIONS = Path(__file__).with_name("migrations")

_migrated: set[str] = set()
_migrating = threading.Lock()


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for ``url``, with the psycopg 3 driver (``postgres://`` accepted)."""
    url = url.strip()
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def make_engine(url: str, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """An engine with a pre-pinging, recycled pool and bounded timeouts."""
    engine = sqlalchemy.create_engine(
        engine_url(url),
        pool_pre_ping=True,
        pool_recycle=RECYCLE,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=POOL_TIMEOUT,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT,
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "application_name": "open-door",
        },
    )

    @sqlalchemy.event.listens_for(engine, "connect")
    def _bounded(dbapi_connection: Any, _record: Any) -> None:
        # Set per connection, not as startup options: poolers such as Neon's refuse those.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"set statement_timeout = {STATEMENT_TIMEOUT_MS}")
            cursor.execute(f"set lock_timeout = {LOCK_TIMEOUT_MS}")
        dbapi_connection.commit()

    return engine


def migrate(url: str) -> None:
    """Bring the database's schema to the newest Alembic revision (safe to run at every start)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine_url(url).replace("%", "%%"))
    command.upgrade(config, "head")


def _ensure_migrated(url: str) -> None:
    with _migrating:
        if url in _migrated:
            return
        try:
            migrate(url)
        except SQLAlchemyError as exc:
            raise ConnectionError("the database could not be reached to check its schema") from exc
        _migrated.add(url)


def _disconnected(exc: BaseException) -> bool:
    return isinstance(exc, PoolTimeout) or (
        isinstance(exc, DBAPIError) and (exc.connection_invalidated or _is_operational(exc))
    )


def _is_operational(exc: DBAPIError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.OperationalError | psycopg.InterfaceError)


class PostgresBackend:
    """Sealed bytes as rows of ``open_door_blobs`` (see the module docstring)."""

    locks_processes = False  # locks are per process; the version check guards the rest

    def __init__(self, url: str, pool_size: int = 5, max_overflow: int = 10) -> None:
        self.url = url
        self._engine = make_engine(url, pool_size, max_overflow)
        self._locks = LocalLocks()
        self._guard = threading.Lock()
        self._ready = False

    def __repr__(self) -> str:
        return f"PostgresBackend({self._engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    # -- running statements -----------------------------------------------------------------------

    def _run(self, work: Callable[[Connection], T], attempts: int = 2) -> T:
        """``work`` in one transaction; a dropped connection is retried, then ConnectionError."""
        if not self._ready:
            _ensure_migrated(self.url)  # on start: the first use in this process
            self._ready = True
        for attempt in range(1, attempts + 1):
            try:
                with self._engine.begin() as connection:
                    return work(connection)
            except (DBAPIError, PoolTimeout) as exc:
                if not _disconnected(exc):
                    raise
                if attempt == attempts:
                    log.warning("database unavailable: %s", exc.__class__.__name__)
                    raise ConnectionError("the database is unavailable") from exc
                time.sleep(0.05)
        raise AssertionError("unreachable")

    # -- the backend ------------------------------------------------------------------------------

    def read(self, name: str) -> Blob | None:
        """The row's bytes and version, or None."""
        row = self._run(
            lambda c: c.execute(
                text(f"select data, version from {TABLE} where name = :name"), {"name": name}
            ).first()
        )
        return Blob(bytes(row[0]), int(row[1])) if row is not None else None

    def version(self, name: str) -> Version | None:
        """The row's version, or None."""
        return self._run(
            lambda c: c.execute(
                text(f"select version from {TABLE} where name = :name"), {"name": name}
            ).scalar()
        )

    def write(
        self,
        writes: Mapping[str, bytes],
        removes: Iterable[str] = (),
        expect: Mapping[str, Version | None] | None = None,
    ) -> dict[str, Version]:
        """One transaction: versioned updates, inserts and deletes, or nothing (Conflict)."""
        writes, removes, expect = dict(writes), list(removes), dict(expect or {})

        def work(connection: Connection) -> dict[str, Version]:
            versions: dict[str, Version] = {}
            for name, wanted in expect.items():
                if name in writes:
                    continue
                found = connection.execute(
                    text(f"select version from {TABLE} where name = :name for update"),
                    {"name": name},
                ).scalar()
                if found != wanted:
                    raise Conflict(name)
            for name, data in writes.items():
                params = {"name": name, "data": data}
                if name in expect and expect[name] is None:
                    sql = (
                        f"insert into {TABLE} (name, data, version) values "
                        "(:name, :data, nextval('open_door_versions')) "
                        "on conflict (name) do nothing returning version"
                    )
                elif name in expect:
                    sql = (
                        f"update {TABLE} set data = :data, "
                        "version = nextval('open_door_versions'), updated = now() "
                        "where name = :name and version = :expected returning version"
                    )
                    params["expected"] = expect[name]
                else:
                    sql = (
                        f"insert into {TABLE} (name, data, version) values "
                        "(:name, :data, nextval('open_door_versions')) "
                        "on conflict (name) do update set data = excluded.data, "
                        "version = excluded.version, updated = now() returning version"
                    )
                version = connection.execute(text(sql), params).scalar()
                if version is None:
                    raise Conflict(name)
                versions[name] = int(version)
            if removes:
                connection.execute(
                    text(f"delete from {TABLE} where name in :names").bindparams(
                        bindparam("names", expanding=True)
                    ),
                    {"names": removes},
                )
            return versions

        for attempt in (1, 2):
            try:
                return self._run(work, attempts=1)  # never re-run blindly: it may have committed
            except ConnectionError:
                done = self._stored_already(writes, removes)
                if done is not None:
                    return done
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _stored_already(
        self, writes: Mapping[str, bytes], removes: list[str]
    ) -> dict[str, Version] | None:
        """After a broken commit: the versions if every write is stored as sent, else None."""
        try:
            found = {name: self.read(name) for name in writes}
            gone = all(self.version(name) is None for name in removes)
        except ConnectionError:
            return None
        if gone and all(b is not None and b.data == writes[n] for n, b in found.items()):
            log.warning("a write whose commit was cut off had been stored; reported done")
            return {name: blob.version for name, blob in found.items() if blob is not None}
        return None

    def delete(self, names: Iterable[str]) -> None:
        """Delete the rows."""
        names = list(names)
        if names:
            self.write({}, removes=names)

    def names(self, prefix: str) -> list[str]:
        """Every name starting with ``prefix``, sorted."""
        rows = self._run(
            lambda c: c.execute(
                text(
                    f"select name from {TABLE} where left(name, length(:prefix)) = :prefix "
                    "order by name"
                ),
                {"prefix": prefix},
            ).all()
        )
        return [str(row[0]) for row in rows]

    def lock(self, name: str) -> LocalLock:
        """A handle on this process's lock for ``name`` (other processes: the version check)."""
        return self._locks.lock(name)

    def set_aside(self, name: str) -> str:
        """Move the row to ``<name>.corrupt-<stamp>`` in one transaction; keep its bytes."""
        target = aside_name(name)

        def work(connection: Connection) -> int:
            return connection.execute(
                text(
                    f"update {TABLE} set name = :target, "
                    "version = nextval('open_door_versions'), updated = now() where name = :name"
                ),
                {"name": name, "target": target},
            ).rowcount

        if self._run(work) == 0:
            raise FileNotFoundError(name)
        return target
