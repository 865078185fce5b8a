"""A new user's path in real Chromium, led only by Home's next step: welcome, quiz result, saved
script, started plan. Screenshots of each stop go to ``test-artifacts/journey-*.png``."""

from __future__ import annotations

from playwright.sync_api import expect

from content.home import load as load_words
from content.quiz import load_quiz
from tests.support.a11y import settle
from tests.support.browser import no_exception, open_fresh_space, shot

WORDS = load_words()
NEXT = ".st-key-home_next"


def click(page, name: str, *, scope: str | None = None) -> None:
    """Click the button (or link) called ``name`` and wait for the page to settle."""
    where = page.locator(scope) if scope else page
    where.get_by_role("button", name=name).first.click()
    settle(page)
    no_exception(page)


def go_home(page) -> None:
    page.locator(".st-key-od_nav").get_by_role("link", name="Home").click()
    settle(page)
    no_exception(page)


def next_step_is(page, stage: str, **fill: str) -> None:
    """Home's next-step box shows ``stage``'s title; then take the step with its button."""
    words = WORDS.stages[stage]
    expect(page.locator(NEXT)).to_contain_text(words.title.format(**fill))
    click(page, words.action, scope=NEXT)


def take_the_quiz(page) -> None:
    """Answer a few signal questions, skip the rest, and answer every safety question "No"."""
    items = load_quiz()  # Home's "Start with the quiz" already opened the first question
    for number, item in enumerate(items, 1):
        expect(page.get_by_text(f"Question {number} of {len(items)}")).to_be_visible()
        # The question's own group, never the previous screen's while it is still on show.
        group = page.get_by_role("radiogroup", name=item.text, exact=True)
        if item.kind == "safety":
            group.get_by_text("No", exact=True).click()
            settle(page)
        elif number <= 3:
            group.get_by_text("Often", exact=True).click()
            settle(page)
        click(page, "Finish" if number == len(items) else "Next")
    click(page, "See my result")
    expect(page.get_by_text("Your result from")).to_be_visible()


def build_and_save_a_script(page) -> None:
    """Fill in one step, save it, then save the script as a version."""
    page.locator(".st-key-script_step_i_statement summary").click()
    step = page.locator(".st-key-script_step_i_statement")
    step.locator(".st-key-script_f_feeling input").fill("lonely")
    step.locator(".st-key-script_f_situation input").fill("we stop talking after an argument")
    step.locator(".st-key-script_f_wish input").fill("we could find our way back sooner")
    click(page, "Save this step", scope=".st-key-script_step_i_statement")
    page.locator(".st-key-script_view").get_by_text("Saved versions", exact=True).click()
    settle(page)
    click(page, "Save as a new version")


def start_the_plan(page) -> None:
    """Write two targets and start the six weeks today."""
    form = page.locator("[data-testid='stForm']")
    form.get_by_role("textbox", name="Target 1").fill("No phones at dinner")
    form.get_by_role("textbox", name="Target 2").fill("A short walk together on Sundays")
    click(page, "Start my six weeks")


def test_a_new_user_goes_from_the_welcome_to_a_started_plan(page, server):
    open_fresh_space(page, server)
    click(page, "I've saved my link")
    expect(page.get_by_role("heading", name=WORDS.welcome.title)).to_be_visible()
    shot(page, "journey-1-welcome")

    click(page, WORDS.welcome.start)
    expect(page.get_by_role("heading", name="Quiz")).to_be_visible()
    take_the_quiz(page)
    shot(page, "journey-2-result")

    go_home(page)
    next_step_is(page, "result")
    expect(page.get_by_role("heading", name="Script builder")).to_be_visible()
    build_and_save_a_script(page)
    shot(page, "journey-3-script")

    go_home(page)
    next_step_is(page, "script")
    expect(page.get_by_role("heading", name="Six-week plan")).to_be_visible()
    start_the_plan(page)
    expect(page.get_by_text("Week 1 of 6").first).to_be_visible()
    shot(page, "journey-4-plan")

    go_home(page)
    expect(page.locator(NEXT)).to_contain_text(WORDS.stages["plan_running"].title.format(week=1))
    expect(page.get_by_text("Week 1 of 6").first).to_be_visible()
    shot(page, "journey-5-home")
