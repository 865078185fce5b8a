"""The database setting: environment, a plain secret, or Streamlit's ``[connections.sql]`` url."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui import settings as settings_module
from ui.settings import Settings

URL = "postgresql+psycopg://u:p@db.example/open?sslmode=require"


def test_no_url_means_the_data_folder_exactly_as_before():
    got = Settings.from_sources({}, {})
    assert got.database_url == "" and got.storage == str(Path("data").resolve())


@pytest.mark.parametrize(
    ("env", "secrets"),
    [
        ({"OPEN_DOOR_DATABASE_URL": URL}, {}),
        ({}, {"database_url": URL}),
        ({}, {"OPEN_DOOR_DATABASE_URL": URL}),
    ],
)
def test_a_url_from_the_environment_or_secrets_chooses_the_database(env, secrets):
    assert Settings.from_sources(env, secrets).storage == URL


def test_streamlits_connections_sql_table_is_read_and_an_explicit_setting_wins():
    assert settings_module._sql_connection({"connections": {"sql": {"url": URL}}}) == {
        "database_url": URL
    }
    assert settings_module._sql_connection({"connections": {"sql": {"dialect": "x"}}}) == {}
    assert settings_module._sql_connection({}) == {}
    from_table = settings_module._sql_connection({"connections": {"sql": {"url": URL}}})
    assert Settings.from_sources(
        {}, {**from_table, "database_url": "postgres://other"}
    ).storage == ("postgres://other")
