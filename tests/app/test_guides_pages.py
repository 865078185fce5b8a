"""The two guides in AppTest: they render, the therapist checklist saves and comes back, and
safety mode swaps the choose-together checklist for a calm note."""

from __future__ import annotations

import pytest

from content.guides import first_session_explainer, load_going_alone, load_therapist
from tests.app.conftest import page_text, space_of
from ui import pages

GOING_ALONE, THERAPIST = pages.path("going_alone"), pages.path("therapist")
TABLE, KEY = "therapist_checklist", "current"
LOOK_FOR = tuple(item.id for item in load_therapist().look_for.items)
QUESTIONS = tuple(q.id for q in load_therapist().questions.items)


def markdown_position(at, words: str) -> int:
    """Where the first Markdown block holding ``words`` comes, in page order."""
    return next(i for i, block in enumerate(at.markdown) if words in block.value)


def open_page(at, path: str):
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def save_checklist(at) -> None:
    label = load_therapist().checklist.save_label
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def turn_on_safety_mode(at) -> None:
    at.button(key="chrome_safety_flag").click().run()
    assert not at.exception, at.exception


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (GOING_ALONE, [load_going_alone().title, load_going_alone().emotional_work.title]),
        (GOING_ALONE, [item.title for item in load_going_alone().helps.items]),
        (THERAPIST, [load_therapist().title, load_therapist().checklist.title]),
        (THERAPIST, [q.question for q in load_therapist().questions.items]),
        (THERAPIST, [first_session_explainer().title, *first_session_explainer().closing]),
    ],
)
def test_pages_render_their_sections_on_an_empty_space(app, path: str, expected: list[str]) -> None:
    text = page_text(open_page(app, path))
    for words in expected:
        assert words in text


def test_going_alone_ends_with_links_to_the_plan_and_safety(app) -> None:
    open_page(app, GOING_ALONE)
    # A page link carries the target page's url path.
    assert {"plan", "safety"} <= {link.proto.page for link in app.get("page_link")}


def test_empty_checklist_says_nothing_is_saved(app) -> None:
    open_page(app, THERAPIST)
    assert load_therapist().checklist.summary_empty in page_text(app)
    assert all(not box.value for box in app.checkbox)


def test_checklist_saves_and_comes_back_in_a_new_session(app, make_app, data_dir) -> None:
    open_page(app, THERAPIST)
    app.text_input(key="therapist_c1_name").input("Dr. Rivera")
    app.checkbox(key="therapist_c1_fit_neutral").check()
    app.checkbox(key="therapist_c1_fit_rapport").check()
    app.text_input(key="therapist_c1_ask_sides").input("Says the pattern is the client")
    app.text_input(key="therapist_c3_name").input("Sam *Lee*")
    app.text_area(key="therapist_c3_notes").input("Evening video slots")
    save_checklist(app)
    assert load_therapist().checklist.saved in page_text(app)
    assert "2 of 5 things that fit, 1 of 5 questions answered" in page_text(app)

    store, access = space_of(app, data_dir)
    doc = store.private(access).get(TABLE, KEY)
    assert [c["name"] for c in doc["candidates"]] == ["Dr. Rivera", "", "Sam *Lee*"]
    assert doc["candidates"][0]["fits"] == ["neutral", "rapport"]
    assert doc["saved_at"]

    again = make_app(space=app.session_state["od_key"])
    again.run()
    open_page(again, THERAPIST)
    assert again.text_input(key="therapist_c1_name").value == "Dr. Rivera"
    assert again.checkbox(key="therapist_c1_fit_neutral").value is True
    assert again.checkbox(key="therapist_c1_fit_couples_focus").value is False
    assert again.text_input(key="therapist_c1_ask_sides").value == "Says the pattern is the client"
    assert again.text_area(key="therapist_c3_notes").value == "Evening video slots"
    # The name is the user's text: shown escaped in the summary, not as Markdown emphasis.
    assert r"Sam \*Lee\*" in page_text(again)
    assert load_therapist().checklist.saved not in page_text(again)


