"""Story clustering on the five sample pages against the seeds gold "stories" (read in place)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from storyline.stories import StoryDoc
from storyline.stories.cluster import ClusterParams, StoryIndex, story_title
from tests.conftest import shared_path

FETCHED = datetime(2025, 7, 31, 12, 0, tzinfo=UTC)  # the pages were saved together


@pytest.fixture(scope="module")
def seed_docs():
    from storyline.extract import textdump

    seeds = shared_path("seeds")
    names, docs = [], []
    for path in sorted(seeds.glob("*.txt")):
        page = textdump.extract_text_page(
            path.read_text(encoding="utf-8"), source=str(path), url=None, fetched_at=FETCHED
        )
        for i, art in enumerate(page.articles):
            names.append(f"{path.name[:3]}#{i}")
            docs.append(StoryDoc(len(docs), art.title, art.body, art.outlet, art.published, art.fetched_at))
    return names, docs


@pytest.mark.parametrize("learned", [True, False], ids=["default-links", "weighted-sum"])
def test_seed_stories_match_gold_from_text_alone(seed_docs, learned):
    names, docs = seed_docs
    gold = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))["stories"]
    index = StoryIndex(ClusterParams.learned() if learned else ClusterParams())
    for doc in docs:  # page order = arrival order
        index.assign(doc)
    index.merge_pass()
    groups: dict[int, list[str]] = {}
    for aid, sid in index.story_of.items():
        groups.setdefault(sid, []).append(names[aid])
    multi = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    assert multi == sorted(sorted(s["members"]) for s in gold)
    assert len(groups) == len(docs) - sum(len(s["members"]) - 1 for s in gold)  # everything else alone


def test_seed_story_titles_are_member_headlines(seed_docs):
    names, docs = seed_docs
    members = [docs[names.index(n)] for n in ("000#1", "000#3", "001#3")]
    assert story_title(members) in {d.title for d in members}
