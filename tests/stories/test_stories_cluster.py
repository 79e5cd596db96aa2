"""StoryIndex: incremental assignment, time and year separation, rebuild, merge/split passes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.stories import StoryDoc
from storyline.stories.cluster import ClusterParams, StoryIndex, story_title

T0 = datetime(2025, 7, 29, 9, 0, tzinfo=UTC)

QUAKE_A = (
    "A magnitude 6.4 earthquake struck near Aceh province in Indonesia on Monday, killing at least 12 people "
    "and collapsing hundreds of homes in the town of Bireuen, disaster agency officials said. Rescue teams "
    "searched the rubble of a mosque in Bireuen as aftershocks rattled Aceh through the night."
)
QUAKE_A2 = (
    "Rescuers in Indonesia's Aceh province dug through collapsed homes in Bireuen after a 6.4 magnitude "
    "quake on Monday killed at least 12 people. Officials in Aceh said aftershocks hampered the search "
    "near the Bireuen mosque."
)
QUAKE_B = (
    "A magnitude 7.1 earthquake hit Mexico City on Tuesday, toppling buildings in the Roma district and "
    "killing dozens of people, Mexican officials said. Rescue workers in Puebla and Morelos searched for "
    "survivors as President Pena Nieto declared an emergency."
)
SUMMIT = (
    "Japanese Foreign Minister Takeshi Iwaya met South Korean Foreign Minister Cho Hyun in Tokyo on Tuesday "
    "and agreed to steadily develop bilateral ties and trilateral cooperation with the United States."
)
SUMMIT2 = (
    "South Korea's top diplomat Cho Hyun held talks with Japanese counterpart Takeshi Iwaya in Tokyo, and the "
    "two foreign ministers agreed to deepen bilateral ties and cooperation with Washington."
)


def doc(aid, title, body, when=T0, outlet=None, entities=()):
    return StoryDoc(aid, title, body, outlet, when, when, set(entities))


def test_same_news_from_two_outlets_joins_and_other_news_does_not():
    index = StoryIndex()
    s1, new1 = index.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A, outlet="Kyodo"))
    s2, new2 = index.assign(
        doc(
            2,
            "Aceh quake toll rises as rescuers dig",
            QUAKE_A2,
            T0 + timedelta(hours=5),
            outlet="Japan Today",
        )
    )
    s3, new3 = index.assign(doc(3, "Iwaya, Cho agree to develop ties", SUMMIT, outlet="NHK"))
    assert new1 and not new2 and s2 == s1
    assert new3 and s3 != s1
    assert index.members(s1) == [1, 2]


def test_same_kind_of_event_elsewhere_is_another_story():
    index = StoryIndex()
    s1, _ = index.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A))
    s2, is_new = index.assign(
        doc(2, "Powerful quake topples buildings in Mexico City", QUAKE_B, T0 + timedelta(hours=3))
    )
    assert is_new and s2 != s1


def test_time_gap_separates_identical_wording():
    index = StoryIndex()
    s1, _ = index.assign(doc(1, "Iwaya, Cho agree to develop ties", SUMMIT))
    s2, same_week = index.assign(
        doc(2, "Foreign ministers of Japan, South Korea meet", SUMMIT2, T0 + timedelta(days=1))
    )
    s3, months_later = index.assign(
        doc(3, "Iwaya, Cho agree to develop ties", SUMMIT, T0 + timedelta(days=90))
    )
    assert s2 == s1 and not same_week
    assert months_later and s3 != s1


def test_rebuilt_index_assigns_like_the_original():
    docs = [
        doc(1, "Deadly quake hits Aceh", QUAKE_A),
        doc(2, "Iwaya, Cho agree to develop ties", SUMMIT),
        doc(3, "Aceh quake toll rises", QUAKE_A2, T0 + timedelta(hours=2)),
    ]
    live = StoryIndex()
    recorded = {d.article_id: live.assign(d)[0] for d in docs}
    rebuilt = StoryIndex()
    for d in docs:
        rebuilt.add_existing(d, recorded[d.article_id])
    probe = doc(4, "Cho, Iwaya pledge closer ties", SUMMIT2, T0 + timedelta(hours=6))
    assert rebuilt.assign(probe) == live.assign(probe) == (recorded[2], False)
    fresh, is_new = rebuilt.assign(doc(5, "Mexico quake", QUAKE_B))
    assert is_new and fresh not in recorded.values()  # ids never reused


def test_merge_pass_joins_stories_that_were_kept_apart_and_reports_it():
    index = StoryIndex(ClusterParams(threshold=9.0), next_id=10)  # nothing joins at assign time
    index.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A))
    index.assign(doc(2, "Aceh quake: rescuers dig", QUAKE_A + " " + QUAKE_A2))
    index.assign(doc(3, "Iwaya, Cho agree to develop ties", SUMMIT))
    changes = index.merge_pass()
    assert changes == [("merge", 11, 10)]
    assert index.story_of[2] == 10 and index.story_of[3] == 12 and 11 not in index.stories
    assert index.merge_pass() == []  # nothing changed since


def test_split_pass_moves_out_a_member_that_does_not_fit():
    index = StoryIndex()
    for aid, body in [(1, QUAKE_A), (2, QUAKE_A2), (3, QUAKE_A + " Aid arrived."), (4, SUMMIT)]:
        index.add_existing(doc(aid, None, body), 7)
    changes = index.split_pass()
    assert len(changes) == 1 and changes[0][:2] == ("split", 7)
    assert index.story_of[4] == changes[0][2] and index.story_of[1] == 7


BACKGROUND = [
    QUAKE_A,
    QUAKE_B,
    "The central bank raised interest rates by a quarter point on Wednesday, citing stubborn inflation.",
    "Japan and the European Union agreed to hold regular security talks on defense and maritime cooperation.",
    "South Korea's president visited Washington to discuss tariffs and the alliance with the United States.",
]


def _index_with(entities) -> StoryIndex:
    index = StoryIndex()
    for i, body in enumerate(BACKGROUND):
        index.assign(doc(100 + i, None, body, T0 - timedelta(hours=i + 1)))
    index.assign(doc(1, "Iwaya, Cho agree to develop ties", SUMMIT, entities=entities))
    return index


def test_shared_rare_entities_count_for_a_join_and_unshared_ones_against():
    keys = {"person:cho hyun", "person:iwaya takeshi", "city:tokyo"}
    other = {"person:mark rutte", "org:nato", "city:the-hague"}
    body = (
        "Japan's foreign minister received his counterpart for a first meeting, pledging to develop relations "
        "between the neighbours and with their common ally."
    )

    def score(index: StoryIndex, entities) -> float:  # the summit story's score for the new article
        return dict(index.explain(doc(2, "Neighbours' diplomats meet", body, entities=entities), k=10))[
            index.story_of[1]
        ]

    plain, same, different = (
        score(_index_with(()), ()),
        score(_index_with(keys), keys),
        score(_index_with(keys), other),
    )
    assert same > plain + 0.1
    assert different < plain - 0.05


def test_story_title_is_the_most_central_headline():
    docs = [
        doc(1, "Aceh quake kills 12", QUAKE_A),
        doc(2, "Rescuers dig in Aceh after quake", QUAKE_A2),
        doc(3, "Aceh quake: 12 dead, homes collapse in Bireuen", QUAKE_A + " " + QUAKE_A2),
    ]
    assert story_title(docs) == "Aceh quake: 12 dead, homes collapse in Bireuen"
    assert story_title([doc(9, None, "x")]) is None


def test_prune_forgets_stories_outside_the_window_but_keeps_assignments():
    index = StoryIndex()
    old, _ = index.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A, T0 - timedelta(days=60)))
    recent, _ = index.assign(doc(2, "Iwaya, Cho agree to develop ties", SUMMIT))
    assert index.prune(T0 - timedelta(days=30)) == 1
    assert index.story_ids() == [recent] and index.story_of[1] == old
    s3, is_new = index.assign(doc(3, "Cho, Iwaya pledge closer ties", SUMMIT2, T0 + timedelta(hours=3)))
    assert s3 == recent and not is_new
    s4, is_new = index.assign(doc(4, "Aceh quake", QUAKE_A2, T0))
    assert is_new and s4 not in (old, recent)
