"""How one benchmark run is set up: quick or full, where its scratch files go, progress lines."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.report import OUT


@dataclass
class Config:
    """One run's settings. Scratch folders live under ``bench/out/`` (the repo's own disk, so
    fsync costs what it costs for the real data folder) and are removed at the end."""

    quick: bool = False
    out: Path = OUT
    started: float = field(default_factory=time.monotonic)
    _work: Path | None = None

    def pick(self, full: int, quick: int) -> int:
        """A count for this run: ``quick`` in a quick run, else ``full``."""
        return quick if self.quick else full

    @property
    def work(self) -> Path:
        """This run's scratch folder (created on first use)."""
        if self._work is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._work = Path(tempfile.mkdtemp(prefix="scratch-", dir=self.out))
        return self._work

    def scratch(self, name: str) -> Path:
        """A new empty folder under the scratch folder."""
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    def say(self, message: str) -> None:
        """A progress line on stderr, stamped with the seconds since the run began."""
        print(f"[{time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def cleanup(self) -> None:
        """Remove the scratch folder."""
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
