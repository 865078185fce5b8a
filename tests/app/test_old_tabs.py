"""An old tab after its link was replaced, switched off, or its space deleted in another tab.

Callbacks, fragments and download callables run outside the front door's check, so each must
resolve the key again itself. Here one session (the old tab) draws a page, then the link is closed
(through the real pages of a second session where there is one), then the old tab presses the
button. Nothing may be read or written, no file of a deleted space may come back, and the page
says calmly what happened.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from content.language import speaking
from content.messages import t
from records import plan as plan_state
from storage import keys
from storage.store import Store
from tests.app.conftest import backend_of, page_text, space_of
from tests.support.language import switch_to
from ui import pages
from ui.callbacks import CLOSED_NOTE, LinkClosed
from ui.context import Here
from ui.settings import load_settings

SAFETY, PLAN, MY_DATA, SHARE, SCRIPT = (
    pages.path("safety"),
    pages.path("plan"),
    pages.path("my_data"),
    pages.path("share"),
    pages.path("script"),
)
NEUTRAL = "This link doesn't open anything"
TODAY = date.today()
CLOSINGS = ["replaced", "revoked", "deleted"]


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Any]:
    """Every download button's ``data`` by key, as the page handed it to Streamlit.

    AppTest has no runtime, so Streamlit never calls a data callable there; the browser test
    presses the real button. This keeps the real ``st.download_button`` and only looks at its data.
    """
    seen: dict[str, Any] = {}
    real = st.download_button

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen[kwargs.get("key", "")] = kwargs.get("data", args[1] if len(args) > 1 else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return seen


def here_of(at: AppTest, data_dir: Path) -> Here:
    store, access = space_of(at, data_dir)
    key = at.session_state["od_key"]
    return Here(settings=load_settings(), store=store, access=access, local=False, key=key)


def space_files(data_dir: Path, space_id: str) -> list[str]:
    return backend_of(data_dir).names(f"spaces/{space_id}.")


def file_bytes(data_dir: Path, space_id: str) -> dict[str, bytes]:
    backend = backend_of(data_dir)
    return {n: blob.data for n in space_files(data_dir, space_id) if (blob := backend.read(n))}


def close_link(how: str, old: AppTest, make_app, data_dir: Path) -> str | None:
    """Close the old tab's link from elsewhere; returns the new owner key when it was replaced."""
    key = old.session_state["od_key"]
    if how == "replaced":  # through Share with partner in a second tab, as a person would
        other = make_app(space=key).run()
        other.switch_page(SHARE).run()
        other.button(key="share_rotate").click().run()
        other.button(key="share_rotate_yes").click().run()
        assert not other.exception, other.exception
        new_key = other.session_state["od_key"]
        assert new_key != key
        return new_key
    if how == "revoked":  # the link record gone, whatever removed it
        backend_of(data_dir).delete([f"links/{keys.hash_key(key)}.json"])
        return None
    other = make_app(space=key).run()  # Delete everything, on My data in a second tab
    other.switch_page(MY_DATA).run()
    other.text_input(key="my_data_delete_word").input("delete")
    next(b for b in other.button if b.label == "Delete my space").click().run()
    assert not other.exception, other.exception
    return None


def dump_of(data_dir: Path, key: str | None) -> str:
    store = Store(backend_of(data_dir))
    access = store.resolve(key)
    assert access is not None
    return json.dumps([store.private(access).dump(), store.shared(access).dump()], sort_keys=True)


def told_calmly(old: AppTest) -> None:
    assert not old.exception, old.exception
    text = page_text(old)
    # In the tab's own language (the language switch case leaves it speaking Spanish).
    with speaking(old.session_state["od_language"]):
        assert t(NEUTRAL) in text
        assert t(CLOSED_NOTE) in text


# --- the pages the old tab has open, each with a button to press afterwards ----------------------


def safety_with_kept_plan(at: AppTest) -> None:
    at.switch_page(SAFETY).run()
    at.radio(key="safety_plan_where").set_value("keep").run()
    at.text_area(key="safety_plan_safe_place").input("OLDPLAN the library")
    next(b for b in at.button if b.label == "Save my plan").click().run()
    assert not at.exception, at.exception
    assert at.button(key="safety_plan_delete")


def press_save_plan(at: AppTest) -> None:
    at.text_area(key="safety_plan_safe_place").input("OVERWRITTEN by the old tab")
    next(b for b in at.button if b.label == "Save my plan").click().run()


def safety_asking_to_delete(at: AppTest) -> None:
    """The old tab already shows "Yes, delete it" when the link is closed elsewhere."""
    safety_with_kept_plan(at)
    at.button(key="safety_plan_delete").click().run()
    assert at.button(key="safety_plan_delete_yes")


