"""Issue 14 defects, one test each: raw ISO in article meta, relative "Original" links, feed and API
links from the configured address, feed cookies and validators, /api/v1/tags paging, totals for tags and
entities, comments on missing targets, rate-limited comments, /favicon.ico, OpenAPI error schemas."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.models import Article, FetchedPage
from storyline.web.render import machine_time
from storyline.web.server import create_app
from tests.web.conftest import csrf_of, register


def _article(store, *, url, page_url=None, published_text=None) -> int:
    pid = None
    if page_url:
        pid, _ = store.add_raw_page(FetchedPage(source=page_url, url=page_url, content=b"<html></html>",
                                                fetched_at=datetime.now(UTC)))
    art = Article(body="Ministers met in Tokyo to discuss export controls on chips and magnets.",
                  source=page_url or "local/file.html", url=url, title="Relative link test", outlet="Kanto Herald",
                  published=datetime(2026, 11, 20, tzinfo=UTC), published_text=published_text,
                  fetched_at=datetime.now(UTC), language="en")
    aid, _ = store.upsert_article(art, pid)
    return aid


def test_machine_times_are_not_shown_raw(client, store):
    assert machine_time("2026-11-20T08:00:00+09:00") and machine_time("2026-11-20")
    assert not machine_time("Nov. 20, 2026 8:00 JST") and not machine_time("3 hours ago")
    aid = _article(store, url="https://k.example.org/a", published_text="2026-11-20T08:00:00+09:00")
    html = client.get(f"/articles/{aid}").text
    assert "2026-11-20T08:00:00+09:00</span>" not in html and "“2026-11-20T08" not in html
    aid = _article(store, url="https://k.example.org/b", published_text="Nov. 20, 2026 8:00 JST")
    assert "“Nov. 20, 2026 8:00 JST”" in client.get(f"/articles/{aid}").text


def test_relative_original_link_resolves_against_the_page(client, store):
    aid = _article(store, url="/2026/11/20/ministers", page_url="https://news.example.org/world/index.html")
    html = client.get(f"/articles/{aid}").text
    assert 'href="https://news.example.org/2026/11/20/ministers"' in html
    assert 'href="/2026/11/20/ministers"' not in html
    data = client.get(f"/api/v1/articles/{aid}").json()
    assert data["original_url"] == "https://news.example.org/2026/11/20/ministers"
    # no web address to resolve against: shown as text, never as a link into Storyline
    aid = _article(store, url="../x/story.html")
    html = client.get(f"/articles/{aid}").text
    assert 'href="../x/story.html"' not in html and "Address on the page: ../x/story.html" in html


def test_feed_and_api_links_use_the_configured_address(store, ids):
    app = create_app(store, Settings(secret_key="k", base_url="https://news.example.org/"))
    with TestClient(app) as c:
        feed = feedparser.parse(c.get("/tags/RareEarths.rss", headers={"Host": "evil.example"}).content)
        assert feed.entries and all(e.link.startswith("https://news.example.org/articles/") for e in feed.entries)
        body = c.get("/api/v1/articles?limit=1", headers={"Host": "evil.example"}).json()
        assert body["next"].startswith("https://news.example.org/api/v1/articles?")
    with TestClient(create_app(store, Settings(secret_key="k"))) as c:  # unset: the bind address
        feed = feedparser.parse(c.get("/tags/RareEarths.rss", headers={"Host": "evil.example"}).content)
        assert all(e.link.startswith("http://127.0.0.1:8000/articles/") for e in feed.entries)


def test_feeds_carry_no_cookie_and_validators(client):
    for path in ("/tags/RareEarths.rss", "/stories/top.atom", "/search.json?q=Japan"):
        resp = client.get(path)
        assert resp.status_code == 200 and "set-cookie" not in resp.headers, path
        assert resp.headers["etag"] and resp.headers["last-modified"]
        assert client.get(path, headers={"If-None-Match": resp.headers["etag"]}).status_code == 304
        again = client.get(path, headers={"If-Modified-Since": resp.headers["last-modified"]})
        assert again.status_code == 304 and not again.content
    assert "set-cookie" in client.get("/login").headers  # pages still set the CSRF seed


def test_api_tags_offset_and_next_end(client, store):
    first = client.get("/api/v1/tags?limit=1").json()
    assert first["total"] == len(store.tag_counts(limit=1000)) >= 3
    seen, url, pages = [], "/api/v1/tags?limit=1", 0
    while url and pages < 50:
        body = client.get(url).json()
        seen += [t["tag"] for t in body["items"]]
        url, pages = body["next"], pages + 1
    assert url is None and len(seen) == len(set(seen)) == first["total"]
    assert client.get("/api/v1/tags?limit=1&offset=1").json()["items"][0]["tag"] == seen[1]


def test_entities_total_is_known(client, store):
    body = client.get("/api/v1/entities?limit=2").json()
    assert body["total"] == store.count_entities() >= 4 and body["next"]
    assert client.get("/api/v1/entities?limit=2&q=Japan").json()["total"] is not None
    html = client.get("/entities?limit=2").text
    assert 'rel="next"' in html and f"of {body['total']}" in html
    assert 'rel="next"' in client.get("/tags?limit=1").text


def test_comment_on_missing_target_is_refused(client, store):
    register(client)
    token = csrf_of(client, "/")
    for kind in ("article", "story"):
        resp = client.post("/comments", data={"target_type": kind, "target_id": 999999, "body": "hello there",
                                              "csrf_token": token}, follow_redirects=False)
        assert resp.status_code == 404
        assert store.list_comments(kind, 999999, moderator=True) == []


def test_rate_limited_comment_says_so(client, ids):
    register(client)
    token = csrf_of(client, f"/articles/{ids['a1']}")
    codes = []
    for i in range(10):
        resp = client.post("/comments", data={"target_type": "article", "target_id": ids["a1"],
                                              "body": f"comment number {i} on the talks", "csrf_token": token},
                           headers={"HX-Request": "true"})
        codes.append(resp.status_code)
    assert 429 in codes
    assert "Too many attempts" in resp.text and 'role="alert"' in resp.text


def test_favicon(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in resp.content


def test_openapi_documents_our_error_shape_and_responses(client):
    doc = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["ErrorBody"]["properties"]["error"]
    for path, ops in doc["paths"].items():
        for op in ops.values():
            codes = op["responses"]
            assert {"200", "404", "422"} <= set(codes), path
            assert codes["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
            assert codes["200"]["content"]["application/json"]["schema"], path
    listing = doc["paths"]["/tags"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(listing["required"]) == {"items", "total", "limit", "offset", "next", "prev"}
    bad = client.get("/api/v1/articles?limit=0").json()
    assert set(bad["error"]) == {"code", "message", "detail"} and bad["error"]["code"] == 422
