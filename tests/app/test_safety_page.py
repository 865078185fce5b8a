"""The Safety page: dialable resources, the country picker, the private plan, and the safety gate.

Also the gate across pages: a safety flag set anywhere turns on the Home page's banner and pauses
partner links in the shared compartment, and only a newer, all-clear screen switches it off.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from content import resources as res
from content import safety as safety_content
from guide.safety import FEATURES, SafetyPlan, safety_plan_from_dict
from tests.app.conftest import page_text, space_of
from ui import pages
from ui.safety.state import partner_links_paused

SAFETY = pages.path("safety")
HOME = pages.path("home")
WORDS = safety_content.load()
BANNER = "Safety mode is on"

# What a person reads on a button -> what their phone opens (checked by hand, not derived).
US_BUTTONS = [
    ("Call 911", "tel:911"),
    ("Call 1-800-799-7233", "tel:+18007997233"),
    ("TTY 1-800-787-3224", "tel:+18007873224"),
    ("Text START to 88788", "sms:88788?&body=START"),
    ("Chat at thehotline.org", "https://www.thehotline.org"),
    ("Call 988", "tel:988"),
    ("Text 988", "sms:988"),
    ("Chat at 988lifeline.org", "https://988lifeline.org/chat"),
    ("Text HOME to 741741", "sms:741741?&body=HOME"),
]


def buttons(at) -> list[tuple[str, str]]:
    """Every link button on the page as (label, address)."""
    return [(b.proto.label, b.proto.url) for b in at.get("link_button")]


def toasts(at) -> str:
    """What the run confirmed in toasts (a save's confirmation; calm notes stay in place)."""
    return "\n".join(t.value for t in at.toast)


def open_safety(at):
    at.switch_page(SAFETY).run()
    assert not at.exception, at.exception
    return at


def submit(at) -> None:
    next(b for b in at.button if b.label == "Save my plan").click().run()
    assert not at.exception, at.exception


def fill_plan(at, where: str | None) -> None:
    """Type a small plan into the form; ``where`` is "keep", "download" or None (no choice)."""
    if where is not None:
        at.radio(key="safety_plan_where").set_value(where).run()
    at.text_area(key="safety_plan_safe_place").input("Sam's flat, *2nd floor*")
    at.checkbox(key="safety_plan_bag_id").check()
    at.checkbox(key="safety_plan_bag_phone").check()
    at.text_input(key="safety_plan_contact_name_0").input("Sam")
    at.text_input(key="safety_plan_contact_how_0").input("555 0100, code word: blue")
    at.text_area(key="safety_plan_incidents").input("3 May: shouting, door slammed")


def kept_docs(at, data_dir) -> list[dict]:
    store, access = space_of(at, data_dir)
    return store.private(access).all("safety_plan")


# --- resources ----------------------------------------------------------------------------------


def test_danger_now_comes_first_with_dialable_us_numbers(app):
    open_safety(app)
    assert app.header[0].value == "If you are in danger now"
    shown = buttons(app)
    for wanted in US_BUTTONS:
        assert wanted in shown, f"missing {wanted}"
    assert shown[0] == ("Call 911", "tel:911")
    text = page_text(app)
    assert "24 hours a day, every day" in text
    assert "Shift key three times" in text
    assert "press 3" not in text.lower()


def test_every_button_dials_the_number_its_label_shows(app):
    open_safety(app)
    for label, url in buttons(app):
        if url.startswith(("tel:", "sms:")):
            number = url.split(":", 1)[1].split("?", 1)[0]
            assert "".join(ch for ch in label if ch.isdigit()) == number.lstrip("+"), label
        else:
            assert url.startswith("https://"), url


def test_each_resource_shows_source_and_check_date_honestly(app):
    open_safety(app)
    captions = "\n".join(c.value for c in app.caption)
    for resource in res.us_resources() + res.directories():
        assert resource.source_url.split("//", 1)[1].removeprefix("www.") in captions
    assert "Details last checked on 22 November 2026" in captions
    assert "not by calling" in captions
    assert "We have not called them to confirm" in page_text(app)


@pytest.mark.parametrize("code", [c for c in res.countries() if c != "US"])
def test_country_picker_shows_that_countrys_entries(app, code):
    open_safety(app)
    country = res.countries()[code]
    wanted = [(c.label, res.contact_href(c)) for r in country.resources for c in r.contacts]
    before = buttons(app)
    app.selectbox(key="safety_country").set_value(code).run()
    assert not app.exception
    after = buttons(app)
    for entry in wanted:
        assert entry in after, f"{code}: missing {entry}"
    # The country's own entries are new on the page, not the US ones shown again.
    assert len(after) - len(before) == len(wanted)
    text = page_text(app)
    for resource in country.resources:
        assert resource.hours in text


def test_unlisted_country_says_so_and_points_to_directories(app):
    open_safety(app)
    assert "We don't list every country" in page_text(app)
    app.selectbox(key="safety_country").set_value("other").run()
    assert res.words().not_listed in page_text(app)
    hrefs = {url for _, url in buttons(app)}
    assert {"https://findahelpline.com", "https://befrienders.org"} <= hrefs


def test_not_appropriate_signs_and_alternatives_are_shown(app):
    open_safety(app)
    text = page_text(app)
    for entry in (*WORDS.not_appropriate.signs, *WORDS.instead.options):
        assert entry.title in text
    assert WORDS.not_appropriate.why_title in text
    for tip in WORDS.device.tips:
        assert tip.title in text


# --- the safety plan ----------------------------------------------------------------------------


def test_plan_kept_in_app_survives_a_new_session(app, make_app, data_dir):
    open_safety(app)
    fill_plan(app, "keep")
    submit(app)
    assert "Your plan is saved in the app" in page_text(app) and not toasts(app)
    (doc,) = kept_docs(app, data_dir)
    doc.pop("_id"), doc.pop("key")
    plan = safety_plan_from_dict(doc)
    assert plan == SafetyPlan(
        safe_place="Sam's flat, *2nd floor*",
        bag=("id", "phone"),
        contacts=(("Sam", "555 0100, code word: blue"),),
        incident_notes="3 May: shouting, door slammed",
        keep_in_app=True,
    )
    again = open_safety(make_app(space=app.session_state["od_key"]).run())
    assert again.text_area(key="safety_plan_safe_place").value == "Sam's flat, *2nd floor*"
    assert again.checkbox(key="safety_plan_bag_phone").value is True
    assert again.checkbox(key="safety_plan_bag_money").value is False
    assert again.text_input(key="safety_plan_contact_how_0").value == "555 0100, code word: blue"
    assert again.radio(key="safety_plan_where").value == "keep"
    assert "Your plan is kept in the app." in page_text(again)


def test_download_only_writes_nothing_to_storage(app, data_dir):
    open_safety(app)
    fill_plan(app, "download")
    submit(app)
    store, access = space_of(app, data_dir)
    assert kept_docs(app, data_dir) == []
    assert "Sam's flat" not in json.dumps(store.private(access).dump())
    assert "Nothing was saved in the app" in page_text(app)
    (download,) = app.get("download_button")
    pending = app.session_state["safety_plan_pending"]
    assert "Sam's flat, \\*2nd floor\\*" in pending  # the user's text, escaped
    assert "- [x] Phone and charger" in pending
    download.click().run()
    assert not app.exception
    assert "safety_plan_pending" not in app.session_state
    assert app.text_area(key="safety_plan_safe_place").value == ""
    assert not any(d.key == "safety_plan_download" for d in app.get("download_button"))
    assert kept_docs(app, data_dir) == []


def test_clearing_without_downloading_empties_the_form(app, data_dir):
    open_safety(app)
    fill_plan(app, "download")
    submit(app)
    app.button(key="safety_plan_forget").click().run()
    assert not app.exception
    assert "Cleared without downloading" in page_text(app) and not toasts(app)
    assert "safety_plan_pending" not in app.session_state
    assert app.text_area(key="safety_plan_safe_place").value == ""
    assert app.checkbox(key="safety_plan_bag_id").value is False
    assert app.radio(key="safety_plan_where").value == "download"
    assert kept_docs(app, data_dir) == []


def test_downloading_a_changed_copy_leaves_the_kept_plan_alone(app, data_dir):
    open_safety(app)
    fill_plan(app, "keep")
    submit(app)
    before = kept_docs(app, data_dir)
    app.radio(key="safety_plan_where").set_value("download").run()
    app.text_area(key="safety_plan_safe_place").input("Somewhere new")
    submit(app)
    assert "Somewhere new" in app.session_state["safety_plan_pending"]
    next(d for d in app.get("download_button") if d.key == "safety_plan_download").click().run()
    assert kept_docs(app, data_dir) == before
    assert app.text_area(key="safety_plan_safe_place").value == "Sam's flat, *2nd floor*"
    assert app.radio(key="safety_plan_where").value == "keep"
    assert "plan kept in the app again, unchanged" in page_text(app) and not toasts(app)


def test_nothing_is_saved_before_a_choice_and_the_text_stays(app, data_dir):
    open_safety(app)
    assert app.radio(key="safety_plan_where").value is None
    fill_plan(app, None)
    submit(app)
    assert "Choose where your plan should live first" in page_text(app)
    assert kept_docs(app, data_dir) == []
    assert "safety_plan_pending" not in app.session_state
    assert app.text_area(key="safety_plan_safe_place").value == "Sam's flat, *2nd floor*"


def test_a_kept_plan_is_deleted_after_one_confirmation(app, data_dir):
    open_safety(app)
    fill_plan(app, "keep")
    submit(app)
    app.button(key="safety_plan_delete").click().run()
    assert "This can't be undone" in page_text(app)
    app.button(key="safety_plan_delete_no").click().run()
    assert len(kept_docs(app, data_dir)) == 1
    app.button(key="safety_plan_delete").click().run()
    app.button(key="safety_plan_delete_yes").click().run()
    assert not app.exception
    assert kept_docs(app, data_dir) == []
    assert "Your plan was deleted from the app" in page_text(app) and not toasts(app)
    assert app.text_area(key="safety_plan_safe_place").value == ""
    assert app.radio(key="safety_plan_where").value is None


def test_the_plan_never_reaches_a_partner_link(app, make_app, data_dir):
    open_safety(app)
    fill_plan(app, "keep")
    submit(app)
    store, access = space_of(app, data_dir)
    _, partner_key = store.add_partner_link(access, "for them")
    partner = make_app(partner=partner_key).run()
    assert not partner.exception
    assert "Sam's flat" not in page_text(partner)
    assert "Sam's flat" not in json.dumps(store.shared(access).dump())


# --- safety mode ----------------------------------------------------------------------------


def test_mode_section_follows_the_gate(app):
    open_safety(app)
    assert "Safety mode is off." in page_text(app)
    app.button(key="safety_self_flag").click().run()
    assert not app.exception
    text = page_text(app)
    assert "Safety mode is switched on." in text and not toasts(app)
    assert WORDS.gate.reason_self in text
    for feature in FEATURES:
        assert WORDS.gate.withheld[feature] in text
    assert WORDS.gate.leave_hint in text
    assert any(link.proto.page == "quiz" for link in app.get("page_link"))
    with pytest.raises(KeyError):
        app.button(key="safety_self_flag")


def flag_from_sidebar(at, data_dir) -> None:
    at.button(key="chrome_safety_flag").click().run()
    assert at.title[0].value == "Safety"  # the button takes the user straight to help


def flag_from_quiz(at, data_dir) -> None:
    store, access = space_of(at, data_dir)
    store.private(access).insert(
        "quiz_results",
        {
            "taken_at": datetime.now(UTC).isoformat(),
            "safety_flagged": True,
            "safety_items": ["safety_afraid"],
            "safety_complete": True,
        },
    )
    at.run()


@pytest.mark.parametrize("flag", [flag_from_sidebar, flag_from_quiz], ids=["sidebar", "quiz"])
def test_a_safety_flag_turns_the_gate_on_across_pages(app, data_dir, flag):
    assert BANNER not in page_text(app)
    assert partner_links_paused(app.session_state["od_here"]) is False
    flag(app, data_dir)
    assert not app.exception
    app.switch_page(HOME).run()
    assert BANNER in page_text(app)
    assert partner_links_paused(app.session_state["od_here"]) is True
    open_safety(app)
    assert WORDS.gate.title + "." in page_text(app)


def test_only_a_newer_clear_screen_switches_the_gate_off(app, data_dir):
    flag_from_sidebar(app, data_dir)
    store, access = space_of(app, data_dir)
    store.private(access).insert(
        "quiz_results",
        {
            "taken_at": (datetime.now(UTC) + timedelta(seconds=5)).isoformat(),
            "safety_flagged": False,
            "safety_items": [],
            "safety_complete": True,
        },
    )
    app.switch_page(HOME).run()
    assert BANNER not in page_text(app)
    assert partner_links_paused(app.session_state["od_here"]) is False


# --- two tabs on one plan -----------------------------------------------------------------------


def two_tabs_then_the_first_saves(app, make_app, data_dir):
    """Two tabs open the plan; the first saves a plan; the second, drawn before that, types
    another and presses Save. Returns the second tab, held back."""
    key = app.session_state["od_key"]
    second = make_app(space=key).run()
    open_safety(app)
    open_safety(second)
    app.radio(key="safety_plan_where").set_value("keep").run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat")
    submit(app)
    second.radio(key="safety_plan_where").set_value("keep").run()
    second.text_area(key="safety_plan_safe_place").input("Aunt May's, the back door")
    submit(second)
    return second


def stored_place(at, data_dir) -> str:
    (doc,) = kept_docs(at, data_dir)
    return doc["safe_place"]


def test_a_save_over_a_plan_changed_in_another_tab_is_held_and_asks(app, make_app, data_dir):
    second = two_tabs_then_the_first_saves(app, make_app, data_dir)
    assert stored_place(second, data_dir) == "Sam's flat", "the other tab's save was not replaced"
    assert "changed in another tab" in page_text(second)
    assert second.text_area(key="safety_plan_safe_place").value == "Aunt May's, the back door"
    second.button(key="safety_plan_conflict_mine").click().run()
    assert not second.exception, second.exception
    assert stored_place(second, data_dir) == "Aunt May's, the back door"
    assert "Your plan is saved in the app" in page_text(second)
    assert "changed in another tab" not in page_text(second)


def test_the_newer_plan_can_be_taken_instead(app, make_app, data_dir):
    second = two_tabs_then_the_first_saves(app, make_app, data_dir)
    second.button(key="safety_plan_conflict_theirs").click().run()
    assert not second.exception, second.exception
    assert stored_place(second, data_dir) == "Sam's flat"
    assert second.text_area(key="safety_plan_safe_place").value == "Sam's flat"
    assert "changed in another tab" not in page_text(second)
    submit(second)  # and saving again from here is an ordinary save, not another question
    assert "changed in another tab" not in page_text(second)


def test_one_tab_saving_twice_is_never_asked(app, data_dir):
    open_safety(app)
    app.radio(key="safety_plan_where").set_value("keep").run()
    app.text_area(key="safety_plan_safe_place").input("Sam's flat")
    submit(app)
    app.text_area(key="safety_plan_safe_place").input("Sam's flat, 2nd floor")
    submit(app)
    assert stored_place(app, data_dir) == "Sam's flat, 2nd floor"
    assert "changed in another tab" not in page_text(app)


def test_where_the_plan_lives_says_truthfully_what_could_lose_it(app):
    """Kept in files on the app's disk, a restart may lose the plan; in a database it would not,
    and the page does not say so there (CI runs this file on both)."""
    from tests.app.conftest import on_postgres

    open_safety(app)
    captions = str(app.radio(key="safety_plan_where").proto)  # the options and their captions
    assert "never shown on a partner link" in captions
    assert ("can also be lost if its server restarts" in captions) != on_postgres()
