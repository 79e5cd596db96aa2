"""Related articles from other stories, with reasons."""

from __future__ import annotations

from storyline.stories import StoryDoc
from storyline.stories.related import related_articles, thread_of

NAMES = {
    "country:JPN": "Japan",
    "country:KOR": "South Korea",
    "country:USA": "United States",
    "person:cho hyun": "Cho Hyun",
    "person:iwaya takeshi": "Takeshi Iwaya",
    "org:nato": "NATO",
}


def d(aid, title, body, keys, tags=()):
    return StoryDoc(aid, title, body, entity_keys=set(keys), hashtags=list(tags))


TARGET = d(
    1,
    "Japanese, South Korean foreign ministers discuss ties",
    "Iwaya told Cho he hopes to develop bilateral ties.",
    {"country:JPN", "country:KOR", "person:cho hyun", "person:iwaya takeshi"},
    ["JapanSouthKoreaRelations"],
)
SAME_STORY = d(
    2, "Cho visits Tokyo", "Cho met Iwaya in Tokyo.", {"country:JPN", "country:KOR", "person:cho hyun"}
)
LATER_MEETING = d(
    3,
    "Japan, South Korea ministers meet at APEC",
    "Cho met Motegi in Gyeongju.",
    {"country:JPN", "country:KOR", "person:cho hyun"},
    ["JapanSouthKoreaRelations"],
)
NATO = d(
    4,
    "Japan, NATO agree to collaborate",
    "Iwaya met Rutte in The Hague.",
    {"country:JPN", "org:nato", "person:iwaya takeshi"},
)
UNRELATED = d(5, "Rice prices rise", "Rice prices rose in Osaka.", {"country:JPN"})
POOL = [TARGET, SAME_STORY, LATER_MEETING, NATO, UNRELATED]
STORY_OF = {1: 10, 2: 10, 3: 11, 4: 12, 5: 13}


def test_related_leaves_out_own_story_and_ranks_by_shared_evidence():
    rel = related_articles(TARGET, POOL, STORY_OF, entity_names=NAMES)
    ids = [r.article_id for r in rel]
    assert 2 not in ids and 1 not in ids
    assert ids[:2] == [3, 4] and 5 not in ids


def test_reasons_name_entities_hashtags_and_thread():
    first, second = related_articles(TARGET, POOL, STORY_OF, entity_names=NAMES)[:2]
    assert "shared entities: Cho Hyun" in first.reasons
    assert "shared hashtag: #JapanSouthKoreaRelations" in first.reasons
    assert first.thread == "Japan–South Korea relations"
    assert "shared entities: Takeshi Iwaya" in second.reasons and second.thread is None


def test_thread_needs_both_countries_in_a_headline():
    a = d(1, "Japan weighs spending", "", {"country:JPN", "country:USA", "country:CHN"})
    b = d(2, "Trump calls Ishiba", "", {"country:JPN", "country:USA", "country:CHN"})
    assert thread_of(a, b, NAMES) is None
    c = d(3, "Japan, United States agree on tariffs", "", {"country:JPN", "country:USA", "country:CHN"})
    assert thread_of(a, c, {**NAMES, "country:CHN": "China"}) == "Japan–United States relations"
