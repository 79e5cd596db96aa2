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

from sqlalchemy import (
    ARRAY,
    REAL,
    Float,
    Integer,
    Text,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from storyline.store import Store
from storyline.store.articles import localize
from storyline.store.schema import article_tags, articles, entities, event_sources, events, mentions
from storyline.text.japanese import has_cjk, nfkc, query_segments
from storyline.text.tokens import STOPWORDS

_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'(NEAR\([^()]*\))|"([^"]+)"|(\S+)', re.IGNORECASE)
_NEAR = re.compile(r'NEAR\(\s*([^()]*?)\s*(?:,\s*(\d+)\s*)?\)$', re.IGNORECASE)
_INNER = re.compile(r'"([^"]+)"|([^\s",]+)')

MAX_TERMS = 32  # words, phrases and NEAR groups searched; the rest of a longer query is ignored
NEAR_DEFAULT, NEAR_MAX = 10, 30  # NEAR(a b) = within 10 words of each other, as in FTS5
RELAX_MIN_TERMS = 3  # a query of this many words with no article holding them all: any of them


FACET_SAMPLE = 500  # facets count this many best matches
# PostgreSQL reads at most this many matches, the newest, and ranks, counts and pages those: ranking
# reads each match's stored tsvector (~10-30 us a row), so a word in most of 1M articles would cost
# seconds. A query with fewer matches is ranked over all of them, as on SQLite.
RANK_WINDOW = 500
RANGE_STEPS = (2, 20, 200)  # PostgreSQL looks for the window among the newest step * RANK_WINDOW articles first
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


def _parse(q: str) -> list:
    """User words -> ["OR" | [(tokens, prefix), ...] | Near per word]: each word or "quoted phrase"
    NFKC-folded and cut into index phrases (kanji/kana runs as character bigrams, see
    :mod:`storyline.text.japanese`); ``NEAR(a "b c", 5)`` a :class:`Near` group. At most
    ``MAX_TERMS`` terms are kept."""
    parts: list = []
    terms = 0
    for near, phrase, word in _TERM.findall(q):
        if terms >= MAX_TERMS:
            break
        if word.upper() == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        if near:
            part = _near(near)
        else:
            part = _segments(phrase, word) or None
        if part is not None:
            parts.append(part)
            terms += 1
    while parts and parts[-1] == "OR":
        parts.pop()
    return parts


def _segments(phrase: str, word: str) -> list[tuple[list[str], bool]]:
    raw = phrase or word
    prefix = raw.endswith("*") and not phrase
    segments = query_segments(raw.rstrip("*") if prefix else raw)
    if segments and prefix:
        segments[-1] = (segments[-1][0], True)
    return segments


@dataclass(frozen=True)
class Near:
    """Terms that must all appear within ``distance`` words of each other (any order)."""

    terms: tuple  # each a list of (tokens, prefix) index phrases
    distance: int


def _near(group: str) -> Near | list | None:
    m = _NEAR.match(group)
    if m is None:
        return None
    terms = [seg for phrase, word in _INNER.findall(m.group(1)) if (seg := _segments(phrase, word))][:6]
    if not terms:
        return None
    if len(terms) == 1:
        return terms[0]  # NEAR of one term is that term
    distance = min(int(m.group(2)) if m.group(2) else NEAR_DEFAULT, NEAR_MAX)
    return Near(tuple(terms), max(distance, 1))


def is_near(q: str) -> bool:
    return any(isinstance(p, Near) for p in _parse(q))


_NEGATED = re.compile(r'(?:(?<=\s)|^)(?:NOT\s+|-)((?i:NEAR)\([^()]*\)|"[^"]+"|[^\s"]+)')


def split_negatives(q: str) -> tuple[str, list[str]]:
    """'Japan -China NOT "trade war"' -> ('Japan', ['China', '"trade war"']): terms after a leading
    '-' or the word NOT are excluded (a hyphen inside a word, as in rare-earth, is not a NOT)."""
    negatives: list[str] = []

    def take(m: re.Match) -> str:
        negatives.append(m.group(1))
        return " "

    return _NEGATED.sub(take, q or "").strip(), negatives


