"""Alembic's entry point for Open Door's schema (run by ``storage.postgres.migrate``).

Migrations run under a PostgreSQL advisory lock, so two app processes starting at once on one
database apply each revision once: the second waits, then finds nothing left to do.
"""

from __future__ import annotations

import sqlalchemy
from alembic import context

MIGRATION_LOCK = 0x0D00D00D  # any fixed number: the advisory lock all Open Door processes share


def run() -> None:
    """Apply the pending revisions on one connection, inside the advisory lock."""
    url = context.config.get_main_option("sqlalchemy.url")
    engine = sqlalchemy.create_engine(
        url, poolclass=sqlalchemy.pool.NullPool, connect_args={"connect_timeout": 5}
    )
    try:
        with engine.connect() as connection:
            connection.execute(
                sqlalchemy.text("select pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK}
            )
            connection.commit()
            try:
                context.configure(connection=connection, transaction_per_migration=True)
                with context.begin_transaction():
                    context.run_migrations()
                connection.commit()
            finally:
                connection.execute(
                    sqlalchemy.text("select pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK}
                )
                connection.commit()
    finally:
        engine.dispose()


run()
