"""Copies: which stored articles carry the same text (``articles.duplicate_of``), for collapsing lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from storyline.store.schema import articles


class CopiesMixin:
    engine: Any

    def copy_groups(self, ids: list[int]) -> list[dict]:
        """``id``, ``duplicate_of`` and ``outlet`` of the articles ``ids`` and of every other copy of
        the same original (the original included), in two indexed queries."""
        if not ids:
            return []
        cols = (articles.c.id, articles.c.duplicate_of, articles.c.outlet)
        with self.connect() as conn:
            first = [dict(r._mapping) for r in conn.execute(select(*cols).where(articles.c.id.in_(ids)))]
            originals = {r["duplicate_of"] or r["id"] for r in first}
            query = select(*cols).where(or_(articles.c.id.in_(originals), articles.c.duplicate_of.in_(originals)))
            return [dict(r._mapping) for r in conn.execute(query)]
