"""ui/feedback.py, the one way a save in a callback says what happened: in a real Streamlit run, on
a real space on disk, it confirms a save, turns a storage fault into a calm note in place with the
words kept, and saves nothing once the tab's link no longer opens the space."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT


def _harness() -> None:
    import streamlit as st

    from storage.errors import StorageUnavailable
    from storage.store import Store
    from ui import feedback
    from ui.callbacks import CLOSED_STATE
    from ui.context import Here
    from ui.settings import load_settings

    data_dir, key, fail = st.session_state["harness"]
    store = Store(data_dir)
    place = Here(
        settings=load_settings(), store=store, access=store.resolve(key), local=False, key=key
    )

    @feedback.saves("demo")
    def keep(here: Here, words: str) -> str:
        if fail:
            raise StorageUnavailable()
        here.store.private(here.access).put("demo", "note", {"words": words})
        return f"Kept “{words}”."

    feedback.show("demo")
    words = st.text_input("Words", key="demo_words")
    st.button("Keep", on_click=keep, args=(place, words or "*bold*"))
    st.caption(f"closed={st.session_state.get(CLOSED_STATE, False)}")


@pytest.fixture
def space(tmp_path):
    from storage.store import Store

    store = Store(tmp_path / "data")
    key, access = store.create_space()
    return store, key, access


def _session(store, key, fail: bool = False) -> AppTest:
    at = AppTest.from_function(_harness, default_timeout=TIMEOUT)
    at.session_state["harness"] = (str(store.root), key, fail)
    return at.run()


def _kept(store, access) -> str | None:
    doc = store.private(access).get("demo", "note")
    return None if doc is None else doc["words"]


def test_a_save_is_confirmed_with_the_words_shown_as_typed(space):
    store, key, access = space
    at = _session(store, key)
    at.button[0].click().run()  # pressed before anything was typed: the harness keeps "*bold*"
    assert not at.exception, at.exception
    assert [t.value for t in at.toast] == [r"Kept “\*bold\*”."]
    assert _kept(store, access) == "*bold*"
    at.run()
    assert not at.toast  # said once, then forgotten


def test_a_storage_fault_is_a_calm_note_in_place_and_the_words_stay(space):
    store, key, access = space
    at = _session(store, key, fail=True)
    at.text_input(key="demo_words").input("Phones in the kitchen drawer at 9").run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert not at.toast
    assert [w.icon for w in at.warning] == [":material/cloud_off:"]
    assert at.text_input(key="demo_words").value == "Phones in the kitchen drawer at 9"
    assert _kept(store, access) is None


def test_a_replaced_link_saves_nothing_and_says_so(space):
    store, key, access = space
    at = _session(store, key)
    _new_key, fresh = store.rotate_owner_key(access)  # the owner replaced the link in another tab
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert not at.toast and not at.warning
    assert "closed=True" in at.caption[0].value
    assert _kept(store, fresh) is None


def _remark_harness() -> None:
    import streamlit as st

    from ui import feedback

    if st.button("Press"):
        feedback.leave("demo", "The box was empty, so it is kept as it was.", remark=True)
        feedback.leave("gone", "Never drawn.", ok=False)
        feedback.forget("gone")
    feedback.show("demo")
    feedback.show("gone")


def test_a_remark_is_an_info_box_and_a_forgotten_note_is_never_shown():
    at = AppTest.from_function(_remark_harness, default_timeout=TIMEOUT).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == ["The box was empty, so it is kept as it was."]
    assert not at.warning and not at.toast
