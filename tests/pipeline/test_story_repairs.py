"""The stories glue records its repairs: an article that drifted away from its story is split off
(a "split" story change, a new story in the store), and embeddings are stored for restarts."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from storyline.models import Article
from storyline.pipeline_stories import StoryAssigner
from storyline.store import open_store
from tests.stories.test_stories_cluster import QUAKE_A, QUAKE_A2, SUMMIT, T0


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "repairs.db"))
    yield s
    s.close()


def _article(store, title, body, hours):
    when = T0 + timedelta(hours=hours)
    aid, _ = store.upsert_article(
        Article(body=body, source=f"{title}.html", title=title, outlet="Kyodo", published=when, fetched_at=when),
        None,
    )
    return aid


def test_a_drifted_article_is_split_off_and_recorded(store):
    sid = store.create_story("Aceh quake", T0)
    bodies = [QUAKE_A, QUAKE_A2, QUAKE_A + " Aid arrived in Bireuen.", SUMMIT]
    old = [_article(store, f"Report {i}", b, i) for i, b in enumerate(bodies)]
    for aid in old:  # stored as one story (the summit report is the drifted one)
        store.assign_story(aid, sid)
    store.refresh_story(sid)
    assigner = StoryAssigner(store, embeddings=False)
    new = _article(store, "Aceh quake toll rises", QUAKE_A2 + " The toll rose to 14.", 6)
    assigner.assign([new])
    summit = store.get_article(old[3])
    assert store.get_article(new)["story_id"] == sid
    assert summit["story_id"] != sid and store.get_story(summit["story_id"]) is not None
    changes = store.story_changes()
    assert any(c["kind"] == "split" and c["from_story"] == sid and c["into_story"] == summit["story_id"]
               and c["detail"] == {"article_id": old[3]} for c in changes)
    assert store.get_story(sid)["article_count"] == 4


class _Fake:
    name = "fake"

    def encode(self, texts):
        return np.tile(np.array([1.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_embeddings_are_kept_for_a_restart(store, monkeypatch):
    from storyline import pipeline_stories

    monkeypatch.setattr(pipeline_stories, "load_embedder", lambda enabled: _Fake() if enabled else None)
    a = _article(store, "Deadly quake hits Aceh", QUAKE_A, 0)
    StoryAssigner(store, embeddings=True).assign([a])
    rows = list(store.iter_story_vectors())
    assert [r.article_id for r in rows] == [a] and rows[0].data["model"] == "all-MiniLM-L6-v2"
    restarted = StoryAssigner(store, embeddings=True)
    assert restarted.index.doc_embs and a in restarted.index.doc_embs
    assert restarted.index.p.embed_weight > 0
    assert StoryAssigner(store, embeddings=False).index.p.embed_weight == 0
