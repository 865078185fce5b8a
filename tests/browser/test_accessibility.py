"""Accessible to everyone: axe-core on every page at two sizes, and the quiz by keyboard alone.

The audit runs axe-core's full rule set (WCAG 2.1 A and AA and its best practices) over the whole
document, sidebar and chrome included, and fails on any serious or critical finding. It visits every
owner page and the partner's view on an empty space (as a first visit sees it, with the "save your
link" notice) and on a seeded space (a quiz result, a saved script, six rated weeks with the review
due, and a partner link that shares something), plus the plan's Charts and Review sections and
Home in safety mode. The phone run saves a screenshot of every page to
``test-artifacts/a11y-phone-*.png`` for a look.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from content.quiz import load_quiz
from storage.store import Store
from tests.support import journey
from tests.support.a11y import focused, serious_violations, settle, tab_to, tab_to_radio
from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle
from tests.support.seed import StoreSpace, seed_six_weeks
from tests.support.server import own_server
from ui.safety.state import set_self_flag

PAGES = ["", "quiz", "script", "plan", "share", "going-alone", "therapist", "safety", "my-data"]
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PLAN_SECTIONS = ("Charts", "Review")


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """A server of our own, so the test can seed spaces on disk."""
    yield from own_server(tmp_path_factory, exit_site, "a11y-data")


def spaces(data: Path) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, owner key, partner key, pages) for an empty, a seeded and a safety-mode space."""
    store = Store(data)
    empty_key, empty = store.create_space()
    _, empty_partner = store.add_partner_link(empty, "For Sam")
    full_key, full = store.create_space()
    private = store.private(full)
    journey.mark_link_saved(private)
    journey.seed_result(private)
    journey.seed_script(private)
    seed_six_weeks(store, full, date.today())
    full_partner = journey.seed_partner_link(store, full)
    # Safety mode changes Home (crisis lines first), the script builder (paused, with help
    # instead), the plan (own-support ideas) and the therapist page; the rest are audited above.
    safe_key, safe = store.create_space()
    journey.mark_link_saved(store.private(safe))
    set_self_flag(StoreSpace(store, safe))  # type: ignore[arg-type]  (needs only .private)
    return [
        ("empty", empty_key, empty_partner, PAGES),
        ("seeded", full_key, full_partner, PAGES),
        ("safety-mode", safe_key, None, ["", "script", "plan", "therapist"]),
    ]


def audit_every_page(browser, site: tuple[str, Path], size: dict[str, int], label: str) -> None:
    url, data = site
    context = browser.new_context(viewport=size)
    page = context.new_page()
    problems: list[str] = []
    try:
        for name, owner, partner, paths in spaces(data):
            for path in paths:
                page.goto(f"{url}/{path}?space={owner}")
                settle(page)
                no_exception(page)
                where = f"{label} {name} /{path}"
                problems += serious_violations(page, where)
                if label == "phone":
                    shot(page, f"a11y-phone-{name}-{path or 'home'}")
                if path == "plan" and name == "seeded":
                    for section in PLAN_SECTIONS:
                        page.get_by_role("radio", name=section).first.click()
                        settle(page)
                        problems += serious_violations(page, f"{where} {section}")
            if partner is None:
                continue
            # The owner's visits above publish what the partner link shares.
            page.goto(f"{url}/?partner={partner}")
            settle(page)
            no_exception(page)
            problems += serious_violations(page, f"{label} {name} partner view")
            if label == "phone":
                shot(page, f"a11y-phone-{name}-partner")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_every_page_passes_axe_on_a_laptop(browser, site):
    audit_every_page(browser, site, LAPTOP, "laptop")


def test_every_page_passes_axe_on_a_phone(browser, site):
    audit_every_page(browser, site, PHONE, "phone")


def answered(page, number: int) -> None:
    """The question on screen has exactly one answer chosen."""
    checked = page.locator("input[type=radio]:checked")
    for _ in range(20):
        if checked.count() == 1:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"question {number}: no answer chosen; focus is on {focused(page)!r}")


def test_the_quiz_by_keyboard_alone(page, server):
    """Tab, Shift+Tab, Space, Enter and the arrow keys only: from Home to a quiz result."""
    items = load_quiz()
    open_fresh_space(page, server)
    tab_to(page, "I've saved my link")
    page.keyboard.press("Enter")
    wait_idle(page)
    tab_to(page, "Start with the quiz")  # one press opens the first question
    page.keyboard.press("Enter")
    wait_idle(page)

    for number, item in enumerate(items, 1):
        expect(page.get_by_text(f"Question {number} of {len(items)}")).to_be_visible()
        # Focus stays on Next across questions, so the answers are reached backwards.
        tab_to_radio(page, item.text, back=number > 1)
        page.keyboard.press("Space")  # the first option ("Never", "No", ...)
        wait_idle(page)
        if item.kind != "safety" and number % 2:
            page.keyboard.press("ArrowDown")  # the arrow keys move the choice within the group
            wait_idle(page)
        answered(page, number)
        if number == 2:
            # Back and forth once: the first answer was kept.
            tab_to(page, "Back")
            page.keyboard.press("Enter")
            wait_idle(page)
            expect(page.get_by_text(f"Question 1 of {len(items)}")).to_be_visible()
            expect(page.locator("input[type=radio]:checked")).to_have_count(1)
            tab_to(page, "Next")
            page.keyboard.press("Enter")
            wait_idle(page)
            tab_to_radio(page, item.text, back=True)
        tab_to(page, "Finish" if number == len(items) else "Next")
        page.keyboard.press("Enter")
        wait_idle(page)

    tab_to(page, "See my result")
    assert focused(page).startswith("See my result")
    page.keyboard.press("Enter")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("Your result from")).to_be_visible()
    shot(page, "a11y-keyboard-quiz-result")
