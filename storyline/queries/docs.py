"""``list_events`` rows -> the (StoryDoc, Event) pairs the stories stage's timelines work on (the
StoryDocs themselves come from :func:`storyline.stories.doc.story_docs`, as story assignment builds them)."""

from __future__ import annotations

from storyline.models import Event


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

