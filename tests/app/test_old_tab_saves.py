"""An old tab's safety-plan and quiz saves, after its link was replaced or its space deleted.

Each save on the Safety page and the Quiz page runs in a callback through ``ui.feedback.saves``
(or, inside the quiz's question fragment, after ``ui.callbacks.still_open``). Here one session (the
old tab) draws the page with the button ready; then the owner replaces the link
(``Store.rotate_owner_key``, as Share with partner does) or deletes the space, in the same server
process; then the old tab presses the button. Not one byte of the space may change, no file of a
deleted space may come back, nothing may be confirmed, and the tab is told calmly that nothing was
saved.

The same closings through the pages themselves (Share with partner, My data), and the kept plan's
download, are in ``test_old_tabs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.quiz import score
from records import quiz as quiz_records
from tests.app.conftest import page_text
from tests.app.test_old_tabs import NEUTRAL, dump_of, file_bytes, told_calmly
from ui import pages
from ui.callbacks import CLOSED_NOTE
from ui.context import Here

SAFETY, QUIZ = pages.path("safety"), pages.path("quiz")
ITEMS = load_quiz()
TOTAL = len(ITEMS)
CLOSINGS = ["replaced", "deleted"]


def place_of(at: AppTest) -> Here:
    """The old tab's own ``Here``: its store is the server's, as another tab's would be."""
    found = at.session_state["od_here"]
    assert isinstance(found, Here)
    return found


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()


def click_label(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


# --- the Safety page: the old tab gets as far as the button ------------------------------------


def plan_typed(at: AppTest, where: str) -> None:
    at.switch_page(SAFETY).run()
    at.radio(key="safety_plan_where").set_value(where).run()
    at.text_area(key="safety_plan_safe_place").input("OLDTAB the library on Main Street")


def plan_kept(at: AppTest) -> None:
    plan_typed(at, "keep")
    click_label(at, "Save my plan")
    assert at.button(key="safety_plan_delete"), "the plan is kept"


def plan_waiting(at: AppTest) -> None:
    plan_typed(at, "download")
    click_label(at, "Save my plan")
    assert at.session_state["safety_plan_pending"], "the download is waiting"


def asking_to_delete(at: AppTest) -> None:
    plan_kept(at)
    click(at, "safety_plan_delete")
    assert at.button(key="safety_plan_delete_yes")


def change_kept_plan(at: AppTest) -> None:
    at.text_area(key="safety_plan_safe_place").input("OVERWRITTEN by the old tab")
    click_label(at, "Save my plan")


def take_download(at: AppTest) -> None:
    next(d for d in at.get("download_button") if d.key == "safety_plan_download").click()
    at.run()


# --- the Quiz page -------------------------------------------------------------------------------


def answers(safety: bool = True) -> dict[str, int]:
    """Every scored question at its lowest option; the safety ones "No", or left unanswered."""
    chosen = {item.id: 0 for item in ITEMS if item.kind != "safety"}
    if safety:
        chosen |= {i.id: i.scale.options.index("No") for i in ITEMS if i.kind == "safety"}
    return chosen


def quiz_at(at: AppTest, chosen: dict[str, int], position: int) -> None:
    quiz_records.save_progress(
        place_of(at).private, chosen, datetime.now(UTC).isoformat(), position
    )
    at.switch_page(QUIZ).run()


def with_result(at: AppTest) -> None:
    result = score(answers(), ITEMS, load_reasons())
    doc = quiz_records.stored_result(result, datetime.now(UTC), declined=False)
    quiz_records.save_result(place_of(at).private, doc)


def quiz_intro(at: AppTest) -> None:
    at.switch_page(QUIZ).run()
    assert at.button(key="quiz_start")


def quiz_result(at: AppTest) -> None:
    with_result(at)
    at.switch_page(QUIZ).run()
    assert at.button(key="quiz_retake")


def quiz_retake_under_way(at: AppTest) -> None:
    with_result(at)
    quiz_at(at, {}, 3)
    assert at.button(key="quiz_stop")


def answer_first(at: AppTest) -> None:
    item = ITEMS[0]
    at.radio(key=f"quiz_answer_{item.id}").set_value(len(item.scale.options) - 1).run()


Step = Callable[[AppTest], None]
SAVES: dict[str, tuple[Step, Step]] = {
    # The safety plan: each save and each clear.
    "plan save (first)": (
        lambda at: plan_typed(at, "keep"),
        lambda at: click_label(at, "Save my plan"),
    ),
    "plan save (change)": (plan_kept, change_kept_plan),
    "plan clear after download": (plan_waiting, take_download),
    "plan clear without downloading": (plan_waiting, lambda at: click(at, "safety_plan_forget")),
    "plan delete": (asking_to_delete, lambda at: click(at, "safety_plan_delete_yes")),
    "safety mode on": (
        lambda at: at.switch_page(SAFETY).run(),
        lambda at: click(at, "safety_self_flag"),
    ),
    # The quiz: its result, and each move that saves where it is.
    "quiz result": (lambda at: quiz_at(at, answers(), TOTAL), lambda at: click(at, "quiz_finish")),
    "quiz decline": (
        lambda at: quiz_at(at, answers(safety=False), TOTAL),
        lambda at: click(at, "quiz_decline"),
    ),
    "quiz back to a question": (
        lambda at: quiz_at(at, answers(), TOTAL),
        lambda at: click(at, "quiz_back"),
    ),
    "quiz start": (quiz_intro, lambda at: click(at, "quiz_start")),
    "quiz retake": (quiz_result, lambda at: click(at, "quiz_retake")),
    "quiz stop": (quiz_retake_under_way, lambda at: click(at, "quiz_stop")),
    "quiz answer": (lambda at: quiz_at(at, {}, 0), answer_first),
    "quiz next": (lambda at: quiz_at(at, {}, 0), lambda at: click(at, "quiz_next")),
}
# Inside the question fragment. AppTest reruns the whole script for a fragment's widget, so here the
# front door turns the old tab away before the question's own check (``still_open``) can note what
# was refused: the tab sees the calm bad-link page without the "nothing was saved" line. The
# fragment's own check, with that line, is pressed in Chromium (tests/browser/test_quiz_browser.py).
IN_FRAGMENT = {"quiz answer", "quiz next"}


def close(at: AppTest, how: str) -> str | None:
    """Close the old tab's link from elsewhere in the server; the new owner key if replaced."""
    place = place_of(at)
    if how == "replaced":
        new_key, _fresh = place.store.rotate_owner_key(place.access)
        return new_key
    place.store.delete_space(place.access)
    return None


@pytest.mark.parametrize("how", CLOSINGS)
@pytest.mark.parametrize("kind", list(SAVES))
def test_an_old_tab_saves_nothing_and_is_told(app, data_dir, how, kind):
    draw, press = SAVES[kind]
    draw(app)
    assert not app.exception, app.exception
    assert CLOSED_NOTE not in page_text(app)
    space_id = place_of(app).access.space_id
    new_key = close(app, how)
    before = dump_of(data_dir, new_key) if new_key else None
    files_before = file_bytes(data_dir, space_id)
    press(app)
    assert not app.exception, app.exception
    assert file_bytes(data_dir, space_id) == files_before, "the old tab changed the space"
    if how == "deleted":
        assert not files_before, "the space is gone"
    else:
        assert dump_of(data_dir, new_key) == before
    assert not app.toast, "nothing may be confirmed"
    if kind in IN_FRAGMENT:
        assert NEUTRAL in page_text(app)
    else:
        told_calmly(app)
