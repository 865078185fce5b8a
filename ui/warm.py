"""Loading the chart libraries in the background once a chart is one click away.

pandas and Plotly take seconds to import on a busy server (2.5 s measured here under load, then
0.4 s for Plotly's first figure), and a server imports them only when a chart is first drawn, so
the first person to open the plan's charts waited for all of it. The plan page starts the import
in a background thread while its first section is read. Nothing per-user is touched: it imports
modules and builds an empty figure, once per process.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
_started = threading.Event()


def charts_soon() -> threading.Thread | None:
    """Start warming the chart libraries once per process; the thread, or None if already begun."""
    if _started.is_set():
        return None
    _started.set()
    thread = threading.Thread(target=_warm, name="open-door-warm-charts", daemon=True)
    thread.start()
    return thread


def _warm() -> None:
    try:
        from guide import figures

        figures.weekly_score_line((), ())  # the first figure loads Plotly's validators
    except Exception:  # a warm-up must never disturb a page; the chart will import it itself
        log.warning("warming the chart libraries failed", exc_info=True)
