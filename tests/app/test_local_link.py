"""The local space can show its own link, so turning local mode off never strands it (issue 15, point 4).

This machine's space opens without a link, so before: nothing anywhere showed its link, and a run
with local mode off (or a deployment) met a new, empty space, the old one reachable only through a
backup. Now My data and Share say so and show the link on request, only inside the local space.
"""

from __future__ import annotations

import pytest

from storage.store import Store
from tests.app.conftest import page_text
from ui import pages

pytestmark = pytest.mark.files_only  # the local space's key file in the data folder

MY_DATA, SHARE = pages.path("my_data"), pages.path("share")
WARNING = "if you ever run open door with local mode off"


@pytest.fixture
def local(monkeypatch, data_dir):
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "on")
    return data_dir


@pytest.mark.parametrize("where", [MY_DATA, SHARE])
def test_the_local_space_says_so_and_shows_its_link_on_request(local, make_app, where):
    at = make_app()
    at.run()
    at.switch_page(where).run()
    assert not at.exception, at.exception
    assert WARNING in page_text(at).lower()
    key = (local / "local-owner.key").read_text().strip()
    assert not [c for c in at.code if key in c.value], "not shown until asked for"
    at.button(key="local_link_show").click().run()
    shown = [c.value for c in at.code if "?space=" in c.value]
    assert shown == [f"http://testserver/?space={key}"]
    at.button(key="local_link_hide").click().run()
    assert not [c for c in at.code if key in c.value]


def test_the_shown_link_opens_the_same_space_with_local_mode_off(local, make_app, monkeypatch):
    at = make_app()
    at.run()
    at.switch_page(MY_DATA).run()
    at.button(key="local_link_show").click().run()
    link = next(c.value for c in at.code if "?space=" in c.value)
    key = link.split("space=", 1)[1]
    local_space = Store(local).resolve(key)
    assert local_space is not None
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "off")
    later = make_app(space=key)
    later.run()
    assert not later.exception, later.exception
    assert later.session_state["od_here"].access.space_id == local_space.space_id


def test_a_private_space_has_no_local_link_control(make_app):
    at = make_app()  # local mode off (the fixture's default): a private space with its own link
    at.run()
    for where in (MY_DATA, SHARE):
        at.switch_page(where).run()
        assert not [b for b in at.button if b.key == "local_link_show"]
        assert WARNING not in page_text(at).lower()


def test_a_local_session_that_opens_another_spaces_link_shows_no_local_link(local, make_app):
    at = make_app()
    at.run()
    other, _ = Store(local).create_space()
    at.query_params["space"] = other  # the same tab, now opened with another space's link
    at.switch_page(MY_DATA).run()
    assert not at.exception, at.exception
    assert at.session_state["od_key"] == other
    assert not [b for b in at.button if b.key == "local_link_show"]
    local_key = (local / "local-owner.key").read_text().strip()
    assert local_key not in "\n".join(c.value for c in at.code)
