"""Statistics for the six-week record: tables of known answers, and invariants under any history."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.plan import (
    RATERS,
    RATING_VALUES,
    ROUTINES,
    Cycle,
    PlanError,
    Rating,
    RoutineEntry,
    edit_cycle_target,
    make_cycle,
    make_target,
    rate,
)
from guide.stats import (
    SCORE,
    Divergence,
    best_and_hardest,
    book_progress,
    divergence,
    kept_share,
    latest,
    review_summary,
    routine_counts,
    target_score,
    trend,
    value_shares,
    weekly_scores,
)
from guide.weeks import WEEKS

START = date(2025, 3, 6)  # a Thursday


def day(offset: int) -> date:
    """A day relative to the start of the test cycle."""
    return START + timedelta(days=offset)


def r(target_id: str, week: int, value: str, rater: str = "owner") -> Rating:
    """A rating made on the last day of its week."""
    return Rating(target_id, week, value, rater=rater, rated_on=day(7 * week - 1))


def grid(rows: dict[str, str], rater: str = "owner") -> list[Rating]:
    """Ratings from a compact table: {"t1": "KPN-"} means kept, partly, not, unrated."""
    code = {"K": "kept", "P": "partly", "N": "not"}
    return [
        r(tid, week, code[c], rater)
        for tid, row in rows.items()
        for week, c in enumerate(row, 1)
        if c != "-"
    ]


@pytest.fixture
def cycle() -> Cycle:
    """Three targets starting on a Thursday."""
    return make_cycle(
        "c1",
        START,
        [make_target(text, f"t{i}") for i, text in enumerate(["A", "B", "C"], 1)],
    )


def test_score_weights() -> None:
    assert SCORE == {"kept": 1, "partly": 0.5, "not": 0}


@pytest.mark.parametrize(
    ("row", "share", "score", "shares"),
    [
        ("", None, None, (0, 0, 0)),
        ("K", 1.0, 1.0, (1, 0, 0)),
        ("KPN", 1 / 3, 0.5, (1 / 3, 1 / 3, 1 / 3)),
        ("KK-N", 2 / 3, 2 / 3, (2 / 3, 0, 1 / 3)),
        ("PPPPPP", 0.0, 0.5, (0, 1, 0)),
        ("NNNNNK", 1 / 6, 1 / 6, (1 / 6, 0, 5 / 6)),
    ],
)
def test_per_target_numbers(
    row: str, share: float | None, score: float | None, shares: tuple[float, float, float]
) -> None:
    ratings = grid({"t1": row, "t2": "NNNNNN"})
    ratings += grid({"t1": "KKKKKK"}, rater="partner")  # the partner's view never leaks in
    assert kept_share(ratings, "t1") == (pytest.approx(share) if share is not None else None)
    assert target_score(ratings, "t1") == (pytest.approx(score) if score is not None else None)
    assert value_shares(ratings, "t1") == pytest.approx(
        dict(zip(RATING_VALUES, shares, strict=True))
    )


def test_kept_share_none_when_nothing_rated() -> None:
    assert kept_share([], "t1") is None
    assert target_score([], "t1") is None


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ({}, []),
        ({"t1": "K"}, [(1, 1.0)]),
        ({"t1": "KN", "t2": "PN", "t3": "K-"}, [(1, 2.5 / 3), (2, 0.0)]),
        ({"t1": "--K", "t2": "---P"}, [(3, 1.0), (4, 0.5)]),
        ({"t1": "KKKKKK", "t2": "NNNNNN", "t3": "PPPPPP"}, [(w, 0.5) for w in range(1, 7)]),
        ({"t1": "P", "other": "K"}, [(1, 0.5)]),  # a target outside the list does not count
    ],
)
def test_weekly_scores_table(rows: dict[str, str], expected: list[tuple[int, float]]) -> None:
    scores = weekly_scores(grid(rows), ["t1", "t2", "t3"])
    assert [w for w, _ in scores] == [w for w, _ in expected]
    assert [s for _, s in scores] == pytest.approx([s for _, s in expected])


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], "too early"),
        ([(1, 0.0)], "too early"),
        ([(1, 0.0), (2, 1.0)], "too early"),
        ([(1, 0.0), (2, 0.5), (3, 1.0)], "rising"),
        ([(1, 1.0), (2, 0.5), (3, 0.0)], "falling"),
        ([(1, 0.5), (2, 0.5), (3, 0.5)], "steady"),
        ([(1, 0.5), (2, 0.6), (3, 0.5), (4, 0.55)], "steady"),
        ([(1, 0.33), (2, 0.5), (3, 0.5), (4, 0.67), (5, 0.83), (6, 0.83)], "rising"),
        ([(1, 0.83), (3, 0.5), (6, 0.17)], "falling"),
        ([(1, 0.5), (2, 1.0), (3, 0.0), (4, 0.0), (5, 1.0), (6, 0.5)], "steady"),
    ],
)
def test_trend_table(scores: list[tuple[int, float]], expected: str) -> None:
    assert trend(scores) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ({}, (None, None)),
        ({"t1": "KK"}, (None, None)),  # one rated target: nothing to compare
        ({"t1": "KP", "t2": "PK"}, (None, None)),  # equal scores: no best, no hardest
        ({"t1": "KK", "t2": "NN", "t3": "PP"}, ("t1", "t2")),
        ({"t1": "PP", "t2": "KK", "t3": "KK"}, ("t2", "t1")),  # tie for best goes to the earlier
        ({"t1": "N", "t2": "K", "t3": "N"}, ("t2", "t1")),
    ],
)
def test_best_and_hardest(rows: dict[str, str], expected: tuple[str | None, str | None]) -> None:
    assert best_and_hardest(grid(rows), ["t1", "t2", "t3"]) == expected


def test_routine_counts_per_week_and_outside_the_cycle() -> None:
    entries = [
        RoutineEntry("nightly", day(0)),
        RoutineEntry("nightly", day(1)),
        RoutineEntry("nightly", day(6)),
        RoutineEntry("nightly", day(7)),
        RoutineEntry("weekly", day(13)),
        RoutineEntry("book", day(20)),
        {"routine": "journal", "day": day(41).isoformat(), "note": "he laughed"},
        RoutineEntry("journal", day(42)),  # review day: the next cycle's
        RoutineEntry("support", day(-1)),  # before the start
    ]
    counts = routine_counts(entries, START)
    assert set(counts) == set(ROUTINES)
    assert counts == {
        "nightly": [3, 1, 0, 0, 0, 0],
        "weekly": [0, 1, 0, 0, 0, 0],
        "book": [0, 0, 1, 0, 0, 0],
        "journal": [0, 0, 0, 0, 0, 1],
        "support": [0, 0, 0, 0, 0, 0],
    }


def test_book_progress_is_capped() -> None:
    assert book_progress([], START) == 0
    assert book_progress([RoutineEntry("book", day(i * 3)) for i in range(2)], START) == 2
    assert book_progress([RoutineEntry("book", day(i)) for i in range(9)], START) == 4


def test_review_summary_for_a_full_six_weeks(cycle: Cycle) -> None:
    ratings = grid({"t1": "NPPKKK", "t2": "NNPNPP", "t3": "PPKKKK"})
    ratings += grid({"t1": "KKKKKK"}, rater="partner")
    log = [RoutineEntry("nightly", day(i)) for i in range(0, 42, 2)] + [
        RoutineEntry("weekly", day(5))
    ]
    summary = review_summary(cycle, ratings, log, day(42))
    assert [t.target_id for t in summary.targets] == ["t1", "t2", "t3"]
    t1 = summary.targets[0]
    assert (t1.text, t1.weeks_rated, t1.kept, t1.partly, t1.not_kept) == ("A", 6, 3, 2, 1)
    assert t1.kept_share == pytest.approx(0.5)
    assert t1.score == pytest.approx(4 / 6)
    assert summary.best == "t3" and summary.hardest == "t2"
    assert summary.trend == "rising"
    assert summary.weekly[0] == (1, pytest.approx(0.5 / 3))
    assert summary.routines == {"nightly": 21, "weekly": 1, "book": 0, "journal": 0, "support": 0}
    assert summary.weeks_rated == (1, 2, 3, 4, 5, 6)
    assert summary.weeks_missing == ()
    assert summary.week == WEEKS and summary.review_due is True
    assert summary.overall == pytest.approx(sum(SCORE[x.value] for x in latest(ratings)) / 18)


def test_review_summary_early_with_gaps(cycle: Cycle) -> None:
    ratings = grid({"t1": "K-K", "t2": "K-K", "t3": "K--"})
    summary = review_summary(cycle, ratings, [], day(20))
    assert summary.week == 3 and summary.review_due is False
    assert summary.weeks_rated == (1,)
    assert summary.weeks_missing == (2, 3)
    assert summary.trend == "too early"
    assert summary.best is None and summary.hardest is None
    assert summary.routines == dict.fromkeys(ROUTINES, 0)


def test_review_summary_with_nothing(cycle: Cycle) -> None:
    summary = review_summary(cycle, [], [], day(-3))
    assert summary.week == 0
    assert summary.weekly == () and summary.overall is None
    assert all(t.kept_share is None and t.weeks_rated == 0 for t in summary.targets)
    assert summary.weeks_missing == ()


def test_divergence_is_sorted_by_gap() -> None:
    owner = grid({"t1": "KKN", "t2": "PN"})
    partner = grid({"t1": "KNP", "t2": "KN", "t3": "K"}, rater="partner")
    assert divergence(owner, partner) == [
        Divergence("t1", 2, "kept", "not", 1.0),
        Divergence("t2", 1, "partly", "kept", 0.5),  # equal gaps: earlier week first
        Divergence("t1", 3, "not", "partly", 0.5),
        Divergence("t1", 1, "kept", "kept", 0.0),
        Divergence("t2", 2, "not", "not", 0.0),
    ]


def test_divergence_filters_by_rater_and_handles_empty() -> None:
    everything = grid({"t1": "KK"}) + grid({"t1": "NK"}, rater="partner")
    assert [d.gap for d in divergence(everything, everything)] == [1.0, 0.0]
    assert divergence([], everything) == []
    assert divergence(everything, []) == []


# --- invariants under any history ------------------------------------------------------------

TARGET_IDS = ("t1", "t2", "t3")
rating_ops = st.builds(
    lambda tid, week, value, rater: ("rate", Rating(tid, week, value, rater=rater, rated_on=START)),
    st.sampled_from(TARGET_IDS),
    st.integers(1, WEEKS),
    st.sampled_from(RATING_VALUES),
    st.sampled_from(RATERS),
)
edit_ops = st.tuples(st.just("edit"), st.sampled_from(TARGET_IDS), st.text(min_size=1, max_size=20))


@settings(max_examples=150, deadline=None)
@given(ops=st.lists(rating_ops | edit_ops, max_size=60), today=st.integers(-5, 60))
def test_any_sequence_of_ratings_and_edits_gives_consistent_numbers(
    ops: list[tuple], today: int
) -> None:
    cycle = make_cycle("c", START, [make_target(f"Target {t}", t) for t in TARGET_IDS])
    ratings: list[Rating] = []
    for op in ops:
        if op[0] == "rate":
            ratings = rate(ratings, op[1])
        else:
            # Blank or duplicate wording is refused; the cycle then stays as it was.
            with contextlib.suppress(PlanError):
                cycle = edit_cycle_target(cycle, op[1], op[2], START)
    keys = [x.key for x in ratings]
    assert len(keys) == len(set(keys))
    assert len(ratings) <= len(TARGET_IDS) * WEEKS * len(RATERS)
    for rater in RATERS:
        own = [x for x in ratings if x.rater == rater]
        for tid in TARGET_IDS:
            share, score = kept_share(ratings, tid, rater), target_score(ratings, tid, rater)
            rated = [x for x in own if x.target_id == tid]
            assert (share is None) == (not rated) == (score is None)
            if rated:
                assert 0.0 <= share <= score <= 1.0
                assert sum(value_shares(ratings, tid, rater).values()) == pytest.approx(1.0)
        for week, mean in weekly_scores(ratings, TARGET_IDS, rater):
            in_week = [SCORE[x.value] for x in own if x.week == week]
            assert mean == pytest.approx(sum(in_week) / len(in_week))
            assert 0.0 <= mean <= 1.0
    summary = review_summary(cycle, ratings, [], day(today))
    assert set(summary.weeks_rated).isdisjoint(summary.weeks_missing)
    assert sum(t.weeks_rated for t in summary.targets) == len(
        [x for x in ratings if x.rater == "owner"]
    )
    assert summary.trend in {"rising", "steady", "falling", "too early"}
    for d in divergence(ratings, ratings):
        assert d.gap == abs(SCORE[d.owner] - SCORE[d.partner])
