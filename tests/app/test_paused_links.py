"""A paused partner link (safety mode is on) looks exactly like one that opens nothing.

The partner may be the person the owner is afraid of: a link that answered differently once safety
mode switched it off would tell them so. Here every kind of dead link, paused, switched off,
unknown and malformed, is opened at the app's root and as a deep link into other pages, and what
the page draws must be the same element for element. The browser test compares the bytes the
server sends.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from guide.sharing import ShareChoices
from storage import keys
from tests.app.conftest import page_text, rendered, space_of
from ui import pages
from ui.context import KEY_STATE
from ui.share import links as sharing

SHARE = pages.path("share")
NEUTRAL = "This link doesn't open anything"
PAGES = [None, pages.path("quiz"), pages.path("partner"), pages.path("my_data")]


def dead_links(app: AppTest, make_app, data_dir) -> dict[str, str]:
    """One partner key of each kind that opens nothing, made through the real pages."""
    owner_key = app.session_state["od_key"]
    store, access = space_of(app, data_dir)
    made: dict[str, str] = {}
    ids: dict[str, str] = {}
    for kind in ("paused", "revoked"):
        ids[kind], made[kind] = store.add_partner_link(access, f"For Sam ({kind})")
        owner = make_app(space=owner_key).run()
        here = owner.session_state["od_here"]
        sharing.publish(here, ids[kind], ShareChoices(explainer=True))
        assert "An invitation" in page_text(make_app(partner=made[kind]).run()), "it opened"
    assert store.revoke_link(access, ids["revoked"])
    # Safety mode on, said through the sidebar button, then any owner run pauses the links.
    owner = make_app(space=owner_key).run()
    owner.button(key="chrome_safety_flag").click().run()
    assert not owner.exception, owner.exception
    made["unknown"] = keys.new_key()
    made["malformed"] = "not-a-key"
    made["malformed, long"] = "A" * 500
    return made


def open_at(make_app, key: str, page: str | None) -> AppTest:
    at = make_app(partner=key)
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_paused_link_draws_what_every_dead_link_draws(app, make_app, data_dir):
    links = dead_links(app, make_app, data_dir)
    for page in PAGES:
        drawn = {kind: open_at(make_app, key, page) for kind, key in links.items()}
        trees = {kind: rendered(at) for kind, at in drawn.items()}
        assert NEUTRAL in page_text(drawn["revoked"])
        for kind, tree in trees.items():
            assert tree == trees["revoked"], f"{kind} link at {page or '/'} differs"
        # Nothing of the paused link is kept in the session either.
        assert all(KEY_STATE not in at.session_state for at in drawn.values())


@pytest.mark.parametrize("page", PAGES)
def test_the_bad_link_page_is_the_one_neutral_answer(make_app, data_dir, page):
    at = open_at(make_app, keys.new_key(), page)
    assert at.title[0].value == NEUTRAL
    # One way on (a new space), besides the language switch every page has.
    assert [b.key for b in at.button] == ["od_language_es", "bad_link_start"]


def test_an_open_partner_tab_sees_a_pause_as_it_sees_a_switch_off(make_app, data_dir):
    """The partner's tab is open on a working link; one owner pauses (safety mode), another
    switches their link off. The partner's next press must meet the same page either way."""
    tabs: dict[str, AppTest] = {}
    spaces = {}
    for kind in ("paused", "revoked"):
        owner = make_app().run()
        store, access = space_of(owner, data_dir)
        link_id, key = store.add_partner_link(access, "For Sam")
        sharing.publish(owner.session_state["od_here"], link_id, ShareChoices(explainer=True))
        tab = make_app(partner=key).run()
        assert "An invitation" in page_text(tab)
        tab.text_area(key="partner_note").input("I'd like to talk")
        tabs[kind], spaces[kind] = tab, (owner, store, access, link_id)
    owner, *_ = spaces["paused"]
    owner.button(key="chrome_safety_flag").click().run()
    _, store, access, link_id = spaces["revoked"]
    assert store.revoke_link(access, link_id)
    for tab in tabs.values():
        next(b for b in tab.button if b.label == "Send my reply").click().run()
        assert not tab.exception, tab.exception
    assert rendered(tabs["paused"]) == rendered(tabs["revoked"])
    assert NEUTRAL in page_text(tabs["paused"])
    for _, store, access, link_id in spaces.values():
        assert store.shared(access).get("partner_replies", link_id) is None, "no reply is kept"
