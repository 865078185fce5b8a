"""Storage: a save against a raw atomic write, growth with history and with the number of spaces,
what encryption costs per read and write, and whether memory stays flat under waves of new spaces.

Every comparison alternates its sides round by round (``bench.stats.alternate``) in the same run.
"""

from __future__ import annotations

import gc
import json
import os
import pathlib
import secrets
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bench.config import Config
from bench.profiling import describe, top_functions
from bench.report import Row
from bench.seed import SIZES, journal_record, seed_history
from bench.stats import Target, alternate, growth_exponent, median, quartiles, ratio_of_medians
from storage import store as store_module
from storage.atomic import write_bytes
from storage.sealed import seal, unseal
from storage.store import Access, Store

SECTION = "storage"
SAVE_TARGET = Target("<=", 2.0)
SPACES_TARGET = Target("within", 0.10)
GROWTH_TARGET = Target("<=", 1.0)
MEMORY_TARGET = Target("<=", 1.25)
TODAY = date(2025, 3, 3)


def raw_write(path: Path, data: bytes) -> None:
    """The floor: a plain temp file in the same folder, fsync, ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".raw.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _ms(samples: list[float]) -> float:
    return median(samples) * 1000


def _spread(samples: list[float]) -> str:
    low, high = quartiles(samples)
    return f"IQR {low * 1000:.1f}–{high * 1000:.1f} ms"


def _space(root: Path, days: int) -> tuple[Store, Access]:
    store = Store(root)
    _, access = store.create_space()
    seed_history(store, access, days, TODAY)
    return store, access


class Saver:
    """Saves today's journal line into one space, changing the text each time (a real upsert)."""

    def __init__(self, store: Store, access: Access) -> None:
        self.store, self.access, self.n = store, access, 0

    def put(self) -> float:
        """Time one ``put`` through the Store, as a page makes it."""
        self.n += 1
        record = journal_record(TODAY, self.n)
        start = time.perf_counter()
        self.store.private(self.access).put("journal", TODAY.isoformat(), record)
        return time.perf_counter() - start

    def insert(self) -> float:
        """Time one ``insert`` of a routine-log entry (the file grows by one record)."""
        self.n += 1
        entry = {"routine": "nightly", "day": TODAY.isoformat(), "note": "", "cycle_id": None}
        start = time.perf_counter()
        self.store.private(self.access).insert("routine_log", entry)
        return time.perf_counter() - start

    def read(self) -> float:
        """Time reading one table (from the in-memory cache: the file did not change)."""
        start = time.perf_counter()
        self.store.private(self.access).all("plan_cycles")
        return time.perf_counter() - start

    @property
    def path(self) -> Path:
        """The private compartment's file."""
        compartment = self.store.private(self.access)
        return compartment.backend.path(compartment.stored_as)


def save_vs_raw(cfg: Config) -> list[Row]:
    """A typical save against writing the same bytes with temp file + fsync + replace."""
    cfg.say("storage: a save against a raw atomic write")
    store, access = _space(cfg.scratch("save"), SIZES["six weeks"])
    saver = Saver(store, access)
    saver.put()
    raw_path = saver.path.with_name("raw-copy.db")
    data = saver.path.read_bytes()

    def raw() -> float:
        start = time.perf_counter()
        raw_write(raw_path, data)
        return time.perf_counter() - start

    def atomic() -> float:
        start = time.perf_counter()
        write_bytes(raw_path, data)
        return time.perf_counter() - start

    rounds = cfg.pick(60, 8)
    got = alternate(
        {"put": saver.put, "insert": saver.insert, "raw": raw, "atomic": atomic},
        rounds,
        warmup=2,
    )
    put_ratio = ratio_of_medians(got["put"], got["raw"])
    insert_ratio = ratio_of_medians(got["insert"], got["raw"])
    atomic_ratio = ratio_of_medians(got["atomic"], got["raw"])
    size = len(data)
    rows = [
        Row(
            SECTION,
            "save (put) / raw write",
            put_ratio,
            target=SAVE_TARGET,
            note=f"put {_ms(got['put']):.1f} ms vs raw {_ms(got['raw']):.1f} ms, "
            f"{size / 1024:.0f} KiB file, n={rounds}",
            data={"samples_s": got, "bytes": size},
        ),
        Row(
            SECTION,
            "save (insert) / raw write",
            insert_ratio,
            target=SAVE_TARGET,
            note=f"insert {_ms(got['insert']):.1f} ms vs raw {_ms(got['raw']):.1f} ms",
        ),
        Row(
            SECTION,
            "storage.atomic.write_bytes / raw write",
            atomic_ratio,
            note="the same bytes, plus the folder fsync that makes the rename durable",
        ),
    ]
    rows.append(_cpu_part(cfg, saver, got))
    return rows


