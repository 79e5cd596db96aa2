"""Articles and their versions: same key + same text = nothing new; changed text = a new version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update

from storyline.models import Article
from storyline.store.schema import article_tags, article_versions, articles
from storyline.text.japanese import index_form


def _offset_minutes(value: datetime | None) -> int | None:
    if value is None or value.utcoffset() is None:
        return None
    return int(value.utcoffset().total_seconds() // 60)


def localize(row: dict) -> dict:
    """Give ``published`` back the offset the page stated (stored as UTC + minutes)."""
    pub, offset = row.get("published"), row.get("published_offset")
    if pub is not None and offset is not None:
        row["published"] = pub.astimezone(timezone(timedelta(minutes=offset)))
    return row


def _article_values(article: Article) -> dict[str, Any]:
    return dict(
        url=article.url, source=article.source, position=article.position, title=article.title,
        title_inferred=article.title_inferred, subtitle=article.subtitle, outlet=article.outlet,
        wire=article.wire, authors=list(article.authors), dateline=article.dateline,
        published=article.published, published_offset=_offset_minutes(article.published),
        published_text=article.published_text, relative_age=article.relative_age,
        fetched_at=article.fetched_at, language=article.language, photo_caption=article.photo_caption,
        body=article.body, body_hash=article.body_hash, categories=list(article.categories),
        search_title=index_form(article.title), search_body=index_form(article.body),
        tags=list(article.tags), quality_flags=list(article.quality_flags),
        extra={**article.extra, "extract_quality_flags": list(article.quality_flags)},
    )


class ArticlesMixin:
    engine: Any

    def upsert_article(self, article: Article, raw_page_id: int | None) -> tuple[int, str]:
        """Returns (article_id, status) with status ``new``, ``unchanged`` or ``version``."""
        values = _article_values(article)
        now = datetime.now(UTC)
        with self.begin() as conn:
            row = conn.execute(select(articles.c.id, articles.c.body_hash, articles.c.version)
                               .where(articles.c.key == article.key)).first()
            if row is None:
                new_id = conn.execute(insert(articles).values(
                    key=article.key, raw_page_id=raw_page_id, first_seen=now, updated_at=now, **values
                )).inserted_primary_key[0]
                conn.execute(insert(article_versions).values(
                    article_id=new_id, version=1, raw_page_id=raw_page_id, title=article.title,
                    body=article.body, body_hash=article.body_hash))
                return new_id, "new"
            if row.body_hash == article.body_hash:
                return row.id, "unchanged"
            version = row.version + 1
            conn.execute(update(articles).where(articles.c.id == row.id).values(
                raw_page_id=raw_page_id, version=version, updated_at=now, enriched_at=None, **values))
            conn.execute(insert(article_versions).values(
                article_id=row.id, version=version, raw_page_id=raw_page_id, title=article.title,
                body=article.body, body_hash=article.body_hash))
            return row.id, "version"

    def get_article(self, article_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        return localize(dict(row._mapping)) if row else None

    def get_articles(self, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        with self.connect() as conn:
            rows = conn.execute(select(articles).where(articles.c.id.in_(ids))).all()
        by_id = {r.id: localize(dict(r._mapping)) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def article_versions(self, article_id: int) -> list[dict]:
        with self.connect() as conn:
            rows = conn.execute(select(article_versions).where(article_versions.c.article_id == article_id)
                                .order_by(article_versions.c.version))
            return [dict(r._mapping) for r in rows]

    def _article_filters(self, *, outlet=None, since=None, until=None, language=None, tag=None,
                         story_id=None, ids=None) -> list:
        cond = []
        if outlet:
            cond.append(func.lower(articles.c.outlet) == outlet.lower())
        if since:
            cond.append(func.coalesce(articles.c.published, articles.c.fetched_at) >= since)
        if until:
            cond.append(func.coalesce(articles.c.published, articles.c.fetched_at) <= until)
        if language:
            cond.append(articles.c.language == language)
        if tag:
            cond.append(articles.c.id.in_(select(article_tags.c.article_id)
                                          .where(article_tags.c.tag == tag.lstrip("#"))))
        if story_id is not None:
            cond.append(articles.c.story_id == story_id)
        if ids is not None:
            cond.append(articles.c.id.in_(ids))
        return cond

    def list_articles(self, *, limit: int = 50, offset: int = 0, newest_first: bool = True, **filters) -> list[dict]:
        cond = self._article_filters(**filters)
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        order = (when.desc(), articles.c.id.desc()) if newest_first else (articles.c.id,)
        query = select(articles).where(and_(True, *cond)).order_by(*order).limit(limit).offset(offset)
        with self.connect() as conn:
            return [localize(dict(r._mapping)) for r in conn.execute(query)]

    def count_articles(self, **filters) -> int:
        cond = self._article_filters(**filters)
        with self.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles).where(and_(True, *cond))).scalar()

    def iter_articles(self, batch: int = 500, **filters):
        """All articles by id, in batches (for export and re-enrichment)."""
        last = 0
        cond = self._article_filters(**filters)
        while True:
            with self.connect() as conn:
                rows = conn.execute(select(articles).where(articles.c.id > last, *cond)
                                    .order_by(articles.c.id).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield localize(dict(row._mapping))
            last = rows[-1].id

    def outlets(self) -> list[dict]:
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = (select(articles.c.outlet, func.count().label("articles"), func.max(when).label("last_seen"))
                 .where(articles.c.outlet.is_not(None)).group_by(articles.c.outlet)
                 .order_by(func.count().desc()))
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def set_tags(self, article_id: int, tags: list[str]) -> None:
        with self.begin() as conn:
            conn.execute(delete(article_tags).where(article_tags.c.article_id == article_id))
            seen: list[str] = []
            for tag in tags:
                tag = tag.lstrip("#")
                if tag and tag not in seen:
                    seen.append(tag)
            if seen:
                conn.execute(insert(article_tags), [dict(article_id=article_id, tag=t, rank=i)
                                                    for i, t in enumerate(seen)])

    def tag_counts(self, limit: int = 100, since: datetime | None = None) -> list[dict]:
        query = select(article_tags.c.tag, func.count().label("articles")).group_by(article_tags.c.tag)
        if since is not None:
            when = func.coalesce(articles.c.published, articles.c.fetched_at)
            query = query.join(articles, articles.c.id == article_tags.c.article_id).where(when >= since)
        query = query.order_by(func.count().desc(), article_tags.c.tag).limit(limit)
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def update_article(self, article_id: int, **values) -> None:
        for col in ("title", "body"):
            if col in values:  # keep the full-text index form in step
                values[f"search_{col}"] = index_form(values[col])
        with self.begin() as conn:
            conn.execute(update(articles).where(articles.c.id == article_id).values(**values))
