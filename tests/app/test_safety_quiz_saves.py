"""What the Safety page's and the Quiz's saves say (through ``ui.feedback``): a save is confirmed
once (in place on the Safety page, where it must not fade unread; in a toast on the Quiz); a full
or read-only disk is a calm note in place, what was typed or chosen stays,
and the same press works once the disk has room.

Writes fail with real ``OSError`` codes where the files are written, as in ``test_ui_faults.py``.
"""

from __future__ import annotations

import errno
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from content.quiz import load_quiz
from records import quiz as quiz_records
from records import safety as safety_records
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text
from tests.app.test_ui_faults import allow_writes, nothing_raw, refuse_writes
from ui import pages
from ui.context import Here
from ui.safety.state import mode

SAFETY, QUIZ = pages.path("safety"), pages.path("quiz")
ITEMS = load_quiz()
TOTAL = len(ITEMS)
FAULT_ICON = ":material/cloud_off:"
CODES = [errno.ENOSPC, errno.EROFS, None]


def place_of(at: AppTest) -> Here:
    found = at.session_state["od_here"]
    assert isinstance(found, Here)
    return found


def toasts(at: AppTest) -> list[str]:
    return [t.value for t in at.toast]


def confirmed(at: AppTest) -> list[str]:
    """The Safety page's confirmations: in place, so they can't fade before they are read."""
    return [box.value for box in at.success]


def fault_notes(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.icon == FAULT_ICON]


def save_plan(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save my plan").click().run()


def all_no() -> dict[str, int]:
    chosen = {item.id: 0 for item in ITEMS if item.kind != "safety"}
    return chosen | {i.id: i.scale.options.index("No") for i in ITEMS if i.kind == "safety"}


def at_finish(at: AppTest) -> None:
    started = datetime.now(UTC).isoformat()
    quiz_records.save_progress(place_of(at).private, all_no(), started, TOTAL)
    at.switch_page(QUIZ).run()


# --- confirmations -------------------------------------------------------------------------------


def test_a_kept_plan_is_confirmed_once_with_the_words_as_written(app):
    app.switch_page(SAFETY).run()
    app.radio(key="safety_plan_where").set_value("keep").run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat")
    save_plan(app)
    assert not app.exception, app.exception
    assert confirmed(app) == ["Your plan is saved in the app. Only your private link opens it."]
    assert toasts(app) == []
    app.run()
    assert confirmed(app) == [], "said once, then forgotten"


def test_a_refused_save_is_a_note_in_place_not_a_confirmation(app):
    app.switch_page(SAFETY).run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat")
    save_plan(app)
    assert toasts(app) == []
    (note,) = [w for w in app.warning if "Choose where your plan should live first" in w.value]
    assert note.icon == ":material/info:"


def test_the_quiz_result_is_confirmed(app):
    at_finish(app)
    app.button(key="quiz_finish").click().run()
    assert not app.exception, app.exception
    assert toasts(app) == ["Your result is saved."]
    assert app.button(key="quiz_retake"), "the result is on screen"


# --- a full or read-only disk --------------------------------------------------------------------


@pytest.mark.files_only
@pytest.mark.parametrize("code", CODES)
def test_a_plan_saved_on_a_full_disk_says_so_and_keeps_the_words(app, monkeypatch, code):
    app.switch_page(SAFETY).run()
    app.radio(key="safety_plan_where").set_value("keep").run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat, 2nd floor")
    refuse_writes(monkeypatch, code)
    save_plan(app)
    nothing_raw(app)
    assert fault_notes(app) == [StorageUnavailable.message]
    assert toasts(app) == []
    assert app.text_area(key="safety_plan_safe_place").value == "Sam's flat, 2nd floor"
    allow_writes(monkeypatch)
    save_plan(app)
    assert confirmed(app) == ["Your plan is saved in the app. Only your private link opens it."]
    kept = safety_records.kept_plan(place_of(app).private)
    assert kept is not None and kept.plan is not None
    assert kept.plan.safe_place == "Sam's flat, 2nd floor"


@pytest.mark.files_only
@pytest.mark.parametrize("code", CODES)
def test_a_plan_deleted_on_a_full_disk_says_so_and_stays(app, monkeypatch, code):
    app.switch_page(SAFETY).run()
    app.radio(key="safety_plan_where").set_value("keep").run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat")
    save_plan(app)
    app.button(key="safety_plan_delete").click().run()
    refuse_writes(monkeypatch, code)
    app.button(key="safety_plan_delete_yes").click().run()
    nothing_raw(app)
    allow_writes(monkeypatch)
    assert fault_notes(app) == [StorageUnavailable.message]
    assert "Your plan is kept in the app." in page_text(app), "and truthfully: it is still there"
    assert app.text_area(key="safety_plan_safe_place").value == "Sam's flat"


@pytest.mark.files_only
@pytest.mark.parametrize("code", CODES)
def test_safety_mode_switched_on_a_full_disk_says_so(app, monkeypatch, code):
    app.switch_page(SAFETY).run()
    refuse_writes(monkeypatch, code)
    app.button(key="safety_self_flag").click().run()
    nothing_raw(app)
    allow_writes(monkeypatch)
    assert fault_notes(app) == [StorageUnavailable.message]
    assert not mode(place_of(app)).on
    app.button(key="safety_self_flag").click().run()
    assert confirmed(app) == ["Safety mode is switched on."]
    assert mode(place_of(app)).on


@pytest.mark.files_only
@pytest.mark.parametrize("code", CODES)
def test_a_result_on_a_full_disk_says_so_and_stays_on_the_finish_step(app, monkeypatch, code):
    at_finish(app)
    refuse_writes(monkeypatch, code)
    app.button(key="quiz_finish").click().run()
    nothing_raw(app)
    assert fault_notes(app) == [StorageUnavailable.message]
    assert toasts(app) == []
    assert app.button(key="quiz_finish"), "still on the finish step, answers kept"
    allow_writes(monkeypatch)
    app.button(key="quiz_finish").click().run()
    assert toasts(app) == ["Your result is saved."]
    assert quiz_records.has_results(place_of(app).private)


@pytest.mark.files_only
@pytest.mark.parametrize("code", CODES)
def test_an_answer_on_a_full_disk_says_so_where_it_was_chosen(app, monkeypatch, code):
    quiz_records.save_progress(place_of(app).private, {}, datetime.now(UTC).isoformat(), 0)
    app.switch_page(QUIZ).run()
    refuse_writes(monkeypatch, code)
    app.radio(key=f"quiz_answer_{ITEMS[0].id}").set_value(1).run()
    nothing_raw(app)
    allow_writes(monkeypatch)
    assert fault_notes(app) == [StorageUnavailable.message]
    progress = quiz_records.progress(place_of(app).private)
    assert progress is not None and progress.answers == {}
