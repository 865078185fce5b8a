"""Safety mode in real Chromium: the script builder and the six-week plan coach nothing (issue 14).

The same two spaces as the AppTest walk (``tests/support/safety_spaces.py``) and the same
patterns (``tests/support/coaching.py``), checked against what the browser actually shows (the
page's visible text and every form field's value), with screenshots at a laptop's and a phone's
size in ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from content.script import load_safety_instead
from storage.store import Store
from tests.browser.test_script_browser import click_key, open_step, type_into
from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle
from tests.support.coaching import coaching_in
from tests.support.safety_spaces import seed_lived, seed_screen
from tests.support.server import running_app

SIZES = {"laptop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def walk_server(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """Open Door on a data folder this module can also seed directly."""
    data = tmp_path_factory.mktemp("safety-walk-data")
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        yield url, data


def shown(page) -> str:
    """What the browser shows: the visible text, and the value of every field."""
    values = page.eval_on_selector_all(
        "textarea, input", "els => els.map(e => e.value).filter(Boolean)"
    )
    return page.inner_text("body") + "\n" + "\n".join(values)


def cut_off_links(page) -> list[str]:
    """Page links in the main area whose words don't fit (Streamlit cuts a long label short)."""
    return page.eval_on_selector_all(
        "[data-testid='stMain'] [data-testid='stPageLink'] *",
        "els => els.filter(e => e.children.length === 0 && e.textContent.trim()"
        " && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)",
    )


def walk(page, url: str, key: str, path: str, name: str) -> str:
    """Open ``path`` at both sizes, screenshot each, and return what the laptop view showed."""
    text = ""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{url}/{path}?space={key}")
        wait_idle(page)
        no_exception(page)
        expect(page.get_by_text("Safety mode is on").first).to_be_visible()
        text = text or shown(page)
        assert coaching_in(shown(page)) == [], (path, size)
        assert cut_off_links(page) == [], (path, size)
        shot(page, f"safety-walk-{name}-{size}")
    return text


def fresh(page, url: str, data: Path) -> tuple[str, Store]:
    key = open_fresh_space(page, url)
    page.locator(".st-key-notice_link_saved button").click()
    wait_idle(page)
    return key, Store(data)


def test_script_builder_and_plan_in_safety_mode_from_the_quiz_screen(page, walk_server):
    url, data = walk_server
    key, store = fresh(page, url, data)
    access = store.resolve(key)
    assert access is not None
    seed_screen(store, access)
    words = load_safety_instead()
    text = walk(page, url, key, "script", "script-screen")
    assert words.title in text and "pre-filled" not in text.lower()
    expect(page.locator("a[href='tel:+18007997233']").first).to_be_visible()
    text = walk(page, url, key, "plan", "plan-screen")
    assert "advocate" in text.lower()


def test_script_builder_and_plan_review_in_a_space_used_before_safety_mode(page, walk_server):
    url, data = walk_server
    key, store = fresh(page, url, data)
    access = store.resolve(key)
    assert access is not None
    seed_lived(store, access, date.today())
    text = walk(page, url, key, "script", "script-lived")
    assert load_safety_instead().kept in text
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}/plan?space={key}")
    wait_idle(page)
    for label in ("Review", "Setup"):
        page.locator(".st-key-plan_section button", has_text=label).click()
        wait_idle(page)
        no_exception(page)
        assert coaching_in(shown(page)) == [], label
    page.locator(".st-key-plan_section button", has_text="Review").click()
    wait_idle(page)
    shot(page, "safety-walk-plan-review-laptop")
    page.set_viewport_size({"width": 390, "height": 844})
    wait_idle(page)
    assert coaching_in(shown(page)) == []
    shot(page, "safety-walk-plan-review-phone")


def test_a_step_saved_in_a_tab_drawn_before_safety_mode_shows_no_builder(page, walk_server):
    """Safety mode came on elsewhere (another tab); a step's save here is a fragment rerun that
    would draw only that step: it must give way to the pause, not draw the step again."""
    url, data = walk_server
    key, store = fresh(page, url, data)
    access = store.resolve(key)
    assert access is not None
    page.goto(f"{url}/script?space={key}")
    wait_idle(page)
    open_step(page, "opener")
    click_key(page, "script_save_opener")  # the first save draws the whole page
    open_step(page, "opener")
    type_into(page, "script_f_opener", "Can we talk on Sunday?")
    store.private(access).put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
    click_key(page, "script_save_opener")
    expect(page.get_by_text(load_safety_instead().title)).to_be_visible()
    expect(page.locator("[class*='st-key-script_step_']")).to_have_count(0)
    assert coaching_in(shown(page)) == []
