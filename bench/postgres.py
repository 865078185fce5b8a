"""PostgreSQL: a save against a plain parametrised UPSERT of the same bytes, save time with 10
against 10,000 spaces in the database, growth with one space's history, and saves per second with
1, 8 and 32 sessions in one and in two processes (run only when a server is reachable).

The server is named by ``OPEN_DOOR_BENCH_DATABASE_URL`` (else ``OPEN_DOOR_TEST_DATABASE_URL``);
never the app's own ``OPEN_DOOR_DATABASE_URL``: the benchmark makes and drops schemas of its own
(``open_door_bench_*``) in that database and leaves nothing else touched. Every comparison
alternates its sides round by round (``bench.stats.alternate``) in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.parse import quote

from bench.config import Config
from bench.pg_sessions import saves_for
from bench.report import Row
from bench.saves import GROWTH_TARGET, TODAY, Saver, _ms
from bench.seed import SIZES, seed_history
from bench.stats import Target, alternate, growth_exponent, median, ratio_of_medians
from storage.postgres import PostgresBackend, engine_url
from storage.store import Store

SECTION = "postgres"
UPSERT_TARGET = Target("<=", 2.0)
SPACES_TARGET = Target("within", 0.10)
SCHEMAS = (
    "open_door_bench_save",
    "open_door_bench_few",
    "open_door_bench_many",
    "open_door_bench_growth",
    "open_door_bench_sessions",
)
SESSIONS = (1, 8, 32)


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


def _space(url: str, days: int = SIZES["six weeks"]) -> tuple[Store, PostgresBackend, object]:
    backend = PostgresBackend(url)
    store = Store(backend)
    _, access = store.create_space()
    seed_history(store, access, days, TODAY)
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


def growth(cfg: Config, url: str) -> list[Row]:
    """Time per save at six weeks, one year and five years of one space's daily history."""
    cfg.say("postgres: growth with one space's history")
    schema_url = _in_schema(url, SCHEMAS[3])
    savers: dict[str, Saver] = {}
    backends: list[PostgresBackend] = []
    sizes: dict[str, int] = {}
    for label, days in SIZES.items():
        store, backend, access = _space(schema_url, days)
        savers[label] = Saver(store, access)
        backends.append(backend)
        blob = backend.read(store.private(access).stored_as)
        sizes[label] = len(blob.data) if blob else 0
    rounds = cfg.pick(30, 5)
    got = alternate({label: s.put for label, s in savers.items()}, rounds, warmup=1)
    for backend in backends:
        backend.close()
    days = list(SIZES.values())
    exponent = growth_exponent(days, [median(got[k]) for k in SIZES])
    rows = [
        Row(
            SECTION,
            f"save with {label} of history",
            _ms(got[label]),
            unit="ms",
            note=f"{sizes[label] / 1024:.0f} KiB sealed, n={rounds}",
            data={"samples_s": got[label], "bytes": sizes[label]},
        )
        for label in SIZES
    ]
    rows.append(
        Row(
            SECTION,
            "save time growth exponent (vs days)",
            exponent,
            unit="exp",
            target=GROWTH_TARGET,
            note=f"1 = linear; {days[0]}→{days[-1]} days is {days[-1] / days[0]:.0f}× the history",
        )
    )
    return rows


def _two_processes(url: str, sessions: int, seconds: float) -> int:
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.pg_sessions", url, str(sessions), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    total = 0
    for child in children:
        out, _ = child.communicate(timeout=300)
        if child.returncode != 0:
            raise RuntimeError(f"bench.pg_sessions exited with {child.returncode}")
        total += int(out.split()[-1])
    return total


def sessions(cfg: Config, url: str) -> list[Row]:
    """Saves per second with 1, 8 and 32 sessions saving at once, in one process and in two."""
    seconds = cfg.pick(5.0, 1.5)
    cfg.say(f"postgres: saves/s with {', '.join(map(str, SESSIONS))} sessions, {seconds:g} s each")
    schema_url = _in_schema(url, SCHEMAS[4])
    rows = []
    for count in SESSIONS:
        backend = PostgresBackend(schema_url)
        try:
            one = saves_for(Store(backend), count, seconds) / seconds
        finally:
            backend.close()
        two = _two_processes(schema_url, count, seconds) / seconds
        rows.append(
            Row(
                SECTION,
                f"saves/s, {count} session{'s' if count > 1 else ''} (one process; two)",
                one,
                unit="/s",
                note=f"two processes of {count}: {two:.0f} saves/s together "
                f"({two / one:.2f}× one process); every save its own transaction",
                data={"one_process": one, "two_processes": two},
            )
        )
    return rows


def run(cfg: Config) -> list[Row]:
    """Every PostgreSQL measurement, or SKIP rows when no server is reachable."""
    url = _url()
    if not url:
        reason = "no server: set OPEN_DOOR_BENCH_DATABASE_URL (or OPEN_DOOR_TEST_DATABASE_URL)"
        return [
            Row(SECTION, name, None, note=reason)
            for name in (
                "save (put) / plain UPSERT",
                "save, 10,000 spaces / 10 spaces",
                "save time growth exponent (vs days)",
                "saves/s with 1, 8, 32 sessions",
            )
        ]
    _fresh_schemas(url)
    try:
        return [
            *save_vs_upsert(cfg, url),
            *spaces_count(cfg, url),
            *growth(cfg, url),
            *sessions(cfg, url),
        ]
    finally:
        _drop_schemas(url)
