"""What the fuzzers call: every parser of untrusted input, through its production entry point.

Each target takes bytes and returns normally; an exception it lets out is a crash. Errors we
raise on purpose (``StorylineError`` subclasses, e.g. a malformed sitemap) are expected answers
and are caught here; anything else escapes. Used by ``bench/fuzz_parsers.py`` (atheris, up to
millions of inputs) and by the hypothesis properties in ``tests/test_parser_properties.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

from storyline.config import Settings
from storyline.errors import FetchError, StorylineError
from storyline.extract import extract_page
from storyline.extract.dates import find_relative_age, parse_absolute_time, resolve_relative_age
from storyline.extract.decode import decode_bytes
from storyline.ingest import sniff
from storyline.ingest.common import parse_time
from storyline.ingest.dispatch import Ingest
from storyline.ingest.feeds import parse_feed, parse_json_feed, parse_opml
from storyline.ingest.netguard import check_url, is_public_address
from storyline.ingest.records import iter_json_document, iter_jsonl, iter_warc
from storyline.ingest.sitemaps import parse_sitemap
from storyline.models import FetchedPage, IngestProblem
from storyline.queries.watch import WatchError, check_webhook_url

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
SETTINGS = Settings(per_host_delay=0.0, fetch_feed_entries=False, max_page_bytes=1_000_000)


class NoNetwork:
    """A fetcher that never connects: every URL a document points to fails as a fetch error."""

    settings = SETTINGS

    def fetch(self, url: str, **_kw) -> FetchedPage:
        raise FetchError(f"{url}: not fetched while fuzzing", source=url, kind="connect-error")

    def allowed_by_robots(self, url: str) -> bool:
        return True

    def close(self) -> None:
        pass


def _resolver(host: str) -> list[str]:
    """Names resolve without DNS: one public address, or a loopback one for names starting with 'l'."""
    return ["127.0.0.1"] if host.startswith("l") else ["93.184.215.14"]


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape").encode("utf-8", "replace").decode("utf-8", "replace")


def ingest_document(data: bytes) -> None:
    """The dispatcher on one in-memory document, whatever format the bytes sniff as."""
    ingest = Ingest(SETTINGS, fetched_at=T0, fetcher=NoNetwork())  # type: ignore[arg-type]
    fmt = sniff.detect(data[:65536], "")
    for rec in ingest.guarded("fuzz", lambda: ingest.document(data, fmt, "fuzz", T0, 0)):
        if isinstance(rec, IngestProblem) and rec.kind == "internal-error":
            raise AssertionError(rec.message)  # the dispatcher caught a crash: still a crash


def records(data: bytes) -> None:
    """JSONL, JSON records and WARC readers directly (they must never raise)."""
    list(iter_jsonl(io.BytesIO(data), "fuzz", 100_000, T0))
    list(iter_json_document(data, "fuzz", T0))
    list(iter_warc(io.BytesIO(data), "fuzz", 100_000, T0))


def feeds(data: bytes) -> None:
    """RSS/Atom, JSON Feed, OPML and sitemap parsers (a malformed document is an InputFormatError)."""
    for parse in (parse_feed, parse_json_feed, parse_opml, parse_sitemap):
        try:
            parse(data, "fuzz")
        except StorylineError:
            pass


def extract(data: bytes) -> None:
    """Extraction of the bytes as an HTML page and as a text dump (no exception, ever)."""
    for kind in ("html", "text"):
        page = FetchedPage(source="fuzz", content=data, fetched_at=T0, url=_url(data), kind=kind)
        result = extract_page(page)
        if result.outcome == "ok" and not result.articles:
            raise AssertionError("outcome ok without an article")


def _url(data: bytes) -> str | None:
    """A URL made from the input's first line (often malformed on purpose)."""
    first = data.split(b"\n", 1)[0][:200]
    return _text(first) if first.startswith((b"http", b"/")) else "https://news.example/a/1"


def dates(data: bytes) -> None:
    text = _text(data)
    parse_time(text)
    parse_absolute_time(text)
    age = find_relative_age(text)
    if age is not None:
        resolve_relative_age(age, T0)
    try:
        decode_bytes(data)
    except UnicodeError:
        pass


def urls(data: bytes) -> None:
    """URL and address guards: only our own errors (or a refusal) may come out."""
    text = _text(data)
    try:
        check_url(text, Settings(), _resolver)
    except StorylineError:
        pass
    try:
        check_webhook_url(text, Settings(), _resolver)
    except WatchError:
        pass
    try:
        is_public_address(text)
    except ValueError:  # not an IP address: the documented answer of ipaddress
        pass


def warm() -> None:
    """Pay the one-time costs of a fresh process before fuzzing: the first malformed date that
    htmldate hands to dateparser makes it compile every locale's patterns (seconds, once per
    process); later ones take milliseconds. Without this the first such input is reported as a
    timeout under load."""
    extract(b'<html><head><meta property="article:published_time" content="2026-1102T-28:00:00+09:00">'
            b'</head><body><article><h1>Warm</h1><p>Warm up the date parsers once.</p></article></body></html>')
    dates(b"2026-1102T-28:00:00 | 3 days ago | Nov 44")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "ingest": ingest_document,
    "records": records,
    "feeds": feeds,
    "extract": extract,
    "dates": dates,
    "urls": urls,
}

# Seeds: one small valid input per format, so mutation starts from inside each parser.
SEEDS: list[bytes] = [
    (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title>'
        b"<link>http://x.example/a</link><description>&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</description>"
        b"<pubDate>Sun, 22 Nov 2026 08:10:00 +0900</pubDate></item></channel></rss>"
    ),
    (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>E</title>'
        b'<entry><title>X</title><link href="/x"/><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content>'
        b"<updated>2026-11-22T08:10:00+09:00</updated></entry></feed>"
    ),
    (
        b'{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://x/1",'
        b'"title":"a","content_html":"<p>b</p>","date_published":"2026-11-22T08:00:00Z"}]}'
    ),
    b'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="http://x/feed"/></body></opml>',
    (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://x/a</loc></url></urlset>"
    ),
    (
        b'{"url":"https://x/1","html":"<html><body><p>Hello there, world.</p></body></html>",'
        b'"fetched_at":"2026-11-22T08:00:00Z"}\n{"url":"https://x/2","text":"Title\\n\\nBody text."}\n'
    ),
    (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nWARC-Date: 2026-11-22T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 59\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello world</p>\r\n\r\n"
    ),
    (
        b"<!doctype html><html><head><title>Ministers meet | Wire</title>"
        b'<meta property="article:published_time" content="2026-11-22T08:00:00+09:00"></head><body>'
        b"<article><h1>Ministers meet</h1><p class=byline>By A. Writer</p><p>TOKYO - The foreign ministers "
        b"of Japan and South Korea met on Sunday to discuss supply chains.</p><ul><li><a href=/a>One</a></li>"
        b"<li><a href=/b>Two</a></li></ul></article></body></html>"
    ),
    b"Ministers meet\n2 hours ago\nBy A. Writer\n\nThe ministers met on Sunday in Tokyo.\n",
    b"2026-11-22T08:10:00+09:00 | Nov 22, 2026 | 3 days ago | 22.11.2026",
    b"http://[2002:7f00:1::]:80/x",
    b"https://news.example/a?b=c#d",
]
