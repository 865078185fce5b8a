"""The script builder page: pre-fill from the quiz, tone tips, autosave, versions, output, practice.

Forms in AppTest: set the values, then click the form's submit button (a run in between would
drop the pending values, as a browser does for a form that is never submitted).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from content.quiz import load_quiz
from content.reasons import load_reasons
from content.script import load_safety_instead, load_script_content
from guide.quiz import score
from guide.script import ScriptDraft, assemble, draft_from_dict, draft_to_dict
from records.quiz import stored_result
from tests.app.conftest import page_text, space_of
from ui import pages

SCRIPT = pages.path("script")
CONTENT = load_script_content()
ITEMS = load_quiz()
BY_ID = {item.id: item for item in ITEMS}
REASONS = load_reasons()
# A partner who fears being blamed and doesn't see a problem (as in the quiz page's tests).
BLAME = {"takes_sides": "Often", "you_need_it": "Sometimes", "were_fine": "Often"}
TAKEN = "2026-11-12T09:30:00+00:00"


# --- helpers -------------------------------------------------------------------------------------


def answers(chosen: dict[str, str]) -> dict[str, int]:
    """Every scored item at its lowest option unless named; safety answered "No"."""
    found = {item.id: 0 for item in ITEMS}
    found |= {k: BY_ID[k].scale.options.index(v) for k, v in chosen.items()}
    return found


def seed_quiz(at: AppTest, data_dir, when: str = TAKEN, chosen: dict[str, str] = BLAME) -> tuple:
    """Store a finished quiz result; return its top reasons."""
    store, access = space_of(at, data_dir)
    result = score(answers(chosen), ITEMS, REASONS)
    store.private(access).insert(
        "quiz_results", stored_result(result, datetime.fromisoformat(when), declined=False)
    )
    return result.top


def private(at: AppTest, data_dir):
    store, access = space_of(at, data_dir)
    return store.private(access)


def open_script(at: AppTest) -> AppTest:
    at.switch_page(SCRIPT).run()
    assert not at.exception, at.exception
    return at


def show(at: AppTest, view: str) -> None:
    at.segmented_control(key="script_view").set_value(view).run()
    assert not at.exception, at.exception


def save_step(at: AppTest, step_id: str) -> None:
    at.button(key=f"script_save_{step_id}").click().run()
    assert not at.exception, at.exception


def stored_draft(at: AppTest, data_dir) -> ScriptDraft:
    doc = private(at, data_dir).get("script_working", "current")
    assert doc is not None
    return draft_from_dict(doc["draft"])


def warnings(at: AppTest) -> str:
    return "\n".join(w.body for w in at.warning)


def labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def fill(at: AppTest, values: dict[str, str]) -> None:
    """Type into free-text fields by draft field name."""
    for name, value in values.items():
        key = f"script_f_{name}"
        widget = at.text_area(key=key) if key in {w.key for w in at.text_area} else None
        (widget or at.text_input(key=key)).input(value)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Record every file handed to the media store, by file name."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            seen[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return seen


# --- empty and pre-filled ------------------------------------------------------------------------


def test_an_empty_space_gets_calm_empty_states_and_a_way_to_the_quiz(app):
    open_script(app)
    text = page_text(app)
    assert "Taking the quiz first" in text
    assert "Take the quiz" in [link.proto.label for link in app.get("page_link")]
    assert len(labels(app)) == len(CONTENT.steps)
    assert app.text_area(key="script_f_opener").value == ""
    for view in ("script", "practice"):
        show(app, view)
        assert "Your plan is empty for now" in page_text(app)
        assert not app.get("download_button")
    show(app, "versions")
    assert "No saved versions yet" in page_text(app)
    assert app.button(key="script_version_save").disabled


def test_the_empty_state_button_goes_back_to_build(app):
    open_script(app)
    show(app, "practice")
    app.button(key="script_empty_build").click().run()
    assert app.segmented_control(key="script_view").value == "build"
    assert app.text_area(key="script_f_opener")


def test_a_quiz_result_prefills_the_worries_and_the_output_speaks_to_them(app, data_dir):
    top = seed_quiz(app, data_dir)
    assert len(top) >= 2
    open_script(app)
    assert "Pre-filled from your quiz on 12 November 2026" in page_text(app)
    for reason in top:
        line = CONTENT.worry(reason).line
        assert app.text_area(key=f"script_f_worry_{reason}").value == line
        assert f"If the worry is: {REASONS[reason].name}" in page_text(app)
    assert app.text_area(key="script_f_opener").value == CONTENT.openers[0]
    # Nothing is written until the user saves a step.
    assert private(app, data_dir).get("script_working", "current") is None

    show(app, "script")
    text = page_text(app)
    for reason in top:
        assert CONTENT.worry(reason).line[:60] in text
    assert "Speak to their worry" in text


def test_a_damaged_quiz_result_is_skipped_calmly(app, data_dir):
    seed_quiz(app, data_dir)
    private(app, data_dir).insert("quiz_results", {"taken_at": "2026-12-01T00:00:00+00:00"})
    open_script(app)
    assert "Pre-filled from your quiz on 12 November 2026" in page_text(app)


def test_a_newer_quiz_offers_to_add_its_worries(app, data_dir):
    seed_quiz(app, data_dir, chosen={"were_fine": "Often"})
    open_script(app)
    save_step(app, "opener")
    before = stored_draft(app, data_dir).worries
    top = seed_quiz(app, data_dir, when="2026-11-20T09:00:00+00:00")
    new = [r for r in top if r not in dict(before)]
    assert new
    app.run()
    assert "points to worries your plan doesn't speak to yet" in page_text(app)
    app.button(key="script_new_quiz_add").click().run()
    assert not app.exception
    worries = dict(stored_draft(app, data_dir).worries)
    assert all(worries[r] == CONTENT.worry(r).line for r in new)
    assert app.text_area(key=f"script_f_worry_{new[0]}").value == CONTENT.worry(new[0]).line
    assert "points to worries" not in page_text(app)


# --- saving steps and the tone check -------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "field", "typed", "phrase", "rule"),
    [
        ("opener", "opener", "Why do you always ignore me?", "you always", "you_always"),
        ("if_no", "if_no", "Then we go, or I'm leaving.", "or I'm leaving", "ultimatum_or"),
        ("i_statement", "situation", "you need therapy", "you need therapy", "you_need_therapy"),
        ("boundary", "boundary_need", "whatever.", "whatever", "whatever"),
    ],
)
def test_a_blaming_phrase_gets_its_flag_and_rewrite_under_the_field(
    app, data_dir, step, field, typed, phrase, rule
):
    open_script(app)
    fill(app, {field: typed})
    save_step(app, step)
    words = CONTENT.tone_rule(rule)
    shown = warnings(app)
    assert f"“{phrase}”" in shown
    assert words.why in shown and words.rewrite in shown
    assert getattr(stored_draft(app, data_dir), field) == typed  # advice, never a block
    assert any("tone tip" in label for label in labels(app))


def test_innocent_words_get_no_tone_tip(app):
    open_script(app)
    fill(app, {"opener": "I never want us to stop talking. Could we talk on Sunday?"})
    save_step(app, "opener")
    assert warnings(app) == ""


def test_each_step_autosaves_and_a_new_session_resumes_it(app, make_app, data_dir):
    open_script(app)
    app.checkbox(key="script_f_timing_calm").check()
    app.checkbox(key="script_f_timing_bedtime").check()
    save_step(app, "timing")
    fill(app, {"feeling": "lonely", "situation": "we go days without talking", "wish": "closeness"})
    save_step(app, "i_statement")
    fill(app, {"first_step": "One call with a counsellor?"})
    app.text_input(key="script_f_time_0").input("Tuesday 7 pm")
    app.text_input(key="script_f_time_2").input("Sunday 10 am")
    app.checkbox(key="script_f_offer_pay").check()
    save_step(app, "first_step")
    assert "How it reads now" in page_text(app)
    assert "I feel lonely when we go days without talking, and I'd like closeness." in page_text(
        app
    )

    draft = stored_draft(app, data_dir)
    assert draft.timing_checked == ("calm", "bedtime")
    assert draft.times == ("Tuesday 7 pm", "", "Sunday 10 am")
    assert draft.offer_pay and not draft.offer_book

    again = make_app(space=app.session_state["od_key"])
    again.run()
    open_script(again)
    assert again.checkbox(key="script_f_timing_calm").value is True
    assert again.checkbox(key="script_f_timing_after_fight").value is False
    assert again.text_input(key="script_f_feeling").value == "lonely"
    assert again.text_input(key="script_f_time_2").value == "Sunday 10 am"
    assert again.checkbox(key="script_f_offer_pay").value is True
    labels_now = labels(again)
    assert any(label.endswith("Pick a good moment") for label in labels_now)


def test_saved_words_come_back_after_another_view_was_open(app):
    open_script(app)
    fill(app, {"shared": "I have things to work on too."})
    save_step(app, "shared")
    show(app, "script")
    show(app, "build")
    assert app.text_area(key="script_f_shared").value == "I have things to work on too."


def test_a_suggestion_fills_the_box_and_saves(app, data_dir):
    open_script(app)
    app.selectbox(key="script_suggest_reframe").set_value(2)
    app.button(key="script_use_reframe").click().run()
    assert not app.exception
    assert stored_draft(app, data_dir).reframe == CONTENT.reframes[2]
    assert app.text_area(key="script_f_reframe").value == CONTENT.reframes[2]
    assert app.selectbox(key="script_suggest_reframe").value is None


def test_first_step_suggestions_use_the_option_line(app, data_dir):
    open_script(app)
    option = CONTENT.first_steps[-1]
    app.selectbox(key="script_suggest_first_step").set_value(len(CONTENT.first_steps) - 1)
    app.button(key="script_use_first_step").click().run()
    assert stored_draft(app, data_dir).first_step == option.line


def test_worries_can_be_added_and_removed(app, data_dir):
    open_script(app)
    privacy = next(i for i, w in enumerate(CONTENT.worries) if w.reason_id == "privacy")
    app.selectbox(key="script_add_worry").set_value(privacy)
    app.button(key="script_add_worry_go").click().run()
    assert not app.exception
    assert dict(stored_draft(app, data_dir).worries) == {"privacy": CONTENT.worry("privacy").line}
    app.text_area(key="script_f_worry_privacy").input("   ")
    save_step(app, "worries")
    # Every box of the step empty: it asks first (issue 15, point 1), then empties on a yes.
    assert dict(stored_draft(app, data_dir).worries) == {"privacy": CONTENT.worry("privacy").line}
    app.button(key="script_emptying_worries_empty").click().run()
    assert stored_draft(app, data_dir).worries == ()
    assert not [w for w in app.text_area if w.key == "script_f_worry_privacy"]


@pytest.mark.parametrize(
    "odd",
    [
        "<b>bold</b> <script>alert(1)</script>",
        "# heading",
        "[a link](https://example.com) *stars* _under_ `code`",
        "🙂 שלום, אני מרגיש בודד",
        "x" * 600,
    ],
)
def test_odd_text_stays_inert_everywhere(app, data_dir, odd):
    open_script(app)
    fill(app, {"opener": odd})
    save_step(app, "opener")
    saved = stored_draft(app, data_dir).opener
    assert saved == odd.strip()
    for view in ("script", "practice"):
        show(app, view)
        for element in app.markdown:
            assert "<b>" not in element.value and "<script>" not in element.value
            assert "\n# heading" not in element.value
            assert not re.search(r"(?<!\\)\]\(https", element.value)
    assert not any(h.proto.body.find("<b>") >= 0 for h in app.get("html"))


# --- output, downloads, practice -----------------------------------------------------------------


def test_output_has_talking_points_full_script_invitation_and_downloads(app, data_dir, downloads):
    open_script(app)
    fill(
        app,
        {
            "problem": "we get heated about money",
            "goal": "calmer talks",
            "timeframe": "four sessions",
        },
    )
    save_step(app, "ask")
    fill(app, {"first_step": "Would you try one short call?"})
    save_step(app, "first_step")
    show(app, "script")
    draft = stored_draft(app, data_dir)
    script = assemble(draft, safety_mode=False)
    codes = [c.value.strip() for c in app.code]
    assert script.full_text.strip() in codes
    assert script.invitation in codes
    assert "\n".join(f"• {p}" for p in script.talking_points) in codes
    assert "Use your browser's Print" in page_text(app)

    buttons = {d.proto.label: d.proto for d in app.get("download_button")}
    assert set(buttons) == {"Download as Markdown", "Download as plain text"}
    markdown = next(v for k, v in downloads.items() if k.endswith(".md"))
    text = next(v for k, v in downloads.items() if k.endswith(".txt"))
    assert markdown.decode() == script.full_markdown
    assert text.decode() == script.full_text
    assert buttons["Download as Markdown"].url.endswith(".md")


def test_practice_shows_one_step_at_a_time(app):
    open_script(app)
    fill(app, {"opener": "What do you picture?"})
    save_step(app, "opener")
    fill(app, {"shared": "I have things to work on."})
    save_step(app, "shared")
    show(app, "practice")
    bar = app.get("progress")[0].proto.text
    assert bar == "Step 1 of 2"
    assert "What do you picture?" in page_text(app)
    assert "I have things to work on." not in page_text(app)
    assert app.button(key="script_practice_prev").disabled
    app.button(key="script_practice_next").click().run()
    assert app.get("progress")[0].proto.text == "Step 2 of 2"
    assert "I have things to work on." in page_text(app)
    assert app.button(key="script_practice_next").disabled
    app.button(key="script_practice_restart").click().run()
    assert app.get("progress")[0].proto.text == "Step 1 of 2"


# --- saved versions ------------------------------------------------------------------------------


def versions(at: AppTest, data_dir) -> list[dict[str, Any]]:
    return private(at, data_dir).all("scripts")


def test_save_a_version_reload_edit_and_resave(app, make_app, data_dir):
    open_script(app)
    fill(app, {"opener": "What would make it feel safe?"})
    save_step(app, "opener")
    show(app, "versions")
    name_box = next(w for w in app.text_input if w.key.startswith("script_version_name"))
    assert name_box.value.startswith("Version 1 — ")
    name_box.input("Sunday talk")
    app.button(key="script_version_save").click().run()
    assert not app.exception
    [doc] = versions(app, data_dir)
    assert doc["name"] == "Sunday talk"
    assert set(doc) == {"key", "_id", "name", "saved_at", "draft"}
    assert datetime.fromisoformat(doc["saved_at"]).utcoffset() == timedelta(0)
    assert doc["draft"]["opener"] == "What would make it feel safe?"
    assert doc["draft"] == draft_to_dict(draft_from_dict(doc["draft"]))  # the agreed shape
    assert doc["draft"]["name"] == "Sunday talk"

    again = make_app(space=app.session_state["od_key"])
    again.run()
    open_script(again)
    assert again.text_area(key="script_f_opener").value == "What would make it feel safe?"
    show(again, "versions")
    assert "Sunday talk" in page_text(again)
    assert "in the builder now" in page_text(again)

    show(again, "build")
    fill(again, {"opener": "What would you need to feel safe there?"})
    save_step(again, "opener")
    show(again, "versions")
    again.button(key="script_version_update").click().run()
    assert not again.exception
    [doc] = versions(again, data_dir)
    assert doc["draft"]["opener"] == "What would you need to feel safe there?"
    assert doc["name"] == "Sunday talk"
    show(again, "script")
    assert "My conversation plan — Sunday talk" in page_text(again)


def test_loading_a_version_asks_first_when_the_builder_has_unsaved_changes(app, data_dir):
    open_script(app)
    fill(app, {"opener": "First words"})
    save_step(app, "opener")
    show(app, "versions")
    app.button(key="script_version_save").click().run()
    [doc] = versions(app, data_dir)
    vid = doc["key"]

    show(app, "build")
    fill(app, {"opener": "Second words"})
    save_step(app, "opener")
    show(app, "versions")
    app.button(key=f"script_load_{vid}").click().run()
    assert "will replace them" in warnings(app)
    app.button(key=f"script_load_no_{vid}").click().run()
    assert stored_draft(app, data_dir).opener == "Second words"

    app.button(key=f"script_load_{vid}").click().run()
    app.button(key=f"script_load_yes_{vid}").click().run()
    assert not app.exception
    assert app.segmented_control(key="script_view").value == "build"
    assert app.text_area(key="script_f_opener").value == "First words"
    assert stored_draft(app, data_dir).opener == "First words"


def test_rename_and_delete_with_confirmation(app, data_dir):
    open_script(app)
    fill(app, {"opener": "Words"})
    save_step(app, "opener")
    show(app, "versions")
    app.button(key="script_version_save").click().run()
    [doc] = versions(app, data_dir)
    vid = doc["key"]

    app.text_input(key=f"script_rename_{vid}").input("<b>Quiet</b> evening 🙂")
    app.button(key=f"script_rename_save_{vid}").click().run()
    assert not app.exception
    [doc] = versions(app, data_dir)
    assert doc["name"] == "<b>Quiet</b> evening 🙂"
    assert doc["draft"]["name"] == doc["name"]
    assert any("\\<b\\>Quiet\\</b\\>" in m.value for m in app.markdown)

    app.button(key=f"script_delete_{vid}").click().run()
    assert "This can't be undone" in warnings(app)
    app.button(key=f"script_delete_no_{vid}").click().run()
    assert len(versions(app, data_dir)) == 1
    app.button(key=f"script_delete_{vid}").click().run()
    app.button(key=f"script_delete_yes_{vid}").click().run()
    assert not app.exception
    assert versions(app, data_dir) == []
    assert stored_draft(app, data_dir).opener == "Words"  # the builder keeps its words


def test_damaged_versions_are_left_out_calmly(app, data_dir):
    private(app, data_dir).put("scripts", "broken", {"name": 3})
    private(app, data_dir).put(
        "scripts",
        "fine",
        {"name": "Fine", "saved_at": "2026-11-01T10:00:00+00:00", "draft": {"opener": 5}},
    )
    open_script(app)
    show(app, "versions")
    text = page_text(app)
    assert "1 saved version couldn't be read" in text
    assert "Fine" in text


def test_clearing_the_builder_keeps_versions(app, data_dir):
    open_script(app)
    fill(app, {"opener": "Words"})
    save_step(app, "opener")
    app.button(key="script_clear").click().run()
    app.button(key="script_clear_yes").click().run()
    assert not app.exception
    assert private(app, data_dir).get("script_working", "current") is None
    assert app.text_area(key="script_f_opener").value == ""


# --- safety mode ---------------------------------------------------------------------------------


def test_safety_mode_replaces_the_whole_builder(app, data_dir):
    """No step, boundary, worry line, invitation or practice: the page says why instead."""
    seed_quiz(app, data_dir)
    open_script(app)
    fill(app, {"boundary_need": "a pause"})
    save_step(app, "boundary")
    private(app, data_dir).put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
    app.run()
    assert not app.exception
    text = page_text(app)
    assert not [
        label for label in labels(app) if any(label.endswith(s.title) for s in CONTENT.steps)
    ]
    assert "a pause" not in text
    assert CONTENT.worry("blame").line[:40] not in text
    assert load_safety_instead().title in text and load_safety_instead().kept in text
    assert "safety" in [link.proto.page for link in app.get("page_link")]
    # Asking for another view shows nothing of the draft either.
    app.session_state["script_view"] = "practice"
    app.run()
    assert "a pause" not in page_text(app)
    # (The sidebar's language switch is a segmented control too: only the view picker is gone.)
    assert "script_view" not in [control.key for control in app.get("segmented_control")]
    # The words are kept, only out of sight.
    assert stored_draft(app, data_dir).boundary_need == "a pause"


def test_a_step_saved_from_a_page_drawn_before_safety_mode_shows_no_builder(app, data_dir):
    """Safety mode came on in another tab; a save from this one draws the pause, and keeps the
    words. (AppTest runs the whole script; the fragment-only rerun a browser makes is checked in
    tests/browser/test_safety_walk_browser.py.)"""
    seed_quiz(app, data_dir)
    open_script(app)
    save_step(app, "opener")  # the first save draws the whole page; the next ones only a step
    fill(app, {"opener": "Can we talk on Sunday?"})
    private(app, data_dir).put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
    save_step(app, "opener")
    text = page_text(app)
    assert load_safety_instead().title in text
    assert not [label for label in labels(app) if label.endswith("Open with a question")]
    assert "Can we talk on Sunday?" not in text
    assert stored_draft(app, data_dir).opener == "Can we talk on Sunday?"  # kept, out of sight


def test_safety_mode_without_a_quiz_does_not_nudge_toward_it(app, data_dir):
    private(app, data_dir).put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
    open_script(app)
    text = page_text(app)
    assert "Taking the quiz first" not in text
    assert load_safety_instead().title in text
    assert load_safety_instead().kept not in text  # nothing was written, so nothing is kept
    assert "Take the quiz" not in [link.proto.label for link in app.get("page_link")]


def test_a_quiz_that_named_no_reasons_pre_fills_nothing_from_the_quiz(app, data_dir):
    """Outside safety mode, a quiz with nothing clear doesn't claim the draft came from it."""
    seed_quiz(app, data_dir, chosen={})
    open_script(app)
    assert "Pre-filled from your quiz" not in page_text(app)


