"""The batched reads the pages need instead of one query per item: article cards, story
previews, entity keys and names of many articles, related-article candidates, co-occurring
entities, event types, the latest article time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from storyline.store.articles import localize
from storyline.store.rows import CARD_COLUMNS as _CARD
from storyline.store.rows import rows_of as _rows
from storyline.store.schema import article_tags, articles, entities, event_sources, events, mentions


class BrowseMixin:
    engine: Any

    def article_cards(self, ids: list[int]) -> list[dict]:
        """Title/outlet/time of many articles in one query, in the order of ``ids``."""
        if not ids:
            return []
        with self.connect() as conn:
            rows = {r["id"]: localize(r) for r in _rows(conn, select(*_CARD).where(articles.c.id.in_(ids)))}
        return [rows[i] for i in ids if i in rows]

    def story_previews(self, story_ids: list[int], per_story: int = 4) -> dict[int, list[dict]]:
        """The first articles (cards) of each story, newest first, in one query."""
        out: dict[int, list[dict]] = {i: [] for i in story_ids}
        if not story_ids:
            return out
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        rank = func.row_number().over(
            partition_by=articles.c.story_id, order_by=(when.desc(), articles.c.id.desc())
        )
        inner = select(*_CARD, rank.label("rk")).where(articles.c.story_id.in_(story_ids)).subquery()
        with self.connect() as conn:
            for row in _rows(conn, select(inner).where(inner.c.rk <= per_story)):
                out[row["story_id"]].append(localize(row))
        return out

    def entity_keys_of(self, article_ids: list[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {i: set() for i in article_ids}
        if not article_ids:
            return out
        query = (
            select(mentions.c.article_id, entities.c.key)
            .join(entities, entities.c.id == mentions.c.entity_id)
            .where(mentions.c.article_id.in_(article_ids))
            .distinct()
        )
        with self.connect() as conn:
            for aid, key in conn.execute(query):
                out[aid].add(key)
        return out

    def _entity_rows(self, column, values: list) -> list[dict]:
        if not values:
            return []
        with self.connect() as conn:
            return _rows(conn, select(entities.c.id, entities.c.key, entities.c.name, entities.c.type)
                         .where(column.in_(values)))

    def entity_names(self, keys: list[str]) -> dict[str, dict]:
        """key -> {id, name, type} for many entity keys."""
        return {r["key"]: r for r in self._entity_rows(entities.c.key, keys)}

    def related_candidates(self, article_id: int, limit: int = 40, per_key: int = 150) -> list[int]:
        """Articles sharing the most entities and hashtags with one article, among the latest ``per_key``
        articles of each (index range scans, so the cost does not grow with the store)."""
        shared: dict[int, int] = {}
        with self.connect() as conn:
            ents = list(
                conn.execute(
                    select(mentions.c.entity_id).where(mentions.c.article_id == article_id).distinct()
                ).scalars()
            )
            tags = list(
                conn.execute(
                    select(article_tags.c.tag).where(article_tags.c.article_id == article_id)
                ).scalars()
            )
            for eid in ents[:25]:
                for aid in conn.execute(
                    select(mentions.c.article_id)
                    .where(mentions.c.entity_id == eid)
                    .order_by(mentions.c.article_id.desc())
                    .limit(per_key * 3)
                ).scalars():
                    shared[aid] = shared.get(aid, 0) + 1
            for tag in tags[:10]:
                for aid in conn.execute(
                    select(article_tags.c.article_id)
                    .where(article_tags.c.tag == tag)
                    .order_by(article_tags.c.article_id.desc())
                    .limit(per_key)
                ).scalars():
                    shared[aid] = shared.get(aid, 0) + 1
        shared.pop(article_id, None)
        return sorted(shared, key=lambda a: (-shared[a], -a))[:limit]

    def co_occurring(self, entity_id: int, limit: int = 15, recent: int = 500) -> list[dict]:
        """Entities mentioned in the same articles as this one (its latest ``recent`` articles)."""
        arts = (
            select(mentions.c.article_id)
            .where(mentions.c.entity_id == entity_id)
            .distinct()
            .order_by(mentions.c.article_id.desc())
            .limit(recent)
            .scalar_subquery()
        )
        n = func.count(func.distinct(mentions.c.article_id)).label("articles")
        query = (
            select(entities.c.id, entities.c.name, entities.c.type, entities.c.key, n)
            .join(mentions, mentions.c.entity_id == entities.c.id)
            .where(mentions.c.article_id.in_(arts), entities.c.id != entity_id)
            .group_by(entities.c.id, entities.c.name, entities.c.type, entities.c.key)
            .order_by(n.desc(), entities.c.name)
            .limit(limit)
        )
        with self.connect() as conn:
            return _rows(conn, query)

    def latest_article_time(self):
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        with self.connect() as conn:
            return conn.execute(select(func.max(when))).scalar()

    def event_types(self) -> list[tuple[str, int]]:
        n = func.count(func.distinct(event_sources.c.article_id)).label("n")
        query = (
            select(events.c.type, n)
            .join(event_sources, event_sources.c.event_id == events.c.id)
            .group_by(events.c.type)
            .order_by(n.desc())
        )
        with self.connect() as conn:
            return [(t, c) for t, c in conn.execute(query)]

    def entities_by_ids(self, ids: list[int]) -> dict[int, dict]:
        return {r["id"]: r for r in self._entity_rows(entities.c.id, ids)}
