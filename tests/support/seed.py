"""Seed data for tests and the benchmark: a realistic, finished six-week plan in one space.

:func:`seed_six_weeks` writes through :mod:`records.plan` (the same tables and shapes the plan
page uses): three targets, every week rated with a mix of kept / partly kept / not kept, a few
notes, a routine log that grows over the weeks, and journal lines, some of them marked telling.
The cycle starts 42 days before ``today``, so today is its review date and the review is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from guide.plan import Cycle, Rating, RoutineEntry, Target, make_cycle
from guide.weeks import WEEKS, week_range
from records import plan as plan_state
from records import routines as routine_records
from storage.compartment import Compartment
from storage.store import Access, Store

TARGETS = (
    "No phones at dinner",
    "Ten minutes of talk after work, no screens",
    "Take a 20-minute break when a talk heats up, then come back",
)
# One row per target, one value per week: the first goes well, the second improves, the third
# stays hard. The review then has a best and a hardest target and a rising trend.
VALUES = (
    ("kept", "partly", "kept", "kept", "kept", "kept"),
    ("not", "partly", "partly", "kept", "partly", "kept"),
    ("not", "not", "partly", "not", "partly", "partly"),
)
NOTES = {
    (0, 1): "Busy week, phones crept back on Thursday.",
    (1, 3): "We talked on the porch three evenings.",
    (2, 0): "Voices rose twice; neither of us stepped away.",
    (2, 4): "I asked for a break once and we did come back to it.",
}
# Days (0-based within the cycle) with a nightly check-in: a few at first, more later.
NIGHTLY_DAYS = (1, 4, 8, 10, 12, 15, 17, 19, 22, 23, 25, 27, 29, 31, 33, 36, 37, 38, 40)
WEEKLY_DAYS = (6, 13, 27, 34, 41)  # week 3's check-in was missed
BOOK_DAYS = (5, 12, 19, 26)  # four weeks of the book track
SUPPORT_DAYS = (3, 16, 30)
JOURNAL = (
    (2, "Dinner without phones felt awkward, then nice.", False),
    (6, "He asked how my day was before I asked him.", True),
    (9, "I raised the bills again and it went badly.", False),
    (14, "We laughed at dinner for the first time in weeks.", True),
    (20, "Quiet week. Both tired.", False),
    (24, "He suggested the walk himself.", True),
    (30, "I stepped away when it heated up and came back later.", False),
    (35, "He said the check-ins are not as bad as he thought.", True),
    (39, "Still hard to talk about money.", False),
)


@dataclass(frozen=True)
class StoreSpace:
    """A space's compartments reached through a Store and an Access, outside a page."""

    store: Store
    access: Access

    @property
    def private(self) -> Compartment:
        """The owner's private compartment."""
        return self.store.private(self.access)

    @property
    def shared(self) -> Compartment:
        """The compartment shared with partners."""
        return self.store.shared(self.access)


def seed_six_weeks(store: Store, access: Access, today: date) -> Cycle:
    """Write a finished six-week cycle (review due today) into the space; return the cycle."""
    space = StoreSpace(store, access)
    start = today - timedelta(days=WEEKS * 7)
    cycle = make_cycle(
        "seed-cycle",
        start,
        [Target(id=f"seed-target-{i}", text=text) for i, text in enumerate(TARGETS, 1)],
        book_id="hold_me_tight",
    )
    plan_state.start_cycle(space, cycle)
    for row, target in enumerate(cycle.targets):
        for week, value in enumerate(VALUES[row], 1):
            _, last = week_range(start, week)
            # Week 4 was rated three days late; the rest on the week's last day.
            rated_on = last + timedelta(days=3 if week == 4 else 0)
            rating = Rating(
                target.id,
                week,
                value,
                NOTES.get((row, week - 1), ""),
                "owner",
                rated_on=rated_on,
            )
            plan_state.save_rating(space, cycle, rating, today)
    entries = [
        *(
            RoutineEntry("nightly", start + timedelta(days=d), "One small step")
            for d in NIGHTLY_DAYS
        ),
        *(RoutineEntry("weekly", start + timedelta(days=d)) for d in WEEKLY_DAYS),
        *(RoutineEntry("book", start + timedelta(days=d)) for d in BOOK_DAYS),
        *(RoutineEntry("support", start + timedelta(days=d)) for d in SUPPORT_DAYS),
    ]
    for entry in entries:
        space.private.insert(routine_records.LOG_TABLE, entry.to_dict() | {"cycle_id": cycle.id})
    for offset, text, telling in JOURNAL:
        day = start + timedelta(days=offset)
        space.private.insert(
            routine_records.JOURNAL_TABLE,
            {"day": day.isoformat(), "text": text, "telling": telling, "cycle_id": cycle.id},
        )
    return cycle
