"""The front door: spaces, links in the URL, bad links, navigation, the chrome, and My data."""

from __future__ import annotations

import pytest

from guide.sharing import ShareChoices
from storage.backup import build_backup
from tests.app.conftest import page_text, space_of
from ui import pages
from ui.share import links as sharing

OWNER_PAGES = [
    "home",
    "quiz",
    "script",
    "plan",
    "share",
    "going_alone",
    "therapist",
    "safety",
    "my_data",
]


def test_new_visitor_gets_a_private_space_and_the_link_notice(app, data_dir):
    key = app.session_state["od_key"]
    assert app.query_params["space"] == [key] or app.query_params["space"] == key
    assert "This is your private space" in page_text(app)
    assert f"http://testserver/?space={key}" in page_text(app)
    store, access = space_of(app, data_dir)
    assert store.count_spaces() == 1 and access.role == "owner"


def test_link_notice_goes_once_acknowledged(app):
    app.button(key="notice_link_saved").click().run()
    assert "This is your private space" not in page_text(app)
    app.run()
    assert "This is your private space" not in page_text(app)


@pytest.mark.parametrize("page", OWNER_PAGES)
def test_every_page_opens_on_an_empty_space_with_quick_exit(app, page):
    app.switch_page(pages.path(page)).run()
    assert not app.exception, app.exception
    assert app.title, f"{page} has no title"
    assert any("od-quick-exit" in h.proto.body for h in app.get("html"))
    assert app.session_state["od_key"]


def test_key_survives_navigation_and_new_session(app, make_app):
    key = app.session_state["od_key"]
    app.switch_page(pages.path("my_data")).run()
    assert app.session_state["od_key"] == key
    again = make_app(space=key)
    again.run()
    assert again.session_state["od_key"] == key
    assert not again.exception


@pytest.mark.parametrize("bad", ["nonsense", "A" * 43, "<script>alert(1)</script>", "x" * 5000])
def test_bad_links_get_one_neutral_message(make_app, bad, data_dir):
    at = make_app(space=bad)
    at.run()
    assert not at.exception
    text = page_text(at)
    assert "This link doesn't open anything" in text
    assert bad not in text
    at.button(key="bad_link_start").click().run()
    assert "This is your private space" in page_text(at)


def test_two_sessions_never_share_a_space(make_app, data_dir):
    first, second = make_app(), make_app()
    first.run()
    second.run()
    assert first.session_state["od_key"] != second.session_state["od_key"]
    store, a = space_of(first, data_dir)
    store.private(a).insert("journal", {"text": "only mine"})
    second.switch_page(pages.path("my_data")).run()
    assert "only mine" not in page_text(second)


def test_safety_button_turns_on_safety_mode(app):
    app.button(key="chrome_safety_flag").click().run()
    assert not app.exception
    assert "Safety mode is on" in page_text(app)


def test_revoked_partner_link_gets_the_neutral_message(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    link_id, partner_key = store.add_partner_link(access, "for them")
    store.shared(access).put(
        "shares",
        link_id,
        {
            "invitation": "Would you read this?",
            "explainer": True,
            "options": [],
            "targets": None,
            "cycle_start": None,
            "published_at": "2026-11-01T00:00:00+00:00",
        },
    )
    partner = make_app(partner=partner_key)
    partner.run()
    assert "This link doesn't open anything" not in page_text(partner)
    store.revoke_link(access, link_id)
    partner.run()
    assert "This link doesn't open anything" in page_text(partner)


def test_partner_link_cannot_reach_owner_pages(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    link_id, partner_key = store.add_partner_link(access, "for them")
    # Before anything is shared the link opens nothing, like any dead link: the bad-link page
    # only, whatever page is asked for.
    dead = make_app(partner=partner_key)
    dead.switch_page(pages.path("my_data")).run()
    assert [t.value for t in dead.title] == ["This link doesn't open anything"]
    sharing.publish(app.session_state["od_here"], link_id, ShareChoices(explainer=True))
    partner = make_app(partner=partner_key)
    partner.run()
    assert "An invitation" in [t.value for t in partner.title]
    with pytest.raises(Exception):  # noqa: B017 - the page is simply not registered for a partner
        partner.switch_page(pages.path("my_data")).run()


def test_restore_checks_first_and_asks_before_replacing(app, data_dir):
    store, access = space_of(app, data_dir)
    store.private(access).insert("journal", {"text": "current"})
    app.switch_page(pages.path("my_data")).run()
    backup = build_backup({"private": {"journal": [{"text": "from backup"}]}, "shared": {}})
    app.get("file_uploader")[0].upload("backup.json", backup, "application/json").run()
    assert "This backup is readable" in page_text(app)
    assert [d["text"] for d in store.private(access).all("journal")] == ["current"]
    app.checkbox(key="my_data_confirm").check().run()
    app.button(key="my_data_restore").click().run()
    assert [d["text"] for d in store.private(access).all("journal")] == ["from backup"]


def test_broken_backup_is_explained_and_changes_nothing(app, data_dir):
    store, access = space_of(app, data_dir)
    store.private(access).insert("journal", {"text": "current"})
    app.switch_page(pages.path("my_data")).run()
    app.get("file_uploader")[0].upload(
        "backup.json", b'{"format": "open-door-backup", "sch', "application/json"
    ).run()
    assert "Nothing was changed" in page_text(app)
    assert [d["text"] for d in store.private(access).all("journal")] == ["current"]


def test_delete_needs_the_word_then_removes_everything(app, data_dir):
    store, _access = space_of(app, data_dir)
    old_key = app.session_state["od_key"]
    app.switch_page(pages.path("my_data")).run()
    delete = next(b for b in app.button if b.label == "Delete my space")
    app.text_input(key="my_data_delete_word").input("no")
    delete.click().run()
    assert "Nothing was deleted" in page_text(app)
    assert store.resolve(old_key) is not None
    app.text_input(key="my_data_delete_word").input("delete")
    next(b for b in app.button if b.label == "Delete my space").click().run()
    assert store.resolve(old_key) is None
    assert app.session_state["od_key"] != old_key
