"""Safety mode, page by page: one table-driven walk over every page and view (issue 14).

Two spaces are walked, each in safety mode:

- ``screen``: the quiz's safety screen raised a concern and named no reasons (the case where the
  script builder used to say "pre-filled from your quiz" and coach toward couples counselling);
  no plan yet, so the plan shows its first-visit ideas.
- ``lived``: a quiz that named reasons, a working script draft and a saved version written before
  safety mode came on, a six-week plan at its review, a partner link; then "this is about my
  safety".

Every string the page renders (every field of every element: markdown, captions, labels,
options, placeholders, text area values, help, tabs, toasts, charts) and every file a download
button would hand over is checked against ``tests/support/coaching.py``. The backup on My data is
the user's own data, not the app's coaching, so it is left out on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from google.protobuf.message import Message
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from content.script import load_safety_instead
from storage.store import Access, Store
from tests.app.conftest import space_of
from tests.support.coaching import coaching_in
from tests.support.safety_spaces import answers, insert_result, seed_lived, seed_screen
from ui import pages

TODAY = date.today()
BACKUP_PREFIX = "open-door-backup"


# (space, page, view): the view is the session-state key and value a page reads to pick what it
# shows, set before the run, as a click on its control would.
WALK: list[tuple[str, str, dict[str, Any]]] = [
    *(
        (space, page, {})
        for space in ("screen", "lived")
        for page in (
            "home",
            "quiz",
            "script",
            "plan",
            "share",
            "therapist",
            "going_alone",
            "safety",
            "my_data",
            "partner",
        )
    ),
    *(
        (space, "script", {"script_view": view})
        for space in ("screen", "lived")
        for view in ("build", "script", "practice", "versions")
    ),
    *(
        ("lived", "plan", {"plan_section": section})
        for section in ("week", "charts", "review", "setup")
    ),
    *(
        ("lived", "plan", {"plan_section": "routines", "plan_routines_pick": routine})
        for routine in ("nightly", "weekly", "book", "journal", "support")
    ),
]


def _strings(message: Message) -> list[str]:
    """Every string anywhere in a proto message (labels, options, values, help ...)."""
    found: list[str] = []
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, Message):
                found.extend(_strings(item))
    return found


def everything_shown(at: AppTest) -> str:
    """Every string of every element and block the run drew, main area and sidebar."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            parts.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    # Widget values set through session state are not all in the protos.
    for kind in ("text_area", "text_input"):
        parts.extend(str(w.value) for w in getattr(at, kind) if w.value)
    parts.extend(t.proto.body for t in at.toast)
    return "\n".join(parts)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file handed to the media store, by file name."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes | str) and filename:
            data = path_or_data if isinstance(path_or_data, bytes) else path_or_data.encode()
            seen[filename] = data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    # A download whose file is made only on click (data=callable) is made here, as a click would.
    deferred = MediaFileManager.add_deferred

    def made(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        data = data_callable()
        if file_name and isinstance(data, bytes | str):
            seen[file_name] = data if isinstance(data, bytes) else data.encode()
        return deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", made)
    return seen


SEEDS: dict[str, Callable[[Store, Access], None]] = {
    "screen": seed_screen,
    "lived": lambda store, access: seed_lived(store, access, TODAY),
}


def _open(app: AppTest, data_dir, space: str, page: str, view: dict[str, Any]) -> AppTest:
    SEEDS[space](*space_of(app, data_dir))
    for key, value in view.items():
        app.session_state[key] = value
    app.switch_page(pages.path(page)).run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize(
    ("space", "page", "view"),
    WALK,
    ids=[f"{s}-{p}-{'-'.join(map(str, v.values())) or 'default'}" for s, p, v in WALK],
)
def test_safety_mode_offers_no_coaching_toward_joint_therapy_or_sharing(
    app, data_dir, downloads, space: str, page: str, view: dict[str, Any]
) -> None:
    at = _open(app, data_dir, space, page, view)
    assert "Safety mode is on" in everything_shown(at)
    found = coaching_in(everything_shown(at))
    if view.get("plan_section") == "setup":
        # The calendar file is offered here: the capture really sees the files.
        assert downloads, "expected a download on this page"
    for name, data in downloads.items():
        if not name.startswith(BACKUP_PREFIX):
            found += [(f"{rule} (in {name})", words) for rule, words in coaching_in(data.decode())]
    assert found == []


def test_the_walk_would_catch_the_builder_outside_safety_mode(app, data_dir, downloads) -> None:
    """Without safety mode the same space does coach (so the walk above is not empty-handed)."""
    store, access = space_of(app, data_dir)
    insert_result(store, access, answers(takes_sides="Often", couch="Often"), datetime.now(UTC))
    app.switch_page(pages.path("script")).run()
    names = {name for name, _ in coaching_in(everything_shown(app))}
    assert {"a pre-fill from the quiz", "the counselling opener"} <= names
    app.session_state["script_view"] = "script"
    app.run()
    files = [name for name in downloads if name.startswith("conversation-plan")]
    assert files and all(coaching_in(downloads[name].decode()) for name in files)


@pytest.mark.parametrize("space", ["screen", "lived"])
def test_the_script_builder_says_why_and_points_to_what_helps(app, data_dir, space) -> None:
    words = load_safety_instead()
    at = _open(app, data_dir, space, "script", {})
    shown = everything_shown(at)
    assert words.title in shown and all(line in shown for line in words.why)
    assert words.kept in shown if space == "lived" else words.kept not in shown
    linked = {link.proto.page for link in at.main.get("page_link")}
    assert {"safety", "going-alone"} <= linked  # the Safety page, and support of one's own
    hotline = [b.proto.url for b in at.main.get("link_button")]
    assert "tel:+18007997233" in hotline  # a hotline advocate, one tap away
    # Nothing to fill in, practise, pick, load or download.
    assert not at.text_area and not at.text_input and not at.selectbox
    assert not at.get("download_button")
    assert not at.get("segmented_control")
    assert "pre-filled" not in shown.lower()
