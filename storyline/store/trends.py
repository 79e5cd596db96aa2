"""Observations the trend detector counts: (hashtag or entity, time) per article."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from storyline.store.schema import article_tags, articles, mentions


class TrendsMixin:
    engine: Any

    def tag_observations(self, since: datetime, limit: int = 50000) -> list[tuple[str, datetime]]:
        """(hashtag, article time) pairs since a time, for trend detection."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = (
            select(article_tags.c.tag, when)
            .join(articles, articles.c.id == article_tags.c.article_id)
            .where(when >= since)
            .limit(limit)
        )
        with self.connect() as conn:
            return [(t, w) for t, w in conn.execute(query)]

    def entity_observations(self, since: datetime, limit: int = 50000) -> list[tuple[int, datetime]]:
        """(entity id, article time) pairs, one per article mentioning the entity, since a time."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at).label("w")
        query = (
            select(mentions.c.entity_id, when)
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(when >= since)
            .group_by(mentions.c.entity_id, mentions.c.article_id, when)
            .limit(limit)
        )
        with self.connect() as conn:
            return [(e, w) for e, w in conn.execute(query)]
