"""guide.restore: what a backup holds beside what the space holds now (issue 15, point 7)."""

from __future__ import annotations

from datetime import date

from guide.restore import Contents, Tables, compare, contents, losses

TABLES = Tables(
    quiz="quiz_results",
    script_draft="script_working",
    script_versions="scripts",
    plan_cycles="plan_cycles",
    plan_ratings="plan_ratings",
    journal="journal",
    routine_log="routine_log",
    safety_plan="safety_plan",
)


def _cycle(start: str) -> dict:
    return {
        "id": "c1",
        "start": start,
        "targets": [
            {"id": "t1", "text": "Phones away at dinner", "history": []},
            {"id": "t2", "text": "A walk on Sunday", "history": []},
        ],
        "active": True,
    }


def _rating(target: str, week: int) -> dict:
    return {
        "target_id": target,
        "week": week,
        "value": "kept",
        "note": "",
        "rater": "owner",
        "rated_on": "2026-11-20",
        "cycle_id": "c1",
    }


def test_contents_reads_each_kind_of_thing_from_plain_tables():
    private = {
        "quiz_results": [
            {"taken_at": "2026-10-01T09:00:00+00:00", "top": ["old"], "ranked": []},
            {
                "taken_at": "2026-11-03T10:00:00+00:00",
                "top": ["fear_of_blame"],
                "ranked": [{"reason_id": "fear_of_blame", "name": "Fear of being blamed"}],
                "safety_flagged": False,
            },
        ],
        "script_working": [{"key": "current", "draft": {"opener": "What do you picture?"}}],
        "scripts": [{"key": "v1"}, {"key": "v2"}, {"key": "v3"}],
        "plan_cycles": [_cycle("2026-10-05")],
        # week 1 fully rated, week 2 half rated: one week counts as rated
        "plan_ratings": [_rating("t1", 1), _rating("t2", 1), _rating("t1", 2)],
        "journal": [{"day": "2026-11-01", "text": "a"}, {"day": "2026-11-02", "text": "b"}],
        "routine_log": [{"routine": "nightly"}, {"routine": "weekly"}, {"routine": "book"}],
        "safety_plan": [{"key": "plan", "safe_place": "My sister's flat"}],
    }
    found = contents(private, TABLES)
    assert found == Contents(
        quiz_results=2,
        quiz_latest=date(2026, 11, 3),
        quiz_reason="Fear of being blamed",
        script_draft=True,
        script_versions=3,
        plan_start=date(2026, 10, 5),
        plan_targets=2,
        plan_weeks_rated=1,
        journal_lines=2,
        check_ins=2,
        safety_plan=True,
    )


def test_an_empty_space_holds_nothing_and_damaged_records_are_skipped():
    assert contents({}, TABLES) == Contents()
    damaged = {"plan_cycles": [{"active": True, "start": "not a date"}], "quiz_results": ["x"]}
    assert contents(damaged, TABLES) == Contents()


def test_a_result_that_put_safety_first_does_not_name_a_reason():
    private = {
        "quiz_results": [
            {
                "taken_at": "2026-11-03T10:00:00+00:00",
                "top": ["fear_of_blame"],
                "ranked": [{"reason_id": "fear_of_blame", "name": "Fear of being blamed"}],
                "safety_flagged": True,
            }
        ]
    }
    rows = compare(contents(private, TABLES), Contents())
    quiz = next(r for r in rows if r.topic == "Quiz")
    assert "safety first" in quiz.backup and "Fear" not in quiz.backup


def test_compare_says_what_comes_back_what_it_replaces_and_what_is_removed():
    backup = Contents(
        quiz_results=1, quiz_latest=date(2026, 11, 3), script_versions=2, journal_lines=4
    )
    now = Contents(
        quiz_results=2,
        quiz_latest=date(2026, 11, 20),
        plan_start=date(2026, 11, 2),
        plan_targets=3,
        plan_weeks_rated=2,
        journal_lines=4,
        safety_plan=True,
    )
    rows = {row.topic: row for row in compare(backup, now)}
    assert rows["Quiz"].outcome == "replaces"
    assert rows["Quiz"].backup == "1 quiz result, the latest taken 3 November 2026"
    assert rows["Quiz"].now == "2 quiz results, the latest taken 20 November 2026"
    assert rows["Script"].outcome == "comes back" and rows["Script"].now == "nothing"
    assert rows["Six-week plan"].outcome == "removed"
    assert (
        rows["Six-week plan"].now
        == "a plan started 2 November 2026 with 3 targets, 2 of 6 weeks rated"
    )
    assert rows["Journal"].outcome == "same"
    assert rows["Check-ins"].outcome == "none"
    assert rows["Safety plan"].now == "yes" and rows["Safety plan"].backup == "no"
    assert losses(list(rows.values())) == ["Six-week plan", "Safety plan"]
