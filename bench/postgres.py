"""PostgreSQL: a save against a plain parametrised UPSERT of the same bytes, and save time with
10 against 10,000 spaces in the database (run only when a server is reachable).

The server is named by ``OPEN_DOOR_BENCH_DATABASE_URL`` (else ``OPEN_DOOR_TEST_DATABASE_URL``);
never the app's own ``OPEN_DOOR_DATABASE_URL``: the benchmark makes and drops schemas of its own
(``open_door_bench_*``) in that database and leaves nothing else touched. Every comparison
alternates its sides round by round (``bench.stats.alternate``) in the same run.
"""

from __future__ import annotations

import os
import time
from urllib.parse import quote

from bench.config import Config
from bench.report import Row
from bench.saves import TODAY, Saver, _ms
from bench.seed import SIZES, seed_history
from bench.stats import Target, alternate, ratio_of_medians
from storage.postgres import PostgresBackend, engine_url
from storage.store import Store

SECTION = "postgres"
UPSERT_TARGET = Target("<=", 2.0)
SPACES_TARGET = Target("within", 0.10)
SCHEMAS = ("open_door_bench_save", "open_door_bench_few", "open_door_bench_many")


def _url() -> str:
    return os.environ.get("OPEN_DOOR_BENCH_DATABASE_URL") or os.environ.get(
        "OPEN_DOOR_TEST_DATABASE_URL", ""
    )


def _in_schema(url: str, schema: str) -> str:
    """``url`` with its connections' search path set to ``schema`` (libpq ``options``)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


def _schemas(url: str, create: bool) -> None:
    """Drop the benchmark's own schemas, and make them anew when ``create``."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(engine_url(url))
    try:
        with engine.begin() as connection:
            for schema in SCHEMAS:
                connection.execute(sqlalchemy.text(f"drop schema if exists {schema} cascade"))
                if create:
                    connection.execute(sqlalchemy.text(f"create schema {schema}"))
    finally:
        engine.dispose()


def _fresh_schemas(url: str) -> None:
    _schemas(url, create=True)


def _drop_schemas(url: str) -> None:
    _schemas(url, create=False)


def _space(url: str) -> tuple[Store, PostgresBackend, object]:
    backend = PostgresBackend(url)
    store = Store(backend)
    _, access = store.create_space()
    seed_history(store, access, SIZES["six weeks"], TODAY)
    return store, backend, access


def save_vs_upsert(cfg: Config, url: str) -> list[Row]:
    """A typical save against ``INSERT ... ON CONFLICT DO UPDATE`` of the same bytes."""
    cfg.say("postgres: a save against a plain UPSERT of the same bytes")
    import sqlalchemy

    schema_url = _in_schema(url, SCHEMAS[0])
    store, backend, access = _space(schema_url)
    saver = Saver(store, access)
    saver.put()
    blob = backend.read(store.private(access).stored_as)
    assert blob is not None
    data = blob.data
    engine = backend._engine  # the same pool, so both sides pay the same connection costs
    with engine.begin() as connection:
        connection.execute(
            sqlalchemy.text("create table plain_upsert (name text primary key, data bytea)")
        )
    upsert = sqlalchemy.text(
        "insert into plain_upsert (name, data) values (:name, :data) "
        "on conflict (name) do update set data = excluded.data"
    )

    def plain() -> float:
        start = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(upsert, {"name": "one", "data": data})
        return time.perf_counter() - start

    rounds = cfg.pick(60, 8)
    got = alternate({"put": saver.put, "insert": saver.insert, "upsert": plain}, rounds, warmup=2)
    rows = [
        Row(
            SECTION,
            "save (put) / plain UPSERT",
            ratio_of_medians(got["put"], got["upsert"]),
            target=UPSERT_TARGET,
            note=f"put {_ms(got['put']):.2f} ms vs UPSERT {_ms(got['upsert']):.2f} ms, "
            f"{len(data) / 1024:.0f} KiB sealed, n={rounds}",
            data={"samples_s": got, "bytes": len(data)},
        ),
        Row(
            SECTION,
            "save (insert) / plain UPSERT",
            ratio_of_medians(got["insert"], got["upsert"]),
            target=UPSERT_TARGET,
            note=f"insert {_ms(got['insert']):.2f} ms",
        ),
    ]
    backend.close()
    return rows


def _fill(url: str, store: Store, access: object, count: int) -> None:
    """Add ``count`` spaces' rows (copies of one real space's bytes under new names) in one go."""
    import sqlalchemy

    space_id = access.space_id  # type: ignore[attr-defined]
    engine = sqlalchemy.create_engine(engine_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(
                sqlalchemy.text(
                    "insert into open_door_blobs (name, data, version) "
                    "select replace(b.name, :space, md5(n::text)), b.data, "
                    "nextval('open_door_versions') "
                    "from open_door_blobs b, generate_series(1, :count) n "
                    "where b.name like :pattern"
                ),
                {"space": space_id, "count": count, "pattern": f"spaces/{space_id}.%"},
            )
            connection.execute(
                sqlalchemy.text(
                    "insert into open_door_blobs (name, data, version) "
                    "select 'links/' || md5('link' || n::text) || '.json', b.data, "
                    "nextval('open_door_versions') "
                    "from open_door_blobs b, generate_series(1, :count) n "
                    "where b.name like 'links/%' limit :count"
                ),
                {"count": count},
            )
            connection.execute(sqlalchemy.text("analyze open_door_blobs"))
    finally:
        engine.dispose()


def spaces_count(cfg: Config, url: str) -> list[Row]:
    """Save time in a database holding 10 spaces against one holding 10,000."""
    many = cfg.pick(10_000, 1_000)
    cfg.say(f"postgres: 10 spaces against {many:,} in the database")
    savers, stores = {}, {}
    for label, schema, count in (("few", SCHEMAS[1], 10), ("many", SCHEMAS[2], many)):
        schema_url = _in_schema(url, schema)
        store, backend, access = _space(schema_url)
        _fill(schema_url, store, access, count - 1)
        savers[label], stores[label] = Saver(store, access), (store, backend)
    counts = {label: stores[label][0].count_spaces() for label in stores}
    rounds = cfg.pick(60, 10)
    got = alternate({k: s.put for k, s in savers.items()}, rounds, warmup=2)
    for _, backend in stores.values():
        backend.close()
    return [
        Row(
            SECTION,
            f"save, {counts['many']:,} spaces / {counts['few']} spaces",
            ratio_of_medians(got["many"], got["few"]),
            target=SPACES_TARGET,
            note=f"{_ms(got['many']):.2f} vs {_ms(got['few']):.2f} ms, n={rounds}",
            data={"samples_s": got, "counts": counts},
        )
    ]


def run(cfg: Config) -> list[Row]:
    """Every PostgreSQL measurement, or SKIP rows when no server is reachable."""
    url = _url()
    if not url:
        reason = "no server: set OPEN_DOOR_BENCH_DATABASE_URL (or OPEN_DOOR_TEST_DATABASE_URL)"
        return [
            Row(SECTION, name, None, note=reason)
            for name in ("save (put) / plain UPSERT", "save, 10,000 spaces / 10 spaces")
        ]
    _fresh_schemas(url)
    try:
        return [*save_vs_upsert(cfg, url), *spaces_count(cfg, url)]
    finally:
        _drop_schemas(url)
