"""resumable ingest: each raw page's processing state; story ids from the database

Revision ID: 0016
Revises: 0003

``raw_pages.state`` is stored -> extracted -> enriched -> done; pages already in a store when this
runs were fully processed by the code of their time, so they start as ``done``. Story ids come from
the database from now on: on PostgreSQL the ``stories.id`` sequence is moved past the ids that were
inserted explicitly before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("raw_pages") as batch:
        batch.add_column(sa.Column("state", sa.String(length=12), nullable=False, server_default="done"))
        batch.create_index("ix_raw_pages_state", ["state"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('stories', 'id'), "
                   "COALESCE((SELECT max(id) FROM stories), 0) + 1, false)")


def downgrade() -> None:
    with op.batch_alter_table("raw_pages") as batch:
        batch.drop_index("ix_raw_pages_state")
        batch.drop_column("state")
