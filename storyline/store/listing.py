"""Paged lists for browsing: hashtags by article count and entity totals, each with its total."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from storyline.store.schema import article_tags, articles, entities


class ListingMixin:
    engine: Any

    def tag_counts_page(self, *, limit: int = 50, offset: int = 0,
                        since: datetime | None = None) -> tuple[list[dict], int]:
        """Hashtags by number of articles (ties by name), one page of them, and how many there are."""
        base = select(article_tags.c.tag, func.count().label("articles"))
        if since is not None:
            when = func.coalesce(articles.c.published, articles.c.fetched_at)
            base = base.join(articles, articles.c.id == article_tags.c.article_id).where(when >= since)
        base = base.group_by(article_tags.c.tag)
        with self.connect() as conn:
            total = conn.execute(select(func.count()).select_from(base.subquery())).scalar()
            rows = [dict(r._mapping) for r in conn.execute(
                base.order_by(func.count().desc(), article_tags.c.tag).limit(limit).offset(offset))]
        return rows, int(total or 0)

    def count_entities(self, type: str | None = None) -> int:
        query = select(func.count()).select_from(entities)
        if type:
            query = query.where(entities.c.type == type.upper())
        with self.connect() as conn:
            return int(conn.execute(query).scalar() or 0)
