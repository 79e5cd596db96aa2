"""Hashtags: counts, and "latest news with #X"."""

from __future__ import annotations

from storyline.queries.articles import list_articles_page
from storyline.queries.common import Page, cached_read, clamp


def normalize_tag(name: str) -> str:
    return name.strip().lstrip("#")


def list_tags(store, *, limit: int | None = None, offset: int | None = None, since=None) -> Page:
    """Hashtags by article count, paged, with the total (so ``next`` ends)."""
    limit, offset = clamp(limit, offset, default=50)
    rows, total = store.tag_counts_page(limit=limit, offset=offset, since=since)
    return Page(rows, total, limit, offset)


@cached_read()
def tag_page(store, name: str, *, limit: int | None = None, offset: int | None = None) -> dict:
    tag = normalize_tag(name)
    page = list_articles_page(store, tag=tag, limit=limit, offset=offset, collapse=True)
    return {
        "tag": tag,
        "articles": page,
        "stories": store.list_stories(tag=tag, limit=8) if page.items else [],
    }
