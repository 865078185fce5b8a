"""Which backend a setting names: a database URL, or a data folder (the files, as always).

``where`` is what the app's settings give: a SQLAlchemy URL for PostgreSQL
(``postgresql+psycopg://...``; ``postgresql://`` and ``postgres://`` are taken to mean the same) or
a folder path. Only this module decides, so the app, the tests, the benchmark and the copy command
agree on it.
"""

from __future__ import annotations

from pathlib import Path

from storage.backend import Backend
from storage.files import FileBackend

__all__ = ["backend_for", "is_database_url"]

DATABASE_SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")


def is_database_url(where: str | Path) -> bool:
    """True when ``where`` is a PostgreSQL URL rather than a data folder."""
    return isinstance(where, str) and where.strip().lower().startswith(DATABASE_SCHEMES)


def backend_for(where: str | Path) -> Backend:
    """The backend ``where`` names (a database URL, or a data folder)."""
    if is_database_url(where):
        from storage.postgres import PostgresBackend  # SQLAlchemy only when a database is used

        return PostgresBackend(str(where))
    files = FileBackend(where)
    files.prepare("spaces", "links")
    return files
