"""The script builder's steps in real Chromium: a step's save redraws that step only (a fragment),
and the whole page when it has to (the first save, a new worry), without losing unsaved words."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.support.browser import no_exception, open_fresh_space, open_step, shot, wait_idle


def box(page, key: str):
    return page.locator(f".st-key-{key} textarea, .st-key-{key} input").first


def press(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)
    no_exception(page)


def pick_first(page, key: str) -> None:
    """Choose the first option of a select box from the keyboard, as a user might."""
    option = page.locator("[role='option'][data-focused='true']")
    for _ in range(3):  # the list sometimes misses the first key while the page settles
        box(page, key).focus()
        page.keyboard.press("ArrowDown")
        try:
            option.first.wait_for(state="attached", timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    expect(box(page, key)).not_to_have_value("")


def test_saving_steps_keeps_other_steps_and_resets_pickers(page, server):
    key = open_fresh_space(page, server)
    page.goto(f"{server}/script?space={key}")
    wait_idle(page)
    press(page, "notice_link_saved")
    expect(page.locator(".st-key-script_clear")).to_have_count(0)

    open_step(page, "reframe")
    open_step(page, "shared")
    box(page, "script_f_reframe").fill("Words not saved yet")
    box(page, "script_f_shared").fill("I have things to work on too.")
    press(page, "script_save_shared")
    # The first save draws the whole page: the way to clear the builder appears.
    expect(page.locator(".st-key-script_clear")).to_be_visible()
    expect(box(page, "script_f_reframe")).to_have_value("Words not saved yet")

    # Later saves redraw their own step: its tone tip and label change, the rest stays put.
    box(page, "script_f_shared").fill("You always do this.")
    press(page, "script_save_shared")
    expect(page.locator(".st-key-script_step_shared summary")).to_contain_text("1 tone tip")
    expect(page.locator(".st-key-script_step_shared").get_by_text("Try instead:")).to_be_visible()
    expect(box(page, "script_f_reframe")).to_have_value("Words not saved yet")
    assert page.locator(".st-key-script_step_shared details").get_attribute("open") is not None

    # A used suggestion fills the box, saves, and its picker goes back to blank.
    pick_first(page, "script_suggest_reframe")
    press(page, "script_use_reframe")
    expect(box(page, "script_f_reframe")).not_to_have_value("Words not saved yet")
    expect(box(page, "script_suggest_reframe")).to_have_value("")

    # "Choose first" is said where the button is, and only once.
    press(page, "script_use_reframe")
    expect(page.get_by_text("Choose a suggestion from the list first.")).to_be_visible()

    # A new worry redraws the whole page; its picker goes back to blank too.
    open_step(page, "worries")
    pick_first(page, "script_add_worry")
    press(page, "script_add_worry_go")
    expect(page.locator("[class*='st-key-script_f_worry_'] textarea")).to_have_count(1)
    expect(box(page, "script_add_worry")).to_have_value("")
    page.locator(".st-key-script_step_worries").scroll_into_view_if_needed()
    shot(page, "script-steps")
