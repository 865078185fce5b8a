"""Routines helpers: timer phases, pauses and skips, routine-log records, book ticks, the journal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.plan import nightly_checkin
from guide.plan import RoutineEntry
from guide.routines import (
    JOURNAL_LIMIT,
    JournalLine,
    book_ticks,
    clock,
    elapsed,
    entries,
    entry_on,
    journal_doc,
    keep_saved,
    log_doc,
    pause,
    phase_status,
    read_journal,
    resume,
    skip,
    start_timer,
    status,
    support_done,
    tidy_line,
    week_window,
)

NIGHTLY = (120, 60, 300)  # talk, say it back, one small step
T0 = 1000.0  # any clock reading; monotonic clocks don't start at zero


def test_the_content_phases_are_the_ones_tested_here() -> None:
    assert tuple(p.seconds for p in nightly_checkin().phases) == NIGHTLY


@pytest.mark.parametrize(
    ("seconds", "index", "remaining", "total_left", "finished"),
    [
        (0, 0, 120, 480, False),
        (0.4, 0, 119.6, 479.6, False),
        (119.9, 0, 0.1, 360.1, False),
        (120, 1, 60, 360, False),  # a boundary belongs to the next phase
        (150, 1, 30, 330, False),
        (180, 2, 300, 300, False),
        (479.5, 2, 0.5, 0.5, False),
        (480, 3, 0, 0, True),
        (10_000, 3, 0, 0, True),  # long past the end
        (-5, 0, 120, 480, False),  # a clock that stepped back reads as the start
    ],
)
def test_phase_boundaries(
    seconds: float, index: int, remaining: float, total_left: float, finished: bool
) -> None:
    got = phase_status(NIGHTLY, seconds)
    assert got.index == index
    assert got.remaining == pytest.approx(remaining)
    assert got.total_remaining == pytest.approx(total_left)
    assert got.finished is finished


@pytest.mark.parametrize(
    ("seconds", "fraction"), [(0, 0.0), (60, 0.5), (119.9, 0.999), (150, 0.5), (480, 1.0)]
)
def test_fraction_of_the_current_phase(seconds: float, fraction: float) -> None:
    assert phase_status(NIGHTLY, seconds).fraction == pytest.approx(fraction, abs=1e-3)


@pytest.mark.parametrize("durations", [(0, 60), (120, -1)])
def test_phases_need_positive_lengths(durations: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        phase_status(durations, 0)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (120, "2:00"),
        (119.2, "2:00"),  # rounded up: the start of a 2-minute phase reads 2:00
        (119.0, "1:59"),
        (60.0000001, "1:00"),
        (59.5, "1:00"),
        (9, "0:09"),
        (0.2, "0:01"),
        (0, "0:00"),
        (-3, "0:00"),
        (600, "10:00"),
    ],
)
def test_clock_text(seconds: float, shown: str) -> None:
    assert clock(seconds) == shown


def test_elapsed_comes_from_the_clock_not_from_counting_reruns() -> None:
    timer = start_timer(T0)
    assert elapsed(timer, T0) == 0
    assert elapsed(timer, T0 + 0.5) == pytest.approx(0.5)
    # However many or few reruns happened in between, 125 s later is phase two with 55 s left.
    got = status(timer, NIGHTLY, T0 + 125)
    assert (got.index, got.remaining) == (1, pytest.approx(55))


def test_paused_time_does_not_count() -> None:
    timer = pause(start_timer(T0), T0 + 100)
    assert timer.paused
    assert elapsed(timer, T0 + 100) == elapsed(timer, T0 + 5000) == pytest.approx(100)
    timer = resume(timer, T0 + 400)  # stood paused for 300 s
    assert not timer.paused
    assert elapsed(timer, T0 + 430) == pytest.approx(130)
    assert status(timer, NIGHTLY, T0 + 430).index == 1


def test_two_pauses_add_up() -> None:
    timer = start_timer(T0)
    timer = resume(pause(timer, T0 + 10), T0 + 20)
    timer = resume(pause(timer, T0 + 30), T0 + 60)
    assert timer.paused_for == pytest.approx(40)
    assert elapsed(timer, T0 + 100) == pytest.approx(60)


def test_pause_and_resume_are_idempotent() -> None:
    timer = pause(start_timer(T0), T0 + 5)
    assert pause(timer, T0 + 50) == timer  # a second pause keeps the first moment
    running = start_timer(T0)
    assert resume(running, T0 + 9) == running


def test_skip_moves_to_the_start_of_the_next_phase() -> None:
    timer = skip(start_timer(T0), NIGHTLY, T0 + 30)
    got = status(timer, NIGHTLY, T0 + 30)
    assert (got.index, got.remaining) == (1, pytest.approx(60))
    timer = skip(timer, NIGHTLY, T0 + 31)
    assert status(timer, NIGHTLY, T0 + 31).index == 2
    timer = skip(timer, NIGHTLY, T0 + 32)
    assert status(timer, NIGHTLY, T0 + 32).finished
    assert skip(timer, NIGHTLY, T0 + 33) == timer  # nothing left to skip


def test_skip_while_paused_stays_paused_at_the_new_phase() -> None:
    timer = pause(start_timer(T0), T0 + 10)
    timer = skip(timer, NIGHTLY, T0 + 20)
    assert timer.paused
    got = status(timer, NIGHTLY, T0 + 999)
    assert (got.index, got.remaining) == (1, pytest.approx(60))


moments = st.lists(st.floats(min_value=0, max_value=600, allow_nan=False), max_size=12)


@given(moments)
def test_elapsed_never_runs_backwards_or_ahead_of_the_clock(steps: list[float]) -> None:
    """Any mix of pauses and resumes: elapsed never decreases and never exceeds real time."""
    timer, now, last = start_timer(T0), T0, 0.0
    for i, step in enumerate(steps):
        now += step
        timer = pause(timer, now) if i % 2 == 0 else resume(timer, now)
        seen = elapsed(timer, now)
        assert last - 1e-6 <= seen <= now - T0 + 1e-6
        last = seen


@given(st.floats(min_value=-100, max_value=2000, allow_nan=False))
def test_time_left_adds_up(seconds: float) -> None:
    got = phase_status(NIGHTLY, seconds)
    assert 0 <= got.remaining <= got.total_remaining <= sum(NIGHTLY)
    assert got.total_remaining == pytest.approx(max(sum(NIGHTLY) - max(seconds, 0), 0))


# --- routine-log records -------------------------------------------------------------------------

DAY = date(2025, 3, 5)


def test_log_doc_is_a_routine_entry_with_its_cycle() -> None:
    doc = log_doc("nightly", DAY, "  walk  after dinner ", "c1")
    assert doc == {
        "routine": "nightly",
        "day": "2025-03-05",
        "note": "walk after dinner",
        "cycle_id": "c1",
    }
    assert RoutineEntry.from_dict(doc) == RoutineEntry("nightly", DAY, "walk after dinner")
    extra = log_doc("book", DAY, "Week 2", None, week=2, book_id="b")
    assert (extra["week"], extra["book_id"], extra["cycle_id"]) == (2, "b", None)


def test_log_doc_refuses_an_unknown_routine() -> None:
    with pytest.raises(ValueError):
        log_doc("yoga", DAY, "", None)


def with_ids(*docs: dict) -> list[dict]:
    return [doc | {"_id": i} for i, doc in enumerate(docs, start=1)]


def test_entries_filter_by_routine_and_cycle_newest_first() -> None:
    docs = with_ids(
        log_doc("nightly", DAY, "a", "c1"),
        log_doc("nightly", DAY + timedelta(days=1), "b", "c1"),
        log_doc("weekly", DAY, "c", "c1"),
        log_doc("nightly", DAY, "d", None),
        log_doc("nightly", DAY, "e", "c1"),
        {"routine": "nightly", "day": "not a day", "cycle_id": "c1", "_id": 99},
    )
    assert [d["note"] for d in entries(docs, "nightly", "c1")] == ["b", "e", "a"]
    assert [d["note"] for d in entries(docs, "nightly", None)] == ["d"]
    assert entry_on(docs, "nightly", DAY, "c1")["_id"] == 5
    assert entry_on(docs, "weekly", DAY + timedelta(days=1), "c1") is None


@pytest.mark.parametrize(
    ("today", "start", "window"),
    [
        (date(2025, 3, 5), None, (date(2025, 3, 3), date(2025, 3, 9))),  # a Wednesday
        (date(2025, 3, 9), None, (date(2025, 3, 3), date(2025, 3, 9))),  # Sunday ends it
        (date(2025, 3, 5), date(2025, 3, 1), (date(2025, 3, 1), date(2025, 3, 7))),
        (date(2025, 3, 8), date(2025, 3, 1), (date(2025, 3, 8), date(2025, 3, 14))),
        (date(2025, 2, 26), date(2025, 3, 1), (date(2025, 2, 24), date(2025, 3, 2))),  # before
        (date(2025, 4, 16), date(2025, 3, 1), (date(2025, 4, 14), date(2025, 4, 20))),  # after
    ],
)
def test_week_window(today: date, start: date | None, window: tuple[date, date]) -> None:
    assert week_window(today, start) == window


def test_book_ticks_count_weeks_of_this_cycle_and_book_only() -> None:
    docs = with_ids(
        log_doc("book", DAY, "Week 1", "c1", week=1, book_id="b"),
        log_doc("book", DAY, "Week 3", "c1", week=3, book_id="b"),
        log_doc("book", DAY, "Week 3", "c1", week=3, book_id="b"),  # a double tick
        log_doc("book", DAY, "Week 2", "c1", week=2, book_id="other"),
        log_doc("book", DAY, "Week 2", "c2", week=2, book_id="b"),
        log_doc("book", DAY, "Week 9", "c1", week=9, book_id="b"),
        log_doc("book", DAY, "Week?", "c1", week=True, book_id="b"),
        log_doc("nightly", DAY, "", "c1", week=4, book_id="b"),
    )
    ticks = book_ticks(docs, "c1", "b", 4)
    assert sorted(ticks) == [1, 3]
    assert sorted(ticks[3]) == [2, 3]


def test_support_done_in_a_window() -> None:
    docs = with_ids(
        log_doc("support", DAY, "Grounding", "c1", step_id="grounding"),
        log_doc("support", DAY - timedelta(days=7), "Grounding", "c1", step_id="grounding"),
        log_doc("support", DAY, "Course", None, step_id="skills_course"),
        log_doc("nightly", DAY, "", "c1", step_id="grounding"),
    )
    done = support_done(docs, DAY - timedelta(days=2), DAY + timedelta(days=4))
    assert done == {"grounding": [1], "skills_course": [3]}


# --- the journal ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  He  asked how my day was. ", "He asked how my day was."),
        ("line one\nline two", "line one line two"),
        ("   ", ""),
        ("x" * 400, "x" * JOURNAL_LIMIT),
    ],
)
def test_tidy_line(typed: str, kept: str) -> None:
    assert tidy_line(typed) == kept


def test_journal_round_trip_newest_first_one_per_day() -> None:
    lines = [
        JournalLine(DAY, "first", False, "c1"),
        JournalLine(DAY + timedelta(days=2), "third", True, None),
        JournalLine(DAY + timedelta(days=1), "second", False, "c1"),
    ]
    docs = [journal_doc(line) for line in lines]
    assert all(doc["key"] == doc["day"] for doc in docs)
    docs.append(journal_doc(JournalLine(DAY, "first, rewritten", True, "c1")))
    docs.append({"day": "nope", "text": "x"})
    docs.append({"day": "2025-03-01", "text": 5})
    read, damaged = read_journal(docs)
    assert damaged == 2
    assert [line.text for line in read] == ["third", "second", "first, rewritten"]
    assert read[0].telling and read[-1].telling and not read[1].telling


@given(st.text(max_size=500))
def test_tidy_lines_are_single_short_lines(text: str) -> None:
    line = tidy_line(text)
    assert len(line) <= JOURNAL_LIMIT
    assert "\n" not in line and line == line.strip()


@pytest.mark.parametrize(
    ("saved", "note", "answers", "expected"),
    [
        (None, "  a  walk ", ["x"], ("a walk", ["x"], False)),
        ({"note": "Phones away at 9"}, "", [], ("Phones away at 9", [], True)),
        ({"note": "Phones away at 9"}, "   ", [], ("Phones away at 9", [], True)),
        ({"note": "old"}, "new", [], ("new", [], False)),
        ({"note": "", "answers": ["a", "b"]}, "", ["", "c"], ("", ["a", "c"], True)),
        ({"note": None, "answers": "broken"}, "", ["", ""], ("", ["", ""], False)),
    ],
)
def test_keep_saved_never_lets_an_empty_box_erase(saved, note, answers, expected):
    assert keep_saved(saved, note, answers) == expected
