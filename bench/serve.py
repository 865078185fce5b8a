"""A ``streamlit run`` server for the benchmark, with its process in hand and a fine-grained wait.

It starts the server with ``tests.support.server.launch`` (the tests' command line) but keeps the
``Popen`` (memory is read from ``/proc/<pid>``) and polls the health endpoint every 20 ms (cold
start is timed from the moment the process is started, and a 200 ms poll would blur it).

Servers write Python's bytecode caches, as a deployment does (pip compiles them on install), even
where ``PYTHONDONTWRITEBYTECODE`` is set in the environment: with it, every start compiled every
module from source, Streamlit's for both sides and each of Open Door's on top, which measured the
compiler rather than the app. The warm-up round writes the caches for both sides alike.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.server import launch, stop, wait_healthy


@dataclass(frozen=True)
class Server:
    """A running server: its base URL, its process, and when it was started and became healthy."""

    url: str
    process: subprocess.Popen
    started: float
    healthy: float

    def connections(self) -> int:
        """Open TCP connections to the server's port (each live session holds a websocket)."""
        return established(int(self.url.rsplit(":", 1)[1]))

    def rss_bytes(self) -> int:
        """Resident memory of the server process and all its children, in bytes."""
        return tree_rss(self.process.pid)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the fields after the command name (which may hold spaces) start after the last ")"
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def rss_of(pid: int) -> int:
    """One process's resident memory (VmRSS) in bytes; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in bytes."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss_of(current)
        todo.extend(_children(current))
    return total


def established(port: int) -> int:
    """How many established TCP connections have ``port`` as their local port (IPv4 loopback)."""
    count = 0
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return 0
    for line in lines:
        fields = line.split()
        local, state = fields[1], fields[3]
        if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:
            count += 1
    return count


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve(
    data_dir: Path, script: str = "streamlit_app.py", env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run ``script`` on a free loopback port until the block ends; yields the :class:`Server`."""
    started = time.perf_counter()
    # An empty value switches PYTHONDONTWRITEBYTECODE off for the server (see the docstring).
    process, url = launch(
        data_dir, script=script, env={"PYTHONDONTWRITEBYTECODE": "", **(env or {})}
    )
    try:
        wait_healthy(url, timeout=90, interval=0.02, process=process)
        yield Server(url, process, started, time.perf_counter())
    finally:
        stop(process)
