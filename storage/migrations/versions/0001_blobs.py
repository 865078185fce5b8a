"""Sealed bytes by name: one row per compartment document or link record.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The table and the sequence every version is drawn from (so versions never repeat)."""
    op.execute("create sequence open_door_versions")
    op.create_table(
        "open_door_blobs",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column(
            "updated", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


def downgrade() -> None:
    """Drop them (only for a database that holds nothing worth keeping)."""
    op.drop_table("open_door_blobs")
    op.execute("drop sequence open_door_versions")
