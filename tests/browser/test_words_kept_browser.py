"""Issue 15, "Words lost", in real Chromium: long pastes stay in the box; two tabs on one step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guide.script import draft_from_dict
from storage.store import Store
from tests.browser.test_script_browser import click_key, open_step, type_into
from tests.support import journey
from tests.support.browser import no_exception, shot, wait_idle
from tests.support.server import own_server


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """A server of our own, so the test can read what the space stored."""
    yield from own_server(tmp_path_factory, exit_site, "words-data")


def _space(data: Path) -> tuple[Store, str, object]:
    store = Store(data)
    key, access = store.create_space()
    journey.mark_link_saved(store.private(access))
    return store, key, access


def _stored_opener(store: Store, access) -> str | None:
    doc = store.private(access).get("script_working", "current")
    return None if doc is None else draft_from_dict(doc["draft"]).opener


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_pasted_script_step_over_the_limit_stays_in_the_box(browser, site, size):
    """5,000 characters pasted into a 600-character script box used to leave it empty at 0/600."""
    url, data = site
    store, key, access = _space(data)
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{url}/script?space={key}")
        wait_idle(page)
        open_step(page, "opener")
        pasted = ("I'd like us to talk about us. " * 200)[:4999] + "?"
        type_into(page, "script_f_opener", pasted)
        box = page.locator(".st-key-script_f_opener textarea")
        assert len(box.input_value()) == 5000
        click_key(page, "script_save_opener")
        expect(page.get_by_text("please cut 4,400 characters", exact=False)).to_be_visible()
        assert len(box.input_value()) == 5000
        assert _stored_opener(store, access) is None  # nothing saved
        box.scroll_into_view_if_needed()
        shot(page, f"words-script-too-long-{width}", full_page=False)
        no_exception(page)
    finally:
        context.close()


def test_two_tabs_on_one_step_ask_before_replacing(browser, site):
    """Issue 15, point 3: the later save from a second tab used to replace the first's silently."""
    url, data = site
    store, key, access = _space(data)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first, second = context.new_page(), context.new_page()
        for page in (first, second):
            page.goto(f"{url}/script?space={key}")
            wait_idle(page)
            open_step(page, "opener")
        type_into(first, "script_f_opener", "What worries you most about counselling?")
        click_key(first, "script_save_opener")
        type_into(second, "script_f_opener", "Could we talk about what a session is like?")
        click_key(second, "script_save_opener")
        expect(second.get_by_text("changed in another tab or window", exact=False)).to_be_visible()
        assert _stored_opener(store, access) == "What worries you most about counselling?"
        box = second.locator(".st-key-script_f_opener textarea")
        assert box.input_value() == "Could we talk about what a session is like?"
        click_key(second, "script_conflict_opener_see_both")
        conflict = second.locator(".st-key-script_conflict_opener")
        expect(conflict.get_by_text("What worries you most about counselling?")).to_be_visible()
        conflict.scroll_into_view_if_needed()
        shot(second, "words-script-two-tabs-1280", full_page=False)
        second.set_viewport_size({"width": 390, "height": 844})
        second.wait_for_timeout(1500)  # the sidebar folds away at phone width
        conflict.scroll_into_view_if_needed()
        shot(second, "words-script-two-tabs-390", full_page=False)
        click_key(second, "script_conflict_opener_keep_mine")
        expect(second.locator(".st-key-script_conflict_opener")).to_have_count(0)
        assert _stored_opener(store, access) == "Could we talk about what a session is like?"
        no_exception(second)
    finally:
        context.close()


SIZES = [(1280, 900), (390, 844)]


def _at(context, url: str, path: str, key: str):
    page = context.new_page()
    page.goto(f"{url}/{path}?space={key}")
    wait_idle(page)
    no_exception(page)
    return page


def _press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    wait_idle(page)
    no_exception(page)


