"""Old tabs on Share with partner, the partner page and the therapist checklist.

As in ``test_old_tabs.py``: one session (the old tab) draws a page, the link is closed elsewhere,
then the old tab presses a button that saves. These saves run in their buttons' callbacks, before
the front door's check, so each must find its link closed itself (``ui.feedback.saves``): nothing
may be written, no file of a deleted space may come back, and the tab is told calmly.

The owner's tab: its own link replaced (through Share with partner in a second tab), its link
record gone, or its space deleted (through My data in a second tab). The partner's tab: its link
switched off by the owner, paused by safety mode, or its space deleted, all through the owner's
real pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from content.guides import load_therapist
from guide.script import ScriptDraft
from tests.app.conftest import page_text, space_of
from tests.app.test_old_tabs import (
    CLOSINGS,
    NEUTRAL,
    close_link,
    dump_of,
    file_bytes,
    space_files,
    told_calmly,
)
from tests.app.test_share_pages import (
    make_link,
    owner_on_share,
    partner_app,
    seed_cycle,
    seed_script,
    share,
)
from ui import pages

SHARE, THERAPIST, MY_DATA = pages.path("share"), pages.path("therapist"), pages.path("my_data")
SAVE_CHECKLIST = load_therapist().checklist.save_label


def press(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


# --- the owner's old tab --------------------------------------------------------------------------


def share_with_a_link(at: AppTest, _data_dir: Path) -> None:
    at.switch_page(SHARE).run()
    make_link(at, "For Sam")
    assert not at.exception, at.exception


def press_save_choices(at: AppTest) -> None:
    link_id = at.session_state["share_new_link"]["id"]
    at.checkbox(key=f"share_explainer_{link_id}").check()
    next(
        b for b in at.button if b.label == "Save and share" and link_id in (b.form_id or "")
    ).click()
    at.run()


def press_make_link(at: AppTest) -> None:
    at.text_input(key="share_label").input("Sam, the new phone")
    press(at, "Make a link")


def share_asking_to_switch_off(at: AppTest, data_dir: Path) -> None:
    share_with_a_link(at, data_dir)
    link_id = at.session_state["share_new_link"]["id"]
    at.button(key=f"share_revoke_{link_id}").click().run()
    assert at.button(key=f"share_revoke_yes_{link_id}")


def press_switch_off(at: AppTest) -> None:
    link_id = at.session_state["share_new_link"]["id"]
    at.button(key=f"share_revoke_yes_{link_id}").click().run()


def therapist_page(at: AppTest, _data_dir: Path) -> None:
    at.switch_page(THERAPIST).run()
    assert not at.exception, at.exception


def press_save_checklist(at: AppTest) -> None:
    at.text_input(key="therapist_c1_name").input("OLDTAB Dr. Rivera")
    press(at, SAVE_CHECKLIST)


def therapist_asking_to_clear(at: AppTest, data_dir: Path) -> None:
    therapist_page(at, data_dir)
    at.text_input(key="therapist_c1_name").input("Dr. Rivera")
    press(at, SAVE_CHECKLIST)
    at.button(key="therapist_clear").click().run()
    assert at.button(key="therapist_clear_yes")


def press_clear_checklist(at: AppTest) -> None:
    at.button(key="therapist_clear_yes").click().run()


OWNER_CALLBACKS: dict[str, tuple[Callable[[AppTest, Path], None], Callable[[AppTest], None]]] = {
    "share choices": (share_with_a_link, press_save_choices),
    "make a link": (share_with_a_link, press_make_link),
    "switch a link off": (share_asking_to_switch_off, press_switch_off),
    "checklist save": (therapist_page, press_save_checklist),
    "checklist clear": (therapist_asking_to_clear, press_clear_checklist),
}


@pytest.mark.parametrize("how", CLOSINGS)
@pytest.mark.parametrize("kind", list(OWNER_CALLBACKS))
def test_an_old_owner_tab_saves_nothing_and_is_told(app, make_app, data_dir, how, kind):
    draw, press_it = OWNER_CALLBACKS[kind]
    draw(app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    new_key = close_link(how, app, make_app, data_dir)
    before = dump_of(data_dir, new_key) if new_key else None
    files_before = file_bytes(data_dir, space_id)
    press_it(app)
    assert not app.exception, app.exception
    assert file_bytes(data_dir, space_id) == files_before, "the old tab wrote to the space"
    if how == "deleted":
        assert not [p for p in space_files(data_dir, space_id) if p.endswith(".db")]
    if new_key is not None:
        assert dump_of(data_dir, new_key) == before
    told_calmly(app)
    assert "OLDTAB" not in page_text(app)


@pytest.mark.parametrize("kind", list(OWNER_CALLBACKS))
def test_the_same_press_saves_while_the_link_opens(app, data_dir, kind):
    """The positive control: each press above does save when nothing was closed."""
    draw, press_it = OWNER_CALLBACKS[kind]
    draw(app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    files_before = file_bytes(data_dir, space_id)
    press_it(app)
    assert not app.exception, app.exception
    assert NEUTRAL not in page_text(app)
    assert file_bytes(data_dir, space_id) != files_before, "the press saved nothing"


# --- the partner's old tab ------------------------------------------------------------------------

PARTNER_CLOSINGS = ["switched off", "paused", "deleted"]


def partner_tab(app: AppTest, make_app, data_dir: Path) -> tuple[AppTest, str]:
    """A partner tab open on a link that shows an invitation, first steps and the targets."""
    store, access = space_of(app, data_dir)
    seed_script(store, access, "v1", ScriptDraft(name="First", problem="We go quiet"))
    seed_cycle(store, access)
    owner = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(owner, "For Sam")
    share(owner, link_id, script="v1", options=["intake_call", "workshop"], targets=True)
    partner = partner_app(make_app, key)
    assert "An invitation" in page_text(partner)
    return partner, link_id


def close_partner_link(how: str, owner_key: str, link_id: str, make_app) -> None:
    """Close the partner's link through the owner's own pages, in the owner's tab."""
    owner = make_app(space=owner_key).run()
    if how == "switched off":
        owner.switch_page(SHARE).run()
        owner.button(key=f"share_revoke_{link_id}").click().run()
        owner.button(key=f"share_revoke_yes_{link_id}").click().run()
    elif how == "paused":
        owner.button(key="chrome_safety_flag").click().run()
    else:
        owner.switch_page(MY_DATA).run()
        owner.text_input(key="my_data_delete_word").input("delete")
        press(owner, "Delete my space")
    assert not owner.exception, owner.exception