def fts5_query(q: str) -> str | None:
    """User words -> an FTS5 expression: each word or "quoted phrase" must appear (AND);
    a bare OR between two terms is kept; a trailing * makes a prefix; '-word' or 'NOT word' excludes
    (only beside something to look for: None when nothing is left). Japanese runs become
    phrases of their bigrams (a one-character run a prefix), so words inside longer runs are
    found; full-width Latin is folded (NFKC). Nothing the user types can inject FTS5 syntax."""
    positive, negatives = split_negatives(q)
    expr = _fts5_positive(positive)
    excluded = _fts5_positive(" OR ".join(negatives)) if negatives else None
    if expr and excluded:
        return f"({expr}) NOT ({excluded})"
    return expr


def _fts5_positive(q: str) -> str | None:
    out = []
    for part in _parse(q):
        if part == "OR":
            out.append("OR")
            continue
        if isinstance(part, Near):
            group = " ".join(_fts5_phrase(toks, pre) for term in part.terms for toks, pre in term)
            out.append(f"NEAR({group}, {part.distance})")
            continue
        phrases = [_fts5_phrase(toks, pre) for toks, pre in part]
        term = phrases[0] if len(phrases) == 1 else "(" + " AND ".join(phrases) + ")"
        if out and out[-1] != "OR" and (term.startswith("(") or out[-1].startswith("(")):
            out.append("AND")  # explicit: FTS5 refuses an implicit AND beside a parenthesised group
        out.append(term)
    return " ".join(out) or None


def _fts5_phrase(toks: list[str], prefix: bool) -> str:
    return '"' + " ".join(toks) + '"' + ("*" if prefix else "")


def pg_ja_tsquery(q: str) -> str | None:
    """The same query for PostgreSQL's 'simple' tsvector of the folded columns (to_tsquery syntax)."""
    positive, negatives = split_negatives(q)
    expr = _pg_ja_positive(positive)
    excluded = _pg_ja_positive(" OR ".join(negatives)) if negatives else None
    return f"({expr}) & !({excluded})" if expr and excluded else expr


def _pg_websearch(q: str) -> str:
    """websearch_to_tsquery knows "phrases", OR and -word; NOT word becomes -word."""
    positive, negatives = split_negatives(q)
    return " ".join([positive, *("-" + n for n in negatives)]) if positive else ""


def _pg_ja_positive(q: str) -> str | None:
    out = []
    for part in _parse(q):
        if part == "OR":
            out.append("|")
            continue
        if out and out[-1] != "|":
            out.append("&")
        if isinstance(part, Near):
            out.append(_pg_near(part))
            continue
        out.append("(" + " & ".join(f"({_pg_phrase(toks, pre)})" for toks, pre in part) + ")")
    return " ".join(out) or None


def _pg_phrase(toks: list[str], prefix: bool) -> str:
    return " <-> ".join(f"'{t.lower()}'" for t in toks) + (":*" if prefix else "")


def _pg_near(near: Near) -> str:
    """tsquery has only exact distances (``a <3> b``): every pair of terms at any distance up to
    the limit, in either order."""
    terms = ["(" + " <-> ".join(f"({_pg_phrase(toks, pre)})" for toks, pre in term) + ")" for term in near.terms]
    pairs = []
    for i, a in enumerate(terms):
        for b in terms[i + 1:]:
            pairs.append("(" + " | ".join(f"{x} <{d}> {y}" for d in range(1, near.distance + 1)
                                          for x, y in ((a, b), (b, a))) + ")")
    return "(" + " & ".join(pairs) + ")"


def relaxed_query(q: str) -> str | None:
    """A long query that no article matches in full -> any of its content words (stop words and
    operators dropped; exclusions kept), for BM25 to rank by how many they hold. None when the
    query is short, already has OR, phrases or NEAR, or has no content words."""
    positive, negatives = split_negatives(q)
    if " OR " in f" {positive} " or '"' in positive or is_near(positive):
        return None
    words = list(dict.fromkeys(w for _near, _phrase, w in _TERM.findall(positive)
                               if w.strip("*").lower() not in STOPWORDS and "(" not in w and query_segments(w.rstrip("*"))))
    if len(words) < RELAX_MIN_TERMS:
        return None
    return " OR ".join(words[:MAX_TERMS]) + "".join(f" -{n}" for n in negatives)


