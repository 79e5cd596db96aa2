"""Full-text search over stored articles, the one module for it: hits, their count and facets in
one call (:func:`search_articles`), on SQLite FTS5 (BM25) or PostgreSQL tsvector, with filters.

Facets (outlet, hashtag, language, entity, event type) count the best ``FACET_SAMPLE`` matches,
not all of them, so their cost stays flat as the store grows; ``facets_sampled`` says when
there were more. Snippets come back as safe HTML: the article text is escaped and only our
``<mark>`` tags remain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Float, Integer, Text, and_, func, select, text

from storyline.store import Store
from storyline.store.articles import localize
from storyline.store.schema import article_tags, articles, entities, event_sources, events, mentions

_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'"([^"]+)"|(\S+)')


FACET_SAMPLE = 500  # facets count this many best matches
FACET_VALUES = 15  # values kept per facet (outlet, hashtag, entity)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[dict] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def facets_sampled(self) -> bool:
        """True when the facets counted only the best ``FACET_SAMPLE`` of more matches."""
        return bool(self.facets) and self.total > FACET_SAMPLE


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


def filter_conditions(*, outlet=None, since=None, until=None, language=None, tag=None, entity_id=None,
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
    """One page of hits (best first), the total, and (``facets=True``) facets over the best matches."""
    cond = filter_conditions(outlet=outlet, since=since, until=until, language=language, tag=tag,
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
        facet_data = _facets(conn, _sqlite_top_ids(conn, expr, cond)) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data)


def _sqlite_top_ids(conn, expr: str, cond: list) -> list[int]:
    """Ids of the ``FACET_SAMPLE`` best BM25 matches that pass ``cond`` (no snippets computed)."""
    ranked = text(
        "SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts "
        "WHERE articles_fts MATCH :expr ORDER BY score LIMIT :cap"
    ).columns(rid=Integer, score=Float).subquery("top")
    query = (select(articles.c.id).join_from(articles, ranked, ranked.c.rid == articles.c.id)
             .where(and_(True, *cond)).order_by(ranked.c.score).limit(FACET_SAMPLE))
    cap = FACET_SAMPLE * 4 if cond else FACET_SAMPLE  # filters drop some of the best matches
    return list(conn.execute(query, {"expr": expr, "cap": cap}).scalars())


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
        top = select(articles.c.id).where(where).order_by(rank.desc()).limit(FACET_SAMPLE)
        facet_data = _facets(conn, list(conn.execute(top).scalars())) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data)


def _hit(row: dict, negate: bool) -> dict:
    row = localize(row)
    row["score"] = -(row["score"] or 0.0) if negate else float(row["score"] or 0.0)
    row["snippet"] = safe_snippet(row.get("snippet") or "")
    return row


def _facets(conn, ids: list[int]) -> dict[str, list[tuple[str, int]]]:
    """Outlet, hashtag, language, entity ("name|id") and event-type counts over these articles."""
    if not ids:
        return {}
    out: dict[str, list[tuple[str, int]]] = {}
    n = func.count().label("n")
    out["outlet"] = [tuple(r) for r in conn.execute(
        select(articles.c.outlet, n).where(articles.c.id.in_(ids), articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet).order_by(n.desc()).limit(FACET_VALUES))]
    out["hashtag"] = [tuple(r) for r in conn.execute(
        select(article_tags.c.tag, n).where(article_tags.c.article_id.in_(ids))
        .group_by(article_tags.c.tag).order_by(n.desc()).limit(FACET_VALUES))]
    out["language"] = [tuple(r) for r in conn.execute(
        select(articles.c.language, n).where(articles.c.id.in_(ids), articles.c.language.is_not(None))
        .group_by(articles.c.language).order_by(n.desc()))]
    na = func.count(func.distinct(mentions.c.article_id)).label("n")
    out["entity"] = [(f"{name}|{eid}", c) for eid, name, c in conn.execute(
        select(entities.c.id, entities.c.name, na).join(mentions, mentions.c.entity_id == entities.c.id)
        .where(mentions.c.article_id.in_(ids)).group_by(entities.c.id, entities.c.name)
        .order_by(na.desc()).limit(FACET_VALUES))]
    ne = func.count(func.distinct(event_sources.c.article_id)).label("n")
    out["event_type"] = [tuple(r) for r in conn.execute(
        select(events.c.type, ne).join(event_sources, event_sources.c.event_id == events.c.id)
        .where(event_sources.c.article_id.in_(ids)).group_by(events.c.type).order_by(ne.desc()))]
    return out


__all__ = ["FACET_SAMPLE", "SearchResult", "filter_conditions", "fts5_query", "safe_snippet", "search_articles"]
