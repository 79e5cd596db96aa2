"""Accounts, comments, watchlists, reads, and the batched reads the web pages need.

Everything a reader does (registering, commenting, following, opening an article) lands here;
so do the few multi-row reads the pages would otherwise do one query per item for (story
previews, entity keys of many articles, co-occurring entities, trend observations).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update

from storyline.store.articles import localize
from storyline.store.schema import (
    article_tags,
    articles,
    comments,
    entities,
    event_sources,
    events,
    mentions,
    reads,
    users,
    watch_matches,
    watch_rules,
    watchlists,
)

_CARD = (
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


def _now() -> datetime:
    return datetime.now(UTC)


def _rows(conn, query) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(query)]


class SocialMixin:
    engine: Any

    # -- users
    def create_user(self, username: str, password_hash: str, *, is_admin: bool | None = None) -> int:
        """New account; ``is_admin=None`` makes the first account the admin."""
        with self.engine.begin() as conn:
            if is_admin is None:
                is_admin = conn.execute(select(func.count()).select_from(users)).scalar() == 0
            return conn.execute(
                insert(users).values(
                    username=username,
                    password_hash=password_hash,
                    is_admin=is_admin,
                    feed_token=secrets.token_urlsafe(24),
                    created_at=_now(),
                )
            ).inserted_primary_key[0]

    def _user_where(self, cond) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(cond)).first()
        return dict(row._mapping) if row else None

    def get_user(self, user_id: int) -> dict | None:
        return self._user_where(users.c.id == user_id)

    def get_user_by_name(self, username: str) -> dict | None:
        return self._user_where(func.lower(users.c.username) == username.lower())

    def get_user_by_feed_token(self, token: str) -> dict | None:
        return self._user_where(users.c.feed_token == token) if token else None

    def update_user(self, user_id: int, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(**values))

    # -- comments
    def add_comment(
        self,
        target_type: str,
        target_id: int,
        user_id: int,
        body: str,
        *,
        status: str = "visible",
        spam_score: float = 0.0,
        spam_reasons: list[str] | None = None,
    ) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                insert(comments).values(
                    target_type=target_type,
                    target_id=target_id,
                    user_id=user_id,
                    body=body,
                    status=status,
                    spam_score=spam_score,
                    spam_reasons=spam_reasons or [],
                    created_at=_now(),
                )
            ).inserted_primary_key[0]

    def get_comment(self, comment_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(comments).where(comments.c.id == comment_id)).first()
        return dict(row._mapping) if row else None

    def update_comment(self, comment_id: int, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(comments).where(comments.c.id == comment_id).values(**values))

    def list_comments(
        self, target_type: str, target_id: int, *, viewer_id: int | None = None, moderator: bool = False
    ) -> list[dict]:
        """Visible comments, plus the viewer's own pending ones; a moderator sees pending and hidden too."""
        shown = [comments.c.status == "visible"]
        if viewer_id is not None:
            shown.append(and_(comments.c.user_id == viewer_id, comments.c.status == "pending"))
        if moderator:
            shown.append(comments.c.status.in_(["pending", "hidden"]))
        from sqlalchemy import or_

        query = (
            select(comments, users.c.username)
            .join(users, users.c.id == comments.c.user_id)
            .where(comments.c.target_type == target_type, comments.c.target_id == target_id, or_(*shown))
            .order_by(comments.c.created_at, comments.c.id)
        )
        with self.engine.connect() as conn:
            return _rows(conn, query)

    def comments_by_status(self, status: str, limit: int = 100) -> list[dict]:
        query = (
            select(comments, users.c.username)
            .join(users, users.c.id == comments.c.user_id)
            .where(comments.c.status == status)
            .order_by(comments.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return _rows(conn, query)

    def count_recent_comments(self, user_id: int, since: datetime) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count())
                .select_from(comments)
                .where(comments.c.user_id == user_id, comments.c.created_at >= since)
            ).scalar()

    # -- watchlists and rules
    def create_watchlist(self, user_id: int, name: str, webhook_url: str | None = None) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                insert(watchlists).values(
                    user_id=user_id, name=name, webhook_url=webhook_url, created_at=_now()
                )
            ).inserted_primary_key[0]

    def get_watchlist(self, watchlist_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(watchlists).where(watchlists.c.id == watchlist_id)).first()
        return dict(row._mapping) if row else None

    def update_watchlist(self, watchlist_id: int, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watchlists).where(watchlists.c.id == watchlist_id).values(**values))

    def list_watchlists(self, user_id: int) -> list[dict]:
        """The user's watchlists, each with its ``rules``."""
        with self.engine.connect() as conn:
            lists = _rows(
                conn, select(watchlists).where(watchlists.c.user_id == user_id).order_by(watchlists.c.id)
            )
            ids = [w["id"] for w in lists]
            rules = (
                _rows(
                    conn,
                    select(watch_rules).where(watch_rules.c.watchlist_id.in_(ids)).order_by(watch_rules.c.id),
                )
                if ids
                else []
            )
        for w in lists:
            w["rules"] = [r for r in rules if r["watchlist_id"] == w["id"]]
        return lists

    def add_rule(self, watchlist_id: int, kind: str, value: str, label: str) -> int:
        """Follow ``value``; only articles stored after now count as new matches."""
        with self.engine.begin() as conn:
            found = conn.execute(
                select(watch_rules.c.id).where(
                    watch_rules.c.watchlist_id == watchlist_id,
                    watch_rules.c.kind == kind,
                    watch_rules.c.value == value,
                )
            ).scalar()
            if found is not None:
                return found
            last = conn.execute(select(func.coalesce(func.max(articles.c.id), 0))).scalar()
            return conn.execute(
                insert(watch_rules).values(
                    watchlist_id=watchlist_id,
                    kind=kind,
                    value=value,
                    label=label,
                    last_article_id=last,
                    created_at=_now(),
                )
            ).inserted_primary_key[0]

    def get_rule(self, rule_id: int) -> dict | None:
        query = (
            select(watch_rules, watchlists.c.user_id)
            .join(watchlists, watchlists.c.id == watch_rules.c.watchlist_id)
            .where(watch_rules.c.id == rule_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return dict(row._mapping) if row else None

    def delete_rule(self, rule_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(watch_matches).where(watch_matches.c.rule_id == rule_id))
            conn.execute(delete(watch_rules).where(watch_rules.c.id == rule_id))

    def all_rules(self) -> list[dict]:
        with self.engine.connect() as conn:
            return _rows(conn, select(watch_rules).order_by(watch_rules.c.id))

    def add_matches(self, rule: dict, article_ids: list[int], last_article_id: int) -> int:
        """Record new matches of one rule (idempotent) and move its high-water mark."""
        with self.engine.begin() as conn:
            have = (
                set(
                    conn.execute(
                        select(watch_matches.c.article_id).where(
                            watch_matches.c.rule_id == rule["id"], watch_matches.c.article_id.in_(article_ids)
                        )
                    ).scalars()
                )
                if article_ids
                else set()
            )
            fresh = [
                dict(rule_id=rule["id"], watchlist_id=rule["watchlist_id"], article_id=a, matched_at=_now())
                for a in dict.fromkeys(article_ids)
                if a not in have
            ]
            if fresh:
                conn.execute(insert(watch_matches), fresh)
            conn.execute(
                update(watch_rules)
                .where(watch_rules.c.id == rule["id"])
                .values(last_article_id=max(last_article_id, rule["last_article_id"]))
            )
        return len(fresh)

    def list_matches(
        self,
        *,
        user_id: int | None = None,
        watchlist_id: int | None = None,
        undelivered: bool = False,
        limit: int = 100,
    ) -> list[dict]:
        """Matches newest first, each with its article card and the rule that matched."""
        query = (
            select(
                watch_matches.c.id.label("match_id"),
                watch_matches.c.matched_at,
                watch_matches.c.watchlist_id,
                watch_rules.c.kind.label("rule_kind"),
                watch_rules.c.value.label("rule_value"),
                watch_rules.c.label.label("rule_label"),
                *_CARD,
            )
            .join(watch_rules, watch_rules.c.id == watch_matches.c.rule_id)
            .join(watchlists, watchlists.c.id == watch_matches.c.watchlist_id)
            .join(articles, articles.c.id == watch_matches.c.article_id)
            .order_by(watch_matches.c.id.desc())
            .limit(limit)
        )
        if user_id is not None:
            query = query.where(watchlists.c.user_id == user_id)
        if watchlist_id is not None:
            query = query.where(watch_matches.c.watchlist_id == watchlist_id)
        if undelivered:
            query = query.where(watch_matches.c.delivered_at.is_(None))
        with self.engine.connect() as conn:
            return [localize(r) for r in _rows(conn, query)]

    def mark_delivered(self, match_ids: list[int]) -> None:
        if match_ids:
            with self.engine.begin() as conn:
                conn.execute(
                    update(watch_matches).where(watch_matches.c.id.in_(match_ids)).values(delivered_at=_now())
                )

    def webhook_watchlists(self) -> list[dict]:
        with self.engine.connect() as conn:
            return _rows(
                conn,
                select(watchlists).where(
                    watchlists.c.webhook_url.is_not(None), watchlists.c.webhook_url != ""
                ),
            )

    # -- article ids after a high-water mark (watch matching)
    def max_article_id(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(articles.c.id), 0))).scalar()

    def tag_article_ids(self, tag: str, *, after_id: int = 0, limit: int = 500) -> list[int]:
        query = (
            select(article_tags.c.article_id)
            .where(article_tags.c.tag == tag.lstrip("#"), article_tags.c.article_id > after_id)
            .order_by(article_tags.c.article_id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def entity_article_ids(
        self, entity_id: int, *, after_id: int = 0, limit: int = 500, offset: int = 0
    ) -> list[int]:
        """Articles mentioning the entity, newest id first."""
        query = (
            select(mentions.c.article_id)
            .where(mentions.c.entity_id == entity_id, mentions.c.article_id > after_id)
            .group_by(mentions.c.article_id)
            .order_by(mentions.c.article_id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    # -- reads
    def record_read(self, article_id: int, user_id: int | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(reads).values(article_id=article_id, user_id=user_id, at=_now()))

    def most_read(self, since: datetime, limit: int = 10) -> list[dict]:
        n = func.count().label("reads")
        top = (
            select(reads.c.article_id, n)
            .where(reads.c.at >= since)
            .group_by(reads.c.article_id)
            .order_by(n.desc(), reads.c.article_id.desc())
            .limit(limit)
            .subquery()
        )
        query = (
            select(*_CARD, top.c.reads)
            .join(top, top.c.article_id == articles.c.id)
            .order_by(top.c.reads.desc())
        )
        with self.engine.connect() as conn:
            return [localize(r) for r in _rows(conn, query)]

    # -- batched reads for pages
    def article_cards(self, ids: list[int]) -> list[dict]:
        """Title/outlet/time of many articles in one query, in the order of ``ids``."""
        if not ids:
            return []
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            for aid, key in conn.execute(query):
                out[aid].add(key)
        return out

    def _entity_rows(self, column, values: list) -> list[dict]:
        if not values:
            return []
        with self.engine.connect() as conn:
            return _rows(conn, select(entities.c.id, entities.c.key, entities.c.name, entities.c.type)
                         .where(column.in_(values)))

    def entity_names(self, keys: list[str]) -> dict[str, dict]:
        """key -> {id, name, type} for many entity keys."""
        return {r["key"]: r for r in self._entity_rows(entities.c.key, keys)}

    def related_candidates(self, article_id: int, limit: int = 40, per_key: int = 150) -> list[int]:
        """Articles sharing the most entities and hashtags with one article, among the latest ``per_key``
        articles of each (index range scans, so the cost does not grow with the store)."""
        shared: dict[int, int] = {}
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            return _rows(conn, query)

    def tag_observations(self, since: datetime, limit: int = 50000) -> list[tuple[str, datetime]]:
        """(hashtag, article time) pairs since a time, for trend detection."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = (
            select(article_tags.c.tag, when)
            .join(articles, articles.c.id == article_tags.c.article_id)
            .where(when >= since)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(t, w) for t, w in conn.execute(query)]

    def entity_observations(self, since: datetime, limit: int = 50000) -> list[tuple[int, datetime]]:
        """(entity id, article time) pairs, one per article mentioning the entity, since a time."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at).label("w")
        query = (
            select(mentions.c.entity_id, when)
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(when >= since)
            .group_by(mentions.c.entity_id, mentions.c.article_id, when)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(e, w) for e, w in conn.execute(query)]

    def latest_article_time(self):
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(when))).scalar()

    def event_types(self) -> list[tuple[str, int]]:
        n = func.count(func.distinct(event_sources.c.article_id)).label("n")
        query = (
            select(events.c.type, n)
            .join(event_sources, event_sources.c.event_id == events.c.id)
            .group_by(events.c.type)
            .order_by(n.desc())
        )
        with self.engine.connect() as conn:
            return [(t, c) for t, c in conn.execute(query)]

    def entities_by_ids(self, ids: list[int]) -> dict[int, dict]:
        return {r["id"]: r for r in self._entity_rows(entities.c.id, ids)}

    # -- search facets over the best matches (SQLite FTS5); the full-match facets cost grows with the store
    def fts_top_ids(self, expr: str, cond: list, limit: int = 500) -> list[int]:
        """Ids of the ``limit`` best BM25 matches of an FTS5 expression that pass ``cond`` (SQLite only)."""
        from sqlalchemy import Float, Integer, text

        fts = (
            text(
                "SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts "
                "WHERE articles_fts MATCH :expr ORDER BY score LIMIT :cap"
            )
            .columns(rid=Integer, score=Float)
            .subquery("f")
        )
        query = (
            select(articles.c.id)
            .join_from(articles, fts, fts.c.rid == articles.c.id)
            .where(and_(True, *cond))
            .order_by(fts.c.score)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query, {"expr": expr, "cap": limit * 4 if cond else limit}).scalars())

    def facet_counts(self, ids: list[int], k: int = 15) -> dict[str, list[tuple[str, int]]]:
        """Outlet, hashtag, language, entity ("name|id") and event-type counts over these articles."""
        out: dict[str, list[tuple[str, int]]] = {}
        if not ids:
            return out
        n = func.count().label("n")
        with self.engine.connect() as conn:
            out["outlet"] = [
                tuple(r)
                for r in conn.execute(
                    select(articles.c.outlet, n)
                    .where(articles.c.id.in_(ids), articles.c.outlet.is_not(None))
                    .group_by(articles.c.outlet)
                    .order_by(n.desc())
                    .limit(k)
                )
            ]
            out["hashtag"] = [
                tuple(r)
                for r in conn.execute(
                    select(article_tags.c.tag, n)
                    .where(article_tags.c.article_id.in_(ids))
                    .group_by(article_tags.c.tag)
                    .order_by(n.desc())
                    .limit(k)
                )
            ]
            out["language"] = [
                tuple(r)
                for r in conn.execute(
                    select(articles.c.language, n)
                    .where(articles.c.id.in_(ids), articles.c.language.is_not(None))
                    .group_by(articles.c.language)
                    .order_by(n.desc())
                )
            ]
            na = func.count(func.distinct(mentions.c.article_id)).label("n")
            out["entity"] = [
                (f"{name}|{eid}", c)
                for eid, name, c in conn.execute(
                    select(entities.c.id, entities.c.name, na)
                    .join(mentions, mentions.c.entity_id == entities.c.id)
                    .where(mentions.c.article_id.in_(ids))
                    .group_by(entities.c.id, entities.c.name)
                    .order_by(na.desc())
                    .limit(k)
                )
            ]
            ne = func.count(func.distinct(event_sources.c.article_id)).label("n")
            out["event_type"] = [
                tuple(r)
                for r in conn.execute(
                    select(events.c.type, ne)
                    .join(event_sources, event_sources.c.event_id == events.c.id)
                    .where(event_sources.c.article_id.in_(ids))
                    .group_by(events.c.type)
                    .order_by(ne.desc())
                )
            ]
        return out
