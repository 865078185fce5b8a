"""Numbers from a six-week record: kept shares, weekly scores, the trend, routines, and the review.

A rating scores kept 1, partly 0.5, not 0. Only ratings for the cycle's own targets in weeks 1..6
count, and if the same (target, week, rater) somehow appears twice, the later one wins, so every
number here stays consistent even with untidy input. With few weeks rated the trend says so
("too early") rather than reading a pattern into two points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

from guide.plan import RATING_VALUES, ROUTINES, Cycle, Rating, RoutineEntry, Target, rated_weeks
from guide.weeks import WEEKS, current_week, rateable_weeks, week_of

SCORE: dict[str, float] = {"kept": 1, "partly": 0.5, "not": 0}

Trend = Literal["rising", "steady", "falling", "too early"]

# Three weeks is the fewest that can show a direction; fewer is a single step, not a trend.
MIN_TREND_POINTS = 3
# Slope of the weekly score (per week) that counts as movement: over five weeks this is a
# change of a quarter of the scale, about one target moving from "not" to "partly" and on.
TREND_SLOPE = 0.05


class Divergence(NamedTuple):
    """Where the owner's and the partner's view of one target in one week differ."""

    target_id: str
    week: int
    owner: str
    partner: str
    gap: float


@dataclass(frozen=True)
class TargetSummary:
    """One target's record over the cycle."""

    target_id: str
    text: str
    weeks_rated: int
    kept: int
    partly: int
    not_kept: int
    kept_share: float | None
    score: float | None


@dataclass(frozen=True)
class ReviewSummary:
    """Everything the review shows as numbers; ``best``/``hardest`` are target ids or None."""

    targets: tuple[TargetSummary, ...]
    weekly: tuple[tuple[int, float], ...]
    trend: Trend
    best: str | None
    hardest: str | None
    routines: dict[str, int] = field(default_factory=dict)
    weeks_rated: tuple[int, ...] = ()
    weeks_missing: tuple[int, ...] = ()
    week: int = 0
    review_due: bool = False
    overall: float | None = None


def latest(ratings: Iterable[Rating], rater: str | None = "owner") -> list[Rating]:
    """Return one rating per (target, week, rater), the later one winning; filter by ``rater``."""
    by_key: dict[tuple[str, int, str], Rating] = {}
    for r in ratings:
        if (rater is None or r.rater == rater) and 1 <= r.week <= WEEKS and r.value in SCORE:
            by_key[r.key] = r
    return list(by_key.values())


def _ids(targets: Iterable[Target | str]) -> list[str]:
    """Accept targets or their ids."""
    return [t if isinstance(t, str) else t.id for t in targets]


def _mean(values: Sequence[float]) -> float | None:
    """Return the mean, or None for no values."""
    return sum(values) / len(values) if values else None


def kept_share(ratings: Iterable[Rating], target_id: str, rater: str = "owner") -> float | None:
    """Return the share of rated weeks in which the target was fully kept; None if unrated."""
    values = [r.value for r in latest(ratings, rater) if r.target_id == target_id]
    return values.count("kept") / len(values) if values else None


def target_score(ratings: Iterable[Rating], target_id: str, rater: str = "owner") -> float | None:
    """Return the target's mean score (partly counts half); None if unrated."""
    return _mean([SCORE[r.value] for r in latest(ratings, rater) if r.target_id == target_id])


def value_shares(
    ratings: Iterable[Rating], target_id: str, rater: str = "owner"
) -> dict[str, float]:
    """Return the share of rated weeks for each value (kept, partly, not); all 0 if unrated."""
    values = [r.value for r in latest(ratings, rater) if r.target_id == target_id]
    if not values:
        return dict.fromkeys(RATING_VALUES, 0.0)
    return {v: values.count(v) / len(values) for v in RATING_VALUES}


def weekly_scores(
    ratings: Iterable[Rating], targets: Iterable[Target | str], rater: str = "owner"
) -> list[tuple[int, float]]:
    """Return (week, mean score of that week's ratings) for every week with a rating."""
    wanted = set(_ids(targets))
    by_week: dict[int, list[float]] = {}
    for r in latest(ratings, rater):
        if r.target_id in wanted:
            by_week.setdefault(r.week, []).append(SCORE[r.value])
    return [(week, sum(s) / len(s)) for week, s in sorted(by_week.items())]


def trend(scores: Sequence[tuple[int, float]]) -> Trend:
    """Read the direction of the weekly scores by a least-squares slope; honest with few points."""
    if len(scores) < MIN_TREND_POINTS:
        return "too early"
    xs = [float(w) for w, _ in scores]
    ys = [float(s) for _, s in scores]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    if spread == 0:
        return "too early"
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread
    if slope >= TREND_SLOPE:
        return "rising"
    if slope <= -TREND_SLOPE:
        return "falling"
    return "steady"


