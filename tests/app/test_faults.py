"""Faults seen from a page: a full or read-only disk, and a space file broken between visits."""

from __future__ import annotations

import errno

import pytest

import storage.files
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text, space_of
from ui import pages

pytestmark = pytest.mark.files_only  # faults of the data folder's files


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_failed_save_shows_a_calm_message_and_breaks_nothing(app, monkeypatch, data_dir, code):
    def refuse(*_args):
        raise OSError(code, "refused")

    working = storage.files.write_bytes
    monkeypatch.setattr(storage.files, "write_bytes", refuse)
    app.button(key="notice_link_saved").click().run()
    assert not app.exception
    assert StorageUnavailable.message in page_text(app)
    assert app.title, "the page itself still draws"
    monkeypatch.setattr(storage.files, "write_bytes", working)
    app.button(key="notice_link_saved").click().run()
    store, access = space_of(app, data_dir)
    assert store.private(access).get("settings", "link_saved")


def test_space_file_broken_between_visits_is_set_aside_and_explained(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    store.private(access).insert("journal", {"text": "before"})
    path = data_dir / "spaces" / f"{access.space_id}.private.db"
    path.write_bytes(b"ODX1 this is not a real file anymore")
    again = make_app(space=app.session_state["od_key"])
    again.run()
    assert not again.exception
    assert "set that file aside safely" in page_text(again)
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))
    again.switch_page(pages.path("quiz")).run()
    assert not again.exception
