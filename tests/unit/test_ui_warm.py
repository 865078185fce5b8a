"""The chart libraries are warmed once per process, in the background."""

from __future__ import annotations

import sys

from ui import warm


def test_charts_soon_imports_the_figures_once_in_the_background(monkeypatch):
    monkeypatch.setattr(warm, "_started", type(warm._started)())
    first = warm.charts_soon()
    assert first is not None and first.daemon
    first.join(60)
    assert "guide.figures" in sys.modules and "plotly.graph_objects" in sys.modules
    assert warm.charts_soon() is None  # once per process
