"""AppTest fixtures: the real ``streamlit_app.py`` on a temp data folder, one fresh space per test.

With ``OPEN_DOOR_APP_TESTS_ON=postgres`` the same tests run with the app on the PostgreSQL test
database instead (``.ci/run`` runs them both ways); tests about the files themselves are marked
``files_only`` and skip there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from storage.backend import Backend
from storage.store import Access, Store
from tests.support import database

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
TIMEOUT = 60  # room for the first Plotly and pandas import on a slow machine


def on_postgres() -> bool:
    """True when this run puts the app on PostgreSQL."""
    return os.environ.get("OPEN_DOOR_APP_TESTS_ON", "").lower() == "postgres"


@pytest.fixture(autouse=True)
def _files_only(request) -> None:
    if on_postgres() and request.node.get_closest_marker("files_only"):
        pytest.skip("about the data folder's files: not a PostgreSQL run")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A temp data folder, with local mode off so each AppTest gets its own private space."""
    folder = tmp_path / "data"
    monkeypatch.setenv("OPEN_DOOR_DATA_DIR", str(folder))
    if on_postgres():
        url = database.url_or_skip()
        database.empty(url)
        monkeypatch.setenv("OPEN_DOOR_DATABASE_URL", url)
    else:
        monkeypatch.delenv("OPEN_DOOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "off")
    monkeypatch.setenv("OPEN_DOOR_BASE_URL", "http://testserver")
    return folder


@pytest.fixture
def make_app(data_dir) -> Callable[..., AppTest]:
    """Build an AppTest; pass ``space=KEY`` or ``partner=KEY`` to open it as that link."""

    def build(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for name, value in query.items():
            at.query_params[name] = value
        return at

    return build


@pytest.fixture
def app(make_app) -> AppTest:
    """The app after its first run: a brand-new private space on the Home page."""
    at = make_app()
    at.run()
    assert not at.exception, at.exception
    return at


def backend_of(data_dir: Path) -> Backend:
    """Where the app under test keeps its bytes: the data folder, or the test database."""
    return Store(os.environ.get("OPEN_DOOR_DATABASE_URL") or data_dir).backend


def space_of(at: AppTest, data_dir: Path) -> tuple[Store, Access]:
    """The Store and owner access behind an AppTest session (for seeding and checking data)."""
    store = Store(os.environ.get("OPEN_DOOR_DATABASE_URL") or data_dir)
    access = store.resolve(at.session_state["od_key"])
    assert access is not None
    return store, access


def page_text(at: AppTest) -> str:
    """Everything the page rendered as text, for checks that something is (not) shown."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "code",
        "text_input",
        "text_area",
    ):
        for element in getattr(at, kind):
            for attr in ("value", "body", "label", "placeholder"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    parts.append(value)
    return "\n".join(parts)


def rendered(at: AppTest) -> str:
    """Every element and block the app rendered (main, sidebar, everything), as proto text."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)
