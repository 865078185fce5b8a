"""The database server killed with SIGKILL in the middle of a burst of saves, and restarted, N times.

Usage (as root, on a cluster of your own: it kills that cluster's postmaster)::

    uv run python -m tests.support.pg_kills --pgdata /tmp/pg/data --port 55432 \\
        --url postgresql+psycopg://user:pw@127.0.0.1:55432/db --kills 10

Four threads keep saving (``insert`` into one space, ``put`` into another) through one Store; a
save that returns is acknowledged. At a random moment in each round the postmaster gets SIGKILL;
the server is started again (``pg_ctl start`` as the ``postgres`` user: PostgreSQL recovers from
its WAL) and the burst goes on. Afterwards a fresh Store reads every space: every acknowledged
insert must be there, each put's value must be the last acknowledged one or a later attempt, and
every space must open. Prints one summary line; exits non-zero on any loss.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

from storage.errors import StorageError
from storage.store import Store


def _as_postgres(command: list[str]) -> None:
    prefix = ["su", "postgres", "-s", "/bin/sh", "-c"] if os.getuid() == 0 else ["sh", "-c"]
    subprocess.run(
        [*prefix, " ".join(f"'{c}'" for c in command)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_gone(pid: int, pid_file: Path) -> None:
    """Wait for the killed postmaster to be gone; a zombie nobody reaps counts as gone.

    PostgreSQL refuses to start while the PID in ``postmaster.pid`` exists, and a zombie exists
    until its parent reaps it (not every container's init does): then the stale file goes.
    """
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return
        if "\nState:\tZ" in state:
            pid_file.unlink(missing_ok=True)
            for lock in pid_file.parent.parent.glob(".s.PGSQL.*.lock"):
                lock.unlink(missing_ok=True)  # the socket's lock file names the same PID
            return
        time.sleep(0.1)


def main() -> int:
    """Kill, restart, check."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pgdata", required=True, type=Path)
    parser.add_argument("--port", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    args = parser.parse_args()

    store = Store(args.url)
    key_a, a = store.create_space()
    key_b, b = store.create_space()
    acked: set[tuple[int, int]] = set()
    last_put: dict[int, int] = {}
    tried_put: dict[int, int] = {}
    failed = 0
    put_acks = 0
    stop = threading.Event()
    guard = threading.Lock()

    def work(n: int) -> None:
        nonlocal failed, put_acks
        i = 0
        while not stop.is_set():
            i += 1
            try:
                if n % 2 == 0:
                    store.private(store.resolve(key_a)).insert("burst", {"n": n, "i": i})
                    with guard:
                        acked.add((n, i))
                else:
                    with guard:
                        tried_put[n] = i
                    store.private(store.resolve(key_b)).put("latest", f"t{n}", {"i": i})
                    with guard:
                        last_put[n] = i
                        put_acks += 1
            except StorageError:
                with guard:
                    failed += 1
                time.sleep(0.05)

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(4)]
    for thread in threads:
        thread.start()
    pid_file = args.pgdata / "postmaster.pid"
    for _ in range(args.kills):
        time.sleep(random.uniform(0.5, 2.0))
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, pid_file)
        time.sleep(random.uniform(0.2, 1.0))  # saves fail calmly meanwhile
        opts = f"-p {args.port} -k {args.pgdata.parent} -c listen_addresses=127.0.0.1"
        for attempt in range(20):  # the killed server's backends may hold on for a moment
            try:
                _as_postgres(
                    [
                        f"{args.pg_bin}/pg_ctl",
                        "-D",
                        str(args.pgdata),
                        "-w",
                        "-l",
                        str(args.pgdata.parent / "log"),
                        "-o",
                        opts,
                        "start",
                    ]
                )
                break
            except subprocess.CalledProcessError:
                if attempt == 19:
                    raise
                time.sleep(0.5)
    time.sleep(1.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    fresh = Store(args.url)
    docs = fresh.private(fresh.resolve(key_a)).all("burst")
    found = {(d["n"], d["i"]) for d in docs}
    lost = len(acked - found)
    latest = {d["key"]: d["i"] for d in fresh.private(fresh.resolve(key_b)).all("latest")}
    stale = sum(1 for n, i in last_put.items() if not i <= latest.get(f"t{n}", 0) <= tried_put[n])
    unreadable = sum(
        1 for s in (a, b) if fresh.private(s).recovered_at or fresh.shared(s).recovered_at
    )
    print(
        f"kills={args.kills} acknowledged={len(acked) + put_acks} "
        f"failed_calmly={failed} lost={lost} stale_puts={stale} unreadable={unreadable} "
        f"duplicates={len(docs) - len(found)}"
    )
    return 0 if lost == stale == unreadable == 0 and len(docs) == len(found) else 1


if __name__ == "__main__":
    raise SystemExit(main())
