"""Timelines of events, per story, per entity or per hashtag, ordered by when they happened.

An event with a resolved date (``Event.date``) is placed on that date; an undated one is placed at
its article's publication (else fetch) time and marked ``undated`` so the reader knows the date is
the report's, not the event's. The same event reported by several articles (same ``Event.key``,
or the same happening as grouped by :mod:`happenings` and passed in ``Event.attrs["happening"]``)
is one entry listing every article, sentence and outlet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from storyline.models import Event
from storyline.stories.doc import StoryDoc
from storyline.text.sentences import cite


@dataclass(slots=True)
class TimelineEntry:
    when: date | None  # the event's date, else the article's publication date
    undated: bool  # True: ``when`` is the report's date, not the event's
    type: str
    sentence: str
    participants: list[str]
    place: str | None
    status: str
    event_key: str
    article_ids: list[int] = field(default_factory=list)
    reported: datetime | None = None  # earliest report time
    sentences: list[str] = field(default_factory=list)  # every source sentence
    outlets: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None  # the sentence's offsets in the first article's body


def _iso_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _keep(doc: StoryDoc, ev: Event, story_of, story_id, entity_key, hashtag) -> bool:
    if story_id is not None and story_of.get(doc.article_id) != story_id:
        return False
    if entity_key is not None and entity_key not in ev.participants and entity_key != ev.place_key:
        return False
    return hashtag is None or hashtag.lstrip("#") in doc.hashtags


def build_timeline(
    items: Iterable[tuple[StoryDoc, Event]],
    *,
    story_of: dict[int, int] | None = None,
    story_id: int | None = None,
    entity_key: str | None = None,
    hashtag: str | None = None,
) -> list[TimelineEntry]:
    """Ordered timeline of the (article, event) pairs that pass the filters (story, entity, hashtag)."""
    story_of = story_of or {}
    entries: dict[str, TimelineEntry] = {}
    for doc, ev in items:
        if not _keep(doc, ev, story_of, story_id, entity_key, hashtag):
            continue
        when = _iso_date(ev.date)
        reported = doc.when
        # one stored (or merged) happening is one entry; an undated loose event is one entry per article
        key = ev.attrs.get("happening") or (ev.key if when else f"{ev.key}|{doc.article_id}")
        entry = entries.get(key)
        if entry is None:
            cited = cite(doc.body, ev.sentence)  # the one splitter's sentence, as Ask and summaries cite it
            entry = entries[key] = TimelineEntry(
                when=when or (reported.date() if reported else None),
                undated=when is None,
                type=ev.type,
                sentence=cited[2] if cited else ev.sentence,
                span=cited[:2] if cited else None,
                participants=list(ev.participants),
                place=ev.place,
                status=ev.status,
                event_key=ev.key,
                reported=reported,
            )
        if doc.article_id not in entry.article_ids:
            entry.article_ids.append(doc.article_id)
        if ev.sentence and ev.sentence not in entry.sentences:
            entry.sentences.append(ev.sentence)
        if doc.outlet and doc.outlet not in entry.outlets:
            entry.outlets.append(doc.outlet)
        if reported and (entry.reported is None or reported < entry.reported):
            entry.reported = reported
    return sorted(entries.values(), key=_order)


def _order(e: TimelineEntry) -> tuple:
    day = e.when.toordinal() if e.when else 10**9  # unknown dates go last
    rep = e.reported.timestamp() if e.reported else float("inf")
    return (day, e.undated, rep, e.type, e.sentence)
