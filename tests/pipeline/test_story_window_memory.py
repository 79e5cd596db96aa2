"""Within one run, the stories stage forgets what left the time window of the newest article (as a
restart does): memory follows the window, not the length of the run, and copies inside the
window are still found."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyline.models import Article
from storyline.pipeline_stories import StoryAssigner
from storyline.store import open_store

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
TOPICS = ["port strike", "chip export licence", "fishing quota", "rare earth magnet", "grid outage",
          "wheat tariff", "satellite launch", "bank merger", "drone factory", "steel dumping probe"]


def _body(topic: str, day: int) -> str:
    words = " ".join(f"{topic.split()[0]}{day}x{k}" for k in range(40))  # distinct per article
    return (f"Officials discussed the {topic} on day {day} of the dispute, and the {topic} dominated "
            f"talks between the ministries. {words}. Negotiators said the {topic} would return next week.")


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "window.db"))
    yield s
    s.close()


def _ingest_day(store, assigner, day: int) -> list[int]:
    ids = []
    for i, topic in enumerate(TOPICS):
        when = T0 + timedelta(days=day, minutes=i)
        aid, _ = store.upsert_article(Article(body=_body(topic, day), source=f"d{day}-{i}.html", title=f"{topic} {day}",
                                              outlet="Kyodo", published=when, fetched_at=when), None)
        ids.append(aid)
    assigner.assign(ids)
    return ids


def test_state_stays_within_the_window_over_a_long_run(store):
    assigner = StoryAssigner(store, embeddings=False, links=False)
    window = assigner.index.p.window_days
    sizes = []
    for day in range(0, 70, 2):
        _ingest_day(store, assigner, day)
        sizes.append(len(assigner.dups))
    per_day = len(TOPICS)
    bound = (window / 2 + 1) * per_day  # days inside the window, two days apart, ten articles each
    assert max(sizes) <= bound, sizes
    assert sizes[-1] < len(TOPICS) * 35, "without pruning every article of the run would stay"
    assert len(assigner._remembered) == len(assigner.dups)
    newest = T0 + timedelta(days=68)
    for story in assigner.index.stories.values():
        assert story.last is None or story.last >= (newest - timedelta(days=window)).timestamp()


def test_a_copy_inside_the_window_is_still_found(store):
    assigner = StoryAssigner(store, embeddings=False, links=False)
    for day in range(0, 40, 2):
        first = _ingest_day(store, assigner, day)
    original = store.get_article(first[0])
    when = T0 + timedelta(days=39)
    copy, _ = store.upsert_article(Article(body=original["body"], source="copy.html", title="copy", outlet="Other",
                                           published=when, fetched_at=when), None)
    assigner.assign([copy])
    assert store.get_article(copy)["duplicate_of"] == first[0]
