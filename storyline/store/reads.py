"""Article reads (who opened what) and the most-read list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select

from storyline.store.articles import localize
from storyline.store.rows import CARD_COLUMNS as _CARD
from storyline.store.rows import now as _now
from storyline.store.rows import rows_of as _rows
from storyline.store.schema import articles, reads


class ReadsMixin:
    engine: Any

    def record_read(self, article_id: int, user_id: int | None = None) -> None:
        with self.begin() as conn:
            conn.execute(insert(reads).values(article_id=article_id, user_id=user_id, at=_now()))

    def most_read(self, since: datetime, limit: int = 10) -> list[dict]:
        n = func.count().label("reads")
        top = (
            select(reads.c.article_id, n)
            .where(reads.c.at >= since)
            .group_by(reads.c.article_id)
            .order_by(n.desc(), reads.c.article_id.desc())
            .limit(limit)
            .subquery()
        )
        query = (
            select(*_CARD, top.c.reads)
            .join(top, top.c.article_id == articles.c.id)
            .order_by(top.c.reads.desc())
        )
        with self.connect() as conn:
            return [localize(r) for r in _rows(conn, query)]
