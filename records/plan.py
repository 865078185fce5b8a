"""Where the six-week plan lives in a space (cycles, ratings, partner ratings), and its status.

Every read goes through :mod:`storage.compartment` and comes back as ``guide.plan`` objects; a
stored record that can't be read is skipped (and logged) rather than breaking the page. Nothing
here imports Streamlit, so the seed data for tests and the benchmark can use it too. The routine
log and the journal belong to :mod:`records.routines`; the plan reads them through it.

Tables (private compartment unless noted):

- ``plan_cycles``: key = cycle id -> ``Cycle.to_dict()`` plus ``{"active": bool}``. Exactly one
  cycle is active (the one the plan page shows); earlier cycles stay, read-only, as history. The
  review's decision and personal-timeline answers live inside the cycle (``"decision"``).
- ``plan_ratings``: key = ``f"{target_id}/{week}/{rater}"`` -> ``Rating.to_dict()`` plus
  ``{"cycle_id": str}``. The key makes a second rating of the same target and week replace the
  first. Target ids are unique per cycle, so a cycle's ratings are those for its target ids.
- shared ``partner_ratings``: ``Rating.to_dict()`` with ``rater == "partner"``. A partner link
  writes them under ``"<link>/<target>/<week>"`` plus ``link_id`` (:func:`save_link_ratings`);
  :func:`ratings` reads them all when asked for partner ratings, :func:`link_ratings` one link's.
- Journal lines (``records.routines``) count as "journal" routine activity on days the routine
  log has no journal entry of its own (see :func:`activity_entries`).
- ``plan_review`` is not used: the decision is stored with its cycle.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from guide import formatting
from guide.plan import (
    Cycle,
    PlanError,
    Rating,
    RoutineEntry,
    Target,
    edit_target,
    make_cycle,
    make_target,
    new_id,
    next_cycle,
    rated_weeks,
    validate_rating,
)
from guide.routines import JournalLine
from guide.sharing import rating_key as link_rating_key
from guide.sharing import rating_record, ratings_from_records
from guide.weeks import WEEKS, current_week, due_weeks, progress
from records import routines
from records.space import Space
from storage.compartment import Compartment

log = logging.getLogger(__name__)

CYCLES_TABLE = "plan_cycles"
RATINGS_TABLE = "plan_ratings"
PARTNER_RATINGS_TABLE = "partner_ratings"  # shared compartment
TABLES = (CYCLES_TABLE, RATINGS_TABLE)  # private tables, for a backup's summary


@dataclass(frozen=True)
class PlanStatus:
    """Where the plan stands today, for a "week N of 6" bar and what is due.

    ``cycle`` is None when no plan has been set up. ``week`` is 0 before the start (or without a
    plan) and at most 6; ``fraction`` is the share of the six weeks already behind (0..1);
    ``due_weeks`` are ended weeks not yet fully rated; ``rated_weeks`` are the weeks with every
    target rated; ``review_due`` is true from the review date until a decision is saved.
    """

    cycle: Cycle | None
    week: int
    fraction: float
    due_weeks: tuple[int, ...]
    review_due: bool
    review_on: date | None = None
    started: bool = False
    rated_weeks: tuple[int, ...] = ()

    @property
    def headline(self) -> str:
        """A short line such as "Week 2 of 6" (or where the plan is, when no week is running)."""
        if self.cycle is None:
            return "No six-week plan yet"
        if not self.started:
            return f"Your six weeks begin on {formatting.day(self.cycle.start)}"
        if self.fraction >= 1:
            return "All six weeks are done"
        return f"Week {self.week} of {WEEKS}"


def rating_key(target_id: str, week: int, rater: str) -> str:
    """The storage key of one rating: one per target, week and rater."""
    return f"{target_id}/{week}/{rater}"


# --- reading -------------------------------------------------------------------------------------


def _matching(
    compartment: Compartment, table: str, field: str, wanted: Iterable[str]
) -> list[dict[str, Any]]:
    """The documents whose ``field`` is one of ``wanted``, read under the compartment's locks.

    A search instead of ``all()``: years of journal lines and ratings would otherwise be copied on
    every run only to keep one cycle's worth.
    """
    return compartment.find(table, field, list(wanted))


def _parse_cycle(doc: Mapping[str, Any]) -> Cycle | None:
    try:
        return Cycle.from_dict(doc)
    except PlanError:
        log.warning("a stored plan cycle could not be read and was skipped")
        return None


def _cycle_docs(space: Space) -> list[tuple[Cycle, bool]]:
    found = []
    for doc in space.private.all(CYCLES_TABLE):
        cycle = _parse_cycle(doc)
        if cycle is not None:
            found.append((cycle, bool(doc.get("active"))))
    return found


def cycles(space: Space) -> list[Cycle]:
    """Every readable cycle in the space, oldest start first."""
    return sorted((c for c, _ in _cycle_docs(space)), key=lambda c: (c.start, c.id))


def active_cycle(space: Space) -> Cycle | None:
    """The cycle the plan page shows, or None when no plan has been set up."""
    found = _cycle_docs(space)
    if not found:
        return None
    active = [c for c, is_active in found if is_active] or [c for c, _ in found]
    # Should two ever be marked active (or none), the latest start is the one in progress.
    return max(active, key=lambda c: (c.start, c.id))


def earlier_cycles(space: Space, current: Cycle | None) -> list[Cycle]:
    """The cycles before ``current``, most recent first (the plan's history)."""
    others = [c for c in cycles(space) if current is None or c.id != current.id]
    return sorted(others, key=lambda c: (c.start, c.id), reverse=True)


def _parse_ratings(docs: Iterable[Mapping[str, Any]], ids: set[str]) -> list[Rating]:
    found = []
    for doc in docs:
        try:
            rating = Rating.from_dict(doc)
        except PlanError:
            log.warning("a stored rating could not be read and was skipped")
            continue
        if rating.target_id in ids:
            found.append(rating)
    return found


def ratings(space: Space, cycle: Cycle, rater: str | None = None) -> list[Rating]:
    """The cycle's ratings: the owner's, the partner's, or both (``rater=None``)."""
    ids = set(cycle.target_ids)
    found: list[Rating] = []
    if rater in (None, "owner"):
        docs = _matching(space.private, RATINGS_TABLE, "target_id", ids)
        owner = _parse_ratings(docs, ids)
        found += [r for r in owner if r.rater == "owner"]
    if rater in (None, "partner"):
        docs = _matching(space.shared, PARTNER_RATINGS_TABLE, "target_id", ids)
        partner = _parse_ratings(docs, ids)
        found += [r for r in partner if r.rater == "partner"]
    return found


def routine_entries(space: Space, cycle: Cycle) -> list[RoutineEntry]:
    """The routine log entries made during ``cycle``, oldest first."""
    return routines.cycle_entries(space.private, cycle.id)


def journal_entries(space: Space, cycle: Cycle) -> list[JournalLine]:
    """The journal lines written during ``cycle``, oldest first."""
    return routines.cycle_journal(space.private, cycle.id)


def activity_entries(
    entries: Sequence[RoutineEntry], journal: Sequence[JournalLine]
) -> list[RoutineEntry]:
    """Routine entries with each journal day counted once as "journal" activity.

    A journal line only becomes an entry on a day the routine log has no journal entry, so the
    chart counts the same whether or not the routines tab also logs the journal as a routine.
    """
    logged = {e.day for e in entries if e.routine == "journal"}
    extra = {line.day for line in journal if line.day not in logged}
    return [*entries, *(RoutineEntry("journal", day) for day in sorted(extra))]


def plan_status(space: Space, today: date) -> PlanStatus:
    """Where the active plan stands today (a calm empty status when there is no plan)."""
    cycle = active_cycle(space)
    if cycle is None:
        return PlanStatus(cycle=None, week=0, fraction=0.0, due_weeks=(), review_due=False)
    done = rated_weeks(cycle, ratings(space, cycle, "owner"))
    info = current_week(cycle.start, today)
    week, fraction = progress(cycle.start, today)
    return PlanStatus(
        cycle=cycle,
        week=week,
        fraction=fraction,
        due_weeks=tuple(due_weeks(cycle.start, today, done)),
        review_due=info.finished and cycle.decision is None,
        review_on=cycle.review_on,
        started=info.started,
        rated_weeks=tuple(sorted(done)),
    )


# --- writing -------------------------------------------------------------------------------------


def _record(cycle: Cycle, active: bool) -> dict[str, Any]:
    return cycle.to_dict() | {"active": active}


def start_cycle(space: Space, cycle: Cycle) -> None:
    """Store ``cycle`` as the active one; every earlier cycle stays, no longer active."""
    with space.private.transaction() as txn:
        for doc in txn.all(CYCLES_TABLE):
            if doc.get("active") and doc.get("key") != cycle.id:
                txn.update(CYCLES_TABLE, doc["_id"], {"active": False})
        txn.put(CYCLES_TABLE, cycle.id, _record(cycle, True))


def save_cycle(space: Space, cycle: Cycle) -> None:
    """Store a changed cycle (new wording, a decision, a book), keeping whether it is active."""
    with space.private.transaction() as txn:
        found = txn.get(CYCLES_TABLE, cycle.id)
        active = bool(found.get("active")) if found is not None else True
        txn.put(CYCLES_TABLE, cycle.id, _record(cycle, active))


def save_rating(space: Space, cycle: Cycle, rating: Rating, today: date) -> None:
    """Check and store one rating, replacing an earlier one for the same target, week and rater.

    Raises PlanError (a calm message) when it can't be saved, e.g. for a week not yet begun.
    Partner ratings go to the shared compartment, where the partner link can write them.
    """
    validate_rating(cycle, rating, today)
    fields = rating.to_dict() | {"cycle_id": cycle.id}
    key = rating_key(rating.target_id, rating.week, rating.rater)
    if rating.rater == "partner":
        space.shared.put(PARTNER_RATINGS_TABLE, key, fields)
    else:
        space.private.put(RATINGS_TABLE, key, fields)


def remove_rating(space: Space, target_id: str, week: int, rater: str = "owner") -> bool:
    """Forget one rating (the user cleared it); True when there was one."""
    compartment = space.shared if rater == "partner" else space.private
    table = PARTNER_RATINGS_TABLE if rater == "partner" else RATINGS_TABLE
    doc = compartment.get(table, rating_key(target_id, week, rater))
    if doc is None:
        return False
    compartment.remove(table, doc["_id"])
    return True


def link_ratings(shared: Compartment, link_id: str) -> list[Rating]:
    """The ratings one partner link made (read from the shared compartment)."""
    return ratings_from_records(shared.all(PARTNER_RATINGS_TABLE), link_id)


def save_link_ratings(shared: Compartment, link_id: str, checked: Iterable[Rating]) -> None:
    """Store a partner link's checked ratings, one per target and week of that link."""
    for rating in checked:
        shared.put(
            PARTNER_RATINGS_TABLE,
            link_rating_key(link_id, rating.target_id, rating.week),
            rating_record(rating, link_id),
        )


# --- building cycles from the page's inputs -------------------------------------------------------


def new_plan(start: date, texts: Iterable[str]) -> Cycle:
    """A first cycle from the user's target wordings (blank ones left out); may raise PlanError."""
    targets = [make_target(text, new_id()) for text in texts if text.strip()]
    return make_cycle(new_id(), start, targets)


def add_target(cycle: Cycle, text: str) -> Cycle:
    """The cycle with one more target; may raise PlanError (e.g. a fourth target)."""
    targets = (*cycle.targets, make_target(text, new_id()))
    make_cycle(cycle.id, cycle.start, targets)  # the same checks as at setup
    return replace(cycle, targets=targets)


def move_start(cycle: Cycle, start: date) -> Cycle:
    """The cycle with a different start date (for a plan with no ratings yet)."""
    return replace(cycle, start=start)


def carry_over(previous: Cycle, texts: Sequence[str], start: date, today: date) -> Cycle:
    """A new cycle after ``previous`` from the wordings in its slots (blank drops a target).

    Slot ``i`` continues ``previous``'s ``i``-th target: the same wording carries it over, new
    wording rewords it (the old wording kept in its history). Slots beyond the old targets add
    new ones. Raises PlanError for a start that isn't after the previous one, or bad targets.
    """
    fresh = next_cycle(previous, new_id(), start, keep_targets=True)
    chosen: list[Target] = []
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        if i < len(fresh.targets):
            chosen.append(edit_target(fresh.targets[i], text, today))
        else:
            chosen.append(make_target(text, new_id()))
    return make_cycle(
        fresh.id, fresh.start, chosen, previous_id=previous.id, book_id=previous.book_id
    )
