"""records/plan.py: where the plan lives, one rating per target and week, status, and new cycles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.plan import PlanError, Rating, RoutineEntry, Target, make_cycle
from records import plan as plan_state
from records import routines as routine_records
from records.plan import JournalLine
from storage.store import Store
from tests.support.seed import StoreSpace, seed_six_weeks

TODAY = date(2025, 3, 20)


@pytest.fixture
def space(tmp_path) -> StoreSpace:
    store = Store(tmp_path / "data")
    _, access = store.create_space()
    return StoreSpace(store, access)


def a_cycle(start: date = TODAY, cid: str = "c1", n: int = 2):
    targets = [Target(id=f"{cid}-t{i}", text=f"Target number {i}") for i in range(1, n + 1)]
    return make_cycle(cid, start, targets)


def rating(target: str, week: int, value: str = "kept", note: str = "", rater: str = "owner"):
    return Rating(target, week, value, note, rater, rated_on=TODAY)


def test_no_plan_gives_a_calm_empty_status(space):
    status = plan_state.plan_status(space, TODAY)
    assert status.cycle is None and status.week == 0 and status.due_weeks == ()
    assert not status.review_due
    assert status.headline == "No six-week plan yet"
    assert plan_state.active_cycle(space) is None and plan_state.cycles(space) == []


def test_a_started_cycle_is_active_and_round_trips(space):
    cycle = a_cycle()
    plan_state.start_cycle(space, cycle)
    assert plan_state.active_cycle(space) == cycle
    assert plan_state.cycles(space) == [cycle]
    (doc,) = space.private.all(plan_state.CYCLES_TABLE)
    assert doc["active"] is True and doc["key"] == cycle.id


def test_a_new_cycle_takes_over_and_the_old_one_stays(space):
    first = a_cycle(TODAY - timedelta(days=42), "old")
    second = a_cycle(TODAY, "new")
    plan_state.start_cycle(space, first)
    plan_state.save_rating(space, first, rating("old-t1", 1), TODAY)
    plan_state.start_cycle(space, second)
    assert plan_state.active_cycle(space) == second
    assert plan_state.earlier_cycles(space, second) == [first]
    assert [d["active"] for d in space.private.all(plan_state.CYCLES_TABLE)] == [False, True]
    assert len(plan_state.ratings(space, first)) == 1
    assert plan_state.ratings(space, second) == []


def test_save_cycle_keeps_whether_it_is_active(space):
    first, second = a_cycle(TODAY - timedelta(days=42), "old"), a_cycle(TODAY, "new")
    plan_state.start_cycle(space, first)
    plan_state.start_cycle(space, second)
    plan_state.save_cycle(space, first)  # e.g. a late decision on the old cycle
    assert plan_state.active_cycle(space) == second


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["kept"], "kept"),
        (["kept", "partly"], "partly"),
        (["not", "kept", "partly", "not"], "not"),
    ],
)
def test_rating_again_replaces_never_duplicates(space, values, expected):
    cycle = a_cycle(TODAY - timedelta(days=10))
    plan_state.start_cycle(space, cycle)
    for value in values:
        plan_state.save_rating(space, cycle, rating("c1-t1", 1, value), TODAY)
    (stored,) = plan_state.ratings(space, cycle)
    assert stored.value == expected
    assert len(space.private.all(plan_state.RATINGS_TABLE)) == 1


@pytest.mark.parametrize(
    ("start_offset", "week", "ok"),
    [(0, 1, True), (0, 2, False), (-7, 2, True), (-7, 3, False), (3, 1, False), (-60, 6, True)],
)
def test_only_begun_weeks_can_be_saved(space, start_offset, week, ok):
    cycle = a_cycle(TODAY + timedelta(days=start_offset))
    new = rating("c1-t1", week)
    if ok:
        plan_state.save_rating(space, cycle, new, TODAY)
        assert plan_state.ratings(space, cycle) == [new]
    else:
        with pytest.raises(PlanError, match="hasn't started yet"):
            plan_state.save_rating(space, cycle, new, TODAY)
        assert plan_state.ratings(space, cycle) == []


def test_partner_ratings_live_in_the_shared_compartment(space):
    cycle = a_cycle(TODAY - timedelta(days=8))
    plan_state.save_rating(space, cycle, rating("c1-t1", 1, "kept"), TODAY)
    plan_state.save_rating(space, cycle, rating("c1-t1", 1, "not", rater="partner"), TODAY)
    assert len(space.shared.all(plan_state.PARTNER_RATINGS_TABLE)) == 1
    assert [r.value for r in plan_state.ratings(space, cycle, "owner")] == ["kept"]
    assert [r.value for r in plan_state.ratings(space, cycle, "partner")] == ["not"]
    assert len(plan_state.ratings(space, cycle)) == 2


def test_remove_rating_forgets_only_that_one(space):
    cycle = a_cycle(TODAY - timedelta(days=8))
    plan_state.save_rating(space, cycle, rating("c1-t1", 1), TODAY)
    plan_state.save_rating(space, cycle, rating("c1-t2", 1), TODAY)
    assert plan_state.remove_rating(space, "c1-t1", 1)
    assert not plan_state.remove_rating(space, "c1-t1", 1)
    assert [r.target_id for r in plan_state.ratings(space, cycle)] == ["c1-t2"]


def test_unreadable_records_are_skipped_not_fatal(space):
    cycle = a_cycle()
    plan_state.start_cycle(space, cycle)
    space.private.put(plan_state.CYCLES_TABLE, "broken", {"id": 3, "active": True})
    space.private.put(plan_state.RATINGS_TABLE, "x", {"target_id": "c1-t1", "week": "one"})
    space.private.insert(routine_records.LOG_TABLE, {"routine": "dance", "cycle_id": "c1"})
    space.private.insert(
        routine_records.JOURNAL_TABLE, {"day": "soon", "text": 1, "cycle_id": "c1"}
    )
    assert plan_state.active_cycle(space) == cycle
    assert plan_state.ratings(space, cycle) == []
    assert plan_state.routine_entries(space, cycle) == []
    assert plan_state.journal_entries(space, cycle) == []


def test_routines_and_journal_are_read_per_cycle(space):
    cycle = a_cycle()
    for cid, day in (("c1", TODAY), ("other", TODAY), ("c1", TODAY + timedelta(days=1))):
        entry = RoutineEntry("nightly", day, "a step")
        space.private.insert(routine_records.LOG_TABLE, entry.to_dict() | {"cycle_id": cid})
    space.private.insert(
        routine_records.JOURNAL_TABLE,
        {"day": TODAY.isoformat(), "text": "mine", "telling": True, "cycle_id": "c1"},
    )
    space.private.insert(
        routine_records.JOURNAL_TABLE,
        {"day": TODAY.isoformat(), "text": "not mine", "telling": True, "cycle_id": "other"},
    )
    assert [e.day for e in plan_state.routine_entries(space, cycle)] == [
        TODAY,
        TODAY + timedelta(days=1),
    ]
    (line,) = plan_state.journal_entries(space, cycle)
    assert (line.text, line.telling) == ("mine", True)


@pytest.mark.parametrize(
    ("logged_days", "journal_days", "expected"),
    [
        ((), (1, 2), 2),
        ((1,), (1, 2), 2),  # day 1 is already in the routine log
        ((1, 2), (1, 2), 2),
        ((), (1, 1), 1),  # two lines on one day are one day of journalling
        ((3,), (), 1),
    ],
)
def test_journal_days_count_once_as_activity(logged_days, journal_days, expected):
    entries = [RoutineEntry("journal", TODAY + timedelta(days=d)) for d in logged_days]
    journal = [
        JournalLine(TODAY + timedelta(days=d), "a line", False, i)
        for i, d in enumerate(journal_days)
    ]
    merged = plan_state.activity_entries(entries, journal)
    assert sum(e.routine == "journal" for e in merged) == expected


@pytest.mark.parametrize(
    ("day_offset", "rated", "week", "due", "review_due", "headline"),
    [
        (-3, (), 0, (), False, "Your six weeks begin on"),
        (0, (), 1, (), False, "Week 1 of 6"),
        (6, (), 1, (1,), False, "Week 1 of 6"),
        (15, (1,), 3, (2,), False, "Week 3 of 6"),
        (41, (1, 2, 3, 4, 5, 6), 6, (), False, "Week 6 of 6"),
        (42, (1, 2, 4), 6, (3, 5, 6), True, "All six weeks are done"),
    ],
)
def test_plan_status_for_home(space, day_offset, rated, week, due, review_due, headline):
    start = TODAY
    cycle = a_cycle(start, n=1)
    plan_state.start_cycle(space, cycle)
    today = start + timedelta(days=day_offset)
    for w in rated:
        plan_state.save_rating(space, cycle, rating("c1-t1", w), today)
    status = plan_state.plan_status(space, today)
    assert (status.week, status.due_weeks, status.review_due) == (week, due, review_due)
    assert status.headline.startswith(headline)
    assert 0 <= status.fraction <= 1


def test_a_decision_ends_review_due(space):
    from guide.plan import decide

    cycle = a_cycle(TODAY - timedelta(days=42))
    plan_state.start_cycle(space, cycle)
    assert plan_state.plan_status(space, TODAY).review_due
    plan_state.save_cycle(space, decide(cycle, "keep_going", TODAY))
    assert not plan_state.plan_status(space, TODAY).review_due


@pytest.mark.parametrize(
    ("texts", "count"),
    [(["No phones at dinner"], 1), (["a", "b", ""], 2), (["", "x", "y"], 2)],
)
def test_new_plan_leaves_blank_boxes_out(texts, count):
    assert len(plan_state.new_plan(TODAY, texts).targets) == count


@pytest.mark.parametrize(
    ("texts", "message"),
    [([], "at least one"), (["a", "b", "c", "d"], "Three targets"), (["a", "A"], "same")],
)
def test_new_plan_refuses_calmly(texts, message):
    with pytest.raises(PlanError, match=message):
        plan_state.new_plan(TODAY, texts)


def test_add_target_up_to_three():
    cycle = plan_state.add_target(a_cycle(n=2), "One date night a week")
    assert len(cycle.targets) == 3
    with pytest.raises(PlanError):
        plan_state.add_target(cycle, "Another one")


def test_carry_over_keeps_history_and_fresh_ids():
    old = a_cycle(TODAY - timedelta(days=42), n=3)
    texts = ["Target number 1", "No phones at dinner", ""]
    fresh = plan_state.carry_over(old, texts, TODAY, TODAY)
    assert fresh.previous_id == old.id and fresh.start == TODAY
    assert [t.text for t in fresh.targets] == ["Target number 1", "No phones at dinner"]
    assert not set(fresh.target_ids) & set(old.target_ids)
    assert fresh.targets[0].history == ()
    assert fresh.targets[1].history == ((TODAY, "Target number 2"),)


def test_carry_over_adds_and_refuses_an_early_start():
    old = a_cycle(TODAY - timedelta(days=42), n=1)
    fresh = plan_state.carry_over(old, ["Target number 1", "", "A new one"], TODAY, TODAY)
    assert [t.text for t in fresh.targets] == ["Target number 1", "A new one"]
    with pytest.raises(PlanError, match="after the last one began"):
        plan_state.carry_over(old, ["x"], old.start, TODAY)


def test_seed_writes_a_finished_six_week_record(space):
    cycle = seed_six_weeks(space.store, space.access, TODAY)
    assert plan_state.active_cycle(space) == cycle
    assert len(plan_state.ratings(space, cycle)) == 18
    status = plan_state.plan_status(space, TODAY)
    assert status.review_due and status.due_weeks == () and status.fraction == 1
    lines = plan_state.journal_entries(space, cycle)
    assert any(line.telling for line in lines) and not all(line.telling for line in lines)
    routines = {e.routine for e in plan_state.routine_entries(space, cycle)}
    assert routines == {"nightly", "weekly", "book", "support"}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["c1-t1", "c1-t2"]),
            st.integers(1, 6),
            st.sampled_from(["kept", "partly", "not"]),
        ),
        max_size=15,
    )
)
def test_any_sequence_of_saves_keeps_one_rating_per_target_and_week(tmp_path_factory, saves):
    store = Store(tmp_path_factory.mktemp("data"))
    _, access = store.create_space()
    space = StoreSpace(store, access)
    cycle = a_cycle(TODAY - timedelta(days=60))
    last: dict[tuple[str, int], str] = {}
    for target, week, value in saves:
        plan_state.save_rating(space, cycle, rating(target, week, value), TODAY)
        last[(target, week)] = value
    stored = {(r.target_id, r.week): r.value for r in plan_state.ratings(space, cycle)}
    assert stored == last
    assert len(space.private.all(plan_state.RATINGS_TABLE)) == len(last)
