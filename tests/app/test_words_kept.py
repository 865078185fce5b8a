"""Issue 15, "Words lost": text over a box's limit stays in the box, and an empty save never erases.

Points 1 and 2, table-driven over every limited box and every form that holds saved words. AppTest's
``input()`` behaves as the browser does with ``max_chars`` (a change past the limit is dropped
whole), so on a box that still had ``max_chars`` these tests see the empty box a person saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from records import plan as plan_state
from tests.app.conftest import page_text, space_of
from tests.support.seed import StoreSpace, seed_six_weeks
from ui import pages

TODAY = date.today()


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def _open(at: AppTest, page: str) -> None:
    at.switch_page(page).run()
    assert not at.exception, at.exception


def _private(at: AppTest, data_dir):
    store, access = space_of(at, data_dir)
    return store.private(access)


def _stored(at: AppTest, data_dir) -> dict:
    """Everything the space keeps privately, as plain data (to see that nothing changed)."""
    return _private(at, data_dir).dump()


# --- how to reach each limited box ---------------------------------------------------------------


def _script(at, data_dir) -> None:
    _open(at, pages.path("script"))


def _safety(at, data_dir) -> None:
    _open(at, pages.path("safety"))
    at.radio(key="safety_plan_where").set_value("keep").run()


def _therapist(at, data_dir) -> None:
    _open(at, pages.path("therapist"))


def _plan_new(at, data_dir) -> None:
    _open(at, pages.path("plan"))


def _plan_running(at, data_dir) -> None:
    store, access = space_of(at, data_dir)
    cycle = plan_state.new_plan(TODAY - timedelta(days=3), ["No phones at dinner"])
    plan_state.start_cycle(StoreSpace(store, access), cycle)
    _open(at, pages.path("plan"))


def _plan_setup(at, data_dir) -> None:
    _plan_running(at, data_dir)
    at.segmented_control(key="plan_section").set_value("setup").run()


def _plan_routines(routine: str) -> Callable:
    def go(at, data_dir) -> None:
        _plan_running(at, data_dir)
        at.segmented_control(key="plan_section").set_value("routines").run()
        at.segmented_control(key="plan_routines_pick").set_value(routine).run()

    return go


def _plan_review(at, data_dir) -> None:
    store, access = space_of(at, data_dir)
    seed_six_weeks(store, access, TODAY)
    _open(at, pages.path("plan"))
    at.segmented_control(key="plan_section").set_value("review").run()


def _versions(at, data_dir) -> None:
    _open(at, pages.path("script"))
    at.text_area(key="script_f_opener").input("I'd love us to talk")
    at.button(key="script_save_opener").click().run()
    at.segmented_control(key="script_view").set_value("versions").run()


@dataclass(frozen=True)
class Box:
    """One limited box: how to reach it, its widget, its limit and how its form is sent."""

    name: str
    reach: Callable[[AppTest, object], None]
    key: Callable[[AppTest], str] | str
    limit: int
    submit: str  # a button key, or "label:" + the button's label

    def widget(self, at: AppTest):
        key = self.key(at) if callable(self.key) else self.key
        found = [w for w in [*at.text_area, *at.text_input] if w.key == key]
        assert found, f"no box {key!r} on the page"
        return found[0]

    def send(self, at: AppTest) -> None:
        if self.submit.startswith("label:"):
            _click(at, self.submit.removeprefix("label:"))
        else:
            at.button(key=self.submit).click().run()
            assert not at.exception, at.exception


def _cycle_key(prefix: str, suffix: str = "") -> Callable[[AppTest], str]:
    """A box keyed by the running cycle's id (found from the page's widgets)."""

    def key(at: AppTest) -> str:
        for w in [*at.text_area, *at.text_input]:
            if w.key and w.key.startswith(prefix) and w.key.endswith(suffix):
                return w.key
        raise AssertionError(f"no box starting {prefix!r}")

    return key


LIMITED = [
    Box("script opener", _script, "script_f_opener", 600, "script_save_opener"),
    Box("script I-statement", _script, "script_f_feeling", 600, "script_save_i_statement"),
    Box("script time", _script, "script_f_time_0", 80, "script_save_first_step"),
    Box("safety place", _safety, "safety_plan_safe_place", 4000, "label:Save my plan"),
    Box("safety contact", _safety, "safety_plan_contact_name_0", 200, "label:Save my plan"),
    Box("safety local", _safety, "safety_plan_local_services", 4000, "label:Save my plan"),
    Box("safety notes", _safety, "safety_plan_incidents", 10000, "label:Save my plan"),
    Box("therapist name", _therapist, "therapist_c1_name", 80, "label:Save checklist"),
    Box("therapist notes", _therapist, "therapist_c1_notes", 1000, "label:Save checklist"),
    Box("plan target", _plan_new, "plan_setup_target_1", 200, "label:Start my six weeks"),
    Box("rating note", _plan_running, _cycle_key("plan_note_"), 500, "label:Save week 1"),
    Box("reword", _plan_setup, _cycle_key("plan_edit_text_"), 200, "label:Save new wording"),
    Box("add target", _plan_setup, _cycle_key("plan_add_text_"), 200, "label:Add this target"),
    Box(
        "nightly",
        _plan_routines("nightly"),
        "plan_routines_nightly_step",
        200,
        "label:Log tonight's check-in",
    ),
    Box(
        "weekly",
        _plan_routines("weekly"),
        "plan_routines_weekly_note",
        200,
        "label:Log this week's check-in",
    ),
    Box(
        "journal",
        _plan_routines("journal"),
        "plan_routines_journal_text",
        280,
        "label:Save today's line",
    ),
    Box(
        "decision note",
        _plan_review,
        _cycle_key("plan_decision_note_"),
        1000,
        "label:Save my decision",
    ),
    Box("version name", _versions, _cycle_key("script_version_name_"), 80, "script_version_save"),
]


@pytest.mark.parametrize("size", ["one over", "5000"])
@pytest.mark.parametrize("box", LIMITED, ids=lambda b: b.name)
def test_text_over_a_limit_stays_in_the_box_and_says_how_much_to_cut(
    app, data_dir, box: Box, size: str
) -> None:
    """Issue 15, point 2: nothing typed or pasted is dropped; nothing is saved; the cut is named."""
    box.reach(app, data_dir)
    assert not app.exception, app.exception
    widget = box.widget(app)
    assert not widget.max_chars, f"{box.name} still has max_chars={widget.max_chars}"
    assert str(box.limit) in (widget.help or "").replace(",", ""), widget.help
    # A 5,000-character paste, or 5,000 over for a box that holds more than that.
    length = box.limit + 1 if size == "one over" else max(5000, box.limit + 5000)
    words = ("Phones in the kitchen drawer at nine. " * 500)[: length - 1] + "!"
    assert len(words) == length
    before = _stored(app, data_dir)
    widget.input(words)
    box.send(app)
    assert box.widget(app).value == words  # still in the box, whole
    over = length - box.limit
    assert f"please cut {over:,} character" in page_text(app)
    assert _stored(app, data_dir) == before  # nothing saved


def test_no_limited_box_drops_a_change_past_its_limit() -> None:
    """Only the box where a short, exact entry is the point keeps ``max_chars``."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    allowed = {"ui/my_data/delete.py"}  # typing "delete" to confirm
    found = [
        str(p.relative_to(root))
        for folder in ("app_pages", "ui")
        for p in (root / folder).rglob("*.py")
        if "max_chars=" in p.read_text() and str(p.relative_to(root)) not in allowed
    ]
    assert found == []


