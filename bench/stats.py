"""The benchmark's arithmetic: medians, ratios of medians, growth exponents and A/B alternation.

Everything here is pure and fast, so it is unit-tested directly. Timings are compared as ratios of
medians taken in the same run with the two sides interleaved, which holds on a noisy machine where
absolute numbers drift from one minute to the next.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def median(samples: Sequence[float]) -> float:
    """The median of a non-empty list of numbers."""
    if not samples:
        raise ValueError("no samples")
    return float(statistics.median(samples))


def ratio_of_medians(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """``median(ours) / median(theirs)``: above 1 means ours is slower (or bigger)."""
    base = median(theirs)
    if base <= 0:
        raise ValueError("the baseline median must be positive")
    return median(ours) / base


def quartiles(samples: Sequence[float]) -> tuple[float, float]:
    """The lower and upper quartile (the median itself for fewer than two samples)."""
    if len(samples) < 2:
        only = median(samples)
        return only, only
    low, _, high = statistics.quantiles(samples, n=4, method="inclusive")
    return float(low), float(high)


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """The slope of log(time) against log(size): 1 is linear growth, 0 is flat, 2 is quadratic."""
    if len(sizes) != len(times) or len(sizes) < 2:
        raise ValueError("need at least two (size, time) pairs")
    if min(sizes) <= 0 or min(times) <= 0:
        raise ValueError("sizes and times must be positive")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        raise ValueError("sizes must not all be equal")
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of ``action`` took (wall clock, high resolution)."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternate(
    actions: dict[str, Callable[[], float]], rounds: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Run each measuring action once per round, rotating who goes first; returns samples by name.

    Each action returns its own measurement (seconds, bytes, ...), so it can time exactly the part
    that matters. Rotating the order cancels drift (a warming cache, a busy neighbour) between sides.
    Warm-up rounds run the same way and are thrown away.
    """
    names = list(actions)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            value = actions[name]()
            if index >= warmup:
                samples[name].append(value)
    return samples


@dataclass(frozen=True)
class Target:
    """A goal for one figure: ``value <= limit`` (``op="<="``) or ``|value - 1| <= limit``."""

    op: str
    limit: float

    def met(self, value: float) -> bool:
        """True when ``value`` reaches the goal."""
        if self.op == "<=":
            return value <= self.limit
        if self.op == ">=":
            return value >= self.limit
        if self.op == "within":
            return abs(value - 1.0) <= self.limit
        raise ValueError(f"unknown target operator {self.op!r}")

    def describe(self) -> str:
        """The goal in a few characters, for the table."""
        if self.op == "within":
            return f"1 ± {self.limit:.0%}"
        return f"{self.op} {self.limit:g}"