# --- what a save says ----------------------------------------------------------------------------


def toasts(at: AppTest) -> list[str]:
    return [t.value for t in at.toast]


def test_each_save_is_confirmed_once_even_when_its_part_is_gone(app, data_dir):
    """Every confirmation comes through ui.feedback: once, escaped, and also when the part of the
    page that saved is not drawn on the next run (a version loaded or deleted, the builder
    cleared, the newer-quiz offer answered)."""
    seed_quiz(app, data_dir, chosen={"were_fine": "Often"})
    open_script(app)
    fill(app, {"opener": "Words"})
    save_step(app, "opener")
    assert toasts(app) == [f"Saved “{CONTENT.step('opener').title}”."]
    app.run()
    assert toasts(app) == []  # said once

    seed_quiz(app, data_dir, when="2026-11-20T09:00:00+00:00")
    app.run()
    app.button(key="script_new_quiz_skip").click().run()
    assert toasts(app) == ["Okay, your plan stays as it is."]
    assert not [b for b in app.button if b.key == "script_new_quiz_skip"]

    show(app, "versions")
    next(w for w in app.text_input if w.key.startswith("script_version_name")).input(
        "Sunday *talk*"
    )
    app.button(key="script_version_save").click().run()
    assert toasts(app) == ["Saved as “Sunday \\*talk\\*”."]
    [doc] = versions(app, data_dir)
    vid = doc["key"]
    app.button(key=f"script_load_{vid}").click().run()
    assert app.segmented_control(key="script_view").value == "build"
    assert toasts(app) == ["Loaded “Sunday \\*talk\\*” into the builder."]

    show(app, "versions")
    app.button(key=f"script_delete_{vid}").click().run()
    app.button(key=f"script_delete_yes_{vid}").click().run()
    assert toasts(app) == ["Deleted “Sunday \\*talk\\*”."]

    show(app, "build")
    app.button(key="script_clear").click().run()
    app.button(key="script_clear_yes").click().run()
    assert toasts(app) == ["The builder is empty again."]
    app.run()
    assert toasts(app) == []


def test_choose_first_is_said_under_its_own_button(app, data_dir):
    open_script(app)
    app.button(key="script_use_reframe").click().run()
    assert "Choose a suggestion from the list first." in page_text(app)
    assert private(app, data_dir).get("script_working", "current") is None
    app.run()
    assert "Choose a suggestion" not in page_text(app)