def press_delete_plan(at: AppTest) -> None:
    at.button(key="safety_plan_delete_yes").click().run()


def routines_with_a_journal_line(at: AppTest, data_dir: Path) -> None:
    plan_state.start_cycle(
        here_of(at, data_dir),
        plan_state.new_plan(TODAY - timedelta(days=3), ["No phones at dinner"]),
    )
    at.switch_page(PLAN).run()
    at.segmented_control(key="plan_section").set_value("routines").run()
    at.segmented_control(key="plan_routines_pick").set_value("journal").run()
    at.text_input(key="plan_routines_journal_text").input("A calm evening.")
    next(b for b in at.button if b.label == "Save today's line").click().run()
    assert not at.exception, at.exception


def press_journal_mark(at: AppTest) -> None:
    at.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").check().run()


def routines_support(at: AppTest, data_dir: Path) -> None:
    routines_with_a_journal_line(at, data_dir)
    at.segmented_control(key="plan_routines_pick").set_value("support").run()
    assert not at.exception, at.exception


def press_support_tick(at: AppTest) -> None:
    next(c for c in at.checkbox if c.key.startswith("plan_routines_support_")).check().run()


def script_with_a_step(at: AppTest) -> None:
    at.switch_page(SCRIPT).run()
    at.text_area(key="script_f_opener").input("OLDWORDS Could we talk on Sunday?")
    at.button(key="script_save_opener").click().run()
    assert not at.exception, at.exception


def press_save_step(at: AppTest) -> None:
    at.text_area(key="script_f_opener").input("OVERWRITTEN by the old tab")
    at.button(key="script_save_opener").click().run()


def script_asking_to_clear(at: AppTest) -> None:
    script_with_a_step(at)
    at.button(key="script_clear").click().run()
    assert at.button(key="script_clear_yes")


def press_clear(at: AppTest) -> None:
    at.button(key="script_clear_yes").click().run()


def script_with_a_version(at: AppTest) -> None:
    script_with_a_step(at)
    at.segmented_control(key="script_view").set_value("versions").run()
    at.button(key="script_version_save").click().run()
    assert not at.exception, at.exception
    assert version_id(at)


def version_id(at: AppTest) -> str:
    (found,) = [
        b.key.removeprefix("script_rename_save_")
        for b in at.button
        if b.key and b.key.startswith("script_rename_save_")
    ]
    return found


def press_save_version(at: AppTest) -> None:
    at.button(key="script_version_save").click().run()


def script_with_changes_to_a_version(at: AppTest) -> None:
    script_with_a_version(at)
    at.segmented_control(key="script_view").set_value("build").run()
    at.text_area(key="script_f_opener").input("Newer words, not in the version yet")
    at.button(key="script_save_opener").click().run()
    at.segmented_control(key="script_view").set_value("versions").run()
    assert at.button(key="script_version_update")


def press_save_over(at: AppTest) -> None:
    at.button(key="script_version_update").click().run()


def press_rename(at: AppTest) -> None:
    vid = version_id(at)
    at.text_input(key=f"script_rename_{vid}").input("RENAMED by the old tab")
    at.button(key=f"script_rename_save_{vid}").click().run()


def script_asking_to_delete_a_version(at: AppTest) -> None:
    script_with_a_version(at)
    at.button(key=f"script_delete_{version_id(at)}").click().run()
    assert at.button(key=f"script_delete_yes_{version_id(at)}")


def press_delete_version(at: AppTest) -> None:
    at.button(key=f"script_delete_yes_{version_id(at)}").click().run()


def press_load(at: AppTest) -> None:
    at.button(key=f"script_load_{version_id(at)}").click().run()


def press_language(at: AppTest) -> None:
    switch_to(at, "es")


CALLBACKS = {
    "language switch": (lambda at, _d: None, press_language),
    "safety plan save": (lambda at, _d: safety_with_kept_plan(at), press_save_plan),
    "safety plan delete": (lambda at, _d: safety_asking_to_delete(at), press_delete_plan),
    "journal mark": (routines_with_a_journal_line, press_journal_mark),
    "support tick": (routines_support, press_support_tick),
    "script step save": (lambda at, _d: script_with_a_step(at), press_save_step),
    "script clear": (lambda at, _d: script_asking_to_clear(at), press_clear),
    "script version save": (lambda at, _d: script_with_a_version(at), press_save_version),
    "script version save over": (
        lambda at, _d: script_with_changes_to_a_version(at),
        press_save_over,
    ),
    "script version rename": (lambda at, _d: script_with_a_version(at), press_rename),
    "script version delete": (
        lambda at, _d: script_asking_to_delete_a_version(at),
        press_delete_version,
    ),
    "script version load": (lambda at, _d: script_with_a_version(at), press_load),
}


