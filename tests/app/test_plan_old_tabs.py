"""The plan's saves from an old tab: after its link was replaced, switched off or its space deleted
elsewhere, each routines save and the weekly rating saves nothing, and the tab is told.

Each case draws the plan in one session (the old tab), closes the link the way
``tests/app/test_old_tabs.py`` does (Share with partner's "replace my link" or My data's delete,
in a second session), then presses the button in the old tab. Every save here runs in its
button's callback through ``ui.feedback.saves``, so the link check comes first: not a byte of the
space changes, no file of a deleted space comes back, and the front door says calmly that nothing
was saved. The same presses on an open link do save (the first test), so the refusals are real.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from content import plan as words
from records import plan as plan_state
from tests.app.conftest import space_of
from tests.app.test_old_tabs import (
    CLOSINGS,
    file_bytes,
    here_of,
    pressed_on_a_closed_link,
)
from ui import pages

PLAN = pages.path("plan")
TODAY = date.today()


def click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def plan_section(at: AppTest, data_dir: Path, section: str) -> None:
    """A plan that began three days ago (week 1), open on ``section``."""
    plan_state.start_cycle(
        here_of(at, data_dir),
        plan_state.new_plan(TODAY - timedelta(days=3), ["No phones at dinner"]),
    )
    at.switch_page(PLAN).run()
    at.segmented_control(key="plan_section").set_value(section).run()
    assert not at.exception, at.exception


def routine(name: str) -> Callable[[AppTest, Path], None]:
    def draw(at: AppTest, data_dir: Path) -> None:
        plan_section(at, data_dir, "routines")
        at.segmented_control(key="plan_routines_pick").set_value(name).run()
        assert not at.exception, at.exception

    return draw


def value_key(at: AppTest) -> str:
    return next(w.key for w in at.segmented_control if w.key.startswith("plan_value_"))


# --- what the old tab shows, and what it presses after the link is closed ------------------------


def press_nightly_log(at: AppTest) -> None:
    at.text_input(key="plan_routines_nightly_step").input("OLDTAB a walk after dinner")
    click(at, "Log tonight's check-in")


def nightly_asking_to_clear(at: AppTest, data_dir: Path) -> None:
    routine("nightly")(at, data_dir)
    at.text_input(key="plan_routines_nightly_step").input("Early night")
    click(at, "Log tonight's check-in")
    at.button(key="plan_routines_nightly_clear").click().run()
    assert at.button(key="plan_routines_nightly_clear_yes")


def press_weekly_log(at: AppTest) -> None:
    at.text_input(key="plan_routines_weekly_note").input("OLDTAB we laughed again")
    click(at, "Log this week's check-in")


def weekly_asking_to_clear(at: AppTest, data_dir: Path) -> None:
    routine("weekly")(at, data_dir)
    at.text_input(key="plan_routines_weekly_note").input("We laughed again")
    click(at, "Log this week's check-in")
    at.button(key="plan_routines_weekly_clear").click().run()
    assert at.button(key="plan_routines_weekly_clear_yes")


def press_journal_line(at: AppTest) -> None:
    at.text_input(key="plan_routines_journal_text").input("OLDTAB a calm evening.")
    click(at, "Save today's line")


def book_chosen(at: AppTest, data_dir: Path) -> None:
    routine("book")(at, data_dir)
    at.radio(key="plan_routines_book_pick_none").set_value(words.books()[0].id).run()
    assert not at.exception, at.exception


def press_book_tick(at: AppTest) -> None:
    at.checkbox(key=f"plan_routines_book_{words.books()[0].id}_1").check().run()


def press_week_rating(at: AppTest) -> None:
    at.segmented_control(key=value_key(at)).set_value("kept")
    click(at, "Save week 1")


def week_asking_to_remove_notes(at: AppTest, data_dir: Path) -> None:
    plan_section(at, data_dir, "week")
    at.segmented_control(key=value_key(at)).set_value("partly")
    note = next(w.key for w in at.text_input if w.key.startswith("plan_note_"))
    at.text_input(key=note).input("Two evenings out of five")
    click(at, "Save week 1")
    at.button(key="plan_notes_clear_1").click().run()
    assert at.button(key="plan_notes_clear_1_yes")


def yes(key: str) -> Callable[[AppTest], None]:
    def press(at: AppTest) -> None:
        at.button(key=key).click().run()

    return press


SAVES = {
    # name: (draw the old tab, press the save)
    "nightly check-in log": (routine("nightly"), press_nightly_log),
    "removing tonight's note": (nightly_asking_to_clear, yes("plan_routines_nightly_clear_yes")),
    "weekly check-in log": (routine("weekly"), press_weekly_log),
    "removing today's weekly words": (
        weekly_asking_to_clear,
        yes("plan_routines_weekly_clear_yes"),
    ),
    "journal line": (routine("journal"), press_journal_line),
    "book tick": (book_chosen, press_book_tick),
    "weekly rating": (lambda at, d: plan_section(at, d, "week"), press_week_rating),
    "removing a week's notes": (week_asking_to_remove_notes, yes("plan_notes_clear_1_yes")),
}


@pytest.mark.parametrize("kind", list(SAVES))
def test_each_save_saves_while_the_link_opens(app, data_dir, kind):
    draw, press = SAVES[kind]
    draw(app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    before = file_bytes(data_dir, space_id)
    press(app)
    assert not app.exception, app.exception
    assert file_bytes(data_dir, space_id) != before, "the press saved nothing: the test is void"
    assert app.toast, "a save says so"


@pytest.mark.parametrize("how", CLOSINGS)
@pytest.mark.parametrize("kind", list(SAVES))
def test_an_old_tab_saves_nothing_and_is_told(app, make_app, data_dir, how, kind):
    draw, press = SAVES[kind]
    pressed_on_a_closed_link(app, make_app, data_dir, how, draw, press)
    assert not app.toast, "nothing was saved, so nothing says it was"