def _cpu_part(cfg: Config, saver: Saver, got: dict[str, list[float]]) -> Row:
    """What a save costs in CPU (thread time, so waiting on the disk is left out), profiled."""

    def cpu_put() -> float:
        start = time.thread_time()
        saver.put()
        return time.thread_time() - start

    calls = cfg.pick(40, 5)
    samples = [cpu_put() for _ in range(calls)]
    profile = top_functions(saver.put, calls, timer=time.thread_time)
    cpu = median(samples)
    share = cpu / median(got["put"])
    return Row(
        SECTION,
        "save CPU time (disk waits left out)",
        cpu * 1000,
        unit="ms",
        note=f"{share:.0%} of a save; top: {describe(profile, 3)}",
        data={"samples_s": samples, "profile": profile},
    )


def growth(cfg: Config) -> list[Row]:
    """Time per save and per read at six weeks, one year and five years of daily history."""
    cfg.say("storage: growth with one space's history")
    root = cfg.scratch("growth")
    savers: dict[str, Saver] = {}
    records: dict[str, int] = {}
    for label, days in SIZES.items():
        store, access = _space(root / label.replace(" ", "-"), days)
        savers[label] = Saver(store, access)
        records[label] = sum(len(v) for v in store.private(access).dump().values())
    rounds = cfg.pick(30, 5)
    saves = alternate({label: s.put for label, s in savers.items()}, rounds, warmup=1)
    reads = alternate({label: s.read for label, s in savers.items()}, rounds * 4, warmup=2)
    days = list(SIZES.values())
    save_exp = growth_exponent(days, [median(saves[k]) for k in SIZES])
    read_exp = growth_exponent(days, [median(reads[k]) for k in SIZES])
    # The fixed cost of a save (fsync) flattens the fit; the last step shows the trend alone.
    tail_exp = growth_exponent(days[-2:], [median(saves[k]) for k in list(SIZES)[-2:]])
    rows = []
    for label in SIZES:
        size = savers[label].path.stat().st_size
        rows.append(
            Row(
                SECTION,
                f"save with {label} of history",
                _ms(saves[label]),
                unit="ms",
                note=f"{records[label]} records, {size / 1024:.0f} KiB; {_spread(saves[label])}; "
                f"a cached table read {_ms(reads[label]):.2f} ms",
                data={"save_s": saves[label], "read_s": reads[label], "bytes": size},
            )
        )
    longest = list(SIZES)[-1]
    rows.append(
        Row(
            SECTION,
            "save time growth exponent (vs days)",
            save_exp,
            unit="exp",
            target=GROWTH_TARGET,
            note=f"1 = linear; {days[0]}→{days[-1]} days is {days[-1] / days[0]:.0f}× the history; "
            f"from one to five years alone: {tail_exp:.2f}",
        )
    )
    rows.append(
        Row(
            SECTION,
            "read time growth exponent (vs days)",
            read_exp,
            unit="exp",
            note="one table read from the cached document (each read copies the whole document)",
        )
    )
    if save_exp > GROWTH_TARGET.limit:
        profile = top_functions(savers[longest].put, cfg.pick(10, 3))
        rows[-2] = replace(rows[-2], note=f"{rows[-2].note}; {describe(profile)}")
    return rows


def _fill(root: Path, template: dict[str, Path], count: int) -> None:
    """Add ``count`` spaces to a data folder fast: one space's files linked in under new ids.

    Hard links make each copy a real directory entry (what a big folder costs) without writing
    its bytes again; where links are not possible the files are copied.
    """
    spaces, links = root / "spaces", root / "links"
    for _ in range(count):
        space_id = secrets.token_hex(16)
        for suffix, source in template.items():
            if suffix == "link":
                target = links / f"{secrets.token_hex(32)}.json"
            else:
                target = spaces / f"{space_id}.{suffix}"
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)