def best_and_hardest(
    ratings: Iterable[Rating], targets: Iterable[Target | str], rater: str = "owner"
) -> tuple[str | None, str | None]:
    """Return the ids of the best- and worst-going targets, or (None, None) if they don't differ.

    Needs at least two rated targets with different scores; ties go to the earlier target.
    """
    pool = latest(ratings, rater)
    scored = [
        (tid, s) for tid in _ids(targets) if (s := target_score(pool, tid, rater)) is not None
    ]
    if len(scored) < 2 or len({s for _, s in scored}) == 1:
        return None, None
    top = max(s for _, s in scored)
    bottom = min(s for _, s in scored)
    best = next(tid for tid, s in scored if s == top)
    hardest = next(tid for tid, s in scored if s == bottom)
    return best, hardest


def _entry(item: RoutineEntry | Mapping[str, Any]) -> tuple[str, date]:
    """Accept a RoutineEntry or its dict form and return (routine, day)."""
    if isinstance(item, RoutineEntry):
        return item.routine, item.day
    entry = RoutineEntry.from_dict(item)
    return entry.routine, entry.day


def routine_counts(
    entries: Iterable[RoutineEntry | Mapping[str, Any]], start: date
) -> dict[str, list[int]]:
    """Return, for every routine, how many entries fall in each of weeks 1..6 (index 0 = week 1).

    Every known routine is present, with zeros if nothing was logged; entries before the start or
    after week 6 belong to another cycle and are left out.
    """
    counts = {routine: [0] * WEEKS for routine in ROUTINES}
    for item in entries:
        routine, day = _entry(item)
        week = week_of(start, day)
        if 1 <= week <= WEEKS:
            counts.setdefault(routine, [0] * WEEKS)[week - 1] += 1
    return counts


def book_progress(
    entries: Iterable[RoutineEntry | Mapping[str, Any]], start: date, weeks: int = 4
) -> int:
    """Return how many book-track weeks were ticked off in this cycle, at most ``weeks``."""
    return min(sum(routine_counts(entries, start)["book"]), weeks)


def review_summary(
    cycle: Cycle,
    ratings: Iterable[Rating],
    routine_log: Iterable[RoutineEntry | Mapping[str, Any]],
    today: date,
) -> ReviewSummary:
    """Gather the owner's record for the review: per-target numbers, trend, routines, gaps."""
    ids = set(cycle.target_ids)
    own = [r for r in latest(ratings, "owner") if r.target_id in ids]
    rows = []
    for target in cycle.targets:
        values = [r.value for r in own if r.target_id == target.id]
        rows.append(
            TargetSummary(
                target_id=target.id,
                text=target.text,
                weeks_rated=len(values),
                kept=values.count("kept"),
                partly=values.count("partly"),
                not_kept=values.count("not"),
                kept_share=values.count("kept") / len(values) if values else None,
                score=_mean([SCORE[v] for v in values]),
            )
        )
    weekly = weekly_scores(own, cycle.targets)
    best, hardest = best_and_hardest(own, cycle.targets)
    done = rated_weeks(cycle, own)
    counts = routine_counts(routine_log, cycle.start)
    info = current_week(cycle.start, today)
    return ReviewSummary(
        targets=tuple(rows),
        weekly=tuple(weekly),
        trend=trend(weekly),
        best=best,
        hardest=hardest,
        routines={routine: sum(per_week) for routine, per_week in counts.items()},
        weeks_rated=tuple(sorted(done)),
        weeks_missing=tuple(w for w in rateable_weeks(cycle.start, today) if w not in done),
        week=info.week,
        review_due=info.finished,
        overall=_mean([SCORE[r.value] for r in own]),
    )


def divergence(
    owner_ratings: Iterable[Rating], partner_ratings: Iterable[Rating]
) -> list[Divergence]:
    """Pair the owner's and partner's ratings of the same target and week, biggest gap first.

    Each list is filtered by its rater field, so passing the whole record twice is also safe.
    """
    partner = {(r.target_id, r.week): r for r in latest(partner_ratings, "partner")}
    pairs = []
    for mine in latest(owner_ratings, "owner"):
        theirs = partner.get((mine.target_id, mine.week))
        if theirs is not None:
            gap = float(abs(SCORE[mine.value] - SCORE[theirs.value]))
            pairs.append(Divergence(mine.target_id, mine.week, mine.value, theirs.value, gap))
    return sorted(pairs, key=lambda d: (-d.gap, d.week, d.target_id))
