"""The Safety page in real Chromium: tappable numbers, the plan, and the quick exit from this page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle


def tall_shot(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its own container, so grow the window."""
    width = page.viewport_size["width"]
    height = page.evaluate("document.querySelector('[data-testid=\\'stMain\\']').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16000)})
    wait_idle(page)
    shot(page, name)
    page.set_viewport_size({"width": width, "height": 900})


def open_safety(page, server) -> str:
    """Open a fresh space straight on the Safety page; return its key."""
    key = open_fresh_space(page, server)
    page.goto(f"{server}/safety?space={key}")
    wait_idle(page)
    no_exception(page)
    return key


def test_safety_page_reads_well_and_its_numbers_dial(page, server):
    open_safety(page, server)
    expect(page.get_by_role("heading", name="If you are in danger now")).to_be_visible()
    first = page.locator("a[href^='tel:']").first
    assert first.get_attribute("href") == "tel:911"
    expect(page.locator("a[href='tel:+18007997233']")).to_have_count(1)
    expect(page.locator("a[href='sms:88788?&body=START']")).to_have_count(1)
    page.get_by_role("button", name="I've saved my link").click()
    wait_idle(page)
    tall_shot(page, "safety-page")
    key = page.evaluate("() => new URLSearchParams(location.search).get('space')")
    page.get_by_role("link", name="Your safety plan").click()
    expect(page.get_by_role("heading", name="Your safety plan")).to_be_in_viewport()
    assert f"space={key}" in page.url
    page.set_viewport_size({"width": 390, "height": 844})
    wait_idle(page)
    shot(page, "safety-page-phone", full_page=False)
    expect(page.locator("#od-quick-exit")).to_be_visible()


def test_plan_kept_in_app_and_then_safety_mode(page, server):
    key = open_safety(page, server)
    page.get_by_text("Keep it in the app", exact=True).click()
    wait_idle(page)
    page.get_by_placeholder("Where could you go, and how would you get there?").fill(
        "My sister's flat on Elm Street"
    )
    page.get_by_role("button", name="Save my plan").click()
    wait_idle(page)
    expect(page.get_by_text("Your plan is saved in the app")).to_be_visible()
    page.goto(f"{server}/safety?space={key}")
    wait_idle(page)
    box = page.get_by_placeholder("Where could you go, and how would you get there?")
    # The widget gets its stored value a moment after the run ends; expect() waits for it.
    expect(box).to_have_value("My sister's flat on Elm Street")
    page.locator(".st-key-safety_self_flag button").click()
    wait_idle(page)
    expect(page.get_by_text("Safety mode is switched on")).to_be_visible()
    no_exception(page)
    tall_shot(page, "safety-page-mode-on")


def test_plan_download_only_gives_a_file_and_clears_the_form(page, server):
    open_safety(page, server)
    page.get_by_text("Only download it", exact=True).click()
    wait_idle(page)
    box = page.get_by_placeholder("Where could you go, and how would you get there?")
    box.fill("The library on *Main* Street")
    page.get_by_role("button", name="Save my plan").click()
    wait_idle(page)
    expect(page.get_by_text("Your plan is ready to download.")).to_be_visible()
    page.locator(".st-key-safety_plan_ready").scroll_into_view_if_needed()
    shot(page, "safety-plan-ready", full_page=False)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my plan").click()
    download = info.value
    assert download.suggested_filename == "notes.md"
    body = Path(download.path()).read_text(encoding="utf-8")
    assert "The library on \\*Main\\* Street" in body
    wait_idle(page)
    expect(box).to_have_value("")
    expect(
        page.get_by_text("Nothing was kept in the app, and this form is cleared")
    ).to_be_visible()
    no_exception(page)


def test_quick_exit_button_leaves_from_the_safety_page(page, server, exit_site):
    open_safety(page, server)
    page.locator("#od-quick-exit").click()
    page.wait_for_url(exit_site)
    assert "Weather today" in page.inner_text("body")
    page.go_back()
    page.wait_for_load_state()
    assert "/safety" not in page.url  # the page we left is not one step back


def test_quick_exit_shortcut_leaves_from_the_safety_page(page, server, exit_site):
    open_safety(page, server)
    # Focus inside a form field must not stop the shortcut: someone may be typing their plan.
    page.get_by_placeholder("Where could you go, and how would you get there?").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_site)
    assert "Weather today" in page.inner_text("body")