# --- point 3: two tabs on one step ----------------------------------------------------------------


def _two_tabs(app, make_app):
    """The script builder open in two tabs of one space, both drawn before either saves."""
    key = app.session_state["od_key"]
    first = app
    _open(first, pages.path("script"))
    second = make_app(space=key)
    second.run()
    _open(second, pages.path("script"))
    return first, second


def _stored_opener(at, data_dir) -> str:
    doc = _private(at, data_dir).get("script_working", "current")
    return doc["draft"]["opener"] if doc else ""


def _save_opener(at, words: str) -> None:
    at.text_area(key="script_f_opener").input(words)
    at.button(key="script_save_opener").click().run()
    assert not at.exception, at.exception


def test_a_later_save_from_another_tab_asks_instead_of_replacing(app, make_app, data_dir):
    """Issue 15, point 3: the second tab's save of the same step no longer replaces the first's."""
    first, second = _two_tabs(app, make_app)
    _save_opener(first, "What worries you most about counselling?")
    _save_opener(second, "Could we talk about what a session is like?")
    # The first tab's words are still what is stored, and the second tab still has its own.
    assert _stored_opener(first, data_dir) == "What worries you most about counselling?"
    assert second.text_area(key="script_f_opener").value == (
        "Could we talk about what a session is like?"
    )
    text = page_text(second)
    assert "changed in another tab" in text
    for choice in ("keep_mine", "take_newer", "see_both"):
        assert second.button(key=f"script_conflict_opener_{choice}")

    second.button(key="script_conflict_opener_see_both").click().run()
    assert "What worries you most about counselling?" in [t.value for t in second.text]

    second.button(key="script_conflict_opener_keep_mine").click().run()
    assert not second.exception, second.exception
    assert _stored_opener(second, data_dir) == "Could we talk about what a session is like?"
    assert "changed in another tab" not in page_text(second)


