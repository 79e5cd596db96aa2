"""Hashtags: counts, and "latest news with #X"."""

from __future__ import annotations

from storyline.queries.articles import list_articles_page
from storyline.queries.common import Page, clamp


def normalize_tag(name: str) -> str:
    return name.strip().lstrip("#")


def list_tags(store, *, limit: int | None = None, since=None) -> Page:
    limit, _ = clamp(limit, 0, default=50)
    return Page(store.tag_counts(limit=limit, since=since), None, limit, 0)


def tag_page(store, name: str, *, limit: int | None = None, offset: int | None = None) -> dict:
    tag = normalize_tag(name)
    page = list_articles_page(store, tag=tag, limit=limit, offset=offset, collapse=True)
    return {
        "tag": tag,
        "articles": page,
        "stories": store.list_stories(tag=tag, limit=8) if page.items else [],
    }
