"""Stored rows back to the shared records, and the small helpers every store module shares."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.models import Article
from storyline.store.schema import articles


def article_from_row(row: dict) -> Article:
    return Article(
        body=row["body"], source=row["source"], position=row["position"], url=row["url"], title=row["title"],
        title_inferred=bool(row["title_inferred"]), subtitle=row["subtitle"], outlet=row["outlet"],
        wire=row["wire"], authors=list(row["authors"] or []), dateline=row["dateline"],
        published=row["published"], published_text=row["published_text"], relative_age=row["relative_age"],
        fetched_at=row["fetched_at"], language=row["language"], photo_caption=row["photo_caption"],
        categories=list(row["categories"] or []), tags=list(row["tags"] or []),
        quality_flags=list(row["quality_flags"] or []), extra=dict(row["extra"] or {}),
    )


CARD_COLUMNS = (  # the columns of an article card (lists, previews, most read)
    articles.c.id,
    articles.c.title,
    articles.c.outlet,
    articles.c.wire,
    articles.c.published,
    articles.c.published_offset,
    articles.c.fetched_at,
    articles.c.story_id,
    articles.c.hashtags,
    articles.c.duplicate_of,
    articles.c.url,
    articles.c.authors,
)


def now() -> datetime:
    return datetime.now(UTC)


def rows_of(conn, query) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(query)]
