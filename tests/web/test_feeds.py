"""RSS, Atom and JSON Feed for hashtags, entities, stories, searches: valid, escaped, parseable."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import feedparser
import pytest

from storyline.models import Article, Enrichment


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_xml_feeds_parse(client, ids, fmt):
    paths = [
        f"/tags/RareEarths.{fmt}",
        f"/entities/{ids['country:JPN']}.{fmt}",
        f"/stories/{ids['s1']}.{fmt}",
        f"/search.{fmt}?q=Seoul",
    ]
    for path in paths:
        resp = client.get(path)
        assert resp.status_code == 200, path
        ET.fromstring(resp.content)  # well-formed XML
        parsed = feedparser.parse(resp.content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        assert all(e.link.startswith("http://127.0.0.1:8000/articles/") for e in parsed.entries)
    tag = feedparser.parse(client.get(f"/tags/RareEarths.{fmt}").content)
    assert tag.feed.title == "Latest news with #RareEarths"
    assert {e.title for e in tag.entries} == {
        "China tightens rare-earth export licences",
        "Japan weighs rare-earth stockpile",
    }


def test_json_feed(client, ids):
    resp = client.get(f"/stories/{ids['s1']}.json")
    assert resp.headers["content-type"].startswith("application/feed+json")
    doc = json.loads(resp.content)
    assert doc["version"].startswith("https://jsonfeed.org/version/1")
    assert {i["id"] for i in doc["items"]} == {str(ids["a1"]), str(ids["a2"])}
    assert all(i["url"].startswith("http://127.0.0.1:8000/articles/") and i["title"] for i in doc["items"])
    assert doc["title"].startswith("Story: ") and doc["home_page_url"].endswith(f"/stories/{ids['s1']}")


def test_feed_escapes_everything(client, store):
    nasty = 'Q&A <b>bold</b> "quotes" \x01control ]]> <script>alert(1)</script>'
    aid, _ = store.upsert_article(
        Article(body=nasty + " body", source="n.html", title=nasty, outlet="A&B"), None
    )
    store.save_enrichment(aid, Enrichment(hashtags=["Nasty"]))
    for fmt in ("rss", "atom"):
        content = client.get(f"/tags/Nasty.{fmt}").content
        ET.fromstring(content)
        assert b"<script>" not in content and b"\x01" not in content
        parsed = feedparser.parse(content)
        assert not parsed.bozo
        assert parsed.entries[0].title.startswith("Q&A")


def test_feeds_answer_head(client, ids):
    resp = client.head("/tags/RareEarths.rss")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/rss+xml")


def test_unknown_feed_format_and_missing(client, ids):
    assert client.get(f"/stories/{ids['s1']}.xml").status_code == 404
    assert client.get("/entities/9999.rss").status_code == 404
    assert client.get("/me/feed.atom?token=wrong").status_code == 404
