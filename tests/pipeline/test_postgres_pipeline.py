"""The same pipeline on PostgreSQL: ingest, enrich, stories, search, export (skips without a server)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from storyline.config import Settings
from storyline.export import export_to_string
from storyline.pipeline import Pipeline
from storyline.search import search_articles
from storyline.store import open_store
from tests.conftest import REPO

pytestmark = pytest.mark.postgres
SAMPLES = REPO / "storyline" / "data" / "samples"


def test_samples_on_postgres(pg_url):
    store = open_store(pg_url)
    settings = Settings(fetch_feed_entries=False)
    pipe = Pipeline(store, settings)
    pages = [str(p) for p in sorted((SAMPLES / "html").glob("*.html"))[:8]]
    summary = pipe.ingest(pages, fetched_at=datetime(2026, 11, 22, 21, tzinfo=UTC))
    assert summary.articles_new >= 6 and not summary.errors
    again = Pipeline(store, settings).ingest(pages)
    assert again.duplicate_pages == len(pages) and again.articles_new == 0
    res = search_articles(store, "rare earth")
    assert res.total >= 1 and "<mark>" in res.hits[0]["snippet"]
    assert store.list_entities(limit=5), "enrichment stored entities"
    assert store.count_stories() >= 1
    rows = [json.loads(line) for line in export_to_string(store, "articles").splitlines()]
    assert len(rows) == store.count_articles()
    store.close()
