"""Search operators (phrase, OR, NOT / -word, prefix*), sort by relevance or date, clear errors and
empty states, on SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

import pytest

from storyline.search import fts5_query, search_articles, split_negatives
from tests.web.corpus import build_corpus


def test_split_negatives():
    assert split_negatives('Japan -China NOT "trade war"') == ("Japan", ["China", '"trade war"'])
    assert split_negatives("rare-earth licences") == ("rare-earth licences", [])  # a hyphen inside a word
    assert split_negatives("-China") == ("", ["China"])
    assert fts5_query("Japan -China") == '("Japan") NOT ("China")'
    assert fts5_query("-China") is None  # nothing to look for


def _titles(res):
    return {h["title"] for h in res.hits}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_operators_on_both_backends(request, backend, tmp_path):
    from storyline.store import open_store

    url = str(tmp_path / "s.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    store = open_store(url)
    try:
        build_corpus(store)
        everything = _titles(search_articles(store, "rare"))
        assert {"China tightens rare-earth export licences", "Japan weighs rare-earth stockpile"} <= everything
        assert _titles(search_articles(store, "rare -stockpile")) == {"China tightens rare-earth export licences"}
        assert _titles(search_articles(store, "rare NOT stockpile")) == {"China tightens rare-earth export licences"}
        assert _titles(search_articles(store, 'rare NOT "export licences"')) == {"Japan weighs rare-earth stockpile"}
        assert _titles(search_articles(store, '"export licences"')) == {"China tightens rare-earth export licences"}
        both = _titles(search_articles(store, "stockpile OR tightened"))
        assert {"China tightens rare-earth export licences", "Japan weighs rare-earth stockpile"} <= both
        assert "Japan weighs rare-earth stockpile" in _titles(search_articles(store, "stockp*"))
        by_date = search_articles(store, "Japan", sort="date").hits
        times = [h["published"] for h in by_date]
        assert times == sorted(times, reverse=True) and len(times) >= 3
    finally:
        store.close()


def test_web_search_says_what_to_do(client):
    html = client.get("/search?q=-China").text
    assert 'role="alert"' in html and "Add a word to look for" in html
    html = client.get("/search?q=zzzqqq").text
    assert "No article matches “zzzqqq”" in html and "End a word with" in html
    html = client.get("/search?q=rare&tag=Diplomacy").text
    assert "Search again without filters" in html
    html = client.get("/search?q=Japan&sort=date").text
    assert '<option value="date" selected>' in html
    assert client.get("/search?q=Japan&since=notadate").status_code in (400, 422)
    api = client.get("/api/v1/search?q=Japan&sort=date").json()
    assert [h["published"] for h in api["items"]] == sorted((h["published"] for h in api["items"]), reverse=True)
    assert client.get("/api/v1/search?q=Japan&sort=sideways").status_code == 422
