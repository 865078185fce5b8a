"""The app on PostgreSQL when the database goes away mid-session, and comes back.

The database is behind a gate (``tests.support.gate``) that cuts every connection and refuses new
ones, as a server restart or a dropped network would. Every page must say so calmly where the
save happened, keep what was typed, and work again by itself once the database is back: no
restart, no traceback, the same link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from storage.errors import StorageUnavailable
from storage.store import Store
from tests.app.conftest import page_text
from tests.support import database
from tests.support.gate import Gate
from ui import pages

SCRIPT = pages.path("script")
RAW = ("Traceback", "OperationalError", "psycopg", "sqlalchemy", "Errno")


@pytest.fixture
def gate(data_dir, monkeypatch):
    url = database.url_or_skip()
    database.empty(url)
    parts = urlsplit(url)
    gate = Gate(parts.hostname or "127.0.0.1", parts.port or 5432)
    monkeypatch.setenv("OPEN_DOOR_DATABASE_URL", gate.url_for(url))
    yield gate
    gate.stop()


def nothing_raw(at) -> None:
    assert not at.exception, at.exception
    assert not [word for word in RAW if word in page_text(at)]


def test_a_save_while_the_database_is_away_is_calm_keeps_the_words_and_works_once_back(
    gate, make_app
):
    app = make_app()
    app.run()
    key = app.session_state["od_key"]
    app.switch_page(SCRIPT).run()
    app.text_area(key="script_f_opener").input("Could we talk on Sunday?")
    gate.close()
    app.button(key="script_save_opener").click().run()
    nothing_raw(app)
    assert StorageUnavailable.message in page_text(app)
    assert app.text_area(key="script_f_opener").value == "Could we talk on Sunday?"
    gate.open()
    app.button(key="script_save_opener").click().run()
    nothing_raw(app)
    store = Store(database.url_or_skip())
    stored = store.private(store.resolve(key)).get("script_working", "current")
    assert stored is not None and "Could we talk on Sunday?" in str(stored)


def test_a_link_opened_while_the_database_is_away_is_calm_and_opens_once_back(gate, make_app):
    store = Store(database.url_or_skip())  # made elsewhere: this app process has not seen it
    key, access = store.create_space()
    store.private(access).put("settings", "hello", {"said": True})
    gate.close()
    away = make_app(space=key)
    away.run()
    nothing_raw(away)
    assert "can't open a space just now" in page_text(away)
    assert "doesn't open anything" not in page_text(away), "a database away is not a dead link"
    gate.open()
    back = make_app(space=key)
    back.run()
    nothing_raw(back)
    assert back.session_state["od_here"].access.space_id == access.space_id


def test_a_partner_link_in_use_while_the_database_is_away_is_told_to_wait_not_that_it_is_dead(
    gate, make_app
):
    """A partner with a working link, mid-visit, meets an outage: "this link doesn't open anything"
    would read as "you were shut out". What this process already read still shows (the link was
    checked against the database moments ago); nothing says the link is dead; and every tab is
    whole again once the database is back."""
    from guide.sharing import ShareChoices
    from ui.share import links as sharing

    owner = make_app()
    owner.run()
    store = Store(database.url_or_skip())
    access = store.resolve(owner.session_state["od_key"])
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    sharing.publish(owner.session_state["od_here"], link_id, ShareChoices(explainer=True))
    tab = make_app(partner=partner_key)
    tab.run()
    assert "An invitation" in page_text(tab)
    gate.close()
    tab.run()  # the tab already open: its next run
    nothing_raw(tab)
    assert "doesn't open anything" not in page_text(tab), "a database away is not a dead link"
    later = make_app(partner=partner_key)  # the link opened again, in a new tab
    later.run()
    nothing_raw(later)
    assert "doesn't open anything" not in page_text(later), "a database away is not a dead link"
    assert "An invitation" in page_text(later) or "just now" in page_text(later)
    gate.open()
    for each in (tab, later):
        each.run()
        nothing_raw(each)
        assert "An invitation" in page_text(each)
