"""Repairs after single-pass assignment (split of drifted stories) and dense embeddings as
an optional signal: fallback without them, fail loudly when asked for and missing."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.stories import embed
from storyline.stories.cluster import ClusterParams, StoryIndex
from storyline.stories.embed import EmbeddingsUnavailable, embed_docs, lead_text, load_embedder
from tests.stories.test_stories_cluster import QUAKE_A, QUAKE_A2, QUAKE_B, SUMMIT, SUMMIT2, doc


def test_split_pass_checks_only_the_stories_it_is_given():
    index = StoryIndex()
    for aid, body in [(1, QUAKE_A), (2, QUAKE_A2), (3, QUAKE_A + " Aid arrived."), (4, SUMMIT)]:
        index.add_existing(doc(aid, None, body), 7)
    for aid, body in [(5, QUAKE_B), (6, QUAKE_B + " More rescue teams."), (7, SUMMIT2), (8, QUAKE_B)]:
        index.add_existing(doc(aid, None, body), 9)
    assert [c[:2] for c in index.split_pass([7])] == [("split", 7)]
    assert index.story_of[7] == 9  # story 9 was not checked
    assert [c[:2] for c in index.split_pass([9])] == [("split", 9)]


class FakeEmbedder:
    """Embeds by topic word so the dense signal is known: quake texts one way, diplomacy another."""

    name = "fake"

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, 0 if "quake" in t.lower() else 1] = 1.0
        return out


def test_dense_signal_joins_paraphrases_that_share_few_words():
    docs = [
        doc(1, "Quake devastates Aceh", QUAKE_A),
        doc(2, "Tremor aftermath", "Rescuers kept digging through the rubble overnight, quake survivors said."),
    ]
    fake = FakeEmbedder()
    embed_docs(fake, docs)
    assert fake.calls == 1 and docs[0].embedding is not None  # one batch
    plain, dense = StoryIndex(), StoryIndex(ClusterParams(embed_weight=1.0, embed_center=0.5))
    for d in docs:
        plain.assign(d.__class__(**{**{s: getattr(d, s) for s in d.__slots__}, "embedding": None}))
        dense.assign(d)
    assert plain.story_of[1] != plain.story_of[2]
    assert dense.story_of[1] == dense.story_of[2]


def test_without_the_extra_clustering_works_and_asking_for_it_fails_loudly(monkeypatch):
    assert load_embedder(False) is None  # the default: no model, other signals only
    monkeypatch.setattr(embed, "available", lambda: False)
    monkeypatch.setattr(embed, "_cache", {})
    with pytest.raises(EmbeddingsUnavailable, match="embeddings"):
        load_embedder(True)
    index = StoryIndex()
    d = doc(1, "Deadly quake hits Aceh", QUAKE_A)
    embed_docs(None, [d])  # no embedder: nothing set, nothing raised
    assert d.embedding is None and index.assign(d) == (1, True)


def test_lead_text_is_headline_and_lead_without_an_address_line():
    d = doc(1, "Quake hits Aceh", "http : / / www . example . com / quake\n" + QUAKE_A)
    text = lead_text(d, lead_words=10)
    assert text.startswith("Quake hits Aceh. A magnitude 6.4") and "example" not in text
    assert len(text.split()) <= 14


@pytest.mark.skipif(not embed.available(), reason="the embeddings extra is not installed")
def test_minilm_places_paraphrases_closer_than_other_news():
    e = load_embedder(True)
    v = e.encode(
        ["Quake kills 12 in Aceh", "Earthquake in Indonesia's Aceh leaves a dozen dead", "Central bank raises rates"]
    )
    assert v.shape == (3, embed.DIM) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2
