"""Rows of results, the table printed at the end, and the JSON file written next to it."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.stats import Target

OUT = Path(__file__).resolve().parent / "out"
RESULTS = OUT / "results.json"


@dataclass(frozen=True)
class Row:
    """One figure of the benchmark: what was measured, its value, and how it compares to a goal.

    ``value`` is None for a measurement that was skipped (``note`` says why).
    """

    section: str
    name: str
    value: float | None
    unit: str = "x"
    target: Target | None = None
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """PASS or MISS against the target, SKIP without a value, blank without a target."""
        if self.value is None:
            return "SKIP"
        if self.target is None:
            return ""
        return "PASS" if self.target.met(self.value) else "MISS"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if math.isinf(value) or math.isnan(value):
        return str(value)
    if float(value).is_integer() and unit in ("", "/s", "MB"):
        return f"{int(value)} {unit}".rstrip()
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "exp":
        return f"{value:.2f}"
    magnitude = abs(value)
    digits = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2 if magnitude >= 1 else 3
    return f"{value:.{digits}f} {unit}".rstrip()


def format_table(rows: list[Row]) -> str:
    """A plain-text table: section, measure, value, target, verdict, note."""
    header = ("section", "measure", "value", "target", "", "note")
    body = [
        (
            r.section,
            r.name,
            _number(r.value, r.unit),
            r.target.describe() if r.target else "",
            r.verdict,
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        lead = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1]))
        return f"{lead}  {cells[-1]}".rstrip()

    rule = "  ".join("-" * w for w in widths) + "  " + "-" * 4
    out = [line(header), rule]
    previous = None
    for row, cells in zip(rows, body, strict=True):
        if previous is not None and row.section != previous:
            out.append("")
        out.append(line(cells))
        previous = row.section
    misses = sum(r.verdict == "MISS" for r in rows)
    passes = sum(r.verdict == "PASS" for r in rows)
    skips = sum(r.verdict == "SKIP" for r in rows)
    out.append("")
    out.append(f"{passes} PASS, {misses} MISS, {skips} SKIP")
    return "\n".join(out)


def _clean(value: Any) -> Any:
    """Make a value JSON-safe: floats that are not finite become strings."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def to_json(rows: list[Row], meta: dict[str, Any]) -> dict[str, Any]:
    """The whole run as a JSON-safe document: when, where, how, and every row with its samples."""
    return _clean(
        {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": _cpus(),
            },
            "run": meta,
            "rows": [
                {
                    "section": r.section,
                    "name": r.name,
                    "value": r.value,
                    "unit": r.unit,
                    "target": r.target.describe() if r.target else None,
                    "verdict": r.verdict or None,
                    "note": r.note,
                    "data": r.data,
                }
                for r in rows
            ],
        }
    )


def write_json(document: dict[str, Any], path: Path = RESULTS) -> Path:
    """Write the results file (creating ``bench/out/``) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, allow_nan=False) + "\n", "utf-8")
    return path


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
