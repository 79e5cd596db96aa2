"""article marks: per-user read state, stars and saved-for-later

Revision ID: 0017
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from storyline.store.schema import UTCDateTime

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_marks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("read_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("starred_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("saved_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_article_marks_user_id_users"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_marks_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "article_id", name=op.f("pk_article_marks")),
    )
    op.create_index("ix_article_marks_user_starred", "article_marks", ["user_id", "starred_at"])
    op.create_index("ix_article_marks_user_saved", "article_marks", ["user_id", "saved_at"])


def downgrade() -> None:
    op.drop_index("ix_article_marks_user_saved", table_name="article_marks")
    op.drop_index("ix_article_marks_user_starred", table_name="article_marks")
    op.drop_table("article_marks")