def japanese_snippet(body: str, q: str, width: int = 60) -> str:
    """A snippet around the first query hit in Japanese text, hits wrapped in markers (then made
    safe HTML by :func:`safe_snippet`). Matching is on NFKC-folded text, so ｊａｐａｎ finds Japan."""
    text = nfkc(body)
    segments = [seg for part in _parse(split_negatives(q)[0]) if part != "OR"
                for seg in ([s for term in part.terms for s in term] if isinstance(part, Near) else part)]
    needles = [("".join(toks[:1]) + "".join(t[-1] for t in toks[1:])) if len(toks) > 1 and has_cjk(toks[0]) else " ".join(toks)
               for toks, _ in segments]
    needles = sorted({n for n in needles if n}, key=len, reverse=True)
    if not needles:
        return text[:width * 2]
    pat = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    first = pat.search(text)
    if first is None:
        return text[:width * 2]
    lo, hi = max(0, first.start() - width), min(len(text), first.end() + width)
    window = pat.sub(lambda m: _OPEN + m.group() + _CLOSE, text[lo:hi])
    return ("…" if lo else "") + window.replace("\n", " ") + ("…" if hi < len(text) else "")


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
                    limit: int = 20, offset: int = 0, facets: bool = True, sort: str = "relevance",
                    relax: bool = False) -> SearchResult:
    """One page of hits (best first, or newest first with ``sort="date"``), the total, and
    (``facets=True``) facets over the best matches. With ``relax``, a query of
    ``RELAX_MIN_TERMS`` or more words that no article holds in full is run again as any of its
    content words (:func:`relaxed_query`), and the result says so."""
    cond = filter_conditions(outlet=outlet, since=since, until=until, language=language, tag=tag,
                    entity_id=entity_id, event_type=event_type)
    newest = sort == "date"
    run = _search_sqlite if store.dialect == "sqlite" else _search_postgres
    q_run, clipped = clip_query(q)
    result = run(store, q_run, cond, limit, offset, facets, newest)
    if relax and result.total == 0 and (loose := relaxed_query(q_run)):
        result = run(store, loose, cond, limit, offset, facets, newest)
        result.relaxed = True
    result.query, result.clipped = q, clipped
    return result


def clip_query(q: str) -> tuple[str, bool]:
    """The query cut after its first ``MAX_TERMS`` terms (words, phrases, NEAR groups; OR and NOT
    not counted), and whether anything was cut."""
    count = 0
    for m in _TERM.finditer(q or ""):
        word = m.group(3) or ""
        if word.upper() in ("OR", "NOT") or word == "-":
            continue
        count += 1
        if count > MAX_TERMS:
            return q[:m.start()].rstrip(), True
    return q, False


_WHEN = func.coalesce(articles.c.published, articles.c.fetched_at)


_HIT_COLUMNS = (articles.c.id, articles.c.title, articles.c.outlet, articles.c.wire, articles.c.published,
                articles.c.published_offset, articles.c.fetched_at, articles.c.relative_age, articles.c.language,
                articles.c.story_id, articles.c.hashtags, articles.c.quality_flags)


def _search_sqlite(store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool,
                   newest: bool = False) -> SearchResult:
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
             .where(and_(True, *cond))
             .order_by(*((_WHEN.desc(),) if newest else (fts.c.score,)), articles.c.id.desc())
             .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        params = {"expr": expr}
        total = conn.execute(select(func.count()).select_from(articles).where(where), params).scalar()
        hits = [_hit(dict(r._mapping), negate=True) for r in conn.execute(query, params)]
        _japanese_snippets(conn, hits, q)
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


