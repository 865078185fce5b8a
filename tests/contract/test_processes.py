"""Two real processes writing to one space through one backend (where a second process can reach
it: a data folder, a database): every acknowledged write is there afterwards, ids unique."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.kills import ROOT

WRITES = 25


def _two_writers(
    where: str, key: str, threads: int, writes: int, own: bool = True
) -> list[tuple[str, tuple[str, int, int]]]:
    """Run two ``tests.support.load_writer`` processes at once; every (space key, write) acked."""
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.load_writer",
                where,
                key,
                tag,
                str(threads),
                str(writes),
                *([] if own else ["--no-own-spaces"]),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for tag in ("p1", "p2")
    ]
    acked = []
    for child in children:
        out, _ = child.communicate(timeout=900)
        assert child.returncode == 0
        for line in out.splitlines():
            if line.startswith("ack "):
                _, space_key, tag, t, i = line.split()
                acked.append((space_key, (tag, int(t), int(i))))
    return acked


def test_two_processes_lose_nothing(storage_place, store, owner):
    if storage_place.where is None:
        pytest.skip("an in-memory backend lives in one process (two Stores stand in for two)")
    key, access = owner
    acked = {ack for _key, ack in _two_writers(storage_place.where, key, 2, WRITES, own=False)}
    assert len(acked) == 2 * 2 * WRITES
    docs = storage_place.store().private(access).all("load")
    assert {(d["tag"], d["t"], d["i"]) for d in docs} == acked
    assert len({d["_id"] for d in docs}) == len(docs)


SESSIONS = int(os.environ.get("OPEN_DOOR_LOAD_THREADS", "8"))
SESSION_WRITES = int(os.environ.get("OPEN_DOOR_LOAD_WRITES", "20"))


def test_two_processes_of_many_sessions_lose_nothing(storage_place, store, owner):
    """Two app processes (replicas), each with SESSIONS sessions at once, every session writing in
    turn to one shared space and to a space of its own: the load of a busy deployment. Every
    acknowledged save is there afterwards, every space opens, no id twice. The figures are printed
    for docs/reliability.md (``-s``; OPEN_DOOR_LOAD_THREADS=32 for the 2 x 32 run)."""
    if storage_place.where is None:
        pytest.skip("an in-memory backend lives in one process (two Stores stand in for two)")
    key, _access = owner
    acked: dict[str, set] = {}
    for space_key, ack in _two_writers(storage_place.where, key, SESSIONS, SESSION_WRITES):
        acked.setdefault(space_key, set()).add(ack)
    fresh = storage_place.store()
    missing = 0
    for space_key, wanted in acked.items():
        private = fresh.private(fresh.resolve(space_key))
        assert private.recovered_at is None
        docs = private.all("load")
        assert len({d["_id"] for d in docs}) == len(docs)
        missing += len(wanted - {(d["tag"], d["t"], d["i"]) for d in docs})
    total = sum(len(w) for w in acked.values())
    print(
        f"\n{storage_place.kind}: processes=2 sessions_each={SESSIONS} acknowledged={total} "
        f"spaces={len(acked)} missing={missing}"
    )
    assert total == 2 * SESSIONS * SESSION_WRITES
    assert len(acked) == 1 + 2 * SESSIONS
    assert missing == 0
