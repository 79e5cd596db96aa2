"""Story clustering on the bundled sample corpus, through the real pipeline, against expected.toml.

The samples are ingested the way users ingest them (extract, enrich, duplicates, incremental story
assignment in pipeline batches, merge passes) into a temporary SQLite store. Each stored article is
mapped to its expected key by the first words of its clean body (else its exact title); the stories
are then scored with B-cubed over the mapped articles and checked pair by pair.
"""

from __future__ import annotations

import tomllib
from itertools import combinations
from pathlib import Path

import pytest

from evals.clusters import score_clusters
from storyline.models import normalize_text

SAMPLES = Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples"

# Measured 1.000 (precision 1.0, recall 1.0) on 2026-12-06, before and after the lead-actor gate on the
# weighted sum's joins (stories.actors), which must not cost the samples' follow-ups; 0.943 (recall
# 0.892) when first pinned; 0.748 before the clustering changes.
# The two Japanese-language articles (a7, b5) share no words with their English stories; they join
# them through the cross-language signal (test_japanese_reports_join_their_english_stories). Before it,
# the best reachable without translation is 14/14 stories apart from those two singletons.
B3_F1_FLOOR = 0.98


def _bare(text: str | None) -> str:
    return " ".join(normalize_text(text or "").split())


@pytest.fixture(scope="module")
def stories(samples_store):
    """(article id -> expected key, article id -> expected story, article id -> our story, store rows)."""
    if not (SAMPLES / "expected.toml").exists():
        pytest.skip(f"{SAMPLES} not found")
    expected = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
    arts = [a for page in expected["page"] for a in page.get("article", [])]
    rows = {r["id"]: r for r in samples_store.iter_articles()}  # the corpus as tests/conftest.py ingests it
    titles = {sid: samples_store.get_story(sid)["title"] for sid in {r["story_id"] for r in rows.values()}}
    key, gold, ours = {}, {}, {}
    for aid, row in rows.items():
        body = _bare(row["body"])
        found = [a for a in arts if a.get("starts") and body.startswith(_bare(a["starts"]))]
        same_title = [a for a in found or arts if a.get("title") and _bare(a["title"]) == _bare(row["title"])]
        found = same_title or found  # b1 and its re-publication b2 open alike but differ in headline
        found = [a for a in found if body.endswith(_bare(a.get("ends")))] or found  # a5: a4 cut short
        if found:
            key[aid], gold[aid], ours[aid] = found[0]["key"], found[0]["story"], row["story_id"]
    return key, gold, ours, rows, titles


def _story_of(stories, expected_key: str) -> set[int]:
    key, _, ours, _, _ = stories
    found = {ours[aid] for aid, k in key.items() if k == expected_key}
    assert found, f"no stored article maps to {expected_key}"
    return found


def test_every_sample_article_maps_to_an_expected_key(stories):
    key, _, _, rows, _ = stories
    assert len(rows) >= 30
    assert set(key) == set(rows), [rows[a]["title"] for a in set(rows) - set(key)]


def test_b_cubed_against_expected_stories(stories):
    _, gold, ours, _, _ = stories
    score = score_clusters(ours, gold)
    assert score["b3_precision"] == 1.0, score  # no two expected stories share one of ours
    assert score["b3_f1"] >= B3_F1_FLOOR, score


@pytest.mark.parametrize(
    "keys",
    [
        ("c1", "c2"),  # the two accounts of the tariff deal disagree on every number: one story
        ("a1", "a2", "a3", "a4", "a6"),  # the Tokyo meeting from three outlets, the phone call, a blog
        ("b1", "b2", "b3", "b4", "j3"),  # the licensing rule and the reactions days later
        ("d1", "d2"),  # the second account has no outlet and no date
        ("e4", "e4b"),  # one of them has no headline
    ],
)
def test_reports_of_one_story_are_together(stories, keys):
    together = set.union(*(_story_of(stories, k) for k in keys))
    assert len(together) == 1, {k: _story_of(stories, k) for k in keys}


def test_duplicates_share_their_original_story(stories):
    expected = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
    for pair in expected["duplicate"]:
        a, b = (pair[x].removesuffix("-feed").removesuffix("-tag") for x in ("a", "b"))
        assert _story_of(stories, a) == _story_of(stories, b), pair


def test_different_stories_stay_apart(stories):
    singles = ["e1", "e2", "e3", "f1", "f2", "f3", "f4", "j1", "j2"]
    groups = {k: _story_of(stories, k) for k in ["a1", "b1", "c1", "d1", *singles]}
    for (k1, s1), (k2, s2) in combinations(groups.items(), 2):
        assert not s1 & s2, f"{k1} and {k2} share a story"


def test_story_titles_are_real_member_headlines(stories):
    _, _, ours, rows, titles = stories
    for sid, title in titles.items():
        members = [rows[a] for a in rows if ours.get(a) == sid]
        real = [r["title"] for r in members if r["title"] and not r["title_inferred"]]
        assert title in (real or [r["title"] for r in members]), (sid, title)
        assert title not in {r["outlet"] for r in members}
    (e4_story,) = _story_of(stories, "e4")
    # the Kanto Herald page has no headline (its title is made from the body): the other report's wins
    assert titles[e4_story] == "Japan to toughen guidelines on protecting satellites from jamming"


def test_japanese_reports_join_their_english_stories(stories):
    """a7 (東都新聞, Shift_JIS) and b5 (みなと経済新聞, EUC-JP) join the English stories of the same
    happenings through the cross-language signal (``stories.crosslang``); unrelated stories stay apart."""
    key, gold, ours, rows, _ = stories
    story = {k: ours[aid] for aid, k in key.items()}
    assert story["a7"] == story["a1"], "日韓外相 report apart from the Japan-Korea ministers' story"
    assert story["b5"] == story["b1"], "レアアース磁石 report apart from the rare-earth licences story"
    assert story["a7"] != story["b5"]
    japanese = {ours[aid] for aid, row in rows.items() if row["language"] == "ja" and aid in ours}
    others = {ours[aid] for aid in key if gold[aid] not in ("a", "b")}
    assert not japanese & others
