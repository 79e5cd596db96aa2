"""Stories: the list ranked by reach and recency, and one story with its sources side by side."""

from __future__ import annotations

from collections import Counter

from storyline.queries.articles import card
from storyline.queries.common import Page, article_when, cached_read, clamp
from storyline.queries.copies import collapse_copies
from storyline.queries.docs import event_pairs
from storyline.queries.ranking import ranked_candidates
from storyline.stories.compare import compare_sources
from storyline.stories.doc import story_docs
from storyline.stories.happenings import merge_rows
from storyline.stories.timeline import build_timeline

COMPARE_MAX = 40  # articles compared side by side (the rest are listed)


def top_stories(store, limit: int = 12, per_story: int = 4) -> list[dict]:
    """The top stories by the trusted ranking (``queries.ranking``), each with its reason line;
    quality-flagged-only stories never appear here."""
    ranked = [r for r in ranked_candidates(store) if not r.signals.flagged_only][:limit]
    rows = {s["id"]: s for s in store.stories_by_ids([r.story_id for r in ranked])}
    previews = store.story_previews([r.story_id for r in ranked], per_story=2 * per_story)
    groups = store.copy_groups([a["id"] for arts in previews.values() for a in arts])  # copies once
    return with_thumbnails(store, [dict(rows[r.story_id], reason=r.reason, rank=r.as_dict(),
                 articles=collapse_copies(store, [card(a) for a in previews.get(r.story_id, [])], per_story, groups))
            for r in ranked if r.story_id in rows])


def with_thumbnails(store, stories: list[dict]) -> list[dict]:
    """Each story's ``image``: the og:image of its first previewed article that has one, https only
    (the reader's browser loads it from the source; the page's CSP allows https images and nothing
    is proxied)."""
    images = {k: v for k, v in store.article_images([a["id"] for s in stories for a in s.get("articles") or []]).items()
              if v.startswith("https://")}
    for s in stories:
        s["image"] = next((images[a["id"]] for a in s.get("articles") or [] if a["id"] in images), None)
    return stories


SORTS = ("top", "newest", "covered")


def list_stories_page(
    store,
    *,
    limit: int | None = None,
    offset: int | None = None,
    sort: str = "top",
    tag: str | None = None,
    entity_id: int | None = None,
    outlet: str | None = None,
    language: str | None = None,
    since=None,
    until=None,
    per_story: int = 0,
) -> Page:
    """The story river: ``top`` (the trusted ranking of the most recently updated stories, each with
    its reason line), ``newest`` (last updated first) or ``covered`` (most independent outlets first),
    filtered by hashtag, entity, outlet, language and update time."""
    limit, offset = clamp(limit, offset)
    filters = dict(tag=tag, entity_id=entity_id, outlet=outlet, language=language, since=since, until=until)
    if sort == "top":
        ranked = ranked_candidates(store)
        if any(v is not None and v != "" for v in filters.values()):
            keep = store.story_ids_matching([r.story_id for r in ranked], **filters)
            ranked = [r for r in ranked if r.story_id in keep]
        window = ranked[offset:offset + limit]
        rows = {s["id"]: s for s in store.stories_by_ids([r.story_id for r in window])}
        items = [dict(rows[r.story_id], reason=r.reason, rank=r.as_dict()) for r in window if r.story_id in rows]
        total = len(ranked)
    else:
        items, total = store.river_stories(order=sort, limit=limit, offset=offset, **filters)
    if per_story:
        previews = store.story_previews([s["id"] for s in items], per_story=per_story)
        items = with_thumbnails(store, [dict(s, articles=[card(a) for a in previews.get(s["id"], [])])
                                        for s in items])
    return Page(items, total, limit, offset)


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


@cached_read()
def story_detail(store, story_id: int) -> dict | None:
    """One story: sources side by side (outlet, age, wire, what each adds), timeline, disagreements,
    entities and hashtags."""
    story = store.get_story(story_id)
    if story is None:
        return None
    arts = story.pop("articles")
    originals = [a for a in arts if a.get("duplicate_of") is None] or arts
    docs = story_docs(store, originals[:COMPARE_MAX])
    comparison = compare_sources(docs) if docs else None
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
    entries = build_timeline(event_pairs(rows, docs_by_id)) if docs_by_id else None
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
