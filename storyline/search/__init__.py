"""Full-text search over stored articles: hits, their count and facets in one call
(:func:`search_articles`), on SQLite FTS5 (BM25) or PostgreSQL tsvector, with filters. The query
language is parsed and written out for each engine in :mod:`storyline.search.query`.

Facets (outlet, hashtag, language, entity, event type) count the best ``FACET_SAMPLE`` matches,
not all of them, so their cost stays flat as the store grows; ``facets_sampled`` says when
there were more. Snippets come back as safe HTML: the article text is escaped and only our
``<mark>`` tags remain.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    ARRAY,
    REAL,
    Float,
    Integer,
    Text,
    and_,
    any_,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from storyline.search.query import (
    _CLOSE,
    _OPEN,
    MAX_TERMS,
    Near,
    _pg_websearch,
    clip_query,
    fts5_query,
    is_near,
    japanese_snippet,
    pg_ja_tsquery,
    relaxed_query,
    safe_snippet,
    split_negatives,
)
from storyline.store import Store
from storyline.store.articles import localize
from storyline.store.schema import article_tags, articles, entities, event_sources, events, mentions
from storyline.text.japanese import nfkc

FACET_SAMPLE = 500  # facets count this many best matches
# PostgreSQL reads at most this many matches, the newest, and ranks, counts and pages those: ranking
# reads each match's stored tsvector (~10-30 us a row), so a word in most of 1M articles would cost
# seconds. A query with fewer matches is ranked over all of them, as on SQLite.
RANK_WINDOW = 500
RANGE_STEPS = (2, 20, 200)  # without statistics, PostgreSQL looks among the newest step * RANK_WINDOW articles first
HISTOGRAM_MIN_BUCKETS = 4  # narrower ranges are cut by an index scan (a few ms for up to ~4% of 1M articles)
# Reading a GIN posting list costs per entry about 1/16 of testing one row's stored vector (measured at
# 1M articles, PostgreSQL 15): a word with more matches than 16x the range's articles is tested row by row
GIN_ENTRIES_PER_ROW = 16
# The matches' bitmap (the word's whole posting list ANDed with the range) kept exact, one entry a heap
# page: with PostgreSQL's default 4 MB it turns lossy past ~65k pages (a word in ~10% of 1M articles),
# and every article on those pages in the range has its stored vector read and tested again (2x the rows)
BITMAP_WORK_MEM = "32MB"
RANGE_MARGIN = 3  # with statistics: among enough of the newest to hold this many times RANK_WINDOW matches
PG_WEIGHTS = [0.1, 0.2, 0.25, 1.0]  # ts_rank_cd weights D, C, B (body), A (title): title 4x body, as bm25(4, 1)
FACET_VALUES = 15  # values kept per facet (outlet, hashtag, entity)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[dict] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    relaxed: bool = False  # no article held every word: these hold some of them (best first)
    clipped: bool = False  # the query had more than MAX_TERMS terms: the rest were ignored
    total_capped: bool = False  # PostgreSQL: more than RANK_WINDOW matched; ``total`` is that window

    @property
    def facets_sampled(self) -> bool:
        """True when the facets counted only the best ``FACET_SAMPLE`` of more matches."""
        return bool(self.facets) and self.total > FACET_SAMPLE


def filter_conditions(
    *, outlet=None, since=None, until=None, language=None, tag=None, entity_id=None, event_type=None
) -> list:
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
        cond.append(
            articles.c.id.in_(
                select(event_sources.c.article_id)
                .join(events, events.c.id == event_sources.c.event_id)
                .where(events.c.type == event_type)
            )
        )
    return cond


def search_articles(
    store: Store,
    q: str,
    *,
    outlet: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: str | None = None,
    tag: str | None = None,
    entity_id: int | None = None,
    event_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
    sort: str = "relevance",
    relax: bool = False,
) -> SearchResult:
    """One page of hits (best first, or newest first with ``sort="date"``), the total, and
    (``facets=True``) facets over the best matches. With ``relax``, a query of
    ``RELAX_MIN_TERMS`` or more words that no article holds in full is run again as any of its
    content words (:func:`relaxed_query`), and the result says so."""
    cond = filter_conditions(
        outlet=outlet, since=since, until=until, language=language, tag=tag, entity_id=entity_id, event_type=event_type
    )
    newest = sort == "date"
    run = _search_sqlite if store.dialect == "sqlite" else _search_postgres
    q_run, clipped = clip_query(q)
    result = run(store, q_run, cond, limit, offset, facets, newest)
    if relax and result.total == 0 and (loose := relaxed_query(q_run)):
        result = run(store, loose, cond, limit, offset, facets, newest)
        result.relaxed = True
    result.query, result.clipped = q, clipped
    return result


_WHEN = func.coalesce(articles.c.published, articles.c.fetched_at)


_HIT_COLUMNS = (articles.c.id, articles.c.title, articles.c.outlet, articles.c.wire, articles.c.published,
                articles.c.published_offset, articles.c.fetched_at, articles.c.relative_age, articles.c.language,
                articles.c.story_id, articles.c.hashtags, articles.c.quality_flags)


def _search_sqlite(
    store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool, newest: bool = False
) -> SearchResult:
    expr = fts5_query(q)
    if expr is None:
        return SearchResult(q, 0)
    fts = (
        text(
            f"SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score, "
            f"snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 28) AS snippet "
            "FROM articles_fts WHERE articles_fts MATCH :expr"
        )
        .columns(rid=Integer, score=Float, snippet=Text)
        .subquery("f")
    )
    where = and_(articles.c.id.in_(select(fts.c.rid)), *cond)
    query = (
        select(*_HIT_COLUMNS, fts.c.score, fts.c.snippet)
        .join_from(articles, fts, fts.c.rid == articles.c.id)
        .where(and_(True, *cond))
        .order_by(*((_WHEN.desc(),) if newest else (fts.c.score,)), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        params = {"expr": expr}
        total = conn.execute(select(func.count()).select_from(articles).where(where), params).scalar()
        hits = [_hit(dict(r._mapping), negate=True) for r in conn.execute(query, params)]
        _japanese_snippets(conn, hits, q)
        facet_data = _facets(conn, _sqlite_top_ids(conn, expr, cond)) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data)


def _sqlite_top_ids(conn, expr: str, cond: list) -> list[int]:
    """Ids of the ``FACET_SAMPLE`` best BM25 matches that pass ``cond`` (no snippets computed)."""
    ranked = (
        text(
            "SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts "
            "WHERE articles_fts MATCH :expr ORDER BY score LIMIT :cap"
        )
        .columns(rid=Integer, score=Float)
        .subquery("top")
    )
    query = (
        select(articles.c.id)
        .join_from(articles, ranked, ranked.c.rid == articles.c.id)
        .where(and_(True, *cond))
        .order_by(ranked.c.score)
        .limit(FACET_SAMPLE)
    )
    cap = FACET_SAMPLE * 4 if cond else FACET_SAMPLE  # filters drop some of the best matches
    return list(conn.execute(query, {"expr": expr, "cap": cap}).scalars())


def _search_postgres(
    store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool, newest: bool = False
) -> SearchResult:
    """Matches come from the GIN index on the stored ``search_vector`` (title weighted 'A', body 'B';
    migration 0020), and only the newest ``RANK_WINDOW`` of them are read: ranked, counted, sampled
    for facets, paged. The hit columns and snippets are then read for the one page of ids."""
    web = _pg_websearch(q)
    if not web.strip():
        return SearchResult(q, 0)
    vector = literal_column("articles.search_vector", TSVECTOR)
    positive, negatives = split_negatives(q)
    # websearch_to_tsquery has neither: our own to_tsquery form
    if "*" in positive or any(is_near(t) for t in (positive, *negatives)):
        tsq = func.to_tsquery("english", pg_ja_tsquery(q))
    else:
        tsq = func.websearch_to_tsquery("english", nfkc(web))
    match = vector.op("@@")(tsq)
    rank = func.ts_rank_cd(literal(PG_WEIGHTS, ARRAY(REAL)), vector, tsq)
    ja_q = pg_ja_tsquery(q)
    if ja_q:  # Japanese runs (as bigrams) and NFKC-folded text: the second, 'simple' index
        ja_vector = func.to_tsvector(
            "simple", func.coalesce(articles.c.search_title, "") + " " + func.coalesce(articles.c.search_body, "")
        )
        ja_tsq = func.to_tsquery("simple", ja_q)
        match = or_(match, ja_vector.op("@@")(ja_tsq))
        rank = rank + func.ts_rank_cd(ja_vector, ja_tsq)
    with store.engine.begin() as conn:
        ids = _newest_matches(conn, and_(match, *cond))
        total, capped = min(len(ids), RANK_WINDOW), len(ids) > RANK_WINDOW
        ids = ids[:RANK_WINDOW]
        # the window's outlet and language come along for the facets (the same rows); its times, as
        # exact epoch seconds (no datetime built per row), only to sort by date
        when = func.extract("epoch", _WHEN) if newest else literal(None)
        ranked = (
            conn.execute(
                select(articles.c.id, when.label("when"), rank.label("score"), articles.c.outlet,
                       articles.c.language).where(_among(articles.c.id, ids, conn))
            ).all()
            if ids
            else []
        )
        best = sorted(ranked, key=lambda r: (-(r.score or 0.0), -r.id))
        order = sorted(ranked, key=lambda r: (r.when or 0, r.id), reverse=True) if newest else best
        page = [r.id for r in order[offset : offset + limit]]
        snip = func.ts_headline(
            "english",
            articles.c.body,
            tsq,
            f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=35, MinWords=15, MaxFragments=2",
        )
        ja_body = case((articles.c.search_body.is_not(None), articles.c.body)).label("ja_body")
        rows = (
            {
                r.id: dict(r._mapping)
                for r in conn.execute(
                    select(*_HIT_COLUMNS, snip.label("snippet"), ja_body).where(_among(articles.c.id, page, conn))
                )
            }
            if page
            else {}
        )
        scores = {r.id: r.score for r in ranked}
        bodies = {i: row.pop("ja_body") for i, row in rows.items()}
        hits = [_hit({**rows[i], "score": scores[i]}, negate=False) for i in page if i in rows]
        _japanese_snippets(conn, hits, q, {i: b for i, b in bodies.items() if b is not None})
        sample = best[:FACET_SAMPLE]
        facet_data = (
            _facets(conn, [r.id for r in sample], outlets=[r.outlet for r in sample],
                    languages=[r.language for r in sample])
            if want_facets and total
            else {}
        )
    return SearchResult(q, total, hits, facet_data, total_capped=capped)


def _newest_matches(conn, where) -> list[int]:
    """Ids of the newest ``RANK_WINDOW + 1`` matches, newest first, read within the newest articles
    only (a cutoff on ``published``), then, if that range holds too few, within all. The range is
    sized from the planner's estimate of the matches (:func:`_range_size`), so one query usually
    suffices and the rows read stay near ``RANGE_MARGIN * RANK_WINDOW`` whatever the store's size and
    the words' frequency; without an estimate, ranges of ``RANGE_STEPS`` x ``RANK_WINDOW`` newest
    articles are tried in turn (each try reads the words' whole GIN posting lists again: 30-50 ms
    for a word in 8% of 1M articles). Matches come from the GIN bitmap with plain index scans off:
    the planner would walk the ``published`` index testing every row's stored vector (its detoasting
    is not in the planner's costs), 10-50x slower for a word in a few percent of the articles. For
    a word in a large share of the store (``GIN_ENTRIES_PER_ROW``) it is the other way round, and
    the range's rows are tested one by one (bitmap scans off)."""
    base = (
        select(articles.c.id)
        .where(where)
        .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc())
        .limit(RANK_WINDOW + 1)
    )

    def matches(query, by_index: bool = False) -> list[int]:
        off = "enable_bitmapscan" if by_index else "enable_indexscan"  # index-only scans (cutoffs) need the latter
        old = conn.execute(text(  # and room for an exact bitmap (the previous work_mem is put back after)
            "WITH old AS MATERIALIZED (SELECT current_setting('work_mem') AS v) "
            "SELECT v, set_config(:off, 'off', true), set_config('work_mem', :room, true) FROM old"
        ), {"off": off, "room": BITMAP_WORK_MEM}).scalar()
        try:
            return list(conn.execute(query).scalars())
        finally:
            conn.execute(text("SELECT set_config(:off, 'on', true), set_config('work_mem', :old, true)"),
                         {"off": off, "old": old})

    stats = _published_stats(conn)  # one read of the row count and the dates' histogram for all below
    estimate = _estimate(conn, where, stats)
    size = _range_size(*estimate) if estimate else None
    # a word in a large share of the store: testing the range's own vectors beats reading its posting list
    by_index = bool(estimate and size and estimate[0] >= GIN_ENTRIES_PER_ROW * size)
    for newest in (size,) if size is not None else tuple(step * RANK_WINDOW for step in RANGE_STEPS):
        if newest == 0:  # the estimate says the whole store
            break
        cutoff = _histogram_cutoff(conn, newest, stats) or conn.execute(
            select(articles.c.published)
            .where(articles.c.published.is_not(None))
            .order_by(articles.c.published.desc())
            .offset(newest)
            .limit(1)
        ).scalar()
        if cutoff is None:  # fewer articles than that: the last query reads them all
            break
        ids = matches(base.where(articles.c.published >= cutoff), by_index)
        if len(ids) > RANK_WINDOW:
            return ids
    return matches(base)


