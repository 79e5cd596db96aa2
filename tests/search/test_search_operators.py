"""NEAR groups, long queries (relaxed to any of their words, with a flag) and clipped queries, on
SQLite FTS5 and PostgreSQL tsquery alike."""

from __future__ import annotations

from storyline.search import MAX_TERMS, clip_query, fts5_query, pg_ja_tsquery, relaxed_query, search_articles

from .test_search import _fill


def test_near_finds_words_close_together_in_either_order(any_store):
    ids = _fill(any_store)
    # "Japan's foreign minister met his South Korean counterpart": seven words apart
    assert [h["id"] for h in search_articles(any_store, "NEAR(Japan counterpart, 10)").hits] == [ids[0]]
    assert [h["id"] for h in search_articles(any_store, "NEAR(counterpart Japan, 10)").hits] == [ids[0]]
    assert search_articles(any_store, "NEAR(Japan counterpart, 3)").total == 0
    # default distance 10; beside other words and exclusions
    assert search_articles(any_store, "near(Japan counterpart) Tokyo").total == 1
    assert [h["id"] for h in search_articles(any_store, "foreign -NEAR(Japan counterpart)").hits] == [ids[2]]


def test_near_query_forms():
    assert fts5_query('NEAR("rare earth" China, 5)') == 'NEAR("rare earth" "China", 5)'
    assert fts5_query("NEAR(a b, 999)") == 'NEAR("a" "b", 30)'  # distance capped
    assert fts5_query("NEAR(tariff)") == '"tariff"'  # one term is that term
    pg = pg_ja_tsquery("NEAR(a b, 2)")
    assert pg.count("<1>") == 2 and pg.count("<2>") == 2 and "<3>" not in pg  # both orders, up to 2


def test_long_query_without_a_full_match_returns_partial_matches_flagged(any_store):
    ids = _fill(any_store)
    q = "what did the foreign minister say in Tokyo yesterday"
    strict = search_articles(any_store, q)
    assert strict.total == 0 and not strict.relaxed
    res = search_articles(any_store, q, relax=True)
    assert res.relaxed and res.query == q
    assert [h["id"] for h in res.hits][:2] == [ids[0], ids[2]]  # foreign minister Tokyo, then two of them
    assert ids[1] not in {h["id"] for h in res.hits}  # holds none of them
    # a full match is never relaxed, a short query never is
    assert not search_articles(any_store, "foreign minister Tokyo", relax=True).relaxed
    assert search_articles(any_store, "minister yesterday", relax=True).total == 0
    assert relaxed_query("minister yesterday") is None
    assert relaxed_query('"foreign minister" said yesterday') is None  # a phrase means strict


def test_queries_longer_than_the_cap_are_clipped_not_refused(any_store):
    _fill(any_store)
    words = ["Tokyo"] + [f"w{i}" for i in range(MAX_TERMS + 20)]
    q, clipped = clip_query(" ".join(words))
    assert clipped and len(q.split()) == MAX_TERMS
    res = search_articles(any_store, " ".join(words), relax=True)
    assert res.clipped and res.relaxed and res.total == 1
    assert not search_articles(any_store, "Tokyo OR Seoul").clipped


def test_web_and_api_say_when_a_query_was_relaxed_or_clipped(tmp_path):
    from fastapi.testclient import TestClient

    from storyline.config import Settings
    from storyline.store import open_store
    from storyline.web.server import create_app

    store = open_store(str(tmp_path / "w.db"))
    _fill(store)
    client = TestClient(create_app(store, Settings(secret_key="test-secret")))
    html = client.get("/search", params={"q": "what did the foreign minister say in Tokyo yesterday"}).text
    assert "No article holds every word" in html and "Ministers meet in Tokyo" in html
    html = client.get("/search", params={"q": "Tokyo " + "x " * 3000}).text
    assert f"Only the first {MAX_TERMS} words" in html
    body = client.get("/api/v1/search", params={"q": "NEAR(Japan counterpart, 10)"}).json()
    assert body["total"] == 1 and body["relaxed"] is False
    assert client.get("/api/v1/search", params={"q": "x" * 2001}).status_code == 422