@pytest.mark.parametrize("how", CLOSINGS)
@pytest.mark.parametrize("kind", list(CALLBACKS))
def test_an_old_tab_writes_nothing_through_a_callback(app, make_app, data_dir, how, kind):
    draw, press = CALLBACKS[kind]
    pressed_on_a_closed_link(app, make_app, data_dir, how, draw, press)


def pressed_on_a_closed_link(app, make_app, data_dir, how: str, draw, press) -> None:
    """Draw the part, close the link ``how``, press: not a byte written, and the tab told why."""
    draw(app, data_dir)
    space_id = space_of(app, data_dir)[1].space_id
    new_key = close_link(how, app, make_app, data_dir)
    before = dump_of(data_dir, new_key) if new_key else None
    files_before = file_bytes(data_dir, space_id)
    press(app)
    assert not app.exception, app.exception
    # Not one byte of the space changed (sealed files are re-encrypted on every write), and no
    # file of a deleted space came back.
    assert file_bytes(data_dir, space_id) == files_before
    if how == "deleted":
        assert not [p for p in files_before if p.endswith(".db")]
    if new_key is not None:
        assert dump_of(data_dir, new_key) == before
    told_calmly(app)


# --- downloads -----------------------------------------------------------------------------------


def with_a_plan_and_calendar(at: AppTest, data_dir: Path) -> None:
    plan_state.start_cycle(
        here_of(at, data_dir),
        plan_state.new_plan(TODAY - timedelta(days=3), ["No phones at dinner"]),
    )
    at.switch_page(PLAN).run()
    at.segmented_control(key="plan_section").set_value("setup").run()


DOWNLOADS = {
    # key of the button -> how to get the old tab to draw it
    "my_data_download": lambda at, _d: at.switch_page(MY_DATA).run(),
    "plan_ics": lambda at, d: with_a_plan_and_calendar(at, d),
    "safety_plan_download_kept": lambda at, _d: safety_with_kept_plan(at),
}
OPEN_CONTENT = {  # what each download holds while the link still opens the space
    "my_data_download": '"format"',
    "plan_ics": "BEGIN:VCALENDAR",
    "safety_plan_download_kept": "OLDPLAN the library",
}


def data_for(downloads: dict[str, Any], prefix: str) -> Any:
    (found,) = [v for k, v in downloads.items() if k.startswith(prefix)]
    return found


@pytest.mark.parametrize("button", list(DOWNLOADS))
def test_each_download_works_while_the_link_opens(app, data_dir, downloads, button):
    DOWNLOADS[button](app, data_dir)
    made = data_for(downloads, button)()
    assert OPEN_CONTENT[button] in (made if isinstance(made, str) else made.decode("utf-8"))


@pytest.mark.parametrize("how", CLOSINGS)
@pytest.mark.parametrize("button", list(DOWNLOADS))
def test_an_old_tab_downloads_nothing(app, make_app, data_dir, downloads, how, button):
    DOWNLOADS[button](app, data_dir)
    assert not app.exception, app.exception
    data = data_for(downloads, button)
    assert callable(data), "drawn data would be read when the page was drawn, not when pressed"
    space_id = space_of(app, data_dir)[1].space_id
    new_key = close_link(how, app, make_app, data_dir)
    if new_key is not None:  # the person saves a safety plan with their new link
        tab = make_app(space=new_key).run()
        safety_with_kept_plan_text(tab, "NEWPLANSECRET the bus station")
    files_before = file_bytes(data_dir, space_id)
    try:
        leaked = data()
    except LinkClosed:
        leaked = None
    assert leaked is None, f"the old tab got a file (new plan in it: {'NEWPLAN' in str(leaked)})"
    assert file_bytes(data_dir, space_id) == files_before, "the download touched the space"
    if how == "deleted":
        assert not [p for p in space_files(data_dir, space_id) if p.endswith(".db")]
    # The button reruns the page: the old tab is told calmly.
    next(d for d in app.get("download_button") if d.proto.id and button in d.proto.id).click()
    app.run()
    told_calmly(app)
    assert "NEWPLANSECRET" not in page_text(app)


def safety_with_kept_plan_text(at: AppTest, text: str) -> None:
    at.switch_page(SAFETY).run()
    at.radio(key="safety_plan_where").set_value("keep").run()
    at.text_area(key="safety_plan_safe_place").input(text)
    next(b for b in at.button if b.label == "Save my plan").click().run()
    assert not at.exception, at.exception
