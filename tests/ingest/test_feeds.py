"""Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed), OPML, entry pages and conditional GET."""

from __future__ import annotations

import httpx
import pytest

from storyline.errors import InputFormatError
from storyline.ingest import MemoryFeedState, iter_inputs
from storyline.ingest.feeds import parse_feed, parse_json_feed, parse_opml
from storyline.ingest.http import Fetcher
from storyline.models import FetchedPage, IngestProblem

PUBLIC_IP = "93.184.215.14"


def mock_fetcher(settings, pages: dict[str, str]) -> tuple[Fetcher, list[str]]:
    """A fetcher whose 'internet' is ``pages`` (others 404), with a fake public DNS."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        body = pages.get(str(request.url))
        return httpx.Response(200, html=body) if body else httpx.Response(404, text="no")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(settings, client, resolver=lambda host: [PUBLIC_IP]), seen


@pytest.mark.parametrize("name, count, text, first", [
    ("world.rss.xml", 2, "satellite tracking data", ("Coastal states agree on fisheries data pact",
                          "https://news.example.org/2025/03/14/fisheries-pact", "2025-03-14T09:30:00+00:00",
                          "Mara Tennant")),
    ("economy.rdf", 1, "slip to June", ("Tariff review delayed", "https://news.example.org/2025/04/02/tariff-review",
                        "2025-04-02T08:15:00+09:00", "Ken Oduya")),
    ("energy.atom", 1, "<p>Three grid operators", ("Grid operators sign winter reserve deal", "https://news.example.org/2025/05/06/grid-reserve",
                        "2025-05-06T10:00:00+00:00", "Ilse Brandt")),
])
def test_xml_feed_entries(data_dir, name, count, text, first):
    entries, reason = parse_feed((data_dir / "feeds" / name).read_bytes(), name)
    assert reason is None and len(entries) == count
    e = entries[0]
    assert (e.title, e.link, e.published, e.author) == first
    assert text in e.content_html  # full content preferred, else the summary


def test_json_feed_entries(data_dir):
    entries = parse_json_feed((data_dir / "feeds" / "tech.json").read_bytes(), "tech.json")
    assert [e.title for e in entries] == ["New chip export rules take effect", "Undersea cable repair ship arrives"]
    assert entries[0].author == "Sun Li" and entries[1].author == "Harbor Ledger desk"  # feed-level author
    assert entries[1].link is None and entries[1].content_html == (
        "<p>A repair ship reached the damaged cable on Thursday.</p><p>Repairs may take a week.</p>")
    assert entries[1].published == "2025-06-12T15:30:00+00:00"


def test_feed_entry_pages_are_fetched_with_feed_metadata(data_dir, settings):
    story = "<html><body><h1>Fisheries pact</h1><p>Full story.</p></body></html>"
    fetcher, seen = mock_fetcher(settings, {"https://news.example.org/2025/03/14/fisheries-pact": story})
    feed = str(data_dir / "feeds" / "world.rss.xml")
    records = list(iter_inputs([feed], settings, fetcher=fetcher))
    page, problem, fallback = records
    assert isinstance(page, FetchedPage) and page.content == story.encode()
    assert page.source == feed and page.url == "https://news.example.org/2025/03/14/fisheries-pact"
    assert page.feed_entry == {"title": "Coastal states agree on fisheries data pact", "link": page.url,
                               "published": "2025-03-14T09:30:00+00:00", "author": "Mara Tennant",
                               "feed_title": "Harbor Ledger — World"}
    # the second entry's page is missing: a problem, and the entry's own summary is kept as a page
    assert isinstance(problem, IngestProblem) and problem.kind == "http-error"
    assert "port-strike" in problem.message
    assert fallback.kind == "html" and fallback.feed_entry["title"] == "Port workers end three-day strike"
    assert b"Dock workers returned to work" in fallback.content and fallback.encoding == "utf-8"
    assert seen == ["https://news.example.org/robots.txt", page.url, "https://news.example.org/2025/03/17/port-strike"]


def test_feed_entries_fall_back_when_links_are_blocked(data_dir, settings):
    """With the real resolver refused up front, no traffic: every entry comes from its own content."""
    client = httpx.Client(transport=httpx.MockTransport(lambda r: pytest.fail(f"sent {r.url}")))
    fetcher = Fetcher(settings, client, resolver=lambda host: ["10.0.0.7"])
    records = list(iter_inputs([str(data_dir / "feeds" / "energy.atom")], settings, fetcher=fetcher))
    assert [r.kind for r in records] == ["blocked-address", "html"]
    assert b"pool reserve capacity" in records[1].content


def test_opml_lists_local_and_remote_feeds(data_dir, settings):
    remote = ('<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><title>Remote item</title>'
              "<description>Remote summary text</description></item></channel></rss>")
    fetcher, seen = mock_fetcher(settings, {"https://feeds.example.org/remote.xml": remote})
    records = list(iter_inputs([str(data_dir / "feeds" / "subscriptions.opml")], settings, fetcher=fetcher))
    titles = [r.feed_entry["title"] for r in records if isinstance(r, FetchedPage)]
    assert titles == ["Coastal states agree on fisheries data pact", "Port workers end three-day strike",
                      "Grid operators sign winter reserve deal", "Remote item"]
    assert "https://feeds.example.org/remote.xml" in seen


def test_parse_opml_dedupes_in_order(data_dir):
    urls = parse_opml((data_dir / "feeds" / "subscriptions.opml").read_bytes(), "s.opml")
    assert urls == ["world.rss.xml", "energy.atom", "https://feeds.example.org/remote.xml"]


@pytest.mark.parametrize("name, kind", [("broken-feed.xml", "malformed-feed"), ("broken.opml", "malformed-opml")])
def test_malformed_feed_and_opml(data_dir, settings, name, kind):
    records = list(iter_inputs([str(data_dir / "feeds" / name)], settings))
    assert [r.kind for r in records] == [kind]
    assert name in records[0].message and records[0].content


def test_json_feed_without_items_is_malformed():
    with pytest.raises(InputFormatError) as info:
        parse_json_feed(b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', "f.json")
    assert info.value.kind == "malformed-feed"


def test_feed_sniffed_from_content_not_extension(data_dir, settings, tmp_path):
    odd = tmp_path / "latest.html"
    odd.write_bytes((data_dir / "feeds" / "energy.atom").read_bytes())
    fetcher, _ = mock_fetcher(settings, {})
    kinds = [r.kind for r in iter_inputs([str(odd)], settings, fetcher=fetcher)]
    assert kinds == ["http-error", "html"]  # treated as a feed: entry link tried, content kept


RSS_TEMPLATE = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Summit ends</title><link>{base}/articles/summit</link><description>Leaders left.</description></item>
</channel></rss>"""