def _search_postgres(store: Store, q: str, cond: list, limit: int, offset: int, want_facets: bool,
                     newest: bool = False) -> SearchResult:
    """Matches come from the GIN index on the stored ``search_vector`` (title weighted 'A', body 'B';
    migration 0020), and only the newest ``RANK_WINDOW`` of them are read: ranked, counted, sampled
    for facets, paged. The hit columns and snippets are then read for the one page of ids."""
    web = _pg_websearch(q)
    if not web.strip():
        return SearchResult(q, 0)
    vector = literal_column("articles.search_vector", TSVECTOR)
    positive, negatives = split_negatives(q)
    if "*" in positive or any(is_near(t) for t in (positive, *negatives)):  # websearch_to_tsquery has neither: our own to_tsquery form
        tsq = func.to_tsquery("english", pg_ja_tsquery(q))
    else:
        tsq = func.websearch_to_tsquery("english", nfkc(web))
    match = vector.op("@@")(tsq)
    rank = func.ts_rank_cd(literal(PG_WEIGHTS, ARRAY(REAL)), vector, tsq)
    ja_q = pg_ja_tsquery(q)
    if ja_q:  # Japanese runs (as bigrams) and NFKC-folded text: the second, 'simple' index
        ja_vector = func.to_tsvector("simple", func.coalesce(articles.c.search_title, "") + " "
                                     + func.coalesce(articles.c.search_body, ""))
        ja_tsq = func.to_tsquery("simple", ja_q)
        match = or_(match, ja_vector.op("@@")(ja_tsq))
        rank = rank + func.ts_rank_cd(ja_vector, ja_tsq)
    with store.engine.begin() as conn:
        ids = _newest_matches(conn, and_(match, *cond))
        total, capped = min(len(ids), RANK_WINDOW), len(ids) > RANK_WINDOW
        ids = ids[:RANK_WINDOW]
        ranked = conn.execute(select(articles.c.id, _WHEN.label("when"), rank.label("score"))
                              .where(articles.c.id.in_(ids))).all() if ids else []
        best = sorted(ranked, key=lambda r: (-(r.score or 0.0), -r.id))
        order = sorted(ranked, key=lambda r: (r.when.timestamp() if r.when else 0.0, r.id), reverse=True) if newest else best
        page = [r.id for r in order[offset:offset + limit]]
        snip = func.ts_headline("english", articles.c.body, tsq,
                                f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=35, MinWords=15, MaxFragments=2")
        rows = {r.id: dict(r._mapping) for r in conn.execute(
            select(*_HIT_COLUMNS, snip.label("snippet")).where(articles.c.id.in_(page)))} if page else {}
        scores = {r.id: r.score for r in ranked}
        hits = [_hit({**rows[i], "score": scores[i]}, negate=False) for i in page if i in rows]
        _japanese_snippets(conn, hits, q)
        facet_data = _facets(conn, [r.id for r in best[:FACET_SAMPLE]]) if want_facets and total else {}
    return SearchResult(q, total, hits, facet_data, total_capped=capped)


def _newest_matches(conn, where) -> list[int]:
    """Ids of the newest ``RANK_WINDOW + 1`` matches, newest first, read from the GIN bitmap within the
    newest ``RANGE_STEPS`` x ``RANK_WINDOW`` articles (1k, 10k, 100k: a cutoff on the ``published`` index), then within all, stopping at
    the first range that holds enough: the rows read stay near ``10 * RANK_WINDOW`` whatever the store's
    size and the words' frequency. Plain index scans are off for these queries: the planner would walk
    the ``published`` index backwards and test every row's stored vector (its detoasting is not in the
    planner's costs), 10-50x slower for a word in a few percent of the articles."""
    base = (select(articles.c.id).where(where).order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc())
            .limit(RANK_WINDOW + 1))
    def matches(query) -> list[int]:
        conn.execute(text("SET LOCAL enable_indexscan = off"))  # index-only scans (the cutoffs) need it on
        try:
            return list(conn.execute(query).scalars())
        finally:
            conn.execute(text("SET LOCAL enable_indexscan = on"))

    for step in RANGE_STEPS:
        cutoff = conn.execute(select(articles.c.published).where(articles.c.published.is_not(None))
                              .order_by(articles.c.published.desc()).offset(step * RANK_WINDOW).limit(1)).scalar()
        if cutoff is None:  # fewer articles than that: the last query reads them all
            break
        ids = matches(base.where(articles.c.published >= cutoff))
        if len(ids) > RANK_WINDOW:
            return ids
    return matches(base)


def _japanese_snippets(conn, hits: list[dict], q: str) -> None:
    """Hits on Japanese (or full-width) text: the index holds their folded bigram form, so their
    snippet is cut from the stored body around the hit instead."""
    ids = [h["id"] for h in hits]
    if not ids:
        return
    rows = conn.execute(select(articles.c.id, articles.c.body)
                        .where(articles.c.id.in_(ids), articles.c.search_body.is_not(None))).all()
    bodies = dict(rows)
    for h in hits:
        if h["id"] in bodies:
            h["snippet"] = safe_snippet(japanese_snippet(bodies[h["id"]], q))


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


__all__ = ["FACET_SAMPLE", "MAX_TERMS", "RANK_WINDOW", "Near", "SearchResult", "clip_query", "relaxed_query", "filter_conditions", "fts5_query", "japanese_snippet", "pg_ja_tsquery",
           "safe_snippet", "search_articles"]