def _look(page, locator, name: str, width: int) -> None:
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot(page, f"words-{name}-{width}", full_page=False)


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_each_changed_page_says_what_was_kept_or_how_much_to_cut(browser, site, size):
    """The calm messages on every changed page, at desktop and phone width (screenshots)."""
    from datetime import date

    from tests.support.seed import seed_six_weeks

    url, data = site
    store, key, access = _space(data)
    seed_six_weeks(store, access, date.today())
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        # The safety plan: saved, then sent empty: kept, with the way to delete it.
        page = _at(context, url, "safety", key)
        page.get_by_text("Keep it in the app", exact=True).click()
        wait_idle(page)
        box = page.locator(".st-key-safety_plan_safe_place textarea")
        box.fill("Aunt May's flat, key under the blue pot")
        _press(page, "Save my plan")
        box.fill("")
        _press(page, "Save my plan")
        note = page.get_by_text("Every box was empty, so nothing was changed", exact=False)
        expect(note).to_be_visible()
        expect(box).to_have_value("Aunt May's flat, key under the blue pot")
        _look(page, note, "safety-kept", width)
        box.fill("x" * 4001)
        _press(page, "Save my plan")
        cut = page.get_by_text("please cut 1 character", exact=False)
        expect(cut).to_be_visible()
        _look(page, cut, "safety-too-long", width)

        # The therapist checklist: saved, then sent empty: kept, with its confirmed clear.
        page = _at(context, url, "therapist", key)
        name = page.locator(".st-key-therapist_c1_name input")
        name.fill("Dr Lee")
        _press(page, "Save checklist")
        name.fill("")
        _press(page, "Save checklist")
        kept = page.get_by_text("your checklist is kept as it was", exact=False)
        expect(kept).to_be_visible()
        expect(name).to_have_value("Dr Lee")
        _look(page, kept, "therapist-kept", width)

        # A script step sent empty asks before emptying.
        page = _at(context, url, "script", key)
        open_step(page, "opener")
        type_into(page, "script_f_opener", "What worries you most?")
        click_key(page, "script_save_opener")
        type_into(page, "script_f_opener", "")
        click_key(page, "script_save_opener")
        asks = page.locator(".st-key-script_emptying_opener")
        expect(asks).to_be_visible()
        _look(page, asks, "script-emptying", width)
        click_key(page, "script_emptying_opener_keep")
        expect(page.locator(".st-key-script_f_opener textarea")).to_have_value(
            "What worries you most?"
        )

        # The review's decision notes: an all-empty save keeps them, with the confirmed removal.
        page = _at(context, url, "plan", key)
        page.locator(".st-key-plan_section").get_by_text("Review", exact=False).click()
        wait_idle(page)
        page.locator("[data-testid='stRadio']").get_by_text("Keep going", exact=True).click()
        notes = page.get_by_role("textbox", name="Anything else you want to remember")
        notes.fill("Talk to Sam's sister first")
        _press(page, "Save my decision")
        page.get_by_text("Change my decision or my timeline", exact=True).click()  # now folded
        notes.fill("")
        _press(page, "Save my decision")
        kept = page.get_by_text("the notes you saved before are kept", exact=False)
        expect(kept).to_be_visible()
        _look(page, kept, "plan-decision-kept", width)

        # The journal: a line over its limit stays in the box, whole.
        page.locator(".st-key-plan_section").get_by_text("Routines", exact=False).click()
        wait_idle(page)
        page.locator(".st-key-plan_routines_pick").get_by_text("Journal", exact=False).click()
        wait_idle(page)
        line = page.locator(".st-key-plan_routines_journal_text input")
        line.fill("He smiled. " * 30)
        _press(page, "Save today's line")
        cut = page.get_by_text("please cut", exact=False)
        expect(cut).to_be_visible()
        expect(line).to_have_value("He smiled. " * 30)
        _look(page, cut, "journal-too-long", width)
    finally:
        context.close()
