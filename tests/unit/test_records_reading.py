"""records/: stored data may be old, partial or hand-edited; every reader takes it calmly.

One table of bad stored shapes per module. Each is written straight into a real (encrypted, on
disk) compartment, the way a hand-edited or old file would hold it, and the feature's reader must
skip or default it: never a traceback, never a wrong value passed on as good.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.plan import Rating, Target, make_cycle
from guide.quiz import score
from guide.routines import NO_CYCLE, JournalLine
from guide.script import ScriptDraft
from guide.sharing import ShareChoices
from records import links, plan, quiz, routines, safety, script, sharing, therapist
from storage.store import Store
from tests.support.seed import StoreSpace

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
TODAY = NOW.date()
WEIRD: list[Any] = [None, 3, 2.5, True, "text", [], [1, "a"], {}, {"nested": {"x": 1}}]


@pytest.fixture
def space(tmp_path) -> StoreSpace:
    store = Store(tmp_path / "data")
    _, access = store.create_space()
    return StoreSpace(store, access)


def _good_result() -> dict[str, Any]:
    items = load_quiz()
    answers = {item.id: 0 for item in items}
    return quiz.stored_result(score(answers, items, load_reasons()), NOW, declined=False)


# --- quiz ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"taken_at": 3},
        {"taken_at": "soon"},
        {"taken_at": "2026-11-01"},  # a date, but nothing of the result
        {"taken_at": "2026-11-01T09:00:00", "reasons": "all of them"},
        {"taken_at": "2026-11-01T09:00:00", "reasons": [1, 2]},
        *({"taken_at": "2026-11-01T09:00:00", "version": w} for w in WEIRD),
    ],
)
def test_quiz_results_of_a_bad_shape_are_counted_and_left_out(space, doc):
    private = space.private
    private.insert(quiz.RESULTS_TABLE, doc)
    private.insert(quiz.RESULTS_TABLE, _good_result())
    entries, damaged = quiz.history(private)
    assert damaged + len(entries) == 2 and len(entries) >= 1
    assert quiz.latest(private) is not None
    assert quiz.has_results(private)


@pytest.mark.parametrize(
    ("extra", "flagged", "items"),
    [
        ({"safety_items": 5}, False, ()),
        ({"safety_items": "abc"}, False, ()),
        ({"safety_items": ["q1", 2]}, False, ("q1", "2")),
        ({"safety_flagged": "yes"}, True, ()),
        ({"taken_at": "not a date"}, None, None),
        ({"safety_complete": False}, None, None),
    ],
)
def test_the_safety_screen_reads_odd_fields_calmly(space, extra, flagged, items):
    doc = {"taken_at": NOW.isoformat(), "safety_complete": True, "safety_items": []} | extra
    space.private.insert(quiz.RESULTS_TABLE, doc)
    screen = quiz.latest_screen(space.private)
    if flagged is None:
        assert screen is None
    else:
        assert (screen.flagged, screen.items) == (flagged, items)


@pytest.mark.parametrize(
    ("doc", "answers", "started_at", "position"),
    [
        ({}, {}, "", None),
        ({"answers": [1, 2]}, {}, "", None),
        ({"answers": {"a": True, "b": "1", "c": 2, "d": None}}, {"c": 2}, "", None),
        ({"started_at": 5, "position": "3"}, {}, "", None),
        ({"position": True}, {}, "", None),
        ({"position": 4, "started_at": "2026-11-01"}, {}, "2026-11-01", 4),
    ],
)
def test_a_quiz_in_progress_of_a_bad_shape_is_repaired(space, doc, answers, started_at, position):
    space.private.put(quiz.PROGRESS_TABLE, quiz.CURRENT, doc)
    assert quiz.in_progress(space.private)
    found = quiz.progress(space.private)
    assert (found.answers, found.started_at, found.position) == (answers, started_at, position)
    quiz.stop(space.private)
    assert quiz.progress(space.private) is None


# --- script --------------------------------------------------------------------------------------


@pytest.mark.parametrize("draft", WEIRD)
@pytest.mark.parametrize("stamp", [None, 5, ["x"]])
def test_a_working_draft_of_a_bad_shape_is_repaired(space, draft, stamp):
    fields = {"draft": draft, "updated_at": stamp, "quiz_at": stamp, "version_id": stamp}
    space.private.put(script.WORKING_TABLE, script.WORKING_KEY, fields)
    working = script.read_working(space.private)
    assert isinstance(working.draft, ScriptDraft)
    assert (working.updated_at, working.quiz_at, working.version_id) == ("unknown", "", "")


@pytest.mark.parametrize(
    "doc",
    [
        {"key": 3, "name": "x", "saved_at": NOW.isoformat(), "draft": {}},
        {"key": "v", "name": 3, "saved_at": NOW.isoformat(), "draft": {}},
        {"key": "v", "name": "x", "saved_at": "soon", "draft": {}},
        {"key": "v", "name": "x", "saved_at": NOW.isoformat(), "draft": "words"},
        {"key": "v", "name": "x", "saved_at": NOW.isoformat()},
        {},
    ],
)
def test_script_versions_of_a_bad_shape_are_counted_and_left_out(space, doc):
    space.private.insert(script.VERSIONS_TABLE, doc)
    script.save_version(space.private, "Good", ScriptDraft(name="Good"))
    versions, damaged = script.versions(space.private)
    assert [v.name for v in versions] == ["Good"] and damaged == 1


# --- plan ----------------------------------------------------------------------------------------


def _cycle():
    targets = [Target(id="c1-t1", text="No phones at dinner")]
    return make_cycle("c1", date(2026, 11, 2), targets)


@pytest.mark.parametrize(
    "doc",
    [
        {"active": True},
        {"id": 3, "active": True},
        {"id": "c0", "start": "soon", "active": True},
        {"id": "c0", "start": "2026-10-01", "targets": "many", "active": True},
        {"id": "c0", "start": "2026-10-01", "targets": [{"id": 1}], "active": True},
        {"id": "c0", "start": "2026-10-01", "targets": [], "decision": "yes", "active": True},
    ],
)
def test_plan_cycles_of_a_bad_shape_are_skipped(space, doc):
    cycle = _cycle()
    plan.start_cycle(space, cycle)
    space.private.put(plan.CYCLES_TABLE, "broken", doc)
    assert plan.active_cycle(space) == cycle
    assert plan.cycles(space) == [cycle]
    assert plan.plan_status(space, TODAY).cycle == cycle


@pytest.mark.parametrize(
    "doc",
    [
        {"target_id": "c1-t1"},
        {"target_id": "c1-t1", "week": "one", "value": "kept", "rater": "owner"},
        {"target_id": "c1-t1", "week": 1, "value": "brilliant", "rater": "owner"},
        {"target_id": "c1-t1", "week": 1, "value": "kept", "rater": "neighbour"},
        {"target_id": ["c1-t1"], "week": 1, "value": "kept", "rater": "owner"},
        {"target_id": "c1-t1", "week": 1, "value": "kept", "rater": "owner", "note": 5},
    ],
)
def test_ratings_of_a_bad_shape_are_skipped(space, doc):
    cycle = _cycle()
    plan.start_cycle(space, cycle)
    space.private.put(plan.RATINGS_TABLE, "x", doc)
    space.shared.put(plan.PARTNER_RATINGS_TABLE, "x", doc | {"rater": "partner", "link_id": "L"})
    assert plan.ratings(space, cycle) == []
    assert plan.link_ratings(space.shared, "L") == []
    assert plan.plan_status(space, TODAY).rated_weeks == ()


def test_a_partner_links_ratings_round_trip(space):
    rating = Rating(target_id="c1-t1", week=1, value="kept", rater="partner", rated_on=TODAY)
    plan.save_link_ratings(space.shared, "L", [rating])
    assert [(r.target_id, r.value) for r in plan.link_ratings(space.shared, "L")] == [
        ("c1-t1", "kept")
    ]
    assert plan.link_ratings(space.shared, "other") == []


# --- routines and journal ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        {"cycle_id": "c1"},
        {"routine": "dance", "day": "2026-11-03", "cycle_id": "c1"},
        {"routine": "nightly", "day": "soon", "cycle_id": "c1"},
        {"routine": "nightly", "day": 20261103, "cycle_id": "c1"},
        {"routine": "nightly", "day": "2026-11-03", "note": 5, "cycle_id": "c1"},
    ],
)
def test_routine_entries_of_a_bad_shape_are_skipped(space, doc):
    routines.add_entry(space.private, doc)
    assert routines.cycle_entries(space.private, "c1") == []
    assert plan.routine_entries(space, _cycle()) == []


@pytest.mark.parametrize(
    "doc",
    [
        {"cycle_id": "c1"},
        {"day": "soon", "text": "a line", "cycle_id": "c1"},
        {"day": "2026-11-03", "text": 5, "cycle_id": "c1"},
        {"day": "2026-11-03", "text": ["a"], "cycle_id": "c1"},
        {"day": ["2026-11-03"], "text": "a line", "cycle_id": "c1"},
    ],
)
def test_journal_lines_of_a_bad_shape_are_counted_and_left_out(space, doc):
    space.private.insert(routines.JOURNAL_TABLE, doc)
    routines.save_line(space.private, JournalLine(TODAY, "a good line", False, "c1"))
    lines, damaged = routines.journal(space.private)
    assert [line.text for line in lines] == ["a good line"] and damaged == 1
    assert [line.text for line in routines.cycle_journal(space.private, "c1")] == ["a good line"]


@pytest.mark.parametrize("telling", ["yes", 1, [True], None])
def test_only_a_true_telling_mark_counts(space, telling):
    doc = {"day": TODAY.isoformat(), "text": "a line", "telling": telling, "cycle_id": "c1"}
    space.private.put(routines.JOURNAL_TABLE, TODAY.isoformat(), doc)
    (line,) = routines.cycle_journal(space.private, "c1")
    assert line.telling is False


@pytest.mark.parametrize("book_id", [*WEIRD, "a-book"])
def test_the_book_chosen_before_a_plan_reads_only_as_text(space, book_id):
    space.private.put(routines.BOOK_TABLE, NO_CYCLE, {"book_id": book_id})
    found = routines.book_before_plan(space.private)
    assert found == (book_id if isinstance(book_id, str) else None)


# --- safety --------------------------------------------------------------------------------------


@pytest.mark.parametrize("at", [*WEIRD, "not a date"])
def test_a_self_flag_of_a_bad_shape_reads_as_none(space, at):
    space.private.put(safety.SAFETY_TABLE, safety.SELF_FLAG, {"at": at})
    assert safety.self_flag_at(space.private) is None


def test_a_self_flag_without_a_zone_reads_as_utc(space):
    space.private.put(safety.SAFETY_TABLE, safety.SELF_FLAG, {"at": "2026-11-20T09:00:00"})
    assert safety.self_flag_at(space.private) == NOW


@pytest.mark.parametrize(
    "doc",
    [
        {"version": 99},
        {"version": 1, "bag": "phone"},
        {"version": 1, "contacts": "mum"},
        {"version": 1, "safe_place": 5},
        {"version": 1, "surprise": "field"},
    ],
)
def test_a_safety_plan_of_a_bad_shape_reads_as_unreadable_not_a_crash(space, doc):
    space.private.put(safety.PLAN_TABLE, safety.PLAN_KEY, doc)
    kept = safety.kept_plan(space.private)
    assert kept is not None and kept.plan is None and isinstance(kept.doc_id, int)
    safety.delete_plan(space.private, kept.doc_id)
    assert safety.kept_plan(space.private) is None


@pytest.mark.parametrize(
    ("stored", "paused"), [({}, False), ({"paused": 0}, False), ({"paused": 1}, True)]
)
def test_the_partner_pause_reads_as_a_yes_or_no(space, stored, paused):
    space.shared.put(safety.PAUSE_TABLE, safety.PAUSE_KEY, stored)
    assert safety.partner_links_paused(space.shared) is paused


# --- therapist checklist -------------------------------------------------------------------------

LOOK, QUESTIONS = ("trained", "both"), ("q1", "q2")


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"candidates": "three"},
        {"candidates": [1, None, "x"]},
        {"candidates": [{"name": 5, "fits": "trained", "answers": ["a"], "notes": {}}]},
        {"candidates": [{"fits": ["unknown", "both"], "answers": {"q1": 5, "q9": "x"}}]},
    ],
)
def test_a_therapist_checklist_of_a_bad_shape_reads_as_three_clean_candidates(space, doc):
    space.private.put(therapist.CHECKLIST_TABLE, therapist.KEY, doc)
    found = therapist.checklist(space.private, LOOK, QUESTIONS)
    assert len(found) == therapist.CANDIDATES
    for candidate in found:
        assert isinstance(candidate["name"], str) and isinstance(candidate["notes"], str)
        assert set(candidate["fits"]) <= set(LOOK)
        assert set(candidate["answers"]) == set(QUESTIONS)
        assert all(isinstance(a, str) for a in candidate["answers"].values())


def test_therapist_texts_are_cut_to_their_limits(space):
    long = {"name": "n" * 500, "notes": "x" * 5000, "answers": {"q1": "a" * 900}}
    space.private.put(therapist.CHECKLIST_TABLE, therapist.KEY, {"candidates": [long]})
    (first, *_rest) = therapist.checklist(space.private, LOOK, QUESTIONS)
    assert len(first["name"]) == therapist.NAME_MAX
    assert len(first["notes"]) == therapist.NOTES_MAX
    assert len(first["answers"]["q1"]) == therapist.ANSWER_MAX


# --- sharing and links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"script_version": 5, "options": "all", "explainer": "yes", "targets": 1},
        {"options": [1, None, "talk", "talk"]},
    ],
)
def test_share_choices_of_a_bad_shape_read_as_nothing_shared(space, doc):
    space.private.put(sharing.CHOICES_TABLE, "L", doc)
    chosen = sharing.choices(space.private, "L")
    assert chosen.script_version is None and not chosen.explainer and not chosen.targets
    assert set(chosen.options) <= {"talk"}
    space.private.insert(sharing.CHOICES_TABLE, {"key": 7})  # no link id: skipped
    assert [link for link, _ in sharing.all_choices(space.private)] == ["L"]


@pytest.mark.parametrize("doc", [{}, {"invitation": 5}, {"options": "x", "cycle_start": "soon"}])
def test_a_snapshot_of_a_bad_shape_shows_nothing(space, doc):
    space.shared.put(sharing.SHARES_TABLE, "L", doc)
    assert sharing.shown(space.shared, "L") is None


@pytest.mark.parametrize("doc", [{}, {"options": "x", "note": "n"}, {"options": [], "note": 5}])
def test_a_reply_of_a_bad_shape_reads_as_none(space, doc):
    space.shared.put(sharing.REPLIES_TABLE, "L", doc)
    assert sharing.reply(space.shared, "L") is None


def test_choices_round_trip_and_are_forgotten(space):
    chosen = ShareChoices(script_version="v1", explainer=True, options=("talk",), targets=True)
    sharing.save_choices(space.private, "L", chosen, NOW)
    assert sharing.choices(space.private, "L") == chosen
    sharing.forget_choices(space.private, "L")
    assert sharing.choices(space.private, "L") == ShareChoices()


@pytest.mark.parametrize("doc", [{}, {"saved": False}, {"saved": "no"}])
def test_any_stored_link_answer_counts_as_saved(space, doc):
    assert not links.link_saved(space.private)
    space.private.put(links.SETTINGS_TABLE, links.LINK_SAVED, doc)
    assert links.link_saved(space.private)
