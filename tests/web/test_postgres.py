"""The pages, feeds and API on PostgreSQL (the server on 127.0.0.1:5432; skipped when absent)."""

from __future__ import annotations

import feedparser
import pytest
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.store import open_store
from storyline.web.server import create_app
from tests.web.conftest import register
from tests.web.corpus import add, build_corpus

pytestmark = pytest.mark.postgres


def test_pages_api_feeds_and_watch_on_postgres(pg_url):
    store = open_store(pg_url)
    ids = build_corpus(store)
    try:
        with TestClient(create_app(store, Settings(secret_key="pg"))) as client:
            for path in (
                "/",
                f"/stories/{ids['s1']}",
                f"/articles/{ids['a1']}",
                "/tags/RareEarths",
                f"/entities/{ids['person:aoyagi kenta']}",
                "/search?q=Seoul",
                "/sources",
                "/status",
            ):
                assert client.get(path).status_code == 200, path
            assert "<mark>Seoul</mark>" in client.get("/search?q=Seoul").text
            assert client.get("/api/v1/search?q=Seoul").json()["total"] == 2
            assert not feedparser.parse(client.get("/tags/RareEarths.atom").content).bozo
            register(client)
            client.get("/me")
            from tests.web.test_watch import follow

            follow(client, "tag", "RareEarths")
            aid = add(
                store, "New rare-earth deal", "A new deal.", outlet="X", hours_ago=0.1, tags=["RareEarths"]
            )
            assert f'/articles/{aid}"' in client.get("/me").text
            client.get(f"/articles/{aid}")
            assert "Most read" in client.get("/").text
    finally:
        store.close()
