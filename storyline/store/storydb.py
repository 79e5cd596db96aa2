"""Stories: which article belongs to which story, with the data to rebuild the story index."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from storyline.store.schema import (
    article_tags,
    articles,
    entities,
    event_sources,
    kv,
    mentions,
    stories,
    story_changes,
    story_vectors,
)


class StoriesMixin:
    engine: Any

    def create_story(self, title: str, first_seen: datetime | None = None, story_id: int | None = None) -> int:
        values = dict(title=title or "(untitled)", first_seen=first_seen, updated=first_seen)
        if story_id is not None:
            values["id"] = story_id
        with self.begin() as conn:
            return conn.execute(insert(stories).values(**values)).inserted_primary_key[0]

    def max_story_id(self) -> int:
        with self.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(stories.c.id), 0))).scalar()

    def assign_story(self, article_id: int, story_id: int) -> None:
        with self.begin() as conn:
            conn.execute(update(articles).where(articles.c.id == article_id).values(story_id=story_id))

    def set_duplicate_of(self, article_id: int, original_id: int | None) -> None:
        self.update_article(article_id, duplicate_of=original_id)

    def refresh_story(self, story_id: int, title: str | None = None) -> None:
        """Recompute counts and first seen / last updated from the story's articles."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        with self.begin() as conn:
            row = conn.execute(select(func.count(), func.count(func.distinct(articles.c.outlet)), func.min(when),
                                      func.max(when)).where(articles.c.story_id == story_id)).first()
            values = dict(article_count=row[0], outlet_count=row[1], first_seen=row[2], updated=row[3])
            if title:
                values["title"] = title
            conn.execute(update(stories).where(stories.c.id == story_id).values(**values))

    def move_article(self, article_id: int, from_id: int, into_id: int, kind: str) -> None:
        """Move one article to another story and record it (``kind``: "split" when it drifted away
        from the rest of its story)."""
        with self.begin() as conn:
            conn.execute(update(articles).where(articles.c.id == article_id).values(story_id=into_id))
            conn.execute(insert(story_changes).values(kind=kind, from_story=from_id, into_story=into_id,
                                                      detail={"article_id": article_id}))

    def merge_stories(self, from_id: int, into_id: int, detail: dict | None = None) -> None:
        with self.begin() as conn:
            conn.execute(update(articles).where(articles.c.story_id == from_id).values(story_id=into_id))
            conn.execute(insert(story_changes).values(kind="merge", from_story=from_id, into_story=into_id,
                                                      detail=detail or {}))
        self.refresh_story(from_id)
        self.refresh_story(into_id)

    def story_changes(self, limit: int = 50) -> list[dict]:
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(story_changes)
                                                           .order_by(story_changes.c.id.desc()).limit(limit))]

    def get_story(self, story_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
        if row is None:
            return None
        story = dict(row._mapping)
        story["articles"] = self.list_articles(story_id=story_id, limit=500, newest_first=False)
        return story

    def list_stories(self, *, limit: int = 30, offset: int = 0, since: datetime | None = None,
                     tag: str | None = None, entity_id: int | None = None, min_articles: int = 1) -> list[dict]:
        """Stories ordered by reach (independent outlets) and recency."""
        query = select(stories).where(stories.c.article_count >= min_articles)
        if since is not None:
            query = query.where(stories.c.updated >= since)
        if tag:
            query = query.where(stories.c.id.in_(
                select(articles.c.story_id).join(article_tags, article_tags.c.article_id == articles.c.id)
                .where(article_tags.c.tag == tag.lstrip("#"))))
        if entity_id is not None:
            query = query.where(stories.c.id.in_(
                select(articles.c.story_id).join(mentions, mentions.c.article_id == articles.c.id)
                .where(mentions.c.entity_id == entity_id)))
        query = query.order_by(
            stories.c.updated.desc().nulls_last(), stories.c.outlet_count.desc(), stories.c.id.desc()
        )
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]

    def count_stories(self) -> int:
        with self.connect() as conn:
            return conn.execute(select(func.count()).select_from(stories).where(stories.c.article_count > 0)).scalar()

    def story_event_ids(self, story_id: int) -> list[int]:
        with self.connect() as conn:
            return list(
                conn.execute(
                    select(func.distinct(event_sources.c.event_id))
                    .join(articles, articles.c.id == event_sources.c.article_id)
                    .where(articles.c.story_id == story_id)
                ).scalars()
            )

    def story_entities(self, story_id: int, limit: int = 30) -> list[dict]:
        n = func.count(func.distinct(mentions.c.article_id)).label("articles")
        query = (
            select(entities.c.id, entities.c.name, entities.c.type, entities.c.key, n)
            .join(mentions, mentions.c.entity_id == entities.c.id)
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(articles.c.story_id == story_id)
            .group_by(entities.c.id)
            .order_by(n.desc(), entities.c.name)
            .limit(limit)
        )
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # -- story index state
    def save_story_vector(self, article_id: int, data: dict) -> None:
        with self.begin() as conn:
            found = conn.execute(
                select(story_vectors.c.article_id).where(story_vectors.c.article_id == article_id)
            ).first()
            if found:
                conn.execute(update(story_vectors).where(story_vectors.c.article_id == article_id).values(data=data))
            else:
                conn.execute(insert(story_vectors).values(article_id=article_id, data=data))

    def iter_story_vectors(self, batch: int = 2000):
        last = 0
        while True:
            with self.connect() as conn:
                rows = conn.execute(
                    select(story_vectors.c.article_id, story_vectors.c.data, articles.c.story_id)
                    .join(articles, articles.c.id == story_vectors.c.article_id)
                    .where(story_vectors.c.article_id > last)
                    .order_by(story_vectors.c.article_id)
                    .limit(batch)
                ).all()
            if not rows:
                return
            yield from rows
            last = rows[-1].article_id

    def get_value(self, key: str, default=None):
        with self.connect() as conn:
            row = conn.execute(select(kv.c.value).where(kv.c.key == key)).first()
        return row.value if row else default

    def set_value(self, key: str, value) -> None:
        with self.begin() as conn:
            if conn.execute(select(kv.c.key).where(kv.c.key == key)).first():
                conn.execute(update(kv).where(kv.c.key == key).values(value=value))
            else:
                conn.execute(insert(kv).values(key=key, value=value))

    DATA_GENERATION = "data.generation"

    def bump_data_generation(self) -> None:
        """Say "what readers see has changed": every cached read path (storyline.queries) keyed by
        :meth:`data_version` is recomputed on its next request, in this process and in every other
        server process on the same store. The pipeline calls it after each batch it stores."""
        self.set_value(self.DATA_GENERATION, uuid.uuid4().hex)

    def data_version(self) -> tuple:
        """One cheap round trip: (generation, newest article id, newest story update). A change of
        any part invalidates cached pages; the last two also catch writers that do not bump."""
        gen = select(kv.c.value).where(kv.c.key == self.DATA_GENERATION).scalar_subquery()
        with self.connect() as conn:
            row = conn.execute(
                select(
                    gen,
                    select(func.max(articles.c.id)).scalar_subquery(),
                    select(func.max(stories.c.updated)).scalar_subquery(),
                )
            ).one()
        return tuple(str(v) if v is not None else None for v in row)
