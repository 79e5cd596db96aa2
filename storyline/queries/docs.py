"""Store rows -> the records the stories stage works on (StoryDoc, Event)."""

from __future__ import annotations

from storyline.models import Event
from storyline.queries.common import as_utc
from storyline.stories.doc import StoryDoc


def story_docs(store, rows: list[dict]):
    """StoryDocs for article rows (with their entity keys, one query for all)."""
    keys = store.entity_keys_of([r["id"] for r in rows])
    return [
        StoryDoc(
            article_id=r["id"],
            title=r.get("title"),
            body=r.get("body") or "",
            outlet=r.get("outlet"),
            published=as_utc(r.get("published")),
            fetched_at=as_utc(r.get("fetched_at")),
            entity_keys=keys.get(r["id"], set()),
            hashtags=list(r.get("hashtags") or []),
        )
        for r in rows
    ]


def event_pairs(event_rows: list[dict], docs_by_id: dict) -> list[tuple]:
    """(StoryDoc, Event) pairs from ``list_events`` rows, one per reporting article we have a doc for."""
    pairs = []
    for row in event_rows:
        for src in row.get("sources", []):
            doc = docs_by_id.get(src["article_id"])
            if doc is None:
                continue
            ev = Event(
                type=row["type"],
                participants=[p["key"] for p in row.get("participants", [])],
                sentence=src.get("sentence") or "",
                date=row.get("date"),
                date_text=src.get("date_text") or row.get("date_text"),
                place=row.get("place"),
                status=src.get("status") or row.get("status") or "happened",
                plover=row.get("plover"),
                attrs={"happening": row["key"]},  # one row = one happening (stories.happenings.merge_rows)
            )
            pairs.append((doc, ev))
    return pairs
