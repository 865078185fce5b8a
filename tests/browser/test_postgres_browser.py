"""Open Door on PostgreSQL in real Chromium: the new user's walk, and two ``streamlit run`` processes
on one database (two replicas of a deployment) editing one space, each seeing the other's saves.

Without a reachable test database these skip loudly; with ``CI=true`` they fail instead
(``tests/support/database.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey_browser import (
    test_a_new_user_goes_from_the_welcome_to_a_started_plan as test_the_walk_on_postgres,
)
from tests.support import database
from tests.support.browser import no_exception, open_fresh_space, wait_idle
from tests.support.server import running_app

__all__ = ["test_the_walk_on_postgres"]  # the journey test, collected here on this module's server

WHERE = "Where could you go, and how would you get there?"


@pytest.fixture(scope="module")
def database_url() -> str:
    url = database.url_or_skip()
    database.empty(url)
    return url


def _on_postgres(tmp_path_factory, exit_site: str, url: str, name: str) -> Iterator[str]:
    # A data folder of its own that must stay empty: everything goes to the database.
    data = tmp_path_factory.mktemp(name)
    log = Path(tmp_path_factory.mktemp("logs")) / f"{name}.log"
    env = {"OPEN_DOOR_EXIT_URL": exit_site, "OPEN_DOOR_DATABASE_URL": url}
    with running_app(data, env=env, log=log) as address:
        yield address
    written = [p for p in data.rglob("*") if p.is_file()]
    assert not written, f"written to the data folder, not the database: {written}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, exit_site, database_url) -> Iterator[str]:
    """This module's Open Door: under ``streamlit run``, on the test database."""
    yield from _on_postgres(tmp_path_factory, exit_site, database_url, "replica-a")


@pytest.fixture(scope="module")
def second(tmp_path_factory, exit_site, database_url) -> Iterator[str]:
    """A second ``streamlit run`` process on the same database: another replica."""
    yield from _on_postgres(tmp_path_factory, exit_site, database_url, "replica-b")


def _open_safety_plan(page, url: str, key: str) -> None:
    page.goto(f"{url}/safety?space={key}")
    wait_idle(page)
    no_exception(page)
    page.get_by_text("Keep it in the app", exact=True).click()
    wait_idle(page)


def _save_plan(page, words: str) -> None:
    page.get_by_placeholder(WHERE).fill(words)
    page.get_by_role("button", name="Save my plan").click()
    wait_idle(page)
    expect(page.get_by_text("Your plan is saved in the app")).to_be_visible()
    no_exception(page)


def test_two_processes_on_one_database_see_each_others_saves(browser, server, second):
    one = browser.new_context(viewport={"width": 1280, "height": 900})
    two = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first_tab, second_tab = one.new_page(), two.new_page()
        key = open_fresh_space(first_tab, server)
        _open_safety_plan(first_tab, server, key)
        _save_plan(first_tab, "My sister's flat on Elm Street")

        # The same link on the other replica opens the same space, with the saved words.
        _open_safety_plan(second_tab, second, key)
        expect(second_tab.get_by_placeholder(WHERE)).to_have_value("My sister's flat on Elm Street")
        _save_plan(second_tab, "The library on Main Street, then the bus to Mum's")

        # And back: the first replica reads the second one's save (no stale cache in between).
        _open_safety_plan(first_tab, server, key)
        expect(first_tab.get_by_placeholder(WHERE)).to_have_value(
            "The library on Main Street, then the bus to Mum's"
        )
    finally:
        one.close()
        two.close()
