"""One event per happening: every story timeline and entity page of the bundled samples and the
seeds shows each happening once (through the real pipeline), and merging is explained."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import combinations

import pytest

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.queries.entities import entity_detail
from storyline.queries.stories import timeline_for
from storyline.store import open_store
from storyline.stories.happenings import family, merge_rows, why_same


def _store(tmp_path_factory, name, inputs, fetched_at):
    store = open_store(str(tmp_path_factory.mktemp(name) / f"{name}.db"))
    Pipeline(store, Settings(fetch_feed_entries=False)).ingest([str(p) for p in inputs], fetched_at=fetched_at)
    return store


@pytest.fixture(scope="module")
def stores(samples_store, seeds_store):
    """The session's sample and seed stores (tests/conftest.py)."""
    return [samples_store, seeds_store]


def _same(a: dict, b: dict) -> bool:
    parts_a, parts_b = set(a.get("participants_keys", [])), set(b.get("participants_keys", []))
    dates = a["when"] == b["when"] or a["undated"] or b["undated"]
    return family(a["type"]) == family(b["type"]) and parts_a == parts_b and bool(parts_a) and dates


def test_no_event_twice_in_a_story_timeline(stores):
    checked = 0
    for store in stores:
        for story in store.list_stories(limit=500):
            rows = timeline_for(store, story_id=story["id"])
            for r in rows:
                r["participants_keys"] = [p["key"] for p in r["participants"]]
            sentences = [s for r in rows for s in r["sentences"]]
            assert len(sentences) == len(set(sentences)), (story["title"], sentences)
            for a, b in combinations(rows, 2):
                assert not _same(a, b), (story["title"], a["type"], a["sentence"], b["sentence"])
            checked += 1
    assert checked >= 10


def test_no_event_twice_on_an_entity_page(stores):
    checked = 0
    for store in stores:
        for ent in store.list_entities(limit=300):
            detail = entity_detail(store, ent["id"])
            events = detail["events"] if detail else []
            for a, b in combinations(events, 2):
                assert why_same(a, b) is None, (ent["name"], a["sentence"] if "sentence" in a else a["key"])
            checked += bool(events)
    assert checked >= 5


def test_merging_is_explained_and_reversible():
    src = {"outlet": "A", "wire": None, "duplicate_of": None}
    dated = {
        "id": 1,
        "key": "k1",
        "type": "meeting",
        "date": "2026-11-18",
        "participants": [{"key": "person:a"}, {"key": "person:b"}],
        "sources": [
            dict(src, article_id=1, sentence="A and B met on Tuesday.", published=datetime(2026, 11, 19, tzinfo=UTC))
        ],
    }
    undated = {
        "id": 2,
        "key": "k2",
        "type": "negotiation",
        "date": None,
        "participants": [{"key": "person:a"}, {"key": "person:b"}, {"key": "person:c"}],
        "sources": [
            dict(
                src,
                article_id=2,
                outlet="B",
                sentence="The talks of A, B and C ...",
                published=datetime(2026, 11, 20, tzinfo=UTC),
            )
        ],
    }
    other = dict(
        undated,
        id=3,
        key="k3",
        type="sanction",
        sources=[dict(src, article_id=3, sentence="C sanctioned A.", published=datetime(2026, 11, 20, tzinfo=UTC))],
    )
    late = dict(
        undated,
        id=4,
        key="k4",
        sources=[dict(src, article_id=4, sentence="Talks again.", published=datetime(2027, 1, 20, tzinfo=UTC))],
    )
    merged = merge_rows([undated, dated, other, late])
    assert [m["key"] for m in merged[0]["merged_from"]] == ["k2"] and "participants overlap" in merged[0][
        "merged_from"
    ][0]["why"]
    assert merged[0]["independent_sources"] == 2 and len(merged[0]["sources"]) == 2
    assert {m["key"] for m in merged} == {"k1", "k3", "k4"}  # another type, and a report two months on, stay apart
    assert dated["sources"] and len(dated["sources"]) == 1  # the stored rows are untouched


def test_api_cli_briefing_list_each_happening_once(stores):
    """The JSON API's /events (merged by default, ?merged=false for stored mentions), the CLI and the
    briefing's event list show one row per happening, as timelines do."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from storyline.ai.briefing import new_events
    from storyline.cli import app
    from storyline.config import Settings as AppSettings
    from storyline.web.server import create_app

    store = stores[0]
    client = TestClient(create_app(store, AppSettings(secret_key="t")))
    merged = client.get("/api/v1/events", params={"limit": 100}).json()["items"]
    raw = client.get("/api/v1/events", params={"limit": 100, "merged": "false"}).json()["items"]
    assert len(raw) > len(merged) > 0  # the samples report some happenings more than once
    sentences = [s["sentence"] for e in merged for s in e["sources"]]
    assert set(sentences) == {s["sentence"] for e in raw for s in e["sources"]}  # no source sentence lost
    assert any(e["merged_from"] for e in merged)
    out = CliRunner().invoke(app, ["events", "--db", store.db, "--limit", "100", "--json"]).output
    assert len([line for line in out.splitlines() if line.startswith("{")]) == len(merged)
    ids = [a["id"] for a in store.list_articles(limit=1000)]
    listed = new_events(store, ids, datetime(2026, 11, 23, tzinfo=UTC), limit=30)
    keyed = [(e["type"], e["date"], tuple(sorted(e["participants"]))) for e in listed]
    assert len(keyed) == len(set(keyed))
