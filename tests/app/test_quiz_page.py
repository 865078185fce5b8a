"""The quiz page: answering end to end, resuming, the safety screen and gate, retakes and history."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from content.quiz import load_quiz, load_result_words
from content.reasons import load_reasons
from guide.quiz import result_to_dict, score
from records.quiz import read_history, stored_result
from tests.app.conftest import page_text, space_of
from ui import pages

ITEMS = load_quiz()
BY_ID = {item.id: item for item in ITEMS}
SCORED = [item for item in ITEMS if item.kind != "safety"]
SAFETY = [item for item in ITEMS if item.kind == "safety"]
TOTAL = len(ITEMS)
QUIZ = pages.path("quiz")
SAFETY_BANNER = "Safety mode is on"

# A partner from the brief who fears being blamed: "a therapist would take your side".
BLAME = {"takes_sides": "Often", "you_need_it": "Sometimes", "were_fine": "Rarely"}


def indexes(chosen: dict[str, str], safety: str | None = "No") -> dict[str, int]:
    """Answers as stored: every scored item at its lowest option unless named; safety as given."""
    answers = {item.id: 0 for item in SCORED}
    if safety is not None:
        answers |= {item.id: item.scale.options.index(safety) for item in SAFETY}
    answers |= {k: BY_ID[k].scale.options.index(v) for k, v in chosen.items()}
    return answers


def open_quiz(at: AppTest) -> AppTest:
    at.switch_page(QUIZ).run()
    assert not at.exception, at.exception
    return at


def progress_text(at: AppTest) -> str:
    bars = at.get("progress")
    return bars[0].proto.text if bars else ""


def links(at: AppTest) -> list[str]:
    """Every page link (by its url path, e.g. "script") and link button target in the page body.

    Only the main area counts: the sidebar's navigation links to every page by design.
    """
    found = [e.proto.page for e in at.main.get("page_link")]
    found += [e.proto.url for e in at.main.get("link_button")]
    return found


def link_labels(at: AppTest) -> list[str]:
    return [e.proto.label for e in at.main.get("page_link")]


def answer_by_hand(at: AppTest, chosen: dict[str, str], safety: str = "No") -> None:
    """Start the quiz and answer every question through the page, then ask for the result."""
    at.button(key="quiz_start").click().run()
    for number, item in enumerate(ITEMS, start=1):
        assert progress_text(at) == f"Question {number} of {TOTAL}"
        label = safety if item.kind == "safety" else chosen.get(item.id, item.scale.options[0])
        at.radio(key=f"quiz_answer_{item.id}").set_value(item.scale.options.index(label)).run()
        at.button(key="quiz_next").click().run()
        assert not at.exception, at.exception
    at.button(key="quiz_finish").click().run()
    assert not at.exception, at.exception


def seed_progress(at: AppTest, data_dir, answers: dict[str, Any], position: Any) -> None:
    store, access = space_of(at, data_dir)
    store.private(access).put(
        "quiz_progress",
        "current",
        {"answers": answers, "started_at": "2026-11-01T10:00:00+00:00", "position": position},
    )


def seed_result(at: AppTest, data_dir, answers: dict[str, int], when: str) -> None:
    store, access = space_of(at, data_dir)
    result = score(answers, ITEMS, load_reasons())
    doc = stored_result(result, datetime.fromisoformat(when), declined=False)
    store.private(access).insert("quiz_results", doc)


def results(at: AppTest, data_dir) -> list[dict[str, Any]]:
    store, access = space_of(at, data_dir)
    return store.private(access).all("quiz_results")


def finish_seeded(at: AppTest, data_dir, answers: dict[str, int]) -> None:
    """Jump to the finish step with these answers and ask for the result."""
    seed_progress(at, data_dir, answers, TOTAL)
    open_quiz(at)
    at.button(key="quiz_finish").click().run()
    assert not at.exception, at.exception


# --- the quiz itself -----------------------------------------------------------------------------


def test_first_visit_shows_the_intro(app):
    open_quiz(app)
    text = page_text(app)
    assert "Answer from what your partner actually says and does" in text
    assert f"{len(SCORED)} short questions" in text
    assert app.button(key="quiz_start")


def test_answering_end_to_end_gives_the_top_reason_because_and_next_steps(app, data_dir):
    open_quiz(app)
    answer_by_hand(app, BLAME)
    text = page_text(app)
    assert "1. Fear of being blamed" in text
    assert "Because you said:" in text
    assert "**Often**: “Your partner says a therapist would take your side.”" in text
    assert "What may lie underneath." in text
    assert "Ultimatums" in text  # common backfires, once
    assert "script" in links(app)
    assert "going-alone" in links(app)
    assert SAFETY_BANNER not in text
    [doc] = results(app, data_dir)
    assert doc["top"][0] == "blame"
    assert doc["safety_complete"] is True and doc["safety_flagged"] is False
    assert doc["safety_items"] == [] and doc["safety_declined"] is False
    assert datetime.fromisoformat(doc["taken_at"]).utcoffset().total_seconds() == 0
    store, access = space_of(app, data_dir)
    assert store.private(access).get("quiz_progress", "current") is None


def test_each_answer_is_saved_as_the_user_goes(app, data_dir):
    open_quiz(app)
    app.button(key="quiz_start").click().run()
    app.radio(key="quiz_answer_takes_sides").set_value(3).run()
    store, access = space_of(app, data_dir)
    doc = store.private(access).get("quiz_progress", "current")
    assert doc["answers"] == {"takes_sides": 3}
    assert doc["position"] == 0
    datetime.fromisoformat(doc["started_at"])


def test_a_new_session_resumes_at_the_same_question_with_the_same_answers(app, make_app):
    key = app.session_state["od_key"]
    open_quiz(app)
    app.button(key="quiz_start").click().run()
    for item, value in zip(SCORED[:3], [3, 2, 1], strict=True):
        app.radio(key=f"quiz_answer_{item.id}").set_value(value).run()
        app.button(key="quiz_next").click().run()
    app.button(key="quiz_back").click().run()  # stop on question 3, not at the first unanswered
    assert progress_text(app) == f"Question 3 of {TOTAL}"

    again = open_quiz(make_app(space=key).run())
    assert progress_text(again) == f"Question 3 of {TOTAL}"
    assert "Welcome back" in page_text(again)
    assert again.radio(key=f"quiz_answer_{SCORED[2].id}").value == 1
    again.button(key="quiz_back").click().run()
    assert again.radio(key=f"quiz_answer_{SCORED[1].id}").value == 2
    again.button(key="quiz_back").click().run()
    assert again.radio(key=f"quiz_answer_{SCORED[0].id}").value == 3


def test_safety_intro_comes_before_the_first_safety_question(app, data_dir):
    seed_progress(app, data_dir, indexes({}, safety=None), len(SCORED))
    open_quiz(app)
    assert progress_text(app) == f"Question {len(SCORED) + 1} of {TOTAL}"
    assert "These last questions are about safety" in page_text(app)
    assert app.button(key="quiz_decline_jump")


def test_result_needs_the_safety_questions_or_an_explicit_choice(app, data_dir):
    seed_progress(app, data_dir, indexes(BLAME, safety=None), len(SCORED))
    open_quiz(app)
    for _ in SAFETY:  # Next through the safety screen without answering
        app.button(key="quiz_next").click().run()
    text = page_text(app)
    assert f"{len(SAFETY)} safety questions still need an answer" in text
    assert "treat it as a possible safety concern" in text
    assert not [b for b in app.button if b.key == "quiz_finish"]
    assert results(app, data_dir) == []
    app.button(key="quiz_goto_safety").click().run()
    assert progress_text(app) == f"Question {len(SCORED) + 1} of {TOTAL}"


def test_skipping_the_safety_questions_counts_as_a_concern(app, data_dir):
    seed_progress(app, data_dir, indexes(BLAME, safety=None), len(SCORED))
    open_quiz(app)
    app.button(key="quiz_decline_jump").click().run()
    app.button(key="quiz_decline").click().run()
    assert not app.exception, app.exception
    text = page_text(app)
    assert SAFETY_BANNER in text
    assert "You chose not to answer the safety questions" in text
    assert "script" not in links(app)
    [doc] = results(app, data_dir)
    assert doc["safety_flagged"] is True and doc["safety_declined"] is True
    assert doc["safety_complete"] is True


def test_one_concern_then_declining_the_rest_names_the_concern(app, data_dir):
    answers = indexes(BLAME, safety=None) | {"safety_afraid": 2}
    seed_progress(app, data_dir, answers, TOTAL)
    open_quiz(app)
    app.button(key="quiz_decline").click().run()
    text = page_text(app)
    assert "Some of your answers to the safety questions describe things" in text
    assert "You chose to leave the others unanswered" in text
    [doc] = results(app, data_dir)
    assert doc["safety_items"] == ["safety_afraid"] and doc["safety_declined"] is True


@pytest.mark.parametrize("answer", ["Yes", "Not sure"])
def test_a_safety_concern_leads_with_safety_and_turns_on_the_gate(app, data_dir, answer):
    open_quiz(app)
    answers = indexes(BLAME) | {"safety_harm": BY_ID["safety_harm"].scale.options.index(answer)}
    finish_seeded(app, data_dir, answers)
    text = page_text(app)
    assert SAFETY_BANNER in text
    assert "Your safety comes first" in text
    assert "Standard couples therapy may not be appropriate" in text
    targets = links(app)
    for number in ("tel:911", "tel:+18007997233", "tel:988", "sms:988"):
        assert number in targets
    assert "Safety help, other countries, and a safety plan" in link_labels(app)
    assert "script" not in targets
    assert "Because you said" not in text and "Fear of being blamed" not in text
    [doc] = results(app, data_dir)
    assert doc["safety_flagged"] is True and doc["safety_items"] == ["safety_harm"]


def test_a_safety_yes_by_hand_changes_the_result(app, data_dir):
    open_quiz(app)
    answer_by_hand(app, BLAME, safety="Yes")
    text = page_text(app)
    assert "Your safety comes first" in text and SAFETY_BANNER in text
    assert "script" not in links(app)
    assert results(app, data_dir)[0]["safety_items"] == [item.id for item in SAFETY]


def test_a_retake_with_all_no_turns_safety_mode_off_and_keeps_history(app, data_dir):
    seed_result(app, data_dir, indexes(BLAME, safety="Yes"), "2026-10-01T09:00:00+00:00")
    open_quiz(app)
    assert SAFETY_BANNER in page_text(app)
    app.button(key="quiz_retake").click().run()
    assert progress_text(app) == f"Question 1 of {TOTAL}"
    answers = indexes(BLAME)
    finish_seeded(app, data_dir, answers)
    text = page_text(app)
    assert SAFETY_BANNER not in text
    assert "1. Fear of being blamed" in text
    assert "this time they did not" in text  # what changed since last time
    assert "1 October 2026" in text
    assert app.button(key="quiz_retake")
    assert len(results(app, data_dir)) == 2


def test_history_shows_both_results_newest_first(app, data_dir):
    open_quiz(app)
    finish_seeded(app, data_dir, indexes(BLAME))
    assert "This is your first result" in page_text(app)
    app.button(key="quiz_retake").click().run()
    finish_seeded(app, data_dir, indexes({"wont_work": "Often"}))
    text = page_text(app)
    assert "Your results over time" in text
    today = datetime.now(UTC)
    assert text.count(f"{today.day} {today:%B %Y}") >= 3  # the caption and both history entries
    newer, older = "Stood out: “Doesn't believe it will help”", "Stood out: “Fear of being blamed”"
    assert newer in text and older in text
    assert text.index(newer) < text.index(older)
    assert "now stands out most" in text


def test_stopping_a_retake_keeps_the_last_result(app, data_dir):
    seed_result(app, data_dir, indexes(BLAME), "2026-10-01T09:00:00+00:00")
    open_quiz(app)
    app.button(key="quiz_retake").click().run()
    app.button(key="quiz_stop").click().run()
    assert "1. Fear of being blamed" in page_text(app)
    assert len(results(app, data_dir)) == 1


# --- honest and odd states -----------------------------------------------------------------------


def test_quiet_answers_get_the_honest_not_enough_with_what_would_help(app, data_dir):
    """Almost everything "Rarely" and one "A little": no reason, and why, in plain words."""
    words = load_result_words()
    quiet = {i.id: "Rarely" for i in SCORED if i.scale.id == "frequency"}
    open_quiz(app)
    finish_seeded(app, data_dir, indexes({**quiet, "refuses_all": "A little"}))
    text = page_text(app)
    assert words.not_enough_title in text
    assert words.not_enough_quiet in text and words.helps_quiet in text
    assert "1. " not in text and "Because you said" not in text
    assert "Says no to every kind of help" not in text


def test_one_reason_is_introduced_as_one(app, data_dir):
    words = load_result_words()
    open_quiz(app)
    finish_seeded(app, data_dir, indexes({"takes_sides": "Often"}))
    text = page_text(app)
    assert words.lead_clear_one in text
    assert "these reasons" not in text
    assert "1. Fear of being blamed" in text


def test_an_older_result_shows_no_quiet_answer_as_evidence(app, data_dir):
    """A result stored before quiet answers stopped counting as evidence still reads honestly."""
    result = score(indexes(BLAME), ITEMS, load_reasons())
    doc = stored_result(result, datetime.fromisoformat("2026-10-01T09:00:00+00:00"), False)
    blame = next(r for r in doc["ranked"] if r["reason_id"] == "blame")
    blame["because"].append(
        {"item_id": "couch", "text": BY_ID["couch"].text, "answer": "Rarely", "contribution": 0.1}
    )
    store, access = space_of(app, data_dir)
    store.private(access).insert("quiz_results", doc)
    open_quiz(app)
    text = page_text(app)
    assert "Because you said:" in text
    assert "Rarely" not in text


def test_an_older_result_that_named_a_reason_from_quiet_answers_now_says_not_enough(app, data_dir):
    """Stored when a single "A little" could name "Says no to every kind of help"."""
    quiet = {i.id: "Rarely" for i in SCORED if i.scale.id == "frequency"}
    result = score(indexes({**quiet, "refuses_all": "A little"}), ITEMS, load_reasons())
    doc = stored_result(result, datetime.fromisoformat("2026-10-01T09:00:00+00:00"), False)
    avoidance = next(r for r in doc["ranked"] if r["reason_id"] == "avoidance")
    avoidance["because"] = [
        {
            "item_id": "refuses_all",
            "text": BY_ID["refuses_all"].text,
            "answer": "A little",
            "contribution": 0.5,
        }
    ]
    doc |= {"top": ["avoidance"], "confidence": "some"}
    store, access = space_of(app, data_dir)
    store.private(access).insert("quiz_results", doc)
    open_quiz(app)
    text = page_text(app)
    assert load_result_words().not_enough_title in text
    assert "Says no to every kind of help" not in text


def test_not_enough_to_tell_invents_no_winner(app, data_dir):
    open_quiz(app)
    finish_seeded(app, data_dir, indexes({}))
    text = page_text(app)
    assert "Not enough to tell yet" in text
    assert "1. " not in text and "Because you said" not in text
    assert "notice your partner's exact words" in text
    assert "script" in links(app)


def test_skipped_questions_are_offered_and_counted(app, data_dir):
    answers = {k: v for k, v in indexes(BLAME).items() if k != "wont_work"}
    seed_progress(app, data_dir, answers, TOTAL)
    open_quiz(app)
    assert "You skipped 1" in page_text(app)
    app.button(key="quiz_goto_skipped").click().run()
    position = [item.id for item in ITEMS].index("wont_work") + 1
    assert progress_text(app) == f"Question {position} of {TOTAL}"


def damaged(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    doc["ranked"] = "not a list"
    return doc


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda d: damaged(d), id="ranked"),
        pytest.param(lambda d: d | {"taken_at": "last Tuesday"}, id="taken_at"),
        pytest.param(lambda d: {k: v for k, v in d.items() if k != "taken_at"}, id="no-date"),
        pytest.param(lambda d: d | {"version": 99}, id="version"),
    ],
)
def test_a_damaged_result_is_skipped_with_a_calm_note(app, data_dir, bad):
    seed_result(app, data_dir, indexes(BLAME), "2026-10-01T09:00:00+00:00")
    good = results(app, data_dir)[0]
    store, access = space_of(app, data_dir)
    store.private(access).insert(
        "quiz_results", bad(good | {"taken_at": "2026-11-01T09:00:00+00:00"})
    )
    open_quiz(app)
    text = page_text(app)
    assert "1 earlier result couldn't be read" in text
    assert "1. Fear of being blamed" in text


def test_only_damaged_results_fall_back_to_the_intro(app, data_dir):
    store, access = space_of(app, data_dir)
    store.private(access).insert("quiz_results", {"version": 1, "taken_at": "2026-11-01"})
    open_quiz(app)
    text = page_text(app)
    assert "couldn't be read" in text
    assert app.button(key="quiz_start")


@pytest.mark.parametrize(
    ("answers", "position", "expected"),
    [
        ("not a table", 5, 6),
        ({"takes_sides": True, "you_need_it": "2"}, None, 1),
        ({"takes_sides": 3}, 999, 2),
        ({"takes_sides": 3}, -1, 2),
        ({"takes_sides": 99}, "three", 1),
    ],
)
def test_odd_progress_resumes_calmly(app, data_dir, answers, position, expected):
    seed_progress(app, data_dir, answers, position)
    open_quiz(app)
    assert progress_text(app) == f"Question {expected} of {TOTAL}"


def test_stored_result_round_trips_through_the_page_format():
    result = score(indexes(BLAME), ITEMS, load_reasons())
    doc = stored_result(result, datetime(2026, 11, 1, 9, tzinfo=UTC), declined=True)
    assert doc["safety_flagged"] is True and doc["safety_complete"] is True
    assert {k: v for k, v in doc.items() if k in result_to_dict(result)} | {
        "safety_flagged": False
    } == result_to_dict(result)


def test_saying_this_is_about_my_safety_puts_safety_first_on_the_result(app, data_dir):
    seed_result(app, data_dir, indexes(BLAME), "2026-10-01T09:00:00+00:00")
    app.button(key="chrome_safety_flag").click().run()
    open_quiz(app)
    text = page_text(app)
    assert "Your safety comes first" in text and "You told us this is about your safety" in text
    assert "script" not in links(app) and "Because you said" not in text


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
GOOD = stored_result(
    score(indexes(BLAME), ITEMS, load_reasons()), datetime(2026, 11, 1, tzinfo=UTC), False
)


@settings(max_examples=200, deadline=None)
@given(
    docs=st.lists(
        st.one_of(
            st.dictionaries(st.text(max_size=12), JSON, max_size=6),
            st.builds(lambda key, value: GOOD | {key: value}, st.sampled_from(sorted(GOOD)), JSON),
            st.just(GOOD),
        ),
        max_size=4,
    )
)
def test_reading_history_never_crashes_and_accounts_for_every_document(docs):
    entries, damaged = read_history(docs)
    assert len(entries) + damaged == len(docs)
    assert [e.taken_at for e in entries] == sorted((e.taken_at for e in entries), reverse=True)