def _published_stats(conn) -> tuple:
    """(reltuples, histogram bounds of ``published``, its null fraction) of the articles table; the
    last two None without column statistics, reltuples < 1 when never analyzed."""
    return tuple(conn.execute(text(
        "SELECT c.reltuples, s.histogram_bounds::text::timestamptz[], s.null_frac FROM pg_class c "
        "LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'articles' "
        "AND s.attname = 'published' WHERE c.oid = to_regclass('articles')"
    )).first() or (None, None, None))


def _histogram_cutoff(conn, newest: int, stats: tuple | None = None) -> datetime | None:
    """A ``published`` time with about ``newest`` articles at or after it, read from the column's
    statistics (equal-count histogram bounds) instead of an index scan of ``newest`` entries (tens of
    ms for 100k+). Articles written since the last ANALYZE only widen the range, and a range that
    holds too few matches is followed by the whole store, so a stale histogram costs time, not hits.
    None without a histogram, when the range would be every dated article, or when it spans fewer than
    ``HISTOGRAM_MIN_BUCKETS`` buckets (one bucket is 1% of the store: too coarse for a narrow range).
    ``stats``: :func:`_published_stats`, when already read."""
    total, bounds, null_frac = stats or _published_stats(conn)
    if not bounds or len(bounds) < 2 or not total or total < 1:
        return None
    share = newest / (total * (1.0 - (null_frac or 0.0)))
    if share >= 1.0 or share * (len(bounds) - 1) < HISTOGRAM_MIN_BUCKETS:
        return None  # all of them, or a range this narrow is cut finer (and cheaply) by the index
    return bounds[int((1.0 - share) * (len(bounds) - 1))]


