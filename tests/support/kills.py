"""Kill writer processes at random moments and check that nothing acknowledged was lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class KillReport:
    """What a kill loop did and found."""

    kills: int = 0
    acknowledged: int = 0
    missing: int = 0
    unreadable: int = 0


def kill_loop(data_dir: Path, kills: int, seed: int = 7) -> KillReport:
    """Start a writer, SIGKILL it after a random delay, reopen and check; ``kills`` times."""
    rng = random.Random(seed)
    store = Store(data_dir)
    key, _ = store.create_space()
    report = KillReport()
    acked: set[tuple[str, int]] = set()
    for round_no in range(kills):
        tag = f"r{round_no}"
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.crash_writer", str(data_dir), key, tag],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is writing, then kill it mid-stream
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        report.kills += 1
        for line in (first + rest).splitlines():
            if line.startswith("ack "):
                acked.add((tag, int(line.split()[1])))
        fresh = Store(data_dir)  # a new process's view: no caches
        access = fresh.resolve(key)
        private = fresh.private(access)
        if private.recovered_at:
            report.unreadable += 1
        present = {(d["tag"], d["n"]) for d in private.all("log")}
        report.missing = len(acked - present)
    report.acknowledged = len(acked)
    return report
