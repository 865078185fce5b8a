"""Start a real ``streamlit run`` of Open Door on a free port, for browser tests and the benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port on loopback that nothing is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(
    url: str, timeout: float = 60, interval: float = 0.2, process: subprocess.Popen | None = None
) -> None:
    """Block until Streamlit's health endpoint answers (polling every ``interval`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(interval)
    raise TimeoutError(f"server at {url} did not become healthy in {timeout}s")


def launch(
    data_dir: Path,
    *,
    script: str = "streamlit_app.py",
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run`` on a free loopback port without waiting; returns process and URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "OPEN_DOOR_DATA_DIR": str(data_dir),
        "OPEN_DOOR_LOCAL_MODE": "off",
        "OPEN_DOOR_BASE_URL": url,
        **(env or {}),
    }
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - the child owns it
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=environment,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    if log:
        out.close()  # the child keeps its own copy of the descriptor
    return process, url


def start_app(
    data_dir: Path,
    *,
    script: str = "streamlit_app.py",
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run`` on a free loopback port and wait until it is healthy.

    Returns the process (the caller stops it, or kills it on purpose) and the base URL.
    """
    process, url = launch(data_dir, script=script, env=env, log=log)
    try:
        wait_healthy(url, process=process)
    except BaseException:
        process.kill()
        raise
    return process, url


def stop(process: subprocess.Popen) -> None:
    """Stop a server politely, then firmly."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_app(
    data_dir: Path,
    *,
    script: str = "streamlit_app.py",
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> Iterator[str]:
    """Run ``script`` with ``streamlit run`` on a free loopback port; yields the base URL."""
    process, url = start_app(data_dir, script=script, env=env, log=log)
    try:
        yield url
    finally:
        stop(process)


def own_server(
    tmp_path_factory, exit_site: str, name: str, *, log: bool = False
) -> Iterator[tuple[str, Path]]:
    """Open Door on a server of a test module's own, with its data folder at hand: (url, data).

    For a module-scoped fixture (``yield from own_server(...)``) whose tests seed or read spaces
    on disk; the quick exit goes to the loopback ``exit_site``.
    """
    data = tmp_path_factory.mktemp(name)
    log_file = Path(tmp_path_factory.mktemp("logs")) / "server.log" if log else None
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}, log=log_file) as url:
        yield url, data
