"""Timelines ordered by event date (undated events by report time, marked) and burst trends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyline.models import Event
from storyline.stories import StoryDoc
from storyline.stories.timeline import build_timeline
from storyline.stories.trends import observations_from, trending


def art(aid, published, tags=()):
    return StoryDoc(aid, f"t{aid}", "", published=published, hashtags=list(tags))


def ev(type_, parts, date=None, sentence="s"):
    return Event(type=type_, participants=list(parts), sentence=sentence, date=date)


def test_timeline_orders_by_event_date_and_places_undated_by_report_time():
    a1 = art(1, datetime(2025, 7, 30, 8, tzinfo=UTC), ["JapanSouthKoreaRelations"])
    a2 = art(2, datetime(2025, 7, 31, 8, tzinfo=UTC))
    meeting = ev("meeting", ["person:cho hyun", "person:iwaya takeshi"], "2025-07-29", "Cho met Iwaya.")
    items = [
        (a2, ev("visit", ["person:cho hyun", "country:USA"], "2025-07-31", "Cho will visit Washington.")),
        (a1, meeting),
        (a2, meeting),  # the same event, reported twice: one entry
        (a1, ev("statement", ["person:cho hyun"], None, "Cho said ties matter.")),
        (a2, ev("meeting", ["person:ishiba shigeru", "person:cho hyun"], "2025-07-30", "Ishiba met Cho.")),
    ]
    line = build_timeline(items)
    assert [e.sentence for e in line] == [
        "Cho met Iwaya.",
        "Ishiba met Cho.",
        "Cho said ties matter.",
        "Cho will visit Washington.",
    ]
    assert line[0].article_ids == [1, 2] and not line[0].undated
    assert line[2].undated and line[2].when.isoformat() == "2025-07-30"  # the report's date
    only_iwaya = build_timeline(items, entity_key="person:iwaya takeshi")
    assert [e.sentence for e in only_iwaya] == ["Cho met Iwaya."]
    tagged = build_timeline(items, hashtag="#JapanSouthKoreaRelations")
    assert {e.sentence for e in tagged} == {"Cho met Iwaya.", "Cho said ties matter."}
    by_story = build_timeline(items, story_of={1: 5, 2: 6}, story_id=6)
    assert by_story[0].sentence == "Cho met Iwaya."


def test_trending_prefers_bursts_over_always_frequent_items():
    start = datetime(2025, 7, 1, tzinfo=UTC)
    docs, aid = [], 0
    for day in range(35):
        when = start + timedelta(days=day, hours=9)
        tags = ["Japan"] * 1 + (["Tariffs"] if day >= 32 else [])
        for _ in range(5):  # "Japan" every day, five articles
            docs.append(art(aid, when, tags))
            aid += 1
        if day == 10:
            docs.append(art(aid, when, ["Earthquake"]))
            aid += 1
    window_start = start + timedelta(days=32)
    ranked = trending(
        observations_from(docs), window_start=window_start, window_end=window_start + timedelta(days=3)
    )
    assert ranked[0].item == "Tariffs" and ranked[0].count == 15 and ranked[0].baseline == 0
    japan = next(t for t in ranked if t.item == "Japan")
    assert japan.count == 15 and japan.score < 1.0 < ranked[0].score
    assert all(t.item != "Earthquake" for t in ranked)  # nothing in the window
    with pytest.raises(ValueError):
        trending([], window_start=window_start, window_end=window_start)
