"""What the saves on Share with partner and the partner page say, through ``ui.feedback``.

A link's choices saved are confirmed with a toast; a storage fault while saving them, or while the
partner sends a reply or ratings, is a calm warning in place, with what was ticked and typed still
there and nothing saved.
"""

from __future__ import annotations

import pytest

from guide.script import ScriptDraft
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text, space_of
from tests.app.test_share_pages import (
    make_link,
    owner_on_share,
    partner_app,
    seed_cycle,
    seed_script,
    share,
)


@pytest.fixture
def refused(monkeypatch):
    """From when it is called, every compartment write fails as an unavailable storage would."""
    from storage.compartment import Compartment

    def refuse(*_args, **_kwargs):
        raise StorageUnavailable()

    def start() -> None:
        for name in ("put", "insert", "update", "remove", "replace_table"):
            monkeypatch.setattr(Compartment, name, refuse)

    return start


def test_saving_a_links_choices_is_confirmed_with_a_toast(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, _key = make_link(at, "For Sam")
    share(at, link_id, explainer=True)
    assert [t.value for t in at.toast] == ["Saved. Your link now shows what you chose."]
    share(at, link_id, explainer=False)
    assert [t.value for t in at.toast] == ["Saved. This link shows nothing for now."]
    at.run()
    assert not at.toast


def test_a_storage_fault_saving_choices_is_said_in_place_and_the_ticks_stay(
    app, make_app, data_dir, refused
):
    store, access = space_of(app, data_dir)
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, _key = make_link(at, "For Sam")
    refused()
    share(at, link_id, explainer=True)
    assert StorageUnavailable.message in page_text(at)
    assert not at.toast
    assert at.checkbox(key=f"share_explainer_{link_id}").value is True
    assert store.shared(access).get("shares", link_id) is None


def test_a_storage_fault_sending_a_reply_or_ratings_is_said_in_place(
    app, make_app, data_dir, refused
):
    store, access = space_of(app, data_dir)
    seed_script(store, access, "v1", ScriptDraft(name="First", problem="We go quiet"))
    seed_cycle(store, access)
    owner = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(owner, "For Sam")
    share(owner, link_id, script="v1", options=["workshop"], targets=True)
    partner = partner_app(make_app, key)
    refused()
    partner.text_area(key="partner_note").input("Saturday mornings suit me.")
    next(b for b in partner.button if b.label == "Send my reply").click().run()
    assert not partner.exception, partner.exception
    assert StorageUnavailable.message in page_text(partner)
    assert "Your reply is saved" not in page_text(partner)
    assert partner.text_area(key="partner_note").value == "Saturday mornings suit me."
    partner.radio(key="partner_rate_2_t1").set_value("kept")
    next(b for b in partner.button if b.label == "Save week 2").click().run()
    assert not partner.exception, partner.exception
    assert StorageUnavailable.message in page_text(partner)
    assert "Thank you for sharing" not in page_text(partner)
    assert partner.radio(key="partner_rate_2_t1").value == "kept"
    assert store.shared(access).get("partner_replies", link_id) is None
    assert store.shared(access).all("partner_ratings") == []


@pytest.mark.parametrize("press", ["make a link", "save choices"])
def test_an_old_tab_shares_nothing_once_safety_mode_came_on_elsewhere(
    app, make_app, data_dir, press
):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, _key = make_link(at, "For Sam")
    other = make_app(space=owner_key).run()
    other.button(key="chrome_safety_flag").click().run()  # in another tab
    assert not other.exception, other.exception
    if press == "make a link":
        at.text_input(key="share_label").input("Sam, the new phone")
        next(b for b in at.button if b.label == "Make a link").click().run()
    else:
        share(at, link_id, explainer=True)
    assert not at.exception, at.exception
    assert "switched off while safety mode is on" in page_text(at)
    assert [link["label"] for link in store.links(access) if link.get("role") == "partner"] == [
        "For Sam"
    ]
    assert store.shared(access).all("shares") == []
    assert store.private(access).all("share_choices") == []
