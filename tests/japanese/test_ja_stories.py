"""One story across languages on gold pages: a Japanese report joins the English report of the same
happening (the story page shows them side by side with language labels), people the Japanese side
names only in its script are merged into the English record by bilingual co-occurrence, and an
unrelated same-day report stays apart."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from evals.bilingual import FETCHED_AT, GOLD_DIR
from storyline.config import Settings
from storyline.enrich.names import person_key
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.stories.crosslang import learn_aliases

PAGES = ("check/h20-ja.html", "check/h20-en.html", "tune/h11-ja.html", "tune/h11-en.html",
         "tune/h15-en.html", "tune/h15-ja.html", "check/u17-ja.html")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bilingual")
    for i, rel in enumerate(PAGES):  # copied in this order: the pipeline reads a folder in name order
        shutil.copy(GOLD_DIR / "pages" / rel, tmp / f"{i:02d}-{rel.split('/')[1]}")
    store = open_store(str(tmp / "b.db"))
    Pipeline(store, Settings()).ingest([str(tmp)], fetched_at=FETCHED_AT)
    story = {r["source"].rsplit("-", 2)[-2] + "-" + r["source"].rsplit("-", 1)[-1].removesuffix(".html"): r["story_id"]
             for r in store.iter_articles()}
    yield store, story
    store.close()


def test_pairs_join_and_unrelated_stay_apart(corpus):
    _, story = corpus
    assert story["h20-ja"] == story["h20-en"]
    assert story["h11-ja"] == story["h11-en"]
    assert story["h15-ja"] == story["h15-en"]
    assert len({story["h20-ja"], story["h11-ja"], story["h15-ja"], story["u17-ja"]}) == 4


def test_story_page_shows_both_languages(corpus):
    store, story = corpus
    from storyline.web.server import create_app

    with TestClient(create_app(store, Settings(secret_key="t"))) as client:
        html = client.get(f"/stories/{story['h20-ja']}").text
    assert "Sources side by side" in html
    assert "日本語 · JA" in html and "English · EN" in html
    assert 'lang="ja"' in html and "電話会談" in html


def test_script_names_merge_into_the_english_record(corpus):
    store, story = corpus
    found = {e["key"] for e in store.find_entities("朴成民")}
    assert person_key("Park Sung-min") in found  # reading パク・ソンミン ~ Park Sung-min
    found = {e["key"] for e in store.find_entities("楊明")}
    assert person_key("Yang Ming") in found  # same office for the same country: China's foreign minister


def test_learn_aliases_refuses_people_the_japanese_side_already_names():
    people = [
        dict(
            article_id=1,
            language="ja",
            key="person:kiriyama naoto",
            name="Naoto Kiriyama",
            office="Foreign Minister",
            org_key="country:JPN",
        ),
        dict(
            article_id=1, language="ja", key="person:ja:某", name="某", office="Foreign Minister", org_key="country:JPN"
        ),
        dict(
            article_id=2,
            language="en",
            key="person:kiriyama naoto",
            name="Naoto Kiriyama",
            office="Foreign Minister",
            org_key="country:JPN",
        ),
    ]
    assert learn_aliases(people) == []  # Kiriyama is already named on the Japanese side
    people[1]["name"] = "某 (Park Sonmin)"
    people.append(
        dict(article_id=2, language="en", key="person:park sung-min", name="Park Sung-min", office=None, org_key=None)
    )
    assert learn_aliases(people) == [("person:ja:某", "person:park sung-min", "reading Park Sonmin")]


def test_english_concepts_are_what_each_concepts_pattern_finds():
    """The substring prefilter in ``crosslang.concepts`` only skips patterns that cannot match."""
    from storyline.stories.crosslang import _concepts, concepts

    _ja, en = _concepts()
    texts = [
        "Prime Minister meets foreign ministers over tariffs and the nuclear plant's reactors",
        "The election results: ruling party loses its majority; earthquake and tsunami warnings",
        "Missiles fired; defense ministers discuss sanctions, trade talks and rice prices",
    ]
    for text in texts:
        low = text.lower()
        assert concepts(text, "en") == {c for c, _words, pat in en if pat.search(low)}
    assert any(concepts(t, "en") for t in texts)  # the comparison is not of empty sets
