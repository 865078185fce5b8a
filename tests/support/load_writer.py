"""A child process for load tests: many threads writing to one shared space and to their own.

Usage: ``python -m tests.support.load_writer WHERE SHARED_KEY TAG THREADS WRITES [--no-own-spaces]``
(WHERE: a data folder or a database URL). Each thread writes WRITES records, alternating between the
shared space and a space of its own, and prints ``ack <space_key> <tag> <thread> <n>`` after each
write returns. Own spaces are created up front and printed as ``space <key>`` lines; with
``--no-own-spaces`` every write goes to the shared space.
"""

from __future__ import annotations

import sys
import threading

from storage.store import Store


def main() -> None:
    """Write, acknowledge, exit."""
    data_dir, shared_key, tag = sys.argv[1:4]
    threads, writes = int(sys.argv[4]), int(sys.argv[5])
    own = "--no-own-spaces" not in sys.argv[6:]
    store = Store(data_dir)
    printing = threading.Lock()
    own_keys = [store.create_space()[0] for _ in range(threads)] if own else []
    for key in own_keys:
        print(f"space {key}", flush=True)

    def work(n: int) -> None:
        for i in range(writes):
            key = shared_key if i % 2 == 0 or not own else own_keys[n]
            store.private(store.resolve(key)).insert("load", {"tag": tag, "t": n, "i": i})
            with printing:
                print(f"ack {key} {tag} {n} {i}", flush=True)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


if __name__ == "__main__":
    main()
