"""Content sniffing: the bytes decide first, the extension second."""

from __future__ import annotations

import pytest

from storyline.ingest import iter_inputs
from storyline.ingest.feeds import parse_feed
from storyline.ingest.sniff import detect


@pytest.mark.parametrize("name, expected", [
    ("world.rss.xml", "feed"), ("economy.rdf", "feed"), ("energy.atom", "feed"), ("tech.json", "jsonfeed"),
    ("subscriptions.opml", "opml"),
])
def test_fixture_feeds(data_dir, name, expected):
    assert detect((data_dir / "feeds" / name).read_bytes(), "anything.xml") == expected


@pytest.mark.parametrize("head, name, expected", [
    (b'<?xml version="1.0"?>\n<!-- generated -->\n<urlset xmlns="x"><url/></urlset>', "a.xml", "sitemap"),
    (b"<?xml version='1.0'?><sitemapindex/>", "a.xml", "sitemap"),
    (b"<?xml version='1.0'?><opml version='1.0'/>", "a.xml", "opml"),
    (b"\xef\xbb\xbf<rss version='0.91'><channel/></rss>", "a.xml", "feed"),
    (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", "a.xml", "html"),
    (b"<!DOCTYPE html><html><body>page</body></html>", "a.txt", "html"),
    (b"Minister resigns\nTokyo, July 3 --", "a.txt", "text"),
    (b"Minister resigns\nTokyo, July 3 --", "a", "unknown"),
    (b"<div><p>fragment</p></div>", "page", "html"),
    (b'{"url": "https://e.example/a", "html": "<p>x</p>"}\n', "dump", "jsonl"),
    (b'{"url": "https://e.example/a"}', "one.json", "json"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.bin", "warc"),
    (b"  \n\t ", "a.html", "empty"),
    (b"\x00\x01\x02binary", "a.html", "binary"),
    (b"<?xml version='1.0'?><catalog/>", "a.xml", "unknown"),
])
def test_detect(head, name, expected):
    assert detect(head, name) == expected


def test_rss_091(tmp_path):
    data = (b"<?xml version='1.0'?><rss version='0.91'><channel><title>Old</title><link>https://e.example/</link>"
            b"<item><title>Wire brief</title><link>https://e.example/brief</link>"
            b"<description>Short text.</description></item></channel></rss>")
    entries, reason = parse_feed(data, "old.xml")
    assert reason is None and [(e.title, e.link) for e in entries] == [("Wire brief", "https://e.example/brief")]


def test_opml_cannot_reach_outside_its_folder(settings, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "secret.rss").write_text("<rss version='2.0'><channel><item><title>s</title>"
                                         "<description>secret</description></item></channel></rss>")
    opml = tmp_path / "sub" / "list.opml"
    opml.write_text("<opml version='2.0'><body><outline xmlUrl='../secret.rss'/>"
                    f"<outline xmlUrl='{(tmp_path / 'secret.rss').as_uri()}'/></body></opml>")
    records = list(iter_inputs([str(opml)], settings))
    assert [r.kind for r in records] == ["blocked-scheme", "blocked-scheme"]
    assert not any(r.content and b"secret" in r.content for r in records)


def test_remote_sitemap_cannot_name_local_files(local_server, local_client, make_settings):
    local_server.serve("/sm.xml", "<urlset><url><loc>file:///etc/hostname</loc></url><url><loc>/rel</loc></url></urlset>",
                       Content_Type="application/xml")
    local_server.serve("/rel", "<html><body><p>relative page</p></body></html>")
    records = list(iter_inputs([local_server.url("/sm.xml")], make_settings(allowed_hosts="127.0.0.1"),
                               client=local_client))
    assert [r.kind for r in records] == ["blocked-scheme", "html"]
    assert records[1].url == local_server.url("/rel")