def spaces_count(cfg: Config) -> list[Row]:
    """Save, link lookup and new-space time with few and with many spaces in the data folder."""
    many = cfg.pick(10_000, 1_000)
    cfg.say(f"storage: 10 spaces against {many:,} in the data folder")
    root = cfg.scratch("spaces")
    template_store, template_access = _space(root / "template", SIZES["six weeks"])
    template_store.private(template_access).all("journal")
    spaces_dir = template_store.spaces_dir
    template_store.shared(template_access).all("shares")
    template = {  # every file of the space (compartments, link index, lock files)
        path.name.removeprefix(f"{template_access.space_id}."): path
        for path in spaces_dir.glob(f"{template_access.space_id}.*")
    }
    template["link"] = next(template_store.links_dir.glob("*.json"))
    folders: dict[str, tuple[Store, Access, str]] = {}
    started = time.perf_counter()
    for label, count in (("few", 10), ("many", many)):
        store = Store(root / label)
        key, access = store.create_space()
        seed_history(store, access, SIZES["six weeks"], TODAY)
        _fill(store.root, template, count - 1)
        folders[label] = (store, access, key)
    filled = time.perf_counter() - started
    counts = {label: folders[label][0].count_spaces() for label in folders}

    savers = {label: Saver(store, access) for label, (store, access, _) in folders.items()}
    # An A/A control: a second, identical space in the small folder shows this run's noise floor.
    few_store = folders["few"][0]
    _, twin = few_store.create_space()
    seed_history(few_store, twin, SIZES["six weeks"], TODAY)
    savers["control"] = Saver(few_store, twin)

    def resolver(label: str):
        store, _, key = folders[label]

        def resolve() -> float:
            start = time.perf_counter()
            store.resolve(key)
            return time.perf_counter() - start

        return resolve

    def creator(label: str):
        store = folders[label][0]

        def create() -> float:
            start = time.perf_counter()
            store.create_space()
            return time.perf_counter() - start

        return create

    rounds = cfg.pick(150, 30)
    saves = alternate({k: savers[k].put for k in savers}, rounds, warmup=2)
    control = ratio_of_medians(saves["control"], saves["few"])
    resolves = alternate({k: resolver(k) for k in folders}, rounds * 3, warmup=2)
    creates = alternate({k: creator(k) for k in folders}, cfg.pick(10, 3), warmup=1)
    many_label = f"{counts['many']:,} spaces"
    return [
        Row(
            SECTION,
            f"save, {many_label} / 10 spaces",
            ratio_of_medians(saves["many"], saves["few"]),
            target=SPACES_TARGET,
            note=f"{_ms(saves['many']):.1f} vs {_ms(saves['few']):.1f} ms, n={rounds}; "
            f"noise floor (a twin space in the small folder): {control:.2f}×",
            data={"samples_s": saves, "spaces": counts, "fill_s": filled, "control": control},
        ),
        Row(
            SECTION,
            f"open a link, {many_label} / 10 spaces",
            ratio_of_medians(resolves["many"], resolves["few"]),
            note=f"{_ms(resolves['many']):.2f} vs {_ms(resolves['few']):.2f} ms",
            data={"samples_s": resolves},
        ),
        Row(
            SECTION,
            f"new space, {many_label} / 10 spaces",
            ratio_of_medians(creates["many"], creates["few"]),
            note=f"{_ms(creates['many']):.1f} vs {_ms(creates['few']):.1f} ms",
            data={"samples_s": creates},
        ),
    ]


def _per_call(action: Callable[[], object], calls: int) -> float:
    # CPU time of this thread: pure computation, so time spent waiting for a busy CPU is left out
    start = time.thread_time()
    for _ in range(calls):
        action()
    return (time.thread_time() - start) / calls


def _codec_costs(document: dict[str, Any], calls: int, rounds: int) -> dict[str, list[float]]:
    """CPU seconds per call of seal, unseal, json.dumps and json.loads on one document."""
    key, aad = os.urandom(32), b"bench/private"
    sealed = seal(document, key, aad)
    plain = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def dumps() -> str:
        # the same call seal() makes, so the ratio is exactly what encryption adds
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    return alternate(
        {
            "seal": lambda: _per_call(lambda: seal(document, key, aad), calls),
            "dumps": lambda: _per_call(dumps, calls),
            "unseal": lambda: _per_call(lambda: unseal(sealed, key, aad), calls),
            "loads": lambda: _per_call(lambda: json.loads(plain), calls),
        },
        rounds,
    )


def encryption(cfg: Config) -> list[Row]:
    """AES-GCM seal/unseal against plain ``json.dumps``/``loads`` of the same document."""
    cfg.say("storage: the cost of encryption")
    root = cfg.scratch("crypto")
    rows = []
    for label in ("six weeks", "five years"):
        store, access = _space(root / label.replace(" ", "-"), SIZES[label])
        compartment = store.private(access)
        document: dict[str, Any] = compartment._storage.read() or {}
        size = compartment.backend.path(compartment.stored_as).stat().st_size / 1024
        calls = cfg.pick(10, 3) if label == "five years" else cfg.pick(200, 30)
        got = _codec_costs(document, calls, cfg.pick(9, 5))
        rows.append(
            Row(
                SECTION,
                f"encrypt+serialise / serialise ({label})",
                ratio_of_medians(got["seal"], got["dumps"]),
                note=f"seal {_ms(got['seal']):.2f} ms vs json.dumps {_ms(got['dumps']):.2f} ms, "
                f"{size:.0f} KiB",
                data={"samples_s": got},
            )
        )
        rows.append(
            Row(
                SECTION,
                f"decrypt+parse / parse ({label})",
                ratio_of_medians(got["unseal"], got["loads"]),
                note=f"unseal {_ms(got['unseal']):.2f} ms vs json.loads {_ms(got['loads']):.2f} ms",
            )
        )
    return rows


