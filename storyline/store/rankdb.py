"""What the top-stories ranking reads about each story: its articles' origin (page, part, outlet,
wire, copy of), language, times, quality flags, and the events they cite. Two queries per batch."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from storyline.store.schema import article_tags, articles, event_sources, events, mentions, stories


class RankingMixin:
    engine: Any

    def story_rank_rows(self, story_ids: list[int], per_story: int = 400) -> dict[int, list[dict]]:
        """story id -> its articles (at most ``per_story``, newest ids first), each with the event
        types and keys its unflagged sentences cite (``events``: list of (type, key, date or None))."""
        out: dict[int, list[dict]] = {int(i): [] for i in story_ids}
        if not out:
            return out
        cols = (articles.c.id, articles.c.story_id, articles.c.raw_page_id, articles.c.position, articles.c.outlet,
                articles.c.wire, articles.c.duplicate_of, articles.c.language, articles.c.published,
                articles.c.fetched_at, articles.c.quality_flags, articles.c.title)
        with self.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(*cols).where(articles.c.story_id.in_(list(out))).order_by(articles.c.id.desc()))]
            kept = []
            for r in rows:
                if len(out[r["story_id"]]) < per_story:
                    r["events"] = []
                    out[r["story_id"]].append(r)
                    kept.append(r)
            by_id = {r["id"]: r for r in kept}
            ids = list(by_id)
            for start in range(0, len(ids), 900):
                chunk = ids[start:start + 900]
                query = (select(event_sources.c.article_id, events.c.type, events.c.key, events.c.date)
                         .join(events, events.c.id == event_sources.c.event_id)
                         .where(event_sources.c.article_id.in_(chunk), event_sources.c.flagged.is_(False)))
                for aid, etype, key, date in conn.execute(query):
                    by_id[aid]["events"].append((etype, key, date))
        return out

    def stories_by_ids(self, story_ids: list[int]) -> list[dict]:
        if not story_ids:
            return []
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(stories).where(stories.c.id.in_(list(story_ids))))]

    def _story_filter(self, *, tag=None, entity_id=None, outlet=None, language=None, since=None, until=None):
        """Conditions on stories: one of its articles has the tag / entity / outlet / language;
        updated within [since, until]."""
        conds = [stories.c.article_count > 0]
        if since is not None:
            conds.append(stories.c.updated >= since)
        if until is not None:
            conds.append(stories.c.updated <= until)
        if tag:
            conds.append(stories.c.id.in_(select(articles.c.story_id).join(
                article_tags, article_tags.c.article_id == articles.c.id).where(article_tags.c.tag == tag.lstrip("#"))))
        if entity_id is not None:
            conds.append(stories.c.id.in_(select(articles.c.story_id).join(
                mentions, mentions.c.article_id == articles.c.id).where(mentions.c.entity_id == entity_id)))
        if outlet:
            conds.append(stories.c.id.in_(select(articles.c.story_id).where(
                or_(articles.c.outlet == outlet, articles.c.wire == outlet))))
        if language:
            conds.append(stories.c.id.in_(select(articles.c.story_id).where(
                or_(articles.c.language == language, articles.c.language.like(f"{language}-%")))))
        return and_(*conds)

    def river_stories(
        self, *, order: str = "newest", limit: int = 20, offset: int = 0, **filters
    ) -> tuple[list[dict], int]:
        """Stories newest first (``newest``) or by outlets then articles (``covered``), filtered; and
        how many match."""
        cond = self._story_filter(**filters)
        if order == "covered":
            by = (stories.c.outlet_count.desc(), stories.c.article_count.desc(), stories.c.updated.desc().nulls_last())
        else:
            by = (stories.c.updated.desc().nulls_last(),)
        with self.connect() as conn:
            total = conn.execute(select(func.count()).select_from(stories).where(cond)).scalar()
            rows = [
                dict(r._mapping)
                for r in conn.execute(
                    select(stories).where(cond).order_by(*by, stories.c.id.desc()).limit(limit).offset(offset)
                )
            ]
        return rows, int(total or 0)

    def story_ids_matching(self, story_ids: list[int], **filters) -> set[int]:
        """Which of these stories pass the filters of :meth:`river_stories`."""
        if not story_ids:
            return set()
        cond = and_(stories.c.id.in_(list(story_ids)), self._story_filter(**filters))
        with self.connect() as conn:
            return set(conn.execute(select(stories.c.id).where(cond)).scalars())
