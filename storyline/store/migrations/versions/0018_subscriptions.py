"""subscriptions polled by the scheduler, the scheduler's heartbeat, watchlist digests

Revision ID: 0018
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

from storyline.store.schema import UTCDateTime

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("interval_s", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        _time("created_at", nullable=False),
        _time("next_check_at", nullable=False),
        _time("last_checked_at"),
        _time("last_success_at"),
        sa.Column("last_status", sa.String(length=20), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        sa.Column("last_new_articles", sa.Integer(), nullable=False),
        sa.Column("total_new_articles", sa.Integer(), nullable=False),
        sa.Column("checks", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=80), nullable=True),
        _time("lease_until"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint("url", name=op.f("uq_subscriptions_url")),
    )
    op.create_index(op.f("ix_subscriptions_next_check_at"), "subscriptions", ["next_check_at"])
    op.create_table(
        "scheduler_state",
        sa.Column("owner", sa.String(length=80), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("hostname", sa.Text(), nullable=True),
        _time("started_at", nullable=False),
        _time("heartbeat_at", nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("poll_s", sa.Float(), nullable=False),
        sa.Column("last_batch", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_scheduler_state")),
    )
    with op.batch_alter_table("watchlists") as batch:
        batch.add_column(sa.Column("digest", sa.String(length=10), nullable=False, server_default="instant"))
        batch.add_column(_time("last_delivered_at"))


def downgrade() -> None:
    with op.batch_alter_table("watchlists") as batch:
        batch.drop_column("last_delivered_at")
        batch.drop_column("digest")
    op.drop_index(op.f("ix_subscriptions_next_check_at"), table_name="subscriptions")
    op.drop_table("scheduler_state")
    op.drop_table("subscriptions")
