"""A child process for the PostgreSQL throughput rows: SESSIONS threads, each saving into a space of
its own for SECONDS, then one line ``saves <n>`` (the saves that returned).

Usage: ``python -m bench.pg_sessions URL SESSIONS SECONDS``. The spaces are made before the clock
starts, so only saves are counted; each thread is one user's session of the app.
"""

from __future__ import annotations

import sys
import threading
import time

from storage.store import Store


def saves_for(store: Store, sessions: int, seconds: float) -> int:
    """Saves that returned, from ``sessions`` threads saving for ``seconds`` into their own spaces."""
    accesses = [store.create_space()[1] for _ in range(sessions)]
    counts = [0] * sessions
    start = threading.Barrier(sessions + 1)
    stop_at: list[float] = []

    def work(n: int) -> None:
        private = store.private(accesses[n])
        start.wait()
        i = 0
        while time.monotonic() < stop_at[0]:
            i += 1
            private.put("journal", "today", {"text": f"line {i}", "n": i})
            counts[n] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(sessions)]
    for thread in threads:
        thread.start()
    stop_at.append(time.monotonic() + seconds)
    start.wait()
    for thread in threads:
        thread.join()
    return sum(counts)


def main() -> None:
    url, sessions, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    print(f"saves {saves_for(Store(url), sessions, seconds)}", flush=True)


if __name__ == "__main__":
    main()
