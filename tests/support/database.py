"""The PostgreSQL server tests run against: its URL, or a loud skip (a failure in CI).

``OPEN_DOOR_TEST_DATABASE_URL`` names it (``.ci/run`` starts a server and exports it). Without it,
or with a server that does not answer, PostgreSQL tests skip with the reason; with ``CI=true``
they fail instead, so CI can never pass without having run them.
"""

from __future__ import annotations

import os

import pytest

VARIABLE = "OPEN_DOOR_TEST_DATABASE_URL"


def _missing(reason: str) -> None:
    message = f"PostgreSQL tests not run: {reason}. Set {VARIABLE} (see .ci/run) to run them."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def url_or_skip() -> str:
    """The test database's URL, after checking that it answers."""
    url = os.environ.get(VARIABLE, "").strip()
    if not url:
        _missing(f"{VARIABLE} is not set")
    import sqlalchemy

    from storage.postgres import engine_url

    engine = sqlalchemy.create_engine(engine_url(url), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("select 1"))
    except Exception as exc:  # any way of not answering means the same here
        _missing(f"the server at {VARIABLE} does not answer ({exc.__class__.__name__})")
    finally:
        engine.dispose()
    return url


def empty(url: str) -> None:
    """Remove every stored name (the schema stays: it is the migrations' job)."""
    import sqlalchemy

    from storage.postgres import engine_url, migrate

    migrate(url)
    engine = sqlalchemy.create_engine(engine_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text("truncate table open_door_blobs"))
    finally:
        engine.dispose()
