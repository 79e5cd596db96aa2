"""Sitemaps: urlset and sitemapindex, local and remote, bounded."""

from __future__ import annotations

import gzip

import pytest

from storyline.errors import InputFormatError
from storyline.ingest import iter_inputs
from storyline.ingest.sitemaps import MAX_DEPTH, parse_sitemap


def test_parse_urlset_ignores_image_locs(data_dir):
    kind, locs = parse_sitemap((data_dir / "sitemaps" / "news-sitemap.xml").read_bytes(), "s.xml")
    assert kind == "urlset"
    assert locs == ["https://news.example.org/2025/03/14/fisheries-pact",
                    "https://news.example.org/2025/03/17/port-strike"]


def test_parse_index(data_dir):
    kind, locs = parse_sitemap((data_dir / "sitemaps" / "index.xml").read_bytes(), "i.xml")
    assert kind == "sitemapindex" and locs[1].endswith("april.xml.gz")


def test_malformed_sitemap():
    with pytest.raises(InputFormatError) as info:
        parse_sitemap(b"<urlset><url><loc>x</loc></url>", "bad.xml")
    assert info.value.kind == "malformed-sitemap"


def urlset(*urls: str) -> str:
    items = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'


def index(*urls: str) -> str:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    )


def test_remote_index_with_gzipped_child(local_server, local_client, make_settings):
    settings = make_settings(allowed_hosts="127.0.0.1")
    for name in ("one", "two", "three"):
        local_server.serve(f"/news/{name}", f"<html><body><p>Story {name}</p></body></html>")
    local_server.serve("/sm/a.xml", urlset(local_server.url("/news/one")), Content_Type="application/xml")
    local_server.serve(
        "/sm/b.xml.gz",
        gzip.compress(
            urlset(
                local_server.url("/news/two"), local_server.url("/news/three"), local_server.url("/news/gone")
            ).encode()
        ),
        Content_Type="application/gzip",
    )
    local_server.serve(
        "/sitemap.xml",
        index(local_server.url("/sm/a.xml"), local_server.url("/sm/b.xml.gz")),
        Content_Type="application/xml",
    )
    records = list(iter_inputs([local_server.url("/sitemap.xml")], settings, client=local_client))
    assert [r.kind for r in records] == ["html", "html", "html", "http-error"]
    assert [r.content for r in records[:3]] == [
        f"<html><body><p>Story {n}</p></body></html>".encode() for n in ("one", "two", "three")
    ]
    assert records[0].url == local_server.url("/news/one")


def test_local_sitemap_file(local_server, local_client, make_settings, tmp_path):
    local_server.serve("/news/x", "<html><body><p>X</p></body></html>")
    path = tmp_path / "sitemap.xml"
    path.write_text(urlset(local_server.url("/news/x"), "file:///etc/passwd"))
    records = list(iter_inputs([str(path)], make_settings(allowed_hosts="127.0.0.1"), client=local_client))
    assert [r.kind for r in records] == ["html", "blocked-scheme"]


def test_self_referencing_index_is_bounded(local_server, local_client, make_settings):
    local_server.serve("/loop.xml", index(local_server.url("/loop.xml")), Content_Type="application/xml")
    records = list(
        iter_inputs([local_server.url("/loop.xml")], make_settings(allowed_hosts="127.0.0.1"), client=local_client)
    )
    assert [r.kind for r in records] == ["too-deep"]
    assert local_server.hits("/loop.xml") == MAX_DEPTH + 1
