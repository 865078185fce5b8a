"""The real server killed (SIGKILL) while a browser makes it write: every space still opens.

Each round starts ``streamlit run`` on the same data folder, opens the quiz in Chromium, and keeps
changing answers (each change is a save) while a timer kills the server at a random moment. After
every kill a fresh Store opens the space: it must read cleanly (no file set aside) and hold a
well-formed quiz progress record.
"""

from __future__ import annotations

import os
import random
import threading

from storage.store import Store
from tests.support.browser import wait_idle
from tests.support.server import start_app, stop

ROUNDS = int(os.environ.get("OPEN_DOOR_SERVER_KILLS", "4"))


def test_server_killed_mid_write_leaves_every_space_readable(browser, tmp_path, exit_site):
    data = tmp_path / "data"
    key, _ = Store(data).create_space()
    rng = random.Random(11)
    writes_seen = 0
    stopped_by: list[str] = []
    for _round in range(ROUNDS):
        process, url = start_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site})
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(5_000)
        try:
            page.goto(f"{url}/quiz?space={key}")
            wait_idle(page)
            start = page.get_by_role("button", name="Start the quiz")
            if start.count():
                start.click()
                wait_idle(page)
            options = page.locator("[data-testid='stRadioOption']")
            options.first.wait_for()
            killer = threading.Timer(rng.uniform(0.5, 2.5), process.kill)
            killer.start()
            try:
                for i in range(200):
                    options.nth(i % options.count()).click()
                    writes_seen += 1
                    if process.poll() is not None:
                        break
            except Exception as exc:  # the page breaks when its server dies: expected
                stopped_by.append(type(exc).__name__)
            killer.join()
        finally:
            context.close()
            if process.poll() is None:
                stop(process)
        fresh = Store(data)
        access = fresh.resolve(key)
        assert access is not None
        private = fresh.private(access)
        assert private.recovered_at is None
        progress = private.get("quiz_progress", "current")
        assert progress is None or isinstance(progress.get("answers"), dict)
        assert not list((data / "spaces").glob("*.corrupt-*"))
    print(f"\nserver kills={ROUNDS} answer clicks={writes_seen} unreadable=0 {stopped_by}")
    assert writes_seen >= ROUNDS
