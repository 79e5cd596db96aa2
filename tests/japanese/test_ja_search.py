"""Search finds words inside Japanese text, on SQLite (FTS5) and PostgreSQL, in the CLI, the web
search and the API: the Japanese test pages (four outlets' layouts) go through the real pipeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli.app import app as cli_app
from storyline.config import Settings
from storyline.models import Article
from storyline.pipeline import Pipeline
from storyline.search import search_articles
from storyline.store import open_store

PAGES = Path(__file__).resolve().parents[1] / "data" / "japanese"
FETCHED = datetime(2025, 8, 1, tzinfo=UTC)
ENGLISH = Article(body="Japan's foreign minister met his South Korean counterpart in Tokyo on economic security.",
                  source="en-1", title="Japan, South Korea ministers meet", outlet="Kanto Herald", language="en")


def _fill(store) -> dict[str, int]:
    Pipeline(store, Settings(), enrich=False, stories=False).ingest([str(PAGES)], fetched_at=FETCHED)
    store.upsert_article(ENGLISH, None)
    return {Path(r["source"]).stem: r["id"] for r in store.iter_articles()}


@pytest.mark.parametrize("query, expected", [
    ("外相", {"nhk_iwaya_cho_talks"}),  # inside 岩屋毅外相は / 趙顕外相と
    ("岩屋", {"nhk_iwaya_cho_talks"}),
    ("経済安全保障", {"nhk_iwaya_cho_talks", "yomiuri_export_control", "nikkei_rare_earth"}),
    ("サプライチェーン", {"nhk_iwaya_cho_talks", "nikkei_rare_earth"}),
    ("輸出管理", {"yomiuri_export_control", "nhk_iwaya_cho_talks"}),
    ("東京", {"nhk_iwaya_cho_talks"}),  # 東京・港区
    ("レアアース 輸出規制", {"kyodo_china_export", "nikkei_rare_earth"}),
    ("経", None),  # one character: prefix query over bigrams, every article with 経 found
])
def test_words_inside_japanese_runs(any_store, query, expected):
    ids = _fill(any_store)
    res = search_articles(any_store, query)
    got = {name for name, aid in ids.items() if aid in {h["id"] for h in res.hits}}
    if expected is None:
        bodies = {Path(r["source"]).stem: r["body"] + (r["title"] or "") for r in any_store.iter_articles()}
        expected = {name for name, text in bodies.items() if "経" in text}
        assert expected
    assert got == expected
    assert res.total == len(expected)
    first = query.split()[0]
    assert all(
        f"<mark>{first}" in h["snippet"]
        for h in res.hits
        if first in h["snippet"].replace("<mark>", "").replace("</mark>", "")
    ), res.hits


def test_full_width_latin_and_english_unchanged(any_store):
    ids = _fill(any_store)
    jp = search_articles(any_store, "ｊａｐａｎ")  # NFKC: finds the English article's "Japan"
    assert {h["id"] for h in jp.hits} == {ids["en-1"]}
    ev = search_articles(any_store, "ＥＶ")  # full-width in the page text, ASCII query
    assert {h["id"] for h in ev.hits} == {ids["nikkei_rare_earth"]}
    assert search_articles(any_store, "EV").total == 1
    en = search_articles(any_store, '"foreign minister"')
    assert {h["id"] for h in en.hits} == {ids["en-1"]} and "<mark>" in en.hits[0]["snippet"]
    assert search_articles(any_store, "京都").total == 0


def test_bm25_ranks_the_denser_article_first(sqlite_store):
    ids = _fill(sqlite_store)
    res = search_articles(sqlite_store, "外相")
    assert res.hits[0]["id"] == ids["nhk_iwaya_cho_talks"]
    res = search_articles(sqlite_store, "輸出管理")
    # Yomiuri names 輸出管理 in its headline (weighted 4x) and body; NHK once in its body
    assert [h["id"] for h in res.hits] == [ids["yomiuri_export_control"], ids["nhk_iwaya_cho_talks"]]
    assert res.hits[0]["score"] > res.hits[1]["score"]


def test_cli_web_and_api(tmp_path):
    path = str(tmp_path / "ja.db")
    store = open_store(path)
    ids = _fill(store)
    runner = CliRunner(env={"COLUMNS": "250"})
    out = runner.invoke(cli_app, ["search", "経済安全保障", "--db", path, "--json"])
    assert out.exit_code == 0, out.output
    found = json.loads(out.output)
    assert ids["yomiuri_export_control"] in {h["id"] for h in found["hits"]}
    from storyline.web.server import create_app

    with TestClient(create_app(store, Settings(secret_key="t"))) as client:
        page = client.get("/search", params={"q": "外相"})
        assert page.status_code == 200 and "<mark>外相</mark>" in page.text
        api = client.get("/api/v1/search", params={"q": "輸出管理"}).json()
        assert api["total"] == 2 and any("<mark>輸出管理</mark>" in i["snippet"] for i in api["items"])
    store.close()
