"""App settings, read once per process from the environment, then ``st.secrets``, then defaults.

Environment variables win so tests and local runs can override a deployment's secrets. Every
setting is documented in the README; :data:`FIELDS` is the single list both read from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
LOCAL_MODES = ("auto", "on", "off")

# setting name -> (environment variable, default)
FIELDS: dict[str, tuple[str, str]] = {
    "data_dir": ("OPEN_DOOR_DATA_DIR", "data"),
    "base_url": ("OPEN_DOOR_BASE_URL", ""),
    "local_mode": ("OPEN_DOOR_LOCAL_MODE", "auto"),
    "exit_url": ("OPEN_DOOR_EXIT_URL", DEFAULT_EXIT_URL),
    # A PostgreSQL URL: the app keeps its data there instead of in data_dir (empty: the files).
    "database_url": ("OPEN_DOOR_DATABASE_URL", ""),
}


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one running app."""

    data_dir: Path
    base_url: str
    local_mode: str
    exit_url: str
    database_url: str = ""

    @property
    def storage(self) -> str:
        """Where the data lives: the database URL when one is set, else the data folder."""
        return self.database_url or str(self.data_dir.resolve())

    @classmethod
    def from_sources(cls, env: Mapping[str, str], secrets: Mapping[str, Any]) -> Settings:
        """Combine environment, secrets and defaults; unknown local-mode values mean ``off``."""
        values: dict[str, str] = {}
        for name, (variable, default) in FIELDS.items():
            raw = env.get(variable)
            if raw is None:
                raw = secrets.get(name, secrets.get(variable, default))
            values[name] = str(raw).strip()
        mode = values["local_mode"].lower()
        exit_url = values["exit_url"]
        if not exit_url.startswith(("https://", "http://")):
            exit_url = DEFAULT_EXIT_URL
        return cls(
            data_dir=Path(values["data_dir"] or "data"),
            base_url=values["base_url"].rstrip("/"),
            local_mode=mode if mode in LOCAL_MODES else "off",
            exit_url=exit_url,
            database_url=values["database_url"],
        )


def _secrets() -> Mapping[str, Any]:
    # No secrets file is the normal local case; asking st.secrets for a key then would raise.
    if not st.secrets.load_if_toml_exists():
        return {}
    section = st.secrets.get("open_door", {})
    flat = {k: v for k, v in st.secrets.items() if not isinstance(v, Mapping)}
    return {**_sql_connection(st.secrets), **flat, **dict(section)}


def _sql_connection(secrets: Mapping[str, Any]) -> dict[str, str]:
    """Streamlit's own ``[connections.sql]`` table (``url = "postgresql+psycopg://..."``) as the
    database URL, so the secrets shape in Streamlit's docs works; an explicit setting wins."""
    connections = secrets.get("connections", {})
    sql = connections.get("sql", {}) if isinstance(connections, Mapping) else {}
    url = sql.get("url") if isinstance(sql, Mapping) else None
    return {"database_url": str(url)} if isinstance(url, str) and url.strip() else {}


def load_settings() -> Settings:
    """The settings for this process (cheap: read again each run so tests can change them)."""
    return Settings.from_sources(os.environ, _secrets())