def _rss_mb() -> float:
    """This process's resident memory in MB (from /proc; 0 where there is none)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _heap_mb() -> float:
    """Python heap allocated since tracing began (MB), leaving out pathlib's own allocations.

    pathlib interns every file name it parses, and CPython's table of interned strings grows in
    one step of about 1 MB when it passes a size (seen mid-run here): the interpreter's table,
    kept at its largest size, not data any space holds. Everything else is counted.
    """
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [
            tracemalloc.Filter(False, pathlib.__file__),
            tracemalloc.Filter(False, tracemalloc.__file__),
        ]
    )
    return sum(stat.size for stat in snapshot.statistics("filename")) / (1024 * 1024)


def _waves(root: Path, waves: int, per_wave: int) -> dict[str, list[float]]:
    """Open ``waves`` x ``per_wave`` new spaces (each used once, as a visitor would) in one Store.

    After each wave: Python heap still allocated (tracemalloc, MB), RSS (MB), open compartments.
    """
    store = Store(root)
    got: dict[str, list[float]] = {"heap_mb": [], "rss_mb": [], "open": []}
    tracemalloc.start()
    try:
        for _ in range(waves):
            for _ in range(per_wave):
                _, access = store.create_space()
                private = store.private(access)
                # about 60 KiB of text a space (a few weeks of journal lines), each line its own
                # string, as lines read from a file are
                lines = [{"text": secrets.token_hex(750), "n": n} for n in range(40)]
                private.replace_table("journal", lines)
                private.all("journal")
                store.shared(access).all("shares")
                store.links(access)
            gc.collect()
            got["heap_mb"].append(_heap_mb())
            got["rss_mb"].append(_rss_mb())
            got["open"].append(float(len(store._open)))
    finally:
        tracemalloc.stop()
    return got


def memory_waves(cfg: Config) -> list[Row]:
    """Memory after waves of new spaces stays flat: the registry drops idle compartments.

    The same waves run twice in this process: as the app runs them, and with the registry's bound
    lifted (the code before the bound), which shows what the bound buys on the same machine.
    """
    waves, per_wave = cfg.pick(6, 4), cfg.pick(60, 40)
    cfg.say(f"storage: memory over {waves} waves of {per_wave} new spaces")
    bounded = _waves(cfg.scratch("memory-bounded"), waves, per_wave)
    limits = store_module.MAX_OPEN, store_module.IDLE_SECONDS
    store_module.MAX_OPEN, store_module.IDLE_SECONDS = 10**9, float("inf")
    try:
        unbounded = _waves(cfg.scratch("memory-unbounded"), waves, per_wave)
    finally:
        store_module.MAX_OPEN, store_module.IDLE_SECONDS = limits
    spaces = waves * per_wave

    def heap(got: dict[str, list[float]]) -> str:
        return " → ".join(f"{mb:.1f}" for mb in got["heap_mb"])

    return [
        Row(
            SECTION,
            f"memory after wave {waves} / wave 1 ({spaces} new spaces)",
            bounded["heap_mb"][-1] / bounded["heap_mb"][0],
            target=MEMORY_TARGET,
            note=f"Python heap MB per wave {heap(bounded)}; RSS {bounded['rss_mb'][0]:.0f} → "
            f"{bounded['rss_mb'][-1]:.0f} MB; open compartments at most "
            f"{max(bounded['open']):.0f} (MAX_OPEN {store_module.MAX_OPEN})",
            data={"bounded": bounded, "waves": waves, "per_wave": per_wave},
        ),
        Row(
            SECTION,
            "  the same without the registry's bound",
            unbounded["heap_mb"][-1] / unbounded["heap_mb"][0],
            note=f"Python heap MB per wave {heap(unbounded)}; open compartments "
            f"{unbounded['open'][-1]:.0f}",
            data={"unbounded": unbounded},
        ),
    ]


def run(cfg: Config) -> list[Row]:
    """Every storage measurement."""
    return [
        *save_vs_raw(cfg),
        *growth(cfg),
        *spaces_count(cfg),
        *encryption(cfg),
        *memory_waves(cfg),
    ]