def _estimate(conn, where, stats: tuple | None = None) -> tuple[float, float] | None:
    """(matches, articles): the planner's row estimate for ``where`` (its tsvector statistics) and the
    table's row count; None when the table has no statistics yet (never analyzed). ``stats``:
    :func:`_published_stats`, when already read."""
    total = (stats or _published_stats(conn))[0]
    if not total or total < 1:
        return None
    query = select(articles.c.id).where(where)
    query = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(query), query.params).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(float(plan[0]["Plan"]["Plan Rows"]), 1.0), float(total)


def _range_size(estimate: float, total: float) -> int:
    """How many of the newest articles should hold ``RANGE_MARGIN`` times ``RANK_WINDOW`` of
    ``estimate`` matches spread over ``total`` articles; 0 for the whole store."""
    size = math.ceil(RANGE_MARGIN * (RANK_WINDOW + 1) * total / estimate)
    return 0 if size >= total / 2 else max(size, 2 * RANK_WINDOW)


def _japanese_snippets(conn, hits: list[dict], q: str, bodies: dict[int, str] | None = None) -> None:
    """Hits on Japanese (or full-width) text: the index holds their folded bigram form, so their
    snippet is cut from the stored body around the hit instead. ``bodies``: those hits' bodies,
    already read (id -> body of the hits with a folded form); else they are read here."""
    ids = [h["id"] for h in hits]
    if not ids:
        return
    if bodies is None:
        bodies = dict(conn.execute(
            select(articles.c.id, articles.c.body).where(articles.c.id.in_(ids), articles.c.search_body.is_not(None))
        ).all())
    for h in hits:
        if h["id"] in bodies:
            h["snippet"] = safe_snippet(japanese_snippet(bodies[h["id"]], q))


