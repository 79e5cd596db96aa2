"""The front page: top stories by outlets and recency, trending hashtags and entities, latest events,
latest articles and the most read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.queries.articles import card
from storyline.queries.common import TTLCache, reference_time
from storyline.queries.copies import collapse_copies
from storyline.queries.stories import top_stories
from storyline.stories.happenings import merge_rows
from storyline.stories.trends import trending

_TRENDS = TTLCache(seconds=60)


BASELINE_DAYS = 14.0


def _bursts(observations, now, window: timedelta, k: int):
    """Items bursting in the window ending now against their own 14-day baseline (None: no stage)."""
    return trending(observations, window_start=now - window, window_end=now + timedelta(seconds=1),
                    baseline_days=BASELINE_DAYS, min_count=1, k=k)


def _baseline_start(now, window: timedelta):
    return now - window - timedelta(days=BASELINE_DAYS)


def trending_tags(store, now, k: int = 15, window: timedelta = timedelta(days=1)) -> list[dict]:
    items = _bursts(store.tag_observations(_baseline_start(now, window)), now, window, k)
    if items is None:  # the stage is missing: plain counts over the window
        return [{"tag": r["tag"], "count": r["articles"], "score": None}
                for r in store.tag_counts(limit=k, since=now - window)]
    return [{"tag": t.item, "count": t.count, "score": round(t.score, 2)} for t in items]


def trending_entities(store, now, k: int = 12, window: timedelta = timedelta(days=1)) -> list[dict]:
    items = _bursts(store.entity_observations(_baseline_start(now, window)), now, window, k * 2)
    if not items:
        return []
    names = store.entities_by_ids([int(t.item) for t in items])
    out = [{"id": ent["id"], "name": ent["name"], "type": ent["type"], "count": t.count, "score": round(t.score, 2)}
           for t in items if (ent := names.get(int(t.item))) and ent["type"] != "MISC"]
    return out[:k]


def front_page(store, *, stories: int = 12) -> dict:
    now = reference_time(store)
    version = store.data_version()
    trends = _TRENDS.get(
        (store.db, id(store), "front"),
        version,
        lambda: (trending_tags(store, now), trending_entities(store, now)),
    )
    top = top_stories(store, limit=stories)
    as_of = top[0]["rank"]["as_of"] if top else None
    stale = as_of is not None and datetime.now(UTC) - datetime.fromisoformat(as_of) > timedelta(days=1)
    return {
        "now": now,
        "stories": top,
        "ranked_as_of": as_of if stale else None,
        "trending_tags": trends[0],
        "trending_entities": trends[1],
        "events": merge_rows(store.list_events(until=now.date().isoformat(), limit=30))[:10],
        "latest": collapse_copies(store, [card(a) for a in store.list_articles(limit=30)], 15),
        "most_read": [
            card(a) | {"reads": a["reads"]} for a in store.most_read(now - timedelta(days=7), limit=8)
        ],
    }