def test_remote_feed_conditional_get_and_304(local_server, local_client, make_settings):
    settings = make_settings(allowed_hosts="127.0.0.1")
    local_server.serve("/articles/summit", "<html><body><p>Summit story</p></body></html>")
    feed = RSS_TEMPLATE.format(base=local_server.url("")).encode()

    def route(h):
        if h.headers.get("If-None-Match") == '"f1"':
            local_server.send(h, 304)
        else:
            local_server.send(h, 200, feed, Content_Type="application/rss+xml", ETag='"f1"',
                              Last_Modified="Tue, 02 Sep 2025 10:00:00 GMT")

    local_server.routes["/feed.xml"] = route
    state = MemoryFeedState()
    url = local_server.url("/feed.xml")
    first = list(iter_inputs([url], settings, client=local_client, feed_state=state))
    assert [r.kind for r in first] == ["html"]
    assert first[0].content == b"<html><body><p>Summit story</p></body></html>"
    assert first[0].feed_entry["title"] == "Summit ends" and first[0].source == url
    assert state.get(url) == ('"f1"', "Tue, 02 Sep 2025 10:00:00 GMT")
    second = list(iter_inputs([url], settings, client=local_client, feed_state=state))
    assert [r.kind for r in second] == ["not-modified"]
    headers = local_server.requests[-1][1]
    assert headers["if-none-match"] == '"f1"' and headers["if-modified-since"] == "Tue, 02 Sep 2025 10:00:00 GMT"
    assert local_server.hits("/articles/summit") == 1


def test_entries_read_from_feed_content_when_fetching_is_off():
    from storyline.config import Settings
    from storyline.ingest import iter_inputs
    from tests.ingest.conftest import DATA

    settings = Settings(fetch_feed_entries=False)
    records = list(iter_inputs([str(DATA / "feeds" / "world.rss.xml")], settings))
    assert records and all(r.kind == "html" and r.feed_entry for r in records)


def test_feed_title_and_own_zone_reach_the_entry():
    from tests.ingest.conftest import DATA

    entries, _ = parse_feed((DATA / "feeds" / "economy.rdf").read_bytes(), "economy.rdf")
    assert entries[0].feed_title and entries[0].published.endswith("+09:00")


def test_feed_outlet_from_channel_title():
    from storyline.extract.html import feed_outlet

    assert feed_outlet("Seoul Ledger - Latest") == "Seoul Ledger"
    assert feed_outlet("Harbor Ledger — World") == "Harbor Ledger"
    assert feed_outlet("NBW World") == "NBW World"