def test_taking_the_newer_words_puts_them_in_the_box_and_saves_nothing(app, make_app, data_dir):
    first, second = _two_tabs(app, make_app)
    _save_opener(first, "What worries you most about counselling?")
    _save_opener(second, "Mine, from the second tab")
    second.button(key="script_conflict_opener_take_newer").click().run()
    assert not second.exception, second.exception
    assert second.text_area(key="script_f_opener").value == (
        "What worries you most about counselling?"
    )
    assert _stored_opener(second, data_dir) == "What worries you most about counselling?"
    # Saving again from here is an ordinary save: the tab has now seen the newer words.
    _save_opener(second, "Now edited on top of the newer words")
    assert _stored_opener(second, data_dir) == "Now edited on top of the newer words"


def test_two_tabs_saving_different_steps_keep_both(app, make_app, data_dir):
    first, second = _two_tabs(app, make_app)
    _save_opener(first, "What worries you most about counselling?")
    second.text_input(key="script_f_feeling").input("hopeful")
    second.button(key="script_save_i_statement").click().run()
    doc = _private(second, data_dir).get("script_working", "current")
    assert doc["draft"]["opener"] == "What worries you most about counselling?"
    assert doc["draft"]["feeling"] == "hopeful"
    assert "changed in another tab" not in page_text(second)


# --- point 1: an empty submit never erases saved words --------------------------------------------


@dataclass(frozen=True)
class Form:
    """A form that keeps saved words: reach it, fill it, send it, read back what it stored."""

    name: str
    reach: Callable[[AppTest, object], None]
    boxes: tuple[str, ...]  # text boxes filled first, then emptied
    submit: str
    stored: Callable[[AppTest, object], str]  # every saved word of the form, joined


def _fill(at: AppTest, form: Form, words: str | None) -> None:
    for key in form.boxes:
        box = next(w for w in [*at.text_area, *at.text_input] if w.key == key)
        box.input("" if words is None else f"{words} ({key})")
    Box(form.name, form.reach, form.boxes[0], 0, form.submit).send(at)


def _safety_words(at, data_dir) -> str:
    doc = _private(at, data_dir).get("safety_plan", "plan") or {}
    return " ".join(str(v) for v in doc.values() if isinstance(v, str))


def _therapist_words(at, data_dir) -> str:
    doc = _private(at, data_dir).get("therapist_checklist", "current") or {}
    return repr(doc.get("candidates", ""))


def _script_words(step: str) -> Callable:
    def read(at, data_dir) -> str:
        doc = _private(at, data_dir).get("script_working", "current") or {}
        return repr(doc.get("draft", {}).get(step, ""))

    return read


FORMS = [
    Form(
        "safety plan",
        _safety,
        ("safety_plan_safe_place", "safety_plan_local_services"),
        "label:Save my plan",
        _safety_words,
    ),
    Form(
        "therapist checklist",
        _therapist,
        ("therapist_c1_name", "therapist_c1_notes"),
        "label:Save checklist",
        _therapist_words,
    ),
    Form(
        "script step", _script, ("script_f_opener",), "script_save_opener", _script_words("opener")
    ),
    Form(
        "script step with three boxes",
        _script,
        ("script_f_feeling", "script_f_situation", "script_f_wish"),
        "script_save_i_statement",
        _script_words("feeling"),
    ),
]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_an_empty_submit_keeps_what_was_saved(app, data_dir, form: Form) -> None:
    """Issue 15, point 1: sending the form again with every box empty erases nothing."""
    form.reach(app, data_dir)
    _fill(app, form, "Phones in the kitchen drawer at 9")
    saved = form.stored(app, data_dir)
    assert "Phones in the kitchen drawer at 9" in saved
    _fill(app, form, None)
    assert form.stored(app, data_dir) == saved
    assert "kept" in page_text(app)


