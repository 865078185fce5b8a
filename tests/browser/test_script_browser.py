"""The script builder in real Chromium: build a plan step by step, read it, practise it, keep it."""

from __future__ import annotations

from playwright.sync_api import expect

from content.script import load_safety_instead, load_script_content
from tests.support.browser import no_exception, open_fresh_space, open_step, shot, wait_idle

CONTENT = load_script_content()


def type_into(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} textarea, .st-key-{key} input").first
    box.fill(text)
    # Leave the box, so its value is committed before the next click (outside a form a blur
    # reruns the page; a click racing that rerun could be lost).
    box.blur()
    wait_idle(page)


def click_key(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)
    no_exception(page)


def view(page, label: str) -> None:
    page.locator(".st-key-script_view").get_by_text(label, exact=True).click()
    wait_idle(page)
    no_exception(page)


def test_build_read_practise_and_keep_a_script(page, server):
    key = open_fresh_space(page, server)
    page.goto(f"{server}/script?space={key}")
    wait_idle(page)
    no_exception(page)
    click_key(page, "notice_link_saved")
    shot(page, "script-start")
    expect(page.locator("[data-testid='stPageLink']").get_by_text("Take the quiz")).to_be_visible()

    open_step(page, "timing")
    page.locator(".st-key-script_f_timing_calm label").click()
    page.locator(".st-key-script_f_timing_after_fight label").click()
    click_key(page, "script_save_timing")

    open_step(page, "opener")
    type_into(page, "script_f_opener", "Why do you always brush this off?")
    click_key(page, "script_save_opener")
    expect(page.get_by_text("Try instead:").first).to_be_visible()
    expect(page.get_by_text(CONTENT.tone_rule("you_always").why)).to_be_visible()
    page.locator(".st-key-script_f_opener").scroll_into_view_if_needed()
    shot(page, "script-tone")

    open_step(page, "i_statement")
    type_into(page, "script_f_feeling", "lonely")
    type_into(page, "script_f_situation", "we go days without really talking")
    type_into(page, "script_f_wish", "us to feel close again")
    click_key(page, "script_save_i_statement")

    open_step(page, "first_step")
    type_into(page, "script_f_first_step", CONTENT.first_steps[0].line)
    type_into(page, "script_f_time_0", "Tuesday 7 pm")
    type_into(page, "script_f_time_1", "Saturday 10 am")
    page.locator(".st-key-script_f_offer_book label").click()
    click_key(page, "script_save_first_step")
    shot(page, "script-build")

    # A new page load resumes the working draft from storage.
    page.goto(f"{server}/script?space={key}")
    wait_idle(page)
    open_step(page, "opener")
    expect(page.locator(".st-key-script_f_opener textarea")).to_have_value(
        "Why do you always brush this off?"
    )

    view(page, "Your script")
    assert page.get_by_text(
        "I feel lonely when we go days without really talking"
    ).first.is_visible()
    page.get_by_role("tab", name="Full script").click()
    expect(page.get_by_role("heading", name="Open with a question").first).to_be_visible()
    expect(page.get_by_role("button", name="Download as Markdown")).to_be_visible()
    shot(page, "script-output")
    # Printing from any tab gives the clean script alone.
    page.emulate_media(media="print")
    expect(page.locator(".st-key-script_print")).to_be_visible()
    shot(page, "script-print", full_page=False)
    page.emulate_media(media="screen")

    view(page, "Practise")
    expect(page.locator("[data-testid='stProgress']")).to_contain_text("Step 1 of 4")
    click_key(page, "script_practice_next")
    expect(page.locator("[data-testid='stProgress']")).to_contain_text("Step 2 of 4")
    shot(page, "script-practice")

    view(page, "Saved versions")
    page.locator("[class*='st-key-script_version_name'] input").fill("Sunday talk")
    click_key(page, "script_version_save")
    expect(page.get_by_text("Sunday talk", exact=True)).to_be_visible()
    page.get_by_text("Saved versions", exact=True).last.scroll_into_view_if_needed()
    shot(page, "script-versions")

    # Safety mode: the whole builder steps aside, with the reason and the ways to help.
    click_key(page, "chrome_safety_flag")
    page.goto(f"{server}/script?space={key}")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text(load_safety_instead().title)).to_be_visible()
    expect(page.locator("[class*='st-key-script_step_']")).to_have_count(0)
    expect(page.locator("a[href='tel:+18007997233']").first).to_be_visible()
    shot(page, "script-safety")