def _hit(row: dict, negate: bool) -> dict:
    row = localize(row)
    row["score"] = -(row["score"] or 0.0) if negate else float(row["score"] or 0.0)
    row["snippet"] = safe_snippet(row.get("snippet") or "")
    return row


def _grouped(conn, column, count, query, limit: int | None = FACET_VALUES) -> list[tuple[str, int]]:
    """``(value, count)`` of ``column`` over ``query`` (a select of ``column`` and ``count``), most first."""
    query = query.group_by(column).order_by(count.desc())
    return [tuple(r) for r in conn.execute(query if limit is None else query.limit(limit))]


def _among(column, ids: list[int], conn):
    """``column IN ids``; on PostgreSQL one array parameter (``= ANY``) instead of one per id, which
    SQLAlchemy and the driver would each handle for every one of up to ``RANK_WINDOW`` ids."""
    if conn.dialect.name == "postgresql":
        return column == any_(literal(list(ids), ARRAY(Integer)))
    return column.in_(ids)


def _counted(values: list, limit: int | None) -> list[tuple[str, int]]:
    """``(value, count)`` of the non-null values, most first (ties by value), at most ``limit``."""
    counts = sorted(Counter(v for v in values if v is not None).items(), key=lambda vc: (-vc[1], vc[0]))
    return counts if limit is None else counts[:limit]


