"""Exact and near-duplicate detection: one wire text, several publications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.stories import StoryDoc
from storyline.stories.dedup import NearDupIndex, group_duplicates, shingle_hashes, text_fingerprint

T0 = datetime(2025, 7, 29, 9, 0, tzinfo=UTC)
WIRE = (
    "China on Tuesday warned against Japan's first guidelines set out the previous day to enhance its defense in "
    "outer space, opposing the move as an excuse for its military expansion. Chinese Foreign Ministry spokesman "
    "Guo Jiakun told reporters that Japan and the United States are cooperating to strengthen space defense in a "
    "way that poses risks to safety in outer space. The remark comes after Japan's Defense Ministry on Monday "
    "unveiled its space domain defense guidelines, warning that some countries, including China and Russia, are "
    "advancing the development of killer satellites designed to neutralize other countries' space assets. Guo "
    "said China is committed to upholding the peaceful use of space and opposes an arms race in outer space."
)
OTHER = (
    "Japan and NATO agreed Tuesday to closely collaborate to address security challenges such as the Middle East "
    "crisis, Russia's war against Ukraine and North Korea's past abductions of Japanese nationals, the ministry said."
)


def test_fingerprint_ignores_case_width_and_spacing():
    assert text_fingerprint("Japan  and NATO\nagree") == text_fingerprint("japan and ＮＡＴＯ agree")
    assert text_fingerprint("Japan and NATO agree") != text_fingerprint("Japan and NATO disagree")


def test_shingles_are_stable_and_unique():
    a, b = shingle_hashes(WIRE), shingle_hashes(WIRE.upper())
    assert list(a) == list(b) and len(set(a.tolist())) == len(a) > 50


def test_near_duplicate_found_and_unrelated_text_not():
    index = NearDupIndex(threshold=0.8)
    index.add("kyodo", WIRE)
    index.add("nato", OTHER)
    republished = WIRE.replace("Tuesday", "Tuesday (Kyodo)") + " © KYODO"
    assert index.query(republished) == ["kyodo"]
    assert index.query(OTHER + " Read more.") == ["nato"]
    assert index.query("An entirely different article about rice prices rising in Osaka markets again.") == []
    assert len(index) == 2


def test_wire_story_in_three_outlets_is_one_text_with_three_publications():
    docs = [
        StoryDoc(1, "China warns Japan", WIRE, "Japan Today", T0 + timedelta(hours=2)),
        StoryDoc(2, "China warns against Japan's space guidelines", WIRE + " © KYODO", "Kyodo", T0),
        StoryDoc(3, "China warns", "  " + WIRE.upper(), "Nikkei Asia", T0 + timedelta(hours=3)),
        StoryDoc(4, "NATO", OTHER, "NHK", T0),
    ]
    groups = group_duplicates(docs)
    assert len(groups) == 1
    g = groups[0]
    assert g.canonical == 2  # the earliest publication
    assert sorted(p.article_id for p in g.publications) == [1, 2, 3]
    assert g.also_carried_by == ["Japan Today", "Nikkei Asia"]
    assert g.exact is False  # the Kyodo credit line makes one copy near, not exact


def test_empty_bodies_are_not_duplicates_of_each_other():
    docs = [StoryDoc(1, "Headline only", "", "A", T0), StoryDoc(2, "Another", "  \n", "B", T0)]
    assert group_duplicates(docs) == []


def _paras(n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    vocab = ("minister talks tariff export licence magnet supply chain ministry officials agreed plan "
             "semiconductor rare earth port alliance summit budget subsidy screening investment").split()
    return [" ".join(rng.choice(vocab) for _ in range(40)) + "." for _ in range(n)]


def test_truncated_republication_is_a_near_duplicate_but_a_new_story_is_not():
    full = _paras(8, seed=1)
    index = NearDupIndex(threshold=0.8)
    index.add("original", "\n\n".join(full))
    # an aggregator's copy of the first five paragraphs: Jaccard about 0.6, contained entirely
    assert index.query("\n\n".join(full[:5])) == ["original"]
    # the wire story with one paragraph dropped and a word changed
    edited = full[:3] + full[4:]
    edited[0] = edited[0].replace("minister", "ministers", 1)
    assert index.query("\n\n".join(edited)) == ["original"]
    # different text on the same subject shares vocabulary, not shingles
    assert index.query("\n\n".join(_paras(8, seed=2))) == []
    # a tiny fragment is too short to call a copy by containment
    assert index.query(full[0][:60]) == []


def test_signature_is_hashed_once_and_reused_for_the_text_just_queried():
    text = " ".join(f"word{i % 37} token{i % 11}" for i in range(200))
    other = text.replace("word3 ", "changed ")
    index = NearDupIndex()
    sig, size = index._signature(text)
    assert size == len(shingle_hashes(text, index.shingle))
    assert list(sig.hashvalues) == list(index.hasher.signature(text, index.shingle).hashvalues)
    assert index._signature(text)[0] is sig  # the same text again: not hashed anew
    assert index._signature(other)[0] is not sig
    index.add("a", text)
    assert index.query(text) == ["a"] and index.query(other) == ["a"]
