"""The quiz in real Chromium: a whole run to a result, a reload that resumes, and a safety-led retake."""

from __future__ import annotations

from playwright.sync_api import expect

from content.quiz import QuizItem, load_quiz
from storage.store import Store
from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle
from tests.support.server import running_app

ITEMS = load_quiz()
TOTAL = len(ITEMS)
FIRST_SAFETY = next(i for i, item in enumerate(ITEMS) if item.kind == "safety")
BLAME = {"takes_sides": "Often", "you_need_it": "Sometimes", "were_fine": "Rarely"}


def click_key(page, key: str) -> None:
    """Click the button Streamlit rendered for a widget key, then wait for the rerun."""
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)


def visible(page, text: str) -> None:
    """Wait until ``text`` shows (a click's rerun may start a moment after wait_idle returns)."""
    expect(page.get_by_text(text).first).to_be_visible()


def full_shot(page, name: str) -> None:
    """Streamlit scrolls inside its own container, so a tall window shows the whole page."""
    page.set_viewport_size({"width": 1280, "height": 3200})
    wait_idle(page)
    shot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def choose(page, item: QuizItem, label: str) -> None:
    """Pick an answer in this question's own radio group (a stale one may linger mid-rerun)."""
    group = page.get_by_role("radiogroup", name=item.text)
    group.get_by_text(label, exact=True).click()
    expect(group.locator("input:checked")).to_have_count(1)
    wait_idle(page)


def progress_says(page, number: int) -> None:
    # While a whole-page rerun is drawing, the last run's bar may still be on screen beside the
    # new one (slow under load): look for the bar that says this question.
    bar = page.locator("[data-testid='stProgress']", has_text=f"Question {number} of {TOTAL}")
    expect(bar.first).to_be_visible(timeout=20_000)
    wait_idle(page)


def test_a_whole_quiz_then_a_safety_led_retake(page, server):
    key = open_fresh_space(page, server)
    page.goto(f"{server}/quiz?space={key}")
    wait_idle(page)
    click_key(page, "notice_link_saved")  # the link notice is tested elsewhere; keep shots clear
    click_key(page, "quiz_start")

    for number, item in enumerate(ITEMS, start=1):
        progress_says(page, number)
        if number == FIRST_SAFETY + 1:
            visible(page, "These last questions are about safety")
            shot(page, "quiz-question")
            page.set_viewport_size({"width": 390, "height": 844})  # a phone
            wait_idle(page)
            shot(page, "quiz-question-phone")
            page.set_viewport_size({"width": 1280, "height": 900})
            wait_idle(page)
        choose(page, item, BLAME.get(item.id, item.scale.options[0]))
        if number == 4:
            # Closing the tab loses nothing: a fresh load comes back to this very question.
            page.goto(f"{server}/quiz?space={key}")
            wait_idle(page)
            progress_says(page, 4)
            visible(page, "Welcome back")
            checked = page.locator("[data-testid='stRadio'] input:checked")
            expect(checked).to_have_count(1)
        click_key(page, "quiz_next")
        no_exception(page)

    click_key(page, "quiz_finish")
    no_exception(page)
    visible(page, "1. Fear of being blamed")
    visible(page, "Because you said:")
    expect(page.get_by_role("link", name="Plan what to say, using this result")).to_be_visible()
    full_shot(page, "quiz-result")

    # A retake: skip ahead, raise one safety concern, and decline the rest.
    click_key(page, "quiz_retake")
    for number in range(1, FIRST_SAFETY + 1):
        progress_says(page, number)
        click_key(page, "quiz_next")
    progress_says(page, FIRST_SAFETY + 1)
    choose(page, ITEMS[FIRST_SAFETY], "Yes")
    click_key(page, "quiz_decline_jump")
    visible(page, "still need an answer")
    shot(page, "quiz-finish-step")
    click_key(page, "quiz_decline")
    no_exception(page)
    visible(page, "Your safety comes first")
    visible(page, "Safety mode is on")
    # The resources arrive after the heading in the same run: wait for them, don't count early.
    expect(page.locator("a[href='tel:911']").first).to_be_attached()
    expect(page.locator("a[href='tel:+18007997233']")).to_have_count(1)
    expect(page.get_by_role("link", name="Plan what to say, using this result")).to_have_count(0)
    full_shot(page, "quiz-safety-result")


def test_an_answer_after_the_link_is_replaced_is_not_saved(browser, tmp_path, exit_site):
    """Choosing an answer reruns only the question (a fragment), which skips the front door's
    link check: the question must check the link itself before it saves."""
    data = tmp_path / "data"
    store = Store(data)
    key, access = store.create_space()
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/quiz?space={key}")
        wait_idle(page)
        click_key(page, "quiz_start")
        choose(page, ITEMS[0], ITEMS[0].scale.options[1])
        progress = Store(data).private(access).get("quiz_progress", "current")
        assert progress["answers"] == {ITEMS[0].id: 1}

        _, access = store.rotate_owner_key(access)
        choose(page, ITEMS[0], ITEMS[0].scale.options[2])
        visible(page, "This link doesn't open anything")
        visible(page, "Nothing was read or saved just now")  # the question's own check said so
        progress = Store(data).private(access).get("quiz_progress", "current")
        assert progress["answers"] == {ITEMS[0].id: 1}
        context.close()