def press_send_reply(partner: AppTest) -> None:
    partner.checkbox(key="partner_option_workshop").check()
    partner.text_area(key="partner_note").input("OLDTAB Saturday mornings suit me.")
    press(partner, "Send my reply")


def press_save_week(partner: AppTest) -> None:
    partner.radio(key="partner_rate_2_t1").set_value("kept")
    press(partner, "Save week 2")


PARTNER_CALLBACKS = {"reply": press_send_reply, "ratings": press_save_week}


@pytest.mark.parametrize("how", PARTNER_CLOSINGS)
@pytest.mark.parametrize("kind", list(PARTNER_CALLBACKS))
def test_an_old_partner_tab_saves_nothing_and_is_told(app, make_app, data_dir, how, kind):
    partner, link_id = partner_tab(app, make_app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    close_partner_link(how, app.session_state["od_key"], link_id, make_app)
    files_before = file_bytes(data_dir, space_id)
    PARTNER_CALLBACKS[kind](partner)
    assert not partner.exception, partner.exception
    assert file_bytes(data_dir, space_id) == files_before, "the partner's old tab wrote"
    if how == "deleted":
        assert not [p for p in space_files(data_dir, space_id) if p.endswith(".db")]
    told_calmly(partner)
    assert "OLDTAB" not in page_text(partner)


@pytest.mark.parametrize("kind", list(PARTNER_CALLBACKS))
def test_the_partner_saves_while_the_link_opens(app, make_app, data_dir, kind):
    partner, _link_id = partner_tab(app, make_app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    files_before = file_bytes(data_dir, space_id)
    PARTNER_CALLBACKS[kind](partner)
    assert not partner.exception, partner.exception
    assert NEUTRAL not in page_text(partner)
    assert file_bytes(data_dir, space_id) != files_before, "the press saved nothing"
