"""``python -m bench``: run the benchmark sections, print the table, write ``bench/out/results.json``.

Sections run in a fixed order (storage, concurrency, memory, cold start, interaction, first charts,
postgres); ``--only``
picks some. A section that cannot run here (no Chromium, a page not built yet) reports SKIP rows
with the reason instead of stopping the run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from bench.config import Config
from bench.report import OUT, RESULTS, Row, format_table, to_json, write_json

SECTIONS = {
    "storage": "bench.saves",
    "concurrency": "bench.concurrency",
    "memory": "bench.memory",
    "cold_start": "bench.cold_start",
    "interaction": "bench.interaction",
    "first_charts": "bench.first_charts",
    "postgres": "bench.postgres",
}


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a short run")
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help="folder for results.json and the run's scratch files (default: bench/out)",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default: all of {', '.join(SECTIONS)})",
    )
    args = parser.parse_args(argv)
    wanted = [s.strip().replace("-", "_") for s in args.only.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    args.sections = [s for s in SECTIONS if s in wanted]
    return args


def run_section(name: str, cfg: Config) -> list[Row]:
    """Run one section; an unexpected failure becomes a SKIP row rather than a lost run."""
    started = time.monotonic()
    try:
        rows = importlib.import_module(SECTIONS[name]).run(cfg)
    except Exception as exc:  # a broken section must not throw away the others' figures
        traceback.print_exc()
        rows = [Row(name, "section failed", None, note=f"{type(exc).__name__}: {exc}"[:160])]
    cfg.say(f"{name}: done in {time.monotonic() - started:.0f} s")
    return rows


def _load() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (a busy machine explains noisy figures)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print, write; the exit code is 0 even with misses (they are findings, not failures)."""
    args = parse(argv)
    cfg = Config(quick=args.quick, out=args.out)
    load_before = _load()
    rows: list[Row] = []
    durations: dict[str, float] = {}
    try:
        for name in args.sections:
            started = time.monotonic()
            rows += run_section(name, cfg)
            durations[name] = round(time.monotonic() - started, 1)
    finally:
        cfg.cleanup()
    print(format_table(rows))
    meta = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": args.quick,
        "sections": args.sections,
        "section_seconds": durations,
        "load_average_before": load_before,
        "load_average_after": _load(),
    }
    path = write_json(to_json(rows, meta), args.out / RESULTS.name)
    print(f"load average (1/5/15 min) before {load_before}, after {meta['load_average_after']}")
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
