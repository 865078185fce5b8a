"""Faults the pages must meet calmly: a full or read-only disk while making or replacing a link, a
new visitor whose space can't be made, and a restore that would have switched safety mode off.

Writes fail with real ``OSError`` codes raised where the files are written (``storage.atomic``'s
``write_bytes`` and ``replace_all`` as the file backend imports them), as on a full or read-only
disk.
"""

from __future__ import annotations

import errno
import pathlib
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

import storage.files
from guide.sharing import ShareChoices
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text, space_of
from ui import pages
from ui.safety import state as safety_state
from ui.share import links as sharing

SHARE, MY_DATA, SAFETY = pages.path("share"), pages.path("my_data"), pages.path("safety")
CODES = [errno.ENOSPC, errno.EROFS, errno.EACCES, None]
NEUTRAL = "This link doesn't open anything"
RAW = ("Traceback", "OSError", "No space left", "Errno")


UNLINK = pathlib.Path.unlink
ONE_WRITE = storage.files.write_bytes
MANY_WRITES = storage.files.replace_all  # link operations write several files as one step


def allow_writes(monkeypatch) -> None:
    """Undo only the refused writes (``monkeypatch.undo`` would drop the data folder setting too)."""
    monkeypatch.setattr(storage.files, "write_bytes", ONE_WRITE)
    monkeypatch.setattr(storage.files, "replace_all", MANY_WRITES)


def refuse_writes(monkeypatch, code: int | None) -> None:
    """Writes fail with ``OSError(code)``; None: as the storage layer reports it (StorageError)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        if code is None:
            raise StorageUnavailable()
        raise OSError(code, "refused")

    monkeypatch.setattr(storage.files, "write_bytes", refuse)
    monkeypatch.setattr(storage.files, "replace_all", refuse)


def nothing_raw(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = page_text(at)
    assert not [word for word in RAW if word in text]


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize("code", CODES)
def test_make_a_link_on_a_full_disk_says_so_and_keeps_the_label(app, monkeypatch, code):
    app.switch_page(SHARE).run()
    app.text_input(key="share_label").input("For Sam")
    refuse_writes(monkeypatch, code)
    next(b for b in app.button if b.label == "Make a link").click().run()
    nothing_raw(app)
    assert "couldn't make the link" in page_text(app)
    assert app.text_input(key="share_label").value == "For Sam", "the label typed is kept"
    allow_writes(monkeypatch)
    next(b for b in app.button if b.label == "Make a link").click().run()
    assert not app.exception, app.exception
    assert any("?partner=" in c.value for c in app.code), "it works once the disk has room"
    assert app.text_input(key="share_label").value == "", "a made link clears the box"


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize("code", CODES)
def test_replace_my_link_on_a_full_disk_says_so_and_keeps_the_old_link(
    app, make_app, data_dir, monkeypatch, code
):
    old_key = app.session_state["od_key"]
    app.switch_page(SHARE).run()
    app.button(key="share_rotate").click().run()
    refuse_writes(monkeypatch, code)
    app.button(key="share_rotate_yes").click().run()
    nothing_raw(app)
    assert "Your link was not replaced" in page_text(app)
    assert app.session_state["od_key"] == old_key
    allow_writes(monkeypatch)
    store, _ = space_of(app, data_dir)
    assert store.resolve(old_key) is not None, "the old link still opens the space"


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize("code", CODES)
def test_a_new_visitor_whose_space_cant_be_made_gets_the_quick_exit_and_calm_words(
    make_app, monkeypatch, code
):
    refuse_writes(monkeypatch, code)
    at = make_app()
    at.run()
    nothing_raw(at)
    html = "\n".join(str(h.proto) for h in at.get("html"))
    assert "od-quick-exit" in html, "the quick exit is drawn before anything else can fail"
    assert "couldn't open a private space" in page_text(at)


def test_restoring_an_older_backup_warns_first_and_keeps_safety_mode_on(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    # Before safety mode: an all-clear safety screen, and a partner link that shows something.
    taken = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    store.private(access).insert(
        "quiz_results",
        {"taken_at": taken, "safety_complete": True, "safety_flagged": False, "safety_items": []},
    )
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    sharing.publish(app.session_state["od_here"], link_id, ShareChoices(explainer=True))
    assert "An invitation" in page_text(make_app(partner=partner_key).run())
    older = store.export_backup(access)
    # Then safety mode comes on: the link is paused.
    app.button(key="chrome_safety_flag").click().run()
    assert NEUTRAL in page_text(make_app(partner=partner_key).run())
    app.switch_page(MY_DATA).run()
    app.get("file_uploader")[0].upload("old.json", older, "application/json").run()
    assert "Safety mode stays on" in page_text(app), "said before restoring"
    assert store.private(access).get("quiz_results", "x") is None  # nothing replaced yet
    app.checkbox(key="my_data_confirm").check().run()
    app.button(key="my_data_restore").click().run()
    assert not app.exception, app.exception
    assert "Your backup is restored" in page_text(app)
    # Straight after the restore, before any other owner run: still paused, nothing shared.
    assert NEUTRAL in page_text(make_app(partner=partner_key).run())
    assert store.shared(access).all("shares") == []
    here = app.session_state["od_here"]
    assert safety_state.mode(here).on, "restoring an older backup must not switch safety mode off"
    app.switch_page(SAFETY).run()
    assert "Take the safety questions again" in [p.proto.label for p in app.get("page_link")]


def refuse_unlinks(monkeypatch, code: int) -> None:
    """Removing a file fails, as on a read-only data folder (link files are removed by unlink)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, "refused")

    monkeypatch.setattr(pathlib.Path, "unlink", refuse)


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_switching_a_link_off_on_a_read_only_disk_says_so_in_place(
    app, make_app, data_dir, monkeypatch, code
):
    store, access = space_of(app, data_dir)
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    app.switch_page(SHARE).run()
    app.button(key=f"share_revoke_{link_id}").click().run()
    refuse_unlinks(monkeypatch, code)
    refuse_writes(monkeypatch, code)  # a read-only disk refuses the index write as well
    app.button(key=f"share_revoke_yes_{link_id}").click().run()
    monkeypatch.setattr(pathlib.Path, "unlink", UNLINK)
    allow_writes(monkeypatch)
    nothing_raw(app)
    assert "couldn't switch the link off" in page_text(app)
    assert store.resolve(partner_key) is not None, "and it says so truthfully: it still works"


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_delete_everything_on_a_read_only_disk_says_so_in_place(app, data_dir, monkeypatch, code):
    app.switch_page(MY_DATA).run()
    app.text_input(key="my_data_delete_word").input("delete")
    refuse_unlinks(monkeypatch, code)
    refuse_writes(monkeypatch, code)
    next(b for b in app.button if b.label == "Delete my space").click().run()
    monkeypatch.setattr(pathlib.Path, "unlink", UNLINK)
    allow_writes(monkeypatch)
    nothing_raw(app)
    assert "couldn't delete your space" in page_text(app)
    assert app.text_input(key="my_data_delete_word").value == "delete"
