"""Stored rows back to the shared records."""

from __future__ import annotations

from storyline.models import Article


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
