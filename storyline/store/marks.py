"""Per-user article marks: read, starred, saved for later; unread counts on watchlists."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, select, update

from storyline.store.schema import article_marks, articles, watch_matches

KINDS = {"read": "read_at", "star": "starred_at", "save": "saved_at"}


class MarksMixin:
    engine: Any

    def set_marks(self, user_id: int, article_ids: list[int], kind: str, on: bool = True) -> int:
        """Set or clear one mark on many articles (existing articles only); returns how many exist."""
        column = KINDS[kind]
        when = datetime.now(UTC) if on else None
        with self.begin() as conn:
            ids = list(conn.execute(select(articles.c.id).where(articles.c.id.in_(list(set(article_ids))))).scalars())
            if not ids:
                return 0
            have = set(conn.execute(select(article_marks.c.article_id).where(
                article_marks.c.user_id == user_id, article_marks.c.article_id.in_(ids))).scalars())
            if have:
                conn.execute(update(article_marks).where(article_marks.c.user_id == user_id,
                                                         article_marks.c.article_id.in_(list(have)))
                             .values({column: when}))
            new = [i for i in ids if i not in have]
            if new and on:
                conn.execute(insert(article_marks), [{"user_id": user_id, "article_id": i, column: when} for i in new])
        return len(ids)

    def marks_for(self, user_id: int, article_ids: list[int]) -> dict[int, dict[str, bool]]:
        """article id -> {read, star, save} for the ids that carry any mark."""
        if not article_ids:
            return {}
        query = select(article_marks).where(article_marks.c.user_id == user_id,
                                            article_marks.c.article_id.in_(list(article_ids)))
        with self.connect() as conn:
            return {r.article_id: {k: getattr(r, c) is not None for k, c in KINDS.items()}
                    for r in conn.execute(query)}

    def marked_article_ids(self, user_id: int, kind: str, *, limit: int = 50, offset: int = 0) -> tuple[list[int], int]:
        """Starred or saved articles, most recently marked first, and how many there are."""
        column = article_marks.c[KINDS[kind]]
        cond = and_(article_marks.c.user_id == user_id, column.is_not(None))
        with self.connect() as conn:
            total = conn.execute(select(func.count()).select_from(article_marks).where(cond)).scalar()
            ids = list(conn.execute(select(article_marks.c.article_id).where(cond)
                                    .order_by(column.desc(), article_marks.c.article_id.desc())
                                    .limit(limit).offset(offset)).scalars())
        return ids, int(total or 0)

    def unread_match_counts(self, user_id: int, watchlist_ids: list[int]) -> dict[int, int]:
        """watchlist id -> matched articles this user has not read."""
        if not watchlist_ids:
            return {}
        read = select(article_marks.c.article_id).where(article_marks.c.user_id == user_id,
                                                        article_marks.c.read_at.is_not(None))
        query = (select(watch_matches.c.watchlist_id, func.count(func.distinct(watch_matches.c.article_id)))
                 .where(watch_matches.c.watchlist_id.in_(list(watchlist_ids)), watch_matches.c.article_id.not_in(read))
                 .group_by(watch_matches.c.watchlist_id))
        out = dict.fromkeys(watchlist_ids, 0)
        with self.connect() as conn:
            out.update({wid: int(n) for wid, n in conn.execute(query)})
        return out


class ImagesMixin:
    engine: Any

    def article_images(self, article_ids: list[int]) -> dict[int, str]:
        """article id -> its preview image URL (from og:image at extraction), for those that have one."""
        if not article_ids:
            return {}
        with self.connect() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.extra).where(articles.c.id.in_(list(article_ids))))
            return {aid: extra["image"] for aid, extra in rows
                    if isinstance(extra, dict) and isinstance(extra.get("image"), str)}
