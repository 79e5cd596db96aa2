"""Watchlists, their rules and matches, and the article-id reads a watch round does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update

from storyline.store.articles import localize
from storyline.store.rows import CARD_COLUMNS as _CARD
from storyline.store.rows import now as _now
from storyline.store.rows import rows_of as _rows
from storyline.store.schema import article_tags, articles, mentions, watch_matches, watch_rules, watchlists


class WatchMixin:
    engine: Any

    def create_watchlist(self, user_id: int, name: str, webhook_url: str | None = None) -> int:
        with self.begin() as conn:
            return conn.execute(
                insert(watchlists).values(
                    user_id=user_id, name=name, webhook_url=webhook_url, created_at=_now()
                )
            ).inserted_primary_key[0]

    def get_watchlist(self, watchlist_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(watchlists).where(watchlists.c.id == watchlist_id)).first()
        return dict(row._mapping) if row else None

    def update_watchlist(self, watchlist_id: int, **values) -> None:
        with self.begin() as conn:
            conn.execute(update(watchlists).where(watchlists.c.id == watchlist_id).values(**values))

    def list_watchlists(self, user_id: int) -> list[dict]:
        """The user's watchlists, each with its ``rules``."""
        with self.connect() as conn:
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
        with self.begin() as conn:
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
        with self.connect() as conn:
            row = conn.execute(query).first()
        return dict(row._mapping) if row else None

    def delete_rule(self, rule_id: int) -> None:
        with self.begin() as conn:
            conn.execute(delete(watch_matches).where(watch_matches.c.rule_id == rule_id))
            conn.execute(delete(watch_rules).where(watch_rules.c.id == rule_id))

    def all_rules(self) -> list[dict]:
        with self.connect() as conn:
            return _rows(conn, select(watch_rules).order_by(watch_rules.c.id))

    def add_matches(self, rule: dict, article_ids: list[int], last_article_id: int) -> int:
        """Record new matches of one rule (idempotent) and move its high-water mark."""
        with self.begin() as conn:
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
        with self.connect() as conn:
            return [localize(r) for r in _rows(conn, query)]

    def mark_delivered(self, match_ids: list[int]) -> None:
        if match_ids:
            with self.begin() as conn:
                conn.execute(
                    update(watch_matches).where(watch_matches.c.id.in_(match_ids)).values(delivered_at=_now())
                )

    def webhook_watchlists(self) -> list[dict]:
        with self.connect() as conn:
            return _rows(
                conn,
                select(watchlists).where(
                    watchlists.c.webhook_url.is_not(None), watchlists.c.webhook_url != ""
                ),
            )

    def max_article_id(self) -> int:
        with self.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(articles.c.id), 0))).scalar()

    def tag_article_ids(self, tag: str, *, after_id: int = 0, limit: int = 500) -> list[int]:
        query = (
            select(article_tags.c.article_id)
            .where(article_tags.c.tag == tag.lstrip("#"), article_tags.c.article_id > after_id)
            .order_by(article_tags.c.article_id.desc())
            .limit(limit)
        )
        with self.connect() as conn:
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
        with self.connect() as conn:
            return list(conn.execute(query).scalars())