def test_saving_twice_keeps_one_checklist(app, data_dir) -> None:
    open_page(app, THERAPIST)
    app.text_input(key="therapist_c2_name").input("First try")
    save_checklist(app)
    app.text_input(key="therapist_c2_name").input("Second try")
    save_checklist(app)
    store, access = space_of(app, data_dir)
    docs = store.private(access).all(TABLE)
    assert len(docs) == 1
    assert docs[0]["candidates"][1]["name"] == "Second try"


@pytest.mark.parametrize(
    "stored",
    [
        {"candidates": "not a list"},
        {"candidates": [None, 7, {"name": 3, "fits": "neutral", "answers": ["x"]}]},
        {"candidates": [{"name": "A", "fits": ["gone_item", "neutral"], "answers": {"sides": 5}}]},
        {"unexpected": True},
    ],
)
def test_odd_stored_checklists_still_open(app, data_dir, stored) -> None:
    store, access = space_of(app, data_dir)
    store.private(access).put(TABLE, KEY, stored)
    open_page(app, THERAPIST)
    boxes = {box.key: box.value for box in app.checkbox}
    assert not any(v for k, v in boxes.items() if not k.endswith("_fit_neutral"))
    assert len(app.text_input) == 3 * (1 + len(QUESTIONS))


def test_a_failed_save_keeps_the_input_and_says_so(app, monkeypatch) -> None:
    from storage.compartment import Compartment
    from storage.errors import StorageUnavailable

    def refuse(*_args, **_kwargs):
        raise StorageUnavailable()

    open_page(app, THERAPIST)
    monkeypatch.setattr(Compartment, "put", refuse)
    app.text_input(key="therapist_c1_name").input("Dr. Rivera")
    save_checklist(app)
    assert StorageUnavailable.message in page_text(app)
    assert app.text_input(key="therapist_c1_name").value == "Dr. Rivera"
    assert load_therapist().checklist.saved not in page_text(app)


def test_safety_mode_hides_the_checklist_and_leads_with_a_note(app) -> None:
    words = load_therapist()
    turn_on_safety_mode(app)
    open_page(app, THERAPIST)
    text = page_text(app)
    assert words.safety_note in text
    assert words.checklist_hidden in text
    assert words.checklist.title not in text
    assert words.first_session_hint not in text
    assert not app.checkbox and not app.text_input
    assert not [b for b in app.button if b.label == words.checklist.save_label]
    assert "safety" in {link.proto.page for link in app.get("page_link")}
    # The note comes first, and the lead that nudges toward choosing together gives way.
    assert words.lead not in text
    assert markdown_position(app, words.safety_note) < markdown_position(app, words.safety_lead)
    # The guide to choosing a couples therapist is put away; support of one's own is offered.
    assert app.title[0].value == words.safety_title and words.title not in text
    for section in (words.look_for, words.questions, words.cost):
        assert section.title not in text
    assert first_session_explainer().title not in text
    assert {"safety", "going-alone"} <= {link.proto.page for link in app.get("page_link")}


def test_safety_mode_keeps_a_saved_checklist_but_does_not_show_it(app, data_dir) -> None:
    open_page(app, THERAPIST)
    app.text_input(key="therapist_c1_name").input("Dr. Rivera")
    save_checklist(app)
    turn_on_safety_mode(app)
    open_page(app, THERAPIST)
    assert "Dr. Rivera" not in page_text(app)
    store, access = space_of(app, data_dir)
    assert store.private(access).get(TABLE, KEY)["candidates"][0]["name"] == "Dr. Rivera"


def test_going_alone_in_safety_mode_leads_with_a_note_and_holds_back_the_line_to_say(app) -> None:
    words = load_going_alone()
    open_page(app, GOING_ALONE)
    assert words.shift.say in page_text(app)
    turn_on_safety_mode(app)
    open_page(app, GOING_ALONE)
    text = page_text(app)
    assert words.safety_note in text
    assert words.shift.say not in text
    assert markdown_position(app, words.safety_note) < markdown_position(app, words.lead)
