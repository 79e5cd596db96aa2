"""Stories: the list ranked by reach and recency, and one story with its sources side by side."""

from __future__ import annotations

import math
from collections import Counter

from storyline.queries.articles import card
from storyline.queries.common import Page, article_when, as_utc, call_guarded, clamp, reference_time
from storyline.queries.docs import event_pairs, story_docs
from storyline.stories.happenings import merge_rows

COMPARE_MAX = 40  # articles compared side by side (the rest are listed)


def rank_stories(stories: list[dict], now) -> list[dict]:
    """Order by independent outlets, decayed by age (half-life 18 hours)."""

    def score(s: dict) -> float:
        updated = as_utc(s.get("updated"))
        hours = max(0.0, (now - updated).total_seconds() / 3600) if updated else 240.0
        return (1 + s.get("outlet_count", 0) + 0.25 * s.get("article_count", 0)) * math.pow(0.5, hours / 18)

    return sorted(stories, key=lambda s: (-score(s), -s["id"]))


def top_stories(store, limit: int = 12, per_story: int = 4) -> list[dict]:
    now = reference_time(store)
    recent = store.list_stories(limit=150)
    top = rank_stories(recent, now)[:limit]
    previews = store.story_previews([s["id"] for s in top], per_story=per_story)
    return [dict(s, articles=[card(a) for a in previews.get(s["id"], [])]) for s in top]


def list_stories_page(
    store,
    *,
    limit: int | None = None,
    offset: int | None = None,
    tag: str | None = None,
    entity_id: int | None = None,
    since=None,
) -> Page:
    limit, offset = clamp(limit, offset)
    rows = store.list_stories(limit=limit, offset=offset, tag=tag, entity_id=entity_id, since=since)
    total = store.count_stories() if not (tag or entity_id or since) else None
    return Page(rows, total, limit, offset)


def _timeline(store, ids: list[int], docs_by_id: dict) -> list[dict]:
    rows = merge_rows(store.list_events(article_ids=ids, include_flagged=False, limit=200))
    return _timeline_rows(store, rows, docs_by_id)


def _sources(articles: list[dict], comparison) -> list[dict]:
    unique = getattr(comparison, "unique", {}) or {}
    firsts = {c.article_id for c in getattr(comparison, "coverage", []) if c.first}
    out = []
    for a in sorted(articles, key=lambda a: (article_when(a) is None, article_when(a) or 0, a["id"])):
        name = a.get("outlet") or f"article {a['id']}"
        lead = (a.get("body") or "").strip().split("\n")[0][:320]
        out.append(dict(card(a), lead=lead, first=a["id"] in firsts, adds=unique.get(name, [])[:4]))
    return out


def story_detail(store, story_id: int) -> dict | None:
    """One story: sources side by side (outlet, age, wire, what each adds), timeline, disagreements,
    entities and hashtags."""
    story = store.get_story(story_id)
    if story is None:
        return None
    arts = story.pop("articles")
    originals = [a for a in arts if a.get("duplicate_of") is None] or arts
    docs = story_docs(store, originals[:COMPARE_MAX])
    comparison = call_guarded("compare", "compare_sources", docs) if docs else None
    docs_by_id = {d.article_id: d for d in story_docs(store, arts[:200])} if docs else {}
    tags = Counter(t for a in arts for t in (a.get("hashtags") or []))
    disagreements = [
        dict(
            summary=d.summary,
            about=list(d.about),
            a=dict(source=d.a.source, voice=d.a.voice, article_id=d.a.article_id, text=d.a.quantity.text),
            b=dict(source=d.b.source, voice=d.b.voice, article_id=d.b.article_id, text=d.b.quantity.text),
        )
        for d in getattr(comparison, "disagreements", [])
    ]
    return {
        "story": story,
        "sources": _sources(originals, comparison),
        "duplicates": [card(a) for a in arts if a.get("duplicate_of") is not None],
        "timeline": _timeline(store, [a["id"] for a in arts], docs_by_id),
        "disagreements": disagreements,
        "entities": store.story_entities(story_id, limit=30),
        "hashtags": [{"tag": t, "articles": n} for t, n in tags.most_common(20)],
        "outlets": sorted({a["outlet"] for a in arts if a.get("outlet")}),
    }


def timeline_for(store, *, story_id: int | None = None, entity_id: int | None = None,
                 tag: str | None = None, limit: int = 300) -> list[dict]:
    """Events of a story, an entity or a hashtag ordered by event date (undated ones placed by their
    report's publication time and marked)."""
    if story_id is not None:
        ids = [a["id"] for a in store.list_articles(story_id=story_id, limit=1000, newest_first=False)]
    elif tag is not None:
        ids = [a["id"] for a in store.list_articles(tag=tag, limit=1000)]
    else:
        ids = None
    rows = merge_rows(store.list_events(article_ids=ids, entity_id=entity_id, limit=limit)) if ids != [] else []
    art_ids = sorted({s["article_id"] for r in rows for s in r["sources"]})
    docs_by_id = {d.article_id: d for d in story_docs(store, store.get_articles(art_ids))}
    return _timeline_rows(store, rows, docs_by_id)


def _timeline_rows(store, rows: list[dict], docs_by_id: dict) -> list[dict]:
    entries = call_guarded("timeline", "build_timeline", event_pairs(rows, docs_by_id)) if docs_by_id else None
    by_key = {r["key"]: r for r in rows}
    if entries is None:
        return [dict(r, when=r.get("date"), undated=not r.get("date"),
                     article_ids=[s["article_id"] for s in r["sources"]]) for r in rows]
    return [dict(when=e.when.isoformat() if e.when else None, undated=e.undated, type=e.type, sentence=e.sentence,
                 place=e.place, status=e.status, article_ids=list(e.article_ids), sentences=list(e.sentences),
                 independent_sources=by_key.get(e.event_key, {}).get("independent_sources"),
                 merged_from=by_key.get(e.event_key, {}).get("merged_from", []),
                 participants=by_key.get(e.event_key, {}).get("participants", []),
                 id=by_key.get(e.event_key, {}).get("id"), key=e.event_key) for e in entries]
