"""What goes into a feed: a title, the page it mirrors and its latest articles (rendered by web.feeds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from storyline.queries.common import article_when
from storyline.queries.copies import carried_note, collapse_copies
from storyline.queries.search import SearchParams, search_page
from storyline.queries.stories import top_stories
from storyline.queries.tags import normalize_tag

FEED_SIZE = 30


@dataclass
class FeedSpec:
    title: str
    path: str  # the HTML page this feed follows, e.g. "/tags/japan"
    items: list[dict] = field(
        default_factory=list
    )  # id, title, summary, published, outlet, authors, tags, note


def _items(store, rows: list[dict], note: dict[int, str] | None = None) -> list[dict]:
    """Feed entries for ``rows``: copies of one text once (the first), noting who else carried it."""
    rows = collapse_copies(store, rows, FEED_SIZE)
    full = {r["id"]: r for r in store.get_articles([r["id"] for r in rows])}
    out = []
    for r in rows:
        a = full.get(r["id"], r)
        notes = [n for n in ((note or {}).get(a["id"]), carried_note(r)) if n]
        body = (a.get("body") or "").strip()
        out.append(
            dict(
                id=a["id"],
                title=a.get("title") or body[:80] or f"Article {a['id']}",
                summary=body[:400],
                published=article_when(a),
                outlet=a.get("outlet"),
                authors=list(a.get("authors") or []),
                tags=list(a.get("hashtags") or []),
                url=a.get("url"),
                note="; ".join(notes) or None,
            )
        )
    return out


def tag_feed(store, name: str) -> FeedSpec:
    tag = normalize_tag(name)
    return FeedSpec(
        f"Latest news with #{tag}",
        f"/tags/{tag}",
        _items(store, store.list_articles(tag=tag, limit=2 * FEED_SIZE)),
    )


def entity_feed(store, entity_id: int) -> FeedSpec | None:
    ent = store.get_entity(entity_id)
    if ent is None:
        return None
    ids = store.entity_article_ids(entity_id, limit=2 * FEED_SIZE)
    return FeedSpec(
        f"Latest news on {ent['name']}", f"/entities/{entity_id}", _items(store, [{"id": i} for i in ids])
    )


def story_feed(store, story_id: int) -> FeedSpec | None:
    story = store.get_story(story_id)
    if story is None:
        return None
    rows = store.list_articles(story_id=story_id, limit=FEED_SIZE)
    return FeedSpec(f"Story: {story['title']}", f"/stories/{story_id}", _items(store, rows))


def search_feed(store, params: SearchParams, title: str | None = None) -> FeedSpec:
    params.limit, params.offset = FEED_SIZE, 0
    hits = search_page(store, params, facets=False)["results"].items
    hits.sort(key=lambda h: h["id"], reverse=True)
    qs = urlencode({"q": params.q, **params.filters()})
    return FeedSpec(title or f"Search: {params.q}", f"/search?{qs}", _items(store, hits))


def personal_feed(store, user: dict) -> FeedSpec:
    matches = store.list_matches(user_id=user["id"], limit=FEED_SIZE)
    notes = {m["id"]: f"matched {m['rule_label']}" for m in matches}
    seen = list(dict.fromkeys(m["id"] for m in matches))
    return FeedSpec(f"{user['username']}'s watchlist", "/me", _items(store, [{"id": i} for i in seen], notes))


def top_stories_feed(store, size: int = 20) -> FeedSpec:
    """The top stories (the trusted ranking): one item per story, its lead article, the reason line."""
    from_ranking = top_stories(store, limit=size, per_story=1)
    leads = [s["articles"][0] for s in from_ranking if s.get("articles")]
    full = {a["id"]: a for a in store.get_articles([a["id"] for a in leads])}
    items = []
    for s in from_ranking:
        lead = full.get(s["articles"][0]["id"]) if s.get("articles") else None
        body = ((lead or {}).get("body") or "").strip()
        items.append(
            dict(
                id=f"story-{s['id']}",
                title=s["title"],
                summary=f"{s['reason']}. {body[:360]}".strip(),
                published=s.get("updated"),
                outlet=(lead or {}).get("outlet"),
                authors=list((lead or {}).get("authors") or []),
                tags=list((lead or {}).get("hashtags") or []),
                url=None,
                link=f"/stories/{s['id']}",
                note=None,
            )
        )
    return FeedSpec("Top stories", "/stories", items)
