"""What's new in a story since a time: sentences and events added after the reader last looked.

"Added" means stored: an article first stored after ``since`` brings all of its sentences, a
new version stored after ``since`` brings the sentences the previous version did not have. A
sentence already said (near-duplicate) by something the reader had seen is not news and is left
out. Events count as new when first stored after ``since`` and reported by the story's clean
articles. Every sentence keeps its article id and offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from storyline.ai.text import Sentence, article_sentences, is_clean, overlap
from storyline.errors import NotFoundError
from storyline.models import normalize_text
from storyline.stories.happenings import merge_rows


@dataclass(slots=True)
class WhatsNew:
    story_id: int
    since: datetime
    articles: list[dict] = field(default_factory=list)  # new or changed articles (id, title, outlet, change)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"story_id": self.story_id, "since": self.since.isoformat(), "articles": self.articles,
                "sentences": [s.citation() for s in self.sentences],
                "events": [{"id": e["id"], "type": e["type"], "date": e["date"],
                            "participants": [p["name"] for p in e["participants"]],
                            "citations": [{"article_id": s["article_id"], "sentence": s["sentence"]}
                                          for s in e["sources"]]} for e in self.events]}


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _split(store, row: dict, since: datetime) -> tuple[list[Sentence], list[Sentence], str | None]:
    """(seen, fresh, change) sentences of one article relative to ``since``."""
    sents = article_sentences(row)
    if _utc(row["first_seen"]) >= since:
        return [], sents, "new"
    versions = store.article_versions(row["id"])
    old = [v for v in versions if _utc(v["created_at"]) < since]
    if not old or old[-1]["version"] == versions[-1]["version"]:
        return sents, [], None
    before = {normalize_text(s.text) for s in article_sentences({**row, "body": old[-1]["body"]})}
    fresh = [s for s in sents if normalize_text(s.text) not in before]
    return [s for s in sents if normalize_text(s.text) in before], fresh, "updated"


def whats_new(store, story_id: int, since: datetime) -> WhatsNew:
    """Sentences and events of story ``story_id`` stored after ``since`` (aware datetime)."""
    since = _utc(since)
    story = store.get_story(story_id)
    if story is None:
        raise NotFoundError(f"story {story_id} not found")
    out = WhatsNew(story_id, since)
    rows = [r for r in story["articles"] if is_clean(r)]
    seen: list[Sentence] = []
    fresh: list[Sentence] = []
    for row in rows:
        old, new, change = _split(store, row, since)
        seen.extend(old)
        if change:
            out.articles.append({"article_id": row["id"], "title": row["title"], "outlet": row["outlet"],
                                 "change": change})
        for s in new:
            if not any(overlap(s.words, o.words) >= 0.75 for o in seen + fresh):
                fresh.append(s)
    out.sentences = fresh
    ids = [r["id"] for r in rows]
    new_events = (
        [e for e in store.list_events(article_ids=ids, limit=1000) if _utc(e["first_seen"]) >= since] if ids else []
    )
    out.events = merge_rows(new_events)  # one row per happening
    return out
