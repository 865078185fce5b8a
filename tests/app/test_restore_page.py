"""My data's restore says what comes back and what it replaces, then stands down (issue 15, point 7).

A six-week space's backup is restored into a new space that holds a journal line of its own: before
confirming, the page shows the backup's plan, weeks rated, journal and check-in counts beside what
the new space holds, and that its own journal line is replaced. After restoring, the Restore button
is gone (the file is not restored twice by a stray press), and the "save your link" box the person
already dismissed in this space stays dismissed.
"""

from __future__ import annotations

from datetime import date

from tests.app.conftest import page_text, space_of
from tests.support.seed import seed_six_weeks
from ui import pages

MY_DATA = pages.path("my_data")


def _six_week_backup(make_app, data_dir) -> bytes:
    old = make_app()
    old.run()
    store, access = space_of(old, data_dir)
    seed_six_weeks(store, access, date.today())
    return store.export_backup(access)


def test_restore_shows_what_comes_back_beside_what_is_here_now(app, make_app, data_dir):
    backup = _six_week_backup(make_app, data_dir)
    store, access = space_of(app, data_dir)
    store.private(access).insert("journal", {"day": "2026-11-30", "text": "here now"})
    app.switch_page(MY_DATA).run()
    app.get("file_uploader")[0].upload("backup.json", backup, "application/json").run()
    assert not app.exception, app.exception
    text = page_text(app)
    assert "6 of 6 weeks rated" in text, "the backup's plan and its rated weeks are named"
    assert "3 targets" in text
    assert "Check-ins" in text
    assert "In your space now: 1 line" in text, "the journal line here now"
    assert "**Journal** · Yours is replaced by the backup's" in text, (
        "what will be replaced is said"
    )
    assert "**Six-week plan** · Comes back from the backup" in text


def test_after_restoring_the_button_stands_down_and_the_link_box_stays_dismissed(
    app, make_app, data_dir
):
    backup = _six_week_backup(make_app, data_dir)
    app.button(key="notice_link_saved").click().run()
    assert "notice_new_link" not in str(app._tree), "dismissed"
    app.switch_page(MY_DATA).run()
    app.get("file_uploader")[0].upload("backup.json", backup, "application/json").run()
    app.checkbox(key="my_data_confirm").check().run()
    app.button(key="my_data_restore").click().run()
    assert not app.exception, app.exception
    assert "Your backup is restored" in page_text(app)
    assert not [b for b in app.button if b.key == "my_data_restore"], "no second restore"
    assert not [c for c in app.checkbox if c.key == "my_data_confirm" and c.value]
    assert not [b for b in app.button if b.key == "notice_link_saved"], "the box stays away"
    app.switch_page(pages.path("home")).run()
    assert not [b for b in app.button if b.key == "notice_link_saved"], "on every page"


def test_a_backup_from_another_space_does_not_hide_this_spaces_link_box(app, make_app, data_dir):
    old = make_app()
    old.run()
    old.button(key="notice_link_saved").click().run()  # dismissed in the old space
    store, access = space_of(old, data_dir)
    backup = store.export_backup(access)
    app.switch_page(MY_DATA).run()
    app.get("file_uploader")[0].upload("backup.json", backup, "application/json").run()
    app.checkbox(key="my_data_confirm").check().run()
    app.button(key="my_data_restore").click().run()
    assert not app.exception, app.exception
    app.switch_page(pages.path("home")).run()
    assert [b for b in app.button if b.key == "notice_link_saved"], (
        "this space's link not saved yet"
    )


def test_my_data_says_truthfully_what_could_lose_the_stored_copy(app):
    """On a data folder a hosted copy may lose it on a restart; on a database it stays, and the
    page must not cry wolf there (CI runs this file on both)."""
    from tests.app.conftest import on_postgres

    app.switch_page(pages.path("my_data")).run()
    assert not app.exception, app.exception
    said = " ".join(box.value for box in app.info)
    if on_postgres():
        assert "keeps your space in its database" in said and "may lose" not in said
    else:
        assert "may lose saved data when the server restarts" in said
    assert "A backup file is" in said
