"""The language switch (issue 18, point 3): the choice lives in the session, an owner's is saved in
their space (so the space opens in it elsewhere), and it never touches what was saved."""

from __future__ import annotations

from records import links
from tests.app.conftest import space_of
from tests.support.language import shown_language, switch_to


def test_the_switch_is_on_the_page_and_says_both_languages(app):
    assert shown_language(app) == "en"
    assert app.button(key="od_language_es").label == "Español"
    assert "Language · Idioma" in [c.value for c in app.sidebar.caption]
    switch_to(app, "es")
    assert shown_language(app) == "es"
    assert app.button(key="od_language_en").label == "English"


def test_an_owners_choice_is_saved_in_the_space_and_opens_it_there_next_time(
    app, make_app, data_dir
):
    switch_to(app, "es")
    assert not app.exception
    assert app.session_state["od_language"] == "es"
    store, access = space_of(app, data_dir)
    assert links.saved_language(store.private(access)) == "es"
    elsewhere = make_app(space=app.session_state["od_key"])  # another browser, same link
    elsewhere.run()
    assert elsewhere.session_state["od_language"] == "es"
    assert shown_language(elsewhere) == "es"


def test_switching_back_and_forth_keeps_every_saved_word(app, data_dir):
    store, access = space_of(app, data_dir)
    links.mark_link_saved(store.private(access))
    before = store.private(access).dump()
    for code in ("es", "en", "es", "en"):
        switch_to(app, code)
        assert not app.exception
    after = store.private(access).dump()
    after["settings"] = [d for d in after.get("settings", []) if d.get("key") != "language"]
    before["settings"] = [d for d in before.get("settings", []) if d.get("key") != "language"]
    assert after == before
