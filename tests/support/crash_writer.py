"""A child process that writes to one space as fast as it can and acknowledges each write.

Usage: ``python -m tests.support.crash_writer DATA_DIR KEY TAG``. After every write has returned
it prints ``ack <n>`` and flushes, so the parent knows exactly which writes were acknowledged
before it killed this process.
"""

from __future__ import annotations

import sys

from storage.store import Store


def main() -> None:
    """Write until killed."""
    data_dir, key, tag = sys.argv[1:4]
    store = Store(data_dir)
    private = store.private(store.resolve(key))
    n = 0
    while True:
        private.insert("log", {"tag": tag, "n": n, "pad": "x" * (n % 500)})
        private.put("latest", tag, {"n": n})
        print(f"ack {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
