"""Spaces with a history, for the benchmark: six weeks, one year, five years of daily use.

The records have the shapes the plan page documents (``records/plan.py``): one cycle every six
weeks with three targets, a weekly owner rating per target, a journal line every day and a nightly
check-in every other day. A long history is written in one go with ``Compartment.load`` (one write
instead of thousands), keeping whatever tables the space already has. The interaction benchmark prefers
the shared test seed (``tests.support.seed.seed_six_weeks``) when it exists, so pages see exactly
what the tests see.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from guide.plan import Cycle, Rating, RoutineEntry, make_target
from guide.weeks import WEEKS
from storage.store import Access, Store

TARGETS = (
    "We talk for ten minutes after dinner without phones",
    "I say one thing I appreciate each day",
    "We take a short walk together at the weekend",
)
LINES = (
    "Quiet evening. We talked a little about the week and it felt easier than last time.",
    "Hard day at work for both of us; I kept the check-in short and that was fine.",
    "I noticed I was bracing for an argument that never came. Wrote it down to remember.",
    "We laughed about something silly at dinner. Small, but it counted.",
    "I asked about therapy again, gently. Not yet, but no slammed door either.",
)
SIZES = {"six weeks": 42, "one year": 365, "five years": 5 * 365}


def history(days: int, today: date, seed: int = 9) -> dict[str, list[dict[str, Any]]]:
    """Tables for ``days`` days of daily use ending on ``today`` (cycles, ratings, log, journal)."""
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    cycles: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    previous: str | None = None
    start = first
    index = 0
    while start <= today:
        cycle_id = f"c{index:04d}"
        targets = tuple(make_target(text, f"{cycle_id}t{n}") for n, text in enumerate(TARGETS))
        cycle = Cycle(id=cycle_id, start=start, targets=targets, previous_id=previous)
        end = start + timedelta(days=7 * WEEKS)
        cycles.append(cycle.to_dict() | {"active": end > today, "key": cycle_id})
        for week in range(1, WEEKS + 1):
            rated_on = start + timedelta(days=7 * week)
            if rated_on > today:
                break
            for target in targets:
                rating = Rating(
                    target.id,
                    week,
                    rng.choice(("kept", "partly", "not")),
                    note=rng.choice(("", "Better than last week.", "We both forgot.")),
                    rated_on=rated_on,
                )
                key = f"{target.id}/{week}/owner"
                ratings.append(rating.to_dict() | {"cycle_id": cycle_id, "key": key})
        previous, start, index = cycle_id, end, index + 1
    journal, routine_log = [], []
    for offset in range(days):
        day = first + timedelta(days=offset)
        cycle_id = cycles[min(offset // (7 * WEEKS), len(cycles) - 1)]["id"]
        journal.append(
            {
                "key": day.isoformat(),
                "day": day.isoformat(),
                "text": rng.choice(LINES),
                "telling": rng.random() < 0.2,
                "cycle_id": cycle_id,
            }
        )
        if offset % 2 == 0:
            entry = RoutineEntry("nightly", day, note="")
            routine_log.append(entry.to_dict() | {"cycle_id": cycle_id})
    return {
        "plan_cycles": cycles,
        "plan_ratings": ratings,
        "routine_log": routine_log,
        "journal": journal,
    }


def seed_history(store: Store, access: Access, days: int, today: date) -> None:
    """Write ``days`` days of history into a space's private compartment in one write."""
    private = store.private(access)
    tables = private.dump()
    tables.update(history(days, today))
    private.load(tables)


def journal_record(today: date, n: int = 0) -> dict[str, Any]:
    """Today's journal line: the typical record a user saves."""
    return {
        "day": today.isoformat(),
        "text": LINES[n % len(LINES)],
        "telling": False,
        "cycle_id": None,
    }


def seed_six_weeks(store: Store, access: Access, today: date) -> str:
    """A realistic six-week space: the shared test seed if there is one, else ours. Says which."""
    try:
        from tests.support.seed import seed_six_weeks as shared_seed
    except ImportError:
        shared_seed = None
    if shared_seed is not None:
        try:
            shared_seed(store, access, today)
            return "tests.support.seed"
        except TypeError:
            pass  # a different signature than expected: fall back to ours
    seed_history(store, access, SIZES["six weeks"], today)
    return "bench.seed"