def _facets(conn, ids: list[int], *, outlets: list | None = None,
            languages: list | None = None) -> dict[str, list[tuple[str, int]]]:
    """Outlet, hashtag, language, entity ("name|id") and event-type counts over these articles.
    ``outlets``/``languages``: those articles' values, already read (one per id), counted here
    instead of read again."""
    if not ids:
        return {}
    n = func.count().label("n")
    out: dict[str, list[tuple[str, int]]] = {
        "outlet": _counted(outlets, FACET_VALUES) if outlets is not None else _grouped(
            conn, articles.c.outlet, n, select(articles.c.outlet, n)
            .where(_among(articles.c.id, ids, conn), articles.c.outlet.is_not(None))),
        "language": _counted(languages, None) if languages is not None else _grouped(
            conn, articles.c.language, n, select(articles.c.language, n)
            .where(_among(articles.c.id, ids, conn), articles.c.language.is_not(None)), limit=None),
    }
    na = func.count(func.distinct(mentions.c.article_id)).label("n")
    ne = func.count(func.distinct(event_sources.c.article_id)).label("n")
    linked = {  # (value, entity id or None, count), most first
        "hashtag": select(article_tags.c.tag.label("value"), literal(None, Integer).label("eid"), n)
        .where(_among(article_tags.c.article_id, ids, conn)).group_by(article_tags.c.tag)
        .order_by(n.desc()).limit(FACET_VALUES),
        "entity": select(entities.c.name.label("value"), entities.c.id.label("eid"), na)
        .join(mentions, mentions.c.entity_id == entities.c.id).where(_among(mentions.c.article_id, ids, conn))
        .group_by(entities.c.id, entities.c.name).order_by(na.desc()).limit(FACET_VALUES),
        "event_type": select(events.c.type.label("value"), literal(None, Integer).label("eid"), ne)
        .join(event_sources, event_sources.c.event_id == events.c.id)
        .where(_among(event_sources.c.article_id, ids, conn)).group_by(events.c.type).order_by(ne.desc()),
    }
    if conn.dialect.name == "postgresql":  # one round trip for the three
        parts = [select(literal(name).label("facet"), *q.subquery().c) for name, q in linked.items()]
        rows: dict[str, list] = {name: [] for name in linked}
        for facet, value, eid, count in conn.execute(union_all(*parts)):
            rows[facet].append((value, eid, count))
        for got in rows.values():  # each part's own order, whatever order the union returns them in
            got.sort(key=lambda r: -r[2])
    else:
        rows = {name: [tuple(r) for r in conn.execute(q)] for name, q in linked.items()}
    out["hashtag"] = [(value, c) for value, _, c in rows["hashtag"]]
    out["entity"] = [(f"{value}|{eid}", c) for value, eid, c in rows["entity"]]
    out["event_type"] = [(value, c) for value, _, c in rows["event_type"]]
    return {name: out[name] for name in ("outlet", "hashtag", "language", "entity", "event_type")}


__all__ = [
    "FACET_SAMPLE",
    "is_near",
    "split_negatives",
    "MAX_TERMS",
    "RANK_WINDOW",
    "Near",
    "SearchResult",
    "clip_query",
    "relaxed_query",
    "filter_conditions",
    "fts5_query",
    "japanese_snippet",
    "pg_ja_tsquery",
    "safe_snippet",
    "search_articles",
]
