"""Where a page's rerun spends its time: one benchmark action in AppTest under cProfile.

``uv run python -m bench.profile_page "script: save a step"`` (any action name from
``bench.interaction.ACTIONS``, or a unique part of it) prints the functions with the most time,
own and cumulative, over ten reruns of that action on a seeded six-week space. More arguments
are function names whose callers to print (e.g. ``locked filtered_state``).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

from bench import interaction
from ui import pages


def profile(name: str, rounds: int = 10, limit: int = 25, callers: tuple[str, ...] = ()) -> None:
    """Profile ``rounds`` reruns of the action whose name contains ``name``; print the top."""
    found = [a for a in interaction.ACTIONS if name in a.name]
    if len(found) != 1:
        raise SystemExit(f"pick one of: {', '.join(a.name for a in interaction.ACTIONS)}")
    action = found[0]
    data_dir = Path(tempfile.mkdtemp(prefix="od-profile-"))
    key, _ = interaction.seeded_space(data_dir, date.today())
    os.environ["OPEN_DOOR_DATA_DIR"] = str(data_dir)
    os.environ["OPEN_DOOR_LOCAL_MODE"] = "off"
    at = interaction._apptest("streamlit_app.py", pages.path(action.test_page), space=key)
    interaction._apptest_round(at, action, 0)  # warm: imports and caches
    profiler = cProfile.Profile()
    original = script_runner.exec_func_with_error_handling

    def profiled(func, ctx):  # AppTest runs the script in its own thread: profile it there
        profiler.enable()
        try:
            return original(func, ctx)
        finally:
            profiler.disable()

    script_runner.exec_func_with_error_handling = profiled
    took = []
    try:
        for n in range(1, rounds + 1):
            if action.test_prepare:
                action.test_prepare(at, n)
            pending = action.test_act(at, n)  # type: ignore[misc]
            start = time.perf_counter()
            pending.run()
            took.append(time.perf_counter() - start)
    finally:
        script_runner.exec_func_with_error_handling = original
    took.sort()
    print(f"{action.name}: median rerun {took[len(took) // 2] * 1000:.0f} ms over {rounds}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    for name in callers:
        stats.print_callers(name)


if __name__ == "__main__":
    profile(sys.argv[1] if len(sys.argv) > 1 else "script", callers=tuple(sys.argv[2:]))
