"""Full-text search over stored articles: SQLite FTS5 (BM25) or PostgreSQL tsvector, with filters,
facets and highlighted snippets.

Snippets come back as safe HTML: the article text is escaped and only our ``<mark>`` tags remain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Float, Integer, Text, and_, func, select, text

from storyline.store import Store
from storyline.store.articles import localize
from storyline.store.schema import article_tags, articles, event_sources, events, mentions

_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'"([^"]+)"|(\S+)')


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[dict] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def fts5_query(q: str) -> str | None:
    """User words -> an FTS5 expression: each word or "quoted phrase" must appear (AND);
    a bare OR between two terms is kept; a trailing * makes a prefix. Nothing the user types
    can inject FTS5 syntax."""
    parts: list[str] = []
    for phrase, word in _TERM.findall(q):
        if word.upper() == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        raw = phrase or word
        prefix = raw.endswith("*") and not phrase
        tokens = re.findall(r"\w+", raw)
        if not tokens:
            continue
        quoted = '"' + " ".join(tokens) + '"'
        parts.append(quoted + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


def safe_snippet(raw: str) -> str:
    return html.escape(raw).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def _filters(*, outlet=None, since=None, until=None, language=None, tag=None, entity_id=None,
             event_type=None) -> list:
    cond = []
    when = func.coalesce(articles.c.published, articles.c.fetched_at)
    if outlet:
        cond.append(func.lower(articles.c.outlet) == outlet.lower())
    if since:
        cond.append(when >= since)
    if until:
        cond.append(when <= until)
    if language:
        cond.append(articles.c.language == language)
    if tag:
        cond.append(articles.c.id.in_(select(article_tags.c.article_id).where(article_tags.c.tag == tag.lstrip("#"))))
    if entity_id:
        cond.append(articles.c.id.in_(select(mentions.c.article_id).where(mentions.c.entity_id == entity_id)))
    if event_type:
        cond.append(articles.c.id.in_(select(event_sources.c.article_id).join(events, events.c.id == event_sources.c.event_id)
                                      .where(events.c.type == event_type)))
    return cond


def search_articles(store: Store, q: str, *, outlet: str | None = None, since: datetime | None = None,
                    until: datetime | None = None, language: str | None = None, tag: str | None = None,
                    entity_id: int | None = None, event_type: str | None = None,
                    limit: int = 20, offset: int = 0, facets: bool = True) -> SearchResult:
    cond = _filters(outlet=outlet, since=since, until=until, language=language, tag=tag,
                    entity_id=entity_id, event_type=event_type)
    if store.dialect == "sqlite":
        return _search_sqlite(store, q, cond, limit, offset, facets)
    return _search_postgres(store, q, cond, limit, offset, facets)


_HIT_COLUMNS = (articles.c.id, articles.c.title, articles.c.outlet, articles.c.wire, articles.c.published,
                articles.c.published_offset, articles.c.fetched_at, articles.c.relative_age, articles.c.language,
                articles.c.story_id, articles.c.hashtags, articles.c.quality_flags)


def _search_sqlite(store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool) -> SearchResult:
    expr = fts5_query(q)
    if expr is None:
        return SearchResult(q, 0)
    fts = text(
        f"SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score, "
        f"snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 28) AS snippet "
        "FROM articles_fts WHERE articles_fts MATCH :expr"
    ).columns(rid=Integer, score=Float, snippet=Text).subquery("f")
    where = and_(articles.c.id.in_(select(fts.c.rid)), *cond)
    query = (select(*_HIT_COLUMNS, fts.c.score, fts.c.snippet).join_from(articles, fts, fts.c.rid == articles.c.id)
             .where(and_(True, *cond)).order_by(fts.c.score, articles.c.id.desc()).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        params = {"expr": expr}
        total = conn.execute(select(func.count()).select_from(articles).where(where), params).scalar()
        hits = [_hit(dict(r._mapping), negate=True) for r in conn.execute(query, params)]
        facet_data = _facets(conn, where, params) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data)


def _search_postgres(store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool) -> SearchResult:
    if not q.strip():
        return SearchResult(q, 0)
    vector = func.to_tsvector("english", func.coalesce(articles.c.title, "") + " " + articles.c.body)
    tsq = func.websearch_to_tsquery("english", q)
    where = and_(vector.op("@@")(tsq), *cond)
    rank = func.ts_rank_cd(vector, tsq)
    snip = func.ts_headline("english", articles.c.body, tsq,
                            f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=35, MinWords=15, MaxFragments=2")
    query = (select(*_HIT_COLUMNS, rank.label("score"), snip.label("snippet")).where(where)
             .order_by(rank.desc(), articles.c.id.desc()).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles).where(where)).scalar()
        hits = [_hit(dict(r._mapping), negate=False) for r in conn.execute(query)]
        facet_data = _facets(conn, where, {}) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data)


def _hit(row: dict, negate: bool) -> dict:
    row = localize(row)
    row["score"] = -(row["score"] or 0.0) if negate else float(row["score"] or 0.0)
    row["snippet"] = safe_snippet(row.get("snippet") or "")
    return row


def _facets(conn, where, params) -> dict[str, list[tuple[str, int]]]:
    from storyline.store.schema import entities

    matched = select(articles.c.id).where(where).scalar_subquery()
    out: dict[str, list[tuple[str, int]]] = {}
    n = func.count().label("n")
    out["outlet"] = [tuple(r) for r in conn.execute(
        select(articles.c.outlet, n).where(articles.c.id.in_(matched), articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet).order_by(n.desc()).limit(15), params)]
    out["hashtag"] = [tuple(r) for r in conn.execute(
        select(article_tags.c.tag, n).where(article_tags.c.article_id.in_(matched))
        .group_by(article_tags.c.tag).order_by(n.desc()).limit(15), params)]
    out["language"] = [tuple(r) for r in conn.execute(
        select(articles.c.language, n).where(articles.c.id.in_(matched), articles.c.language.is_not(None))
        .group_by(articles.c.language).order_by(n.desc()), params)]
    na = func.count(func.distinct(mentions.c.article_id)).label("n")
    out["entity"] = [(f"{name}|{eid}", c) for eid, name, c in conn.execute(
        select(entities.c.id, entities.c.name, na).join(mentions, mentions.c.entity_id == entities.c.id)
        .where(mentions.c.article_id.in_(matched)).group_by(entities.c.id, entities.c.name)
        .order_by(na.desc()).limit(15), params)]
    ne = func.count(func.distinct(event_sources.c.article_id)).label("n")
    out["event_type"] = [tuple(r) for r in conn.execute(
        select(events.c.type, ne).join(event_sources, event_sources.c.event_id == events.c.id)
        .where(event_sources.c.article_id.in_(matched)).group_by(events.c.type).order_by(ne.desc()), params)]
    return out


__all__ = ["SearchResult", "search_articles", "fts5_query", "safe_snippet"]
