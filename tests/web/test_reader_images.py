"""og:image thumbnails: extracted as absolute https URLs, shown on story cards, allowed by the CSP,
loaded from the source (never proxied)."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.extract.html_meta import load_tree, page_image
from tests.web.corpus import add


def test_page_image_resolves_and_refuses_non_web_addresses():
    tree = load_tree('<html><head><meta property="og:image" content="/img/a.jpg"></head><body><p>x</p></body></html>')
    assert page_image(tree, "https://news.example.org/world/story.html") == "https://news.example.org/img/a.jpg"
    tree = load_tree('<html><head><meta property="og:image" content="javascript:alert(1)">'
                     '<meta name="twitter:image" content="https://cdn.example.org/t.png"></head><body></body></html>')
    assert page_image(tree, "https://news.example.org/") == "https://cdn.example.org/t.png"
    tree = load_tree('<html><head><meta property="og:image" content="data:image/png;base64,AAAA"></head></html>')
    assert page_image(tree, None) is None


def test_extracted_article_keeps_its_image():
    from storyline.extract.html import extract_html

    body = " ".join(["Ministers from Japan and South Korea met in Tokyo to agree on export controls."] * 12)
    html = (f'<html><head><title>Talks</title><meta property="og:image" content="pics/talks.jpg"></head>'
            f'<body><article><h1>Talks in Tokyo</h1><p>{body}</p><p>{body}</p></article></body></html>')
    result = extract_html(html, source="x.html", url="https://news.example.org/2026/11/talks.html",
                          fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
    assert result.articles and result.articles[0].extra["image"] == "https://news.example.org/2026/11/pics/talks.jpg"


def test_front_page_shows_thumbnails_from_the_source(client, store, ids):
    store.update_article(ids["a1"], extra={"image": "https://img.example.org/seoul.jpg"})
    resp = client.get("/")
    assert "img-src 'self' data: https:;" in resp.headers["content-security-policy"]
    assert '<img class="thumb" src="https://img.example.org/seoul.jpg"' in resp.text
    assert 'referrerpolicy="no-referrer"' in resp.text
    store.update_article(ids["a1"], extra={"image": "http://img.example.org/plain.jpg"})  # not over https: not shown
    add(store, "Cache reset", "A new article resets the ranking cache for this test.", outlet="X", hours_ago=900)
    assert "plain.jpg" not in client.get("/").text
