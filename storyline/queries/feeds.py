"""What goes into a feed: a title, the page it mirrors and its latest articles (rendered by web.feeds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from storyline.queries.common import article_when
from storyline.queries.copies import carried_note, collapse_copies
from storyline.queries.search import SearchParams, search_page
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