def test_an_emptied_script_step_asks_then_empties_only_when_confirmed(app, data_dir):
    _script(app, data_dir)
    _save_opener(app, "What worries you most?")
    _save_opener(app, "")
    assert _stored_opener(app, data_dir) == "What worries you most?"
    app.button(key="script_emptying_opener_keep").click().run()
    assert app.text_area(key="script_f_opener").value == "What worries you most?"
    assert _stored_opener(app, data_dir) == "What worries you most?"

    _save_opener(app, "")
    app.button(key="script_emptying_opener_empty").click().run()
    assert not app.exception, app.exception
    assert _stored_opener(app, data_dir) == ""
    assert not [b for b in app.button if b.key == "script_emptying_opener_empty"]


def test_an_empty_safety_plan_brings_the_kept_plan_back_and_delete_stays_confirmed(app, data_dir):
    form = FORMS[0]
    form.reach(app, data_dir)
    _fill(app, form, "Aunt May's flat")
    _fill(app, form, None)
    assert app.text_area(key="safety_plan_safe_place").value == (
        "Aunt May's flat (safety_plan_safe_place)"
    )
    assert "Delete it from the app" in page_text(app)
    app.button(key="safety_plan_delete").click().run()
    assert "Aunt May's flat" in _safety_words(app, data_dir)  # not yet: it asks first


def test_clearing_the_therapist_checklist_is_its_own_confirmed_act(app, data_dir):
    form = FORMS[1]
    form.reach(app, data_dir)
    _fill(app, form, "Dr Lee")
    _fill(app, form, None)
    assert app.text_input(key="therapist_c1_name").value == "Dr Lee (therapist_c1_name)"
    app.button(key="therapist_clear").click().run()
    assert "Dr Lee" in _therapist_words(app, data_dir)  # asks first
    app.button(key="therapist_clear_yes").click().run()
    assert not app.exception, app.exception
    assert "Dr Lee" not in _therapist_words(app, data_dir)
    assert app.text_input(key="therapist_c1_name").value == ""


def _owner_notes(at, data_dir) -> list[str]:
    return [d["note"] for d in _private(at, data_dir).all("plan_ratings")]


def test_an_empty_rating_note_keeps_the_saved_one_and_removing_is_confirmed(app, data_dir):
    _plan_running(app, data_dir)
    value_key = next(w.key for w in app.segmented_control if w.key.startswith("plan_value_"))
    note_key = _cycle_key("plan_note_")(app)
    app.segmented_control(key=value_key).set_value("kept")
    app.text_input(key=note_key).input("Phones in the kitchen drawer at 9")
    _click(app, "Save week 1")
    app.text_input(key=note_key).input("")
    _click(app, "Save week 1")
    assert _owner_notes(app, data_dir) == ["Phones in the kitchen drawer at 9"]
    assert "is kept" in page_text(app)
    assert app.text_input(key=note_key).value == "Phones in the kitchen drawer at 9"
    app.button(key="plan_notes_clear_1").click().run()
    assert _owner_notes(app, data_dir) == ["Phones in the kitchen drawer at 9"]  # asks first
    app.button(key="plan_notes_clear_1_yes").click().run()
    assert not app.exception, app.exception
    assert _owner_notes(app, data_dir) == [""]
    assert app.text_input(key=note_key).value == ""


def _decision(at, data_dir) -> dict:
    (doc,) = [d for d in _private(at, data_dir).all("plan_cycles") if d.get("decision")]
    return doc["decision"]


def test_empty_decision_notes_keep_the_saved_ones_and_removing_is_confirmed(app, data_dir):
    _plan_review(app, data_dir)
    choice = next(r for r in app.radio if r.key.startswith("plan_decision_"))
    note_key = _cycle_key("plan_decision_note_")(app)
    app.radio(key=choice.key).set_value(app.radio(key=choice.key).options[0])
    app.text_area(key=note_key).input("Talk to Sam's sister first")
    _click(app, "Save my decision")
    app.text_area(key=note_key).input("")
    _click(app, "Save my decision")
    assert _decision(app, data_dir)["note"] == "Talk to Sam's sister first"
    assert "are kept" in page_text(app)
    assert app.text_area(key=note_key).value == "Talk to Sam's sister first"
    cycle_id = note_key.removeprefix("plan_decision_note_")
    app.button(key=f"plan_decision_clear_{cycle_id}").click().run()
    assert _decision(app, data_dir)["note"] == "Talk to Sam's sister first"  # asks first
    app.button(key=f"plan_decision_clear_yes_{cycle_id}").click().run()
    assert not app.exception, app.exception
    assert _decision(app, data_dir)["note"] == ""
    assert app.text_area(key=note_key).value == ""
