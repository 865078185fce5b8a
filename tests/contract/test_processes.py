"""Two real processes writing to one space through one backend (where a second process can reach
it: a data folder, a database): every acknowledged write is there afterwards, ids unique."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.kills import ROOT

WRITES = 25


def test_two_processes_lose_nothing(storage_place, store, owner):
    if storage_place.where is None:
        pytest.skip("an in-memory backend lives in one process (two Stores stand in for two)")
    key, access = owner
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.load_writer",
                storage_place.where,
                key,
                tag,
                "2",
                str(WRITES),
                "--no-own-spaces",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for tag in ("p1", "p2")
    ]
    acked = set()
    for child in children:
        out, _ = child.communicate(timeout=300)
        assert child.returncode == 0
        for line in out.splitlines():
            if line.startswith("ack "):
                _, _key, tag, t, i = line.split()
                acked.add((tag, int(t), int(i)))
    assert len(acked) == 2 * 2 * WRITES
    docs = storage_place.store().private(access).all("load")
    assert {(d["tag"], d["t"], d["i"]) for d in docs} == acked
    assert len({d["_id"] for d in docs}) == len(docs)
