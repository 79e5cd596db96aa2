"""Articles: lists with filters, and one article with its marked-up text, facts and related reading."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from storyline.models import normalize_text
from storyline.queries.common import Page, cached_read, clamp
from storyline.queries.copies import collapse_copies
from storyline.stories.doc import story_docs
from storyline.stories.related import related_articles

LIST_FIELDS = (
    "id",
    "title",
    "outlet",
    "wire",
    "authors",
    "dateline",
    "published",
    "fetched_at",
    "url",
    "language",
    "story_id",
    "duplicate_of",
    "hashtags",
    "quality_flags",
)


def card(row: dict) -> dict:
    """The fields a list item needs (no body)."""
    return {k: row.get(k) for k in LIST_FIELDS}


def list_articles_page(
    store,
    *,
    limit: int | None = None,
    offset: int | None = None,
    outlet: str | None = None,
    tag: str | None = None,
    since=None,
    until=None,
    language: str | None = None,
    story_id: int | None = None,
    with_total: bool = True,
    collapse: bool = False,
) -> Page:
    limit, offset = clamp(limit, offset)
    filters = dict(outlet=outlet, tag=tag, since=since, until=until, language=language, story_id=story_id)
    rows = store.list_articles(limit=limit, offset=offset, **filters)
    total = store.count_articles(**filters) if with_total else None
    items = [card(r) for r in rows]
    return Page(collapse_copies(store, items) if collapse else items, total, limit, offset)


def mark_mentions(body: str, mentions: list[dict]) -> list[list[dict]]:
    """The body as paragraphs of segments ``{"text", "entity_id"?, "entity_name"?, "entity_type"?}``.

    Segments are plain text cut at mention offsets (overlaps and out-of-range offsets are skipped);
    templates escape each one, so no text is ever inserted into HTML raw.
    """
    spans, last_end = [], 0
    body_mentions = [m for m in mentions if m.get("label") != "headline"]  # title offsets
    for m in sorted(body_mentions, key=lambda m: (m["start"], -m["end"])):
        start, end = int(m["start"]), int(m["end"])
        if start < last_end or end <= start or end > len(body) or body[start:end].strip() == "":
            continue
        spans.append((start, end, m))
        last_end = end
    segs, pos = [], 0
    for start, end, m in spans:
        if start > pos:
            segs.append({"text": body[pos:start]})
        segs.append(
            {
                "text": body[start:end],
                "entity_id": m["entity_id"],
                "entity_name": m.get("entity_name"),
                "entity_type": m.get("entity_type"),
            }
        )
        pos = end
    if pos < len(body):
        segs.append({"text": body[pos:]})
    return _paragraphs(segs)


def _paragraphs(segs: list[dict]) -> list[list[dict]]:
    """Split segments at blank lines (paragraph breaks) and single newlines into paragraphs."""
    paras: list[list[dict]] = [[]]
    for seg in segs:
        if "entity_id" in seg:
            paras[-1].append(seg)
            continue
        parts = seg["text"].split("\n")
        for i, part in enumerate(parts):
            if i > 0 and paras[-1]:
                paras.append([])
            if part:
                paras[-1].append({"text": part})
    return [p for p in paras if any(s["text"].strip() for s in p)]


def related(store, article: dict, k: int = 6) -> list[dict]:
    """Related articles from other stories, each with its reasons (``storyline.stories.related``)."""
    cand_ids = store.related_candidates(article["id"], limit=40)
    if not cand_ids:
        return []
    pool_rows = store.get_articles(cand_ids)
    docs = story_docs(store, [article, *pool_rows])
    cards = {r["id"]: card(r) for r in pool_rows}
    if docs:
        story_of = {r["id"]: r["story_id"] for r in [article, *pool_rows] if r.get("story_id") is not None}
        keys = sorted({k for d in docs for k in d.entity_keys})
        names = {key: v["name"] for key, v in store.entity_names(keys).items()}
        found = related_articles(docs[0], docs[1:], story_of, entity_names=names, k=k + 4)
        if found is not None:
            return _distinct_titles(
                [
                    dict(card(cards[r.article_id]), reasons=list(r.reasons), score=round(r.score, 3))
                    for r in found
                    if r.article_id in cards
                ],
                article.get("title"),
            )[:k]
    own = article.get("story_id")
    return _distinct_titles(
        [
            dict(card(cards[i]), reasons=["shares entities or hashtags"], score=None)
            for i in cand_ids
            if i in cards and (own is None or cards[i]["story_id"] != own)
        ],
        article.get("title"),
    )[:k]


def _distinct_titles(items: list[dict], own_title: str | None) -> list[dict]:
    """Drop republished copies: one item per headline (and none with the article's own headline)."""
    seen = {normalize_text(own_title)} if own_title else set()
    out = []
    for item in items:
        key = normalize_text(item.get("title") or "") or f"#{item['id']}"
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


@cached_read()
def article_detail(store, article_id: int, *, with_related: bool = True) -> dict | None:
    """One article: its fields, marked-up paragraphs, entities, events, story and related articles."""
    art = store.get_article(article_id)
    if art is None:
        return None
    mentions = store.article_mentions(article_id)
    ents: dict[int, dict] = {}
    for m in mentions:
        e = ents.setdefault(
            m["entity_id"],
            {
                "id": m["entity_id"],
                "name": m["entity_name"],
                "type": m["entity_type"],
                "key": m["entity_key"],
                "mentions": 0,
            },
        )
        e["mentions"] += 1
    story = store.get_story(art["story_id"]) if art.get("story_id") else None
    out = {
        "article": art,
        "paragraphs": mark_mentions(art["body"], mentions),
        "mentions": mentions,
        "entities": sorted(ents.values(), key=lambda e: (-e["mentions"], e["name"])),
        "events": store.list_events(article_ids=[article_id], include_flagged=True, limit=50),
        "story": {
            "id": story["id"],
            "title": story["title"],
            "article_count": story["article_count"],
            "outlet_count": story["outlet_count"],
        }
        if story
        else None,
        "summary": (art.get("extra") or {}).get("summary"),
        "related": related(store, art) if with_related else [],
        "original_url": original_url(store, art),
    }
    return out


def _http(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def original_url(store, art: dict) -> str | None:
    """The article's own address, absolute: a relative link ("/2026/11/story") is resolved against the
    address of the page it came from; None when there is no web address to point at."""
    url = (art.get("url") or "").strip()
    if not url:
        return None
    if _http(url):
        return url
    page = store.get_raw_page(art["raw_page_id"]) if art.get("raw_page_id") else None
    base = next((b for b in ((page or {}).get("url"), art.get("source")) if _http(b)), None)
    resolved = urljoin(base, url) if base else None
    return resolved if _http(resolved) else None
