"""Comments on articles and stories, and their moderation queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, select, update

from storyline.store.rows import now as _now
from storyline.store.rows import rows_of as _rows
from storyline.store.schema import comments, users


class CommentsMixin:
    engine: Any

    def add_comment(
        self,
        target_type: str,
        target_id: int,
        user_id: int,
        body: str,
        *,
        status: str = "visible",
        spam_score: float = 0.0,
        spam_reasons: list[str] | None = None,
    ) -> int:
        with self.begin() as conn:
            return conn.execute(
                insert(comments).values(
                    target_type=target_type,
                    target_id=target_id,
                    user_id=user_id,
                    body=body,
                    status=status,
                    spam_score=spam_score,
                    spam_reasons=spam_reasons or [],
                    created_at=_now(),
                )
            ).inserted_primary_key[0]

    def get_comment(self, comment_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(comments).where(comments.c.id == comment_id)).first()
        return dict(row._mapping) if row else None

    def update_comment(self, comment_id: int, **values) -> None:
        with self.begin() as conn:
            conn.execute(update(comments).where(comments.c.id == comment_id).values(**values))

    def list_comments(
        self, target_type: str, target_id: int, *, viewer_id: int | None = None, moderator: bool = False
    ) -> list[dict]:
        """Visible comments, plus the viewer's own pending ones; a moderator sees pending and hidden too."""
        shown = [comments.c.status == "visible"]
        if viewer_id is not None:
            shown.append(and_(comments.c.user_id == viewer_id, comments.c.status == "pending"))
        if moderator:
            shown.append(comments.c.status.in_(["pending", "hidden"]))
        from sqlalchemy import or_

        query = (
            select(comments, users.c.username)
            .join(users, users.c.id == comments.c.user_id)
            .where(comments.c.target_type == target_type, comments.c.target_id == target_id, or_(*shown))
            .order_by(comments.c.created_at, comments.c.id)
        )
        with self.connect() as conn:
            return _rows(conn, query)

    def comments_by_status(self, status: str, limit: int = 100) -> list[dict]:
        query = (
            select(comments, users.c.username)
            .join(users, users.c.id == comments.c.user_id)
            .where(comments.c.status == status)
            .order_by(comments.c.id.desc())
            .limit(limit)
        )
        with self.connect() as conn:
            return _rows(conn, query)

    def count_recent_comments(self, user_id: int, since: datetime) -> int:
        with self.connect() as conn:
            return conn.execute(
                select(func.count())
                .select_from(comments)
                .where(comments.c.user_id == user_id, comments.c.created_at >= since)
            ).scalar()
