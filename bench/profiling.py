"""Where the time goes when a target is missed: a cProfile of the slow action, summarised."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _where(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    try:
        filename = str(Path(filename).resolve().relative_to(ROOT))
    except ValueError:
        for marker in ("site-packages/", "lib/python3"):
            if marker in filename:
                filename = filename.split(marker, 1)[1].lstrip("0123456789./")
                break
    return f"{filename}:{line}({name})" if line else name


def top_functions(
    action: Callable[[], object],
    calls: int,
    limit: int = 8,
    timer: Callable[[], float] | None = None,
) -> list[dict[str, float | str]]:
    """Profile ``calls`` runs of ``action``; the functions with the most own time, per call (ms).

    ``timer=time.thread_time`` counts CPU time only (a wait on the disk then costs nothing).
    """
    profiler = cProfile.Profile(timer) if timer else cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        action()
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for func, (_cc, _nc, own, total, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": _where(func),
                "own_ms": own * 1000 / calls,
                "cumulative_ms": total * 1000 / calls,
            }
        )
    rows.sort(key=lambda r: r["own_ms"], reverse=True)
    return rows[:limit]


def describe(rows: list[dict[str, float | str]], limit: int = 4) -> str:
    """The top few functions in one line, for a table note."""
    return "; ".join(f"{r['function']} {r['own_ms']:.2f} ms" for r in rows[:limit])
