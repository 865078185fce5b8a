"""Load: threads and two processes on one data folder, one shared space and many own spaces.

Every acknowledged write must be present afterwards, with no duplicate ids, and every file must
open. The counts are printed so the reliability notes can quote them (run with ``-s``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

from storage.store import Store
from tests.support.kills import ROOT

THREADS = int(os.environ.get("OPEN_DOOR_LOAD_THREADS", "8"))
WRITES = int(os.environ.get("OPEN_DOOR_LOAD_WRITES", "30"))


def run_writers(data_dir, shared_key, tags):
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.load_writer",
                str(data_dir),
                shared_key,
                tag,
                str(THREADS),
                str(WRITES),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for tag in tags
    ]
    lines = []
    for child in children:
        out, _ = child.communicate(timeout=600)
        assert child.returncode == 0
        lines.extend(out.splitlines())
    return lines


def test_two_processes_many_threads_lose_nothing(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    shared_key, _ = store.create_space()
    lines = run_writers(data, shared_key, ["p1", "p2"])
    acked = Counter()
    expected: dict[str, set] = {}
    for line in lines:
        if line.startswith("ack "):
            _, key, tag, t, i = line.split()
            expected.setdefault(key, set()).add((tag, int(t), int(i)))
            acked[key] += 1
    fresh = Store(data)
    missing = 0
    for key, wanted in expected.items():
        private = fresh.private(fresh.resolve(key))
        assert private.recovered_at is None
        docs = private.all("load")
        assert len({d["_id"] for d in docs}) == len(docs)
        missing += len(wanted - {(d["tag"], d["t"], d["i"]) for d in docs})
    total = sum(acked.values())
    print(
        f"\nprocesses=2 threads_each={THREADS} acknowledged={total} "
        f"spaces={len(expected)} missing={missing}"
    )
    assert total == 2 * THREADS * WRITES
    assert acked[shared_key] == 2 * THREADS * ((WRITES + 1) // 2)
    assert missing == 0
    assert fresh.count_spaces() == 1 + 2 * THREADS
