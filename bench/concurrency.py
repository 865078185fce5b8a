"""Concurrency: saves per second with 1, 8 and 32 sessions (threads of one process), to one space
and to separate spaces, and a count afterwards that nothing was lost.

Streamlit runs every session as a thread of one server process sharing one ``Store`` (through
``st.cache_resource``), so threads sharing one ``Store`` are what the server does under load.
"""

from __future__ import annotations

import threading
import time
from datetime import date

from bench.config import Config
from bench.report import Row
from bench.seed import SIZES, seed_history
from bench.stats import Target
from storage.store import Store

SECTION = "concurrency"
THREADS = (1, 8, 32)
TABLE = "bench_load"
LOST_TARGET = Target("<=", 0)
TODAY = date(2025, 3, 3)


def _burst(store: Store, keys: list[str], threads: int, saves: int, tag: str) -> float:
    """``threads`` sessions each save ``saves`` records (session n to ``keys[n % len]``)."""
    gate = threading.Barrier(threads + 1)
    errors: list[BaseException] = []

    def session(n: int) -> None:
        access = store.resolve(keys[n % len(keys)])
        assert access is not None
        gate.wait()
        try:
            for i in range(saves):
                store.private(access).insert(TABLE, {"tag": tag, "session": n, "i": i})
        except BaseException as exc:  # counted below; a lost save is the finding
            errors.append(exc)

    pool = [threading.Thread(target=session, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    gate.wait()
    start = time.perf_counter()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} sessions failed: {errors[0]!r}")
    return elapsed


def run(cfg: Config) -> list[Row]:
    """Throughput for each thread count and layout; then count every record."""
    root = cfg.scratch("concurrency")
    store = Store(root)
    keys = []
    for _ in range(max(THREADS) + 1):
        key, access = store.create_space()
        seed_history(store, access, SIZES["six weeks"], TODAY)
        keys.append(key)
    shared, own = keys[:1], keys[1:]
    total = cfg.pick(192, 32)
    rows: list[Row] = []
    expected: dict[str, int] = {}
    for layout, targets in (("one space", shared), ("separate spaces", own)):
        base = None
        for threads in THREADS:
            saves = max(1, total // threads)
            tag = f"{layout}/{threads}"
            cfg.say(f"concurrency: {threads} sessions, {layout}, {saves} saves each")
            elapsed = _burst(store, targets, threads, saves, tag)
            rate = threads * saves / elapsed
            base = base or rate
            expected[tag] = threads * saves
            rows.append(
                Row(
                    SECTION,
                    f"saves/s, {threads} session{'s' if threads > 1 else ''}, {layout}",
                    rate,
                    unit="/s",
                    note=f"{threads * saves} saves in {elapsed:.2f} s; {rate / base:.2f}× one session",
                    data={"threads": threads, "saves": threads * saves, "seconds": elapsed},
                )
            )
    found: dict[str, int] = dict.fromkeys(expected, 0)
    fresh = Store(root)  # a new Store reads only what reached the disk
    for key in keys:
        access = fresh.resolve(key)
        assert access is not None
        for doc in fresh.private(access).all(TABLE):
            found[doc["tag"]] = found.get(doc["tag"], 0) + 1
    lost = sum(expected[tag] - found.get(tag, 0) for tag in expected)
    rows.append(
        Row(
            SECTION,
            "saves lost (counted after, from disk)",
            lost,
            unit="",
            target=LOST_TARGET,
            note=f"{sum(found.values())} of {sum(expected.values())} records found",
            data={"expected": expected, "found": found},
        )
    )
    return rows
