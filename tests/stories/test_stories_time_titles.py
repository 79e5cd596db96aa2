"""StoryIndex: what a fetch time or a year named in passing may say, shared events, real headlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.stories import StoryDoc
from storyline.stories.cluster import StoryIndex, story_title

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)

REORG = (
    "Japan's Foreign Ministry will set up an Economic Security Policy Division on Dec. 1 in its biggest "
    "reorganization in a decade, doubling the staff of an office in the Economic Affairs Bureau that handles "
    "rare earths, export controls and responses to economic coercion, ministry officials said."
)
REORG2 = (
    "The Foreign Ministry's new Economic Security Policy Division opens on Dec. 1, taking over export controls, "
    "rare earths and economic coercion from a smaller office in the Economic Affairs Bureau, officials said."
)
TALKS = (
    "Japanese Foreign Minister Kenta Aoyagi met South Korean Foreign Minister Han Ji-won in Tokyo on Wednesday "
    "and agreed to launch a regular economic security dialogue, six decades after the 1965 treaty."
)
TALKS2 = (
    "South Korea's top diplomat Han Ji-won and Japan's Kenta Aoyagi agreed in Tokyo to hold regular economic "
    "security talks, aiming for a first meeting before the 2029 expo."
)


def dated(aid, title, body, when, **kw):
    return StoryDoc(aid, title, body, published=when, fetched_at=when, **kw)


def test_a_fetch_time_days_after_the_story_is_no_gap():
    """An undated article saved six days later may have been published any time before: no decay."""
    index = StoryIndex()
    index.assign(dated(1, "Foreign Ministry to set up economic security division", REORG, T0))
    later = T0 + timedelta(days=6)
    undated = StoryDoc(2, "Ministry shake-up puts economic security at the center", REORG2, fetched_at=later)
    published = dated(2, "Ministry shake-up puts economic security at the center", REORG2, later)
    (sid, undated_score), *_ = index.explain(undated)
    (_, published_score), *_ = index.explain(published)
    assert undated_score > published_score * 1.3
    assert index.assign(undated) == (sid, False)


def test_follow_ups_within_the_grace_days_are_not_decayed():
    index = StoryIndex()
    index.assign(dated(1, "Foreign Ministry to set up economic security division", REORG, T0))
    probe = [
        dated(2, "Ministry shake-up puts economic security at the center", REORG2, T0 + timedelta(days=d))
        for d in (0, 2, 9)
    ]
    scores = [index.explain(p)[0][1] for p in probe]
    assert abs(scores[0] - scores[1]) < 1e-6
    assert scores[2] < scores[1] * 0.6


def test_years_named_in_passing_do_not_split_dated_reports():
    """Both reports are dated the same week; one recalls 1965, the other looks to 2029."""
    index = StoryIndex()
    index.assign(dated(1, "Japan, South Korea agree on economic security dialogue", TALKS, T0))
    same_week = dated(
        2, "Aoyagi, Han agree on regular economic security talks", TALKS2, T0 + timedelta(hours=5)
    )
    undated = StoryDoc(2, same_week.title, TALKS2)
    (_, dated_score), *_ = index.explain(same_week)
    index_undated = StoryIndex()
    index_undated.assign(StoryDoc(1, "Japan, South Korea agree on economic security dialogue", TALKS))
    (_, undated_score), *_ = index_undated.explain(undated)
    assert dated_score > undated_score * 1.5  # the undated pair still gets the year penalty


def test_one_generic_shared_event_counts_less_than_sharing_them_all():
    def index_with(events):
        index = StoryIndex()
        index.assign(
            StoryDoc(1, "Japan, South Korea agree on economic security dialogue", TALKS, event_keys=events)
        )
        return index

    doc = StoryDoc(
        2,
        "Aoyagi, Han agree on regular economic security talks",
        TALKS2,
        event_keys={"agreement", "meeting", "visit", "dialogue"},
    )
    (_, all_shared), *_ = index_with({"agreement", "meeting", "visit", "dialogue"}).explain(doc)
    (_, one_shared), *_ = index_with({"agreement", "other-1", "other-2"}).explain(doc)
    (_, none_shared), *_ = index_with({"other-1", "other-2"}).explain(doc)
    assert all_shared > one_shared > none_shared


def test_story_title_prefers_a_real_headline_over_a_made_up_or_site_name_title():
    made_up = StoryDoc(
        1, "Japan's Foreign Ministry will set up an Economic Security Policy…", REORG, title_inferred=True
    )
    site = StoryDoc(2, "The Kanto Herald", REORG, outlet="The Kanto Herald")
    real = StoryDoc(3, "Ministry shake-up puts economic security at the center", REORG2)
    assert made_up.headline is None and site.headline is None and real.headline == real.title
    assert story_title([made_up, site, real]) == real.title
    index = StoryIndex()
    for d in (made_up, site, real):
        sid, _ = index.assign(d)
    assert index.members(sid) == [1, 2, 3]
    assert index.title(sid) == real.title
