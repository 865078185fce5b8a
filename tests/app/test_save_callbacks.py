"""Saves made in button callbacks (script builder steps, the plan's weekly rating): one run per save,
a failed write said in place with the words kept, and no write once the link no longer opens.
"""

from __future__ import annotations

import errno
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import storage.files
import ui.context
from records import plan as plan_state
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text, space_of
from tests.support.seed import StoreSpace
from ui import pages

SCRIPT, PLAN = pages.path("script"), pages.path("plan")
TODAY = date.today()
WRITE = storage.files.write_bytes


@pytest.fixture
def runs(monkeypatch) -> list[int]:
    """Count the runs of the whole app (each one resolves the link in ``context.arrive``)."""
    seen: list[int] = []
    original = ui.context.arrive

    def counted(*args: Any, **kwargs: Any) -> Any:
        seen.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(ui.context, "arrive", counted)
    return seen


def refuse_writes(monkeypatch) -> None:
    """Every write to disk fails as on a full disk (until ``allow_writes``)."""

    def refuse(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "full")

    monkeypatch.setattr(storage.files, "write_bytes", refuse)


def allow_writes(monkeypatch) -> None:
    monkeypatch.setattr(storage.files, "write_bytes", WRITE)


def stored_opener(at: AppTest, data_dir, space: tuple | None = None) -> str | None:
    store, access = space or space_of(at, data_dir)
    doc = store.private(access).get("script_working", "current")
    return None if doc is None else doc["draft"]["opener"]


def open_plan_with_one_target(at: AppTest, data_dir):
    at.switch_page(PLAN).run()
    at.text_input(key="plan_setup_target_1").input("No phones at dinner")
    next(b for b in at.button if b.label == "Start my six weeks").click().run()
    assert not at.exception, at.exception
    cycle = plan_state.active_cycle(plan_state_space(at, data_dir))
    assert cycle is not None
    return cycle


def plan_state_space(at: AppTest, data_dir, space: tuple | None = None) -> StoreSpace:
    return StoreSpace(*(space or space_of(at, data_dir)))


def rate_first_week(at: AppTest, cycle, value: str | None) -> None:
    at.segmented_control(key=f"plan_value_{cycle.id}_1_{cycle.target_ids[0]}").set_value(value)
    next(b for b in at.button if b.label == "Save week 1").click().run()
    assert not at.exception, at.exception


@pytest.mark.parametrize(
    ("page", "act"),
    [
        (SCRIPT, "script"),
        (PLAN, "plan"),
    ],
)
def test_a_save_runs_the_page_once(app, data_dir, runs, page, act):
    if act == "script":
        app.switch_page(page).run()
        app.text_area(key="script_f_opener").input("Could we talk on Sunday?")
        runs.clear()
        app.button(key="script_save_opener").click().run()
        assert stored_opener(app, data_dir) == "Could we talk on Sunday?"
    else:
        cycle = open_plan_with_one_target(app, data_dir)
        runs.clear()
        rate_first_week(app, cycle, "kept")
        assert [t.value for t in app.toast] == ["Week 1 saved."]
    assert not app.exception, app.exception
    assert len(runs) == 1


@pytest.mark.files_only  # a fault of the data folder's files
def test_a_step_that_cannot_be_saved_says_so_in_place_and_keeps_the_words(
    app, data_dir, monkeypatch
):
    app.switch_page(SCRIPT).run()
    app.text_area(key="script_f_opener").input("Could we talk on Sunday?")
    refuse_writes(monkeypatch)
    app.button(key="script_save_opener").click().run()
    assert not app.exception, app.exception
    assert StorageUnavailable.message in [w.value for w in app.warning]
    assert app.text_area(key="script_f_opener").value == "Could we talk on Sunday?"
    allow_writes(monkeypatch)
    app.run()
    assert StorageUnavailable.message not in page_text(app), "said once, not kept for later"
    app.button(key="script_save_opener").click().run()
    assert stored_opener(app, data_dir) == "Could we talk on Sunday?"


@pytest.mark.files_only  # a fault of the data folder's files
def test_a_week_that_cannot_be_saved_says_so_and_keeps_the_choice(app, data_dir, monkeypatch):
    cycle = open_plan_with_one_target(app, data_dir)
    refuse_writes(monkeypatch)
    rate_first_week(app, cycle, "partly")
    assert StorageUnavailable.message in [w.value for w in app.warning]
    key = f"plan_value_{cycle.id}_1_{cycle.target_ids[0]}"
    assert app.segmented_control(key=key).value == "partly"
    assert plan_state.ratings(plan_state_space(app, data_dir), cycle) == []


@pytest.mark.parametrize("page", [SCRIPT, PLAN])
def test_no_save_once_the_link_is_replaced(app, data_dir, page):
    if page == SCRIPT:
        app.switch_page(SCRIPT).run()
        app.text_area(key="script_f_opener").input("Words after the link changed")
    else:
        cycle = open_plan_with_one_target(app, data_dir)
        app.segmented_control(key=f"plan_value_{cycle.id}_1_{cycle.target_ids[0]}").set_value(
            "kept"
        )
    store, access = space_of(app, data_dir)
    _, fresh = store.rotate_owner_key(access)
    space = (store, fresh)  # the rotation re-keys the space: only the new access reads it now
    if page == SCRIPT:
        app.button(key="script_save_opener").click().run()
        assert stored_opener(app, data_dir, space) is None
    else:
        next(b for b in app.button if b.label == "Save week 1").click().run()
        assert plan_state.ratings(plan_state_space(app, data_dir, space), cycle) == []
    assert not app.exception, app.exception
    assert "This link doesn't open anything" in page_text(app)


@pytest.mark.files_only  # a fault of the data folder's files
def test_a_version_that_cannot_be_saved_or_renamed_says_so_and_keeps_the_name(
    app, data_dir, monkeypatch
):
    app.switch_page(SCRIPT).run()
    app.text_area(key="script_f_opener").input("Could we talk on Sunday?")
    app.button(key="script_save_opener").click().run()
    app.segmented_control(key="script_view").set_value("versions").run()
    name_key = next(w.key for w in app.text_input if w.key.startswith("script_version_name"))
    app.text_input(key=name_key).input("Sunday talk")
    refuse_writes(monkeypatch)
    app.button(key="script_version_save").click().run()
    assert not app.exception, app.exception
    assert StorageUnavailable.message in [w.value for w in app.warning]
    assert app.text_input(key=name_key).value == "Sunday talk"
    assert not [t.value for t in app.toast]
    store, access = space_of(app, data_dir)
    assert store.private(access).all("scripts") == []

    allow_writes(monkeypatch)
    app.button(key="script_version_save").click().run()
    [doc] = store.private(access).all("scripts")
    refuse_writes(monkeypatch)
    app.text_input(key=f"script_rename_{doc['key']}").input("Quiet evening")
    app.button(key=f"script_rename_save_{doc['key']}").click().run()
    assert not app.exception, app.exception
    assert StorageUnavailable.message in [w.value for w in app.warning]
    assert app.text_input(key=f"script_rename_{doc['key']}").value == "Quiet evening"
    assert [d["name"] for d in store.private(access).all("scripts")] == ["Sunday talk"]
    allow_writes(monkeypatch)
    app.run()
    assert StorageUnavailable.message not in page_text(app), "said once, not kept for later"
