"""Feeds and feed lists: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed (by hand), OPML.

These are parsers only: they turn bytes into :class:`FeedEntry` items and feed URLs. Fetching
the entries' pages is done by the dispatcher, which also uses :class:`FeedState` for conditional
GETs on refresh (ETag / Last-Modified, ``If-None-Match`` / ``If-Modified-Since``).
"""

from __future__ import annotations

import calendar
import email.utils
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urljoin

import feedparser
from lxml import etree

from storyline.errors import InputFormatError
from storyline.ingest.common import parse_time
from storyline.models import FetchedPage

# feedparser "bozo" reasons that still leave a well-read feed
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedState(Protocol):
    """Where the last ETag / Last-Modified of each feed is kept (the pipeline passes a store-backed one)."""

    def get(self, feed_url: str) -> tuple[str | None, str | None] | None: ...

    def set(self, feed_url: str, etag: str | None, last_modified: str | None) -> None: ...


class MemoryFeedState:
    """A :class:`FeedState` kept in a dict (tests, one-off runs)."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[str | None, str | None]] = {}

    def get(self, feed_url: str) -> tuple[str | None, str | None] | None:
        return self.values.get(feed_url)

    def set(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.values[feed_url] = (etag, last_modified)


# A lone UTF-16 surrogate (from "&#xD800;" in XML or "\ud800" in JSON) cannot be encoded as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,12}|[0-9]{1,16});")


def _charref(match: re.Match[bytes]) -> bytes:
    digits = match.group(1)
    value = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


def no_surrogate_refs(data: bytes) -> bytes:
    """Numeric character references to surrogates or past U+10FFFF replaced by U+FFFD.

    feedparser's lenient parser encodes each reference to UTF-8 and dies on a surrogate.
    """
    return _CHARREF.sub(_charref, data) if b"&#" in data else data


_XML_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?)\sencoding\s*=\s*["'][^"']*["']""")


def _as_declared_utf8(data: bytes) -> bytes:
    """The document re-encoded as UTF-8 with its (unusable) encoding declaration dropped."""
    text = data.decode("utf-8", "replace").encode("utf-8")
    return _XML_ENCODING.sub(rb"\1", text, count=1)


def no_surrogates(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD, so it can be stored and encoded."""
    return _SURROGATE.sub("\ufffd", value)


@dataclass(slots=True)
class FeedEntry:
    """What a feed says about one item; ``content_html`` is the entry's own text, if any.

    Every text field is made encodable on the way in (lone surrogates become U+FFFD).
    """

    title: str | None
    link: str | None
    published: str | None  # ISO-8601 when the feed's date could be read, else its own words
    author: str | None
    content_html: str | None
    feed_title: str | None = None  # the channel's own name: usually the outlet

    def __post_init__(self) -> None:
        for name in ("title", "link", "published", "author", "content_html", "feed_title"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, no_surrogates(value))

    def meta(self) -> dict[str, Any]:
        return {"title": self.title, "link": self.link, "published": self.published, "author": self.author,
                "feed_title": self.feed_title}


# ---------------------------------------------------------------------------- RSS / Atom


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> tuple[list[FeedEntry], str | None]:
    """Entries of an RSS/RDF/Atom document, and why it was read leniently (None when clean).

    Raises ``InputFormatError(malformed-feed)`` when no entry can be read at all.
    """
    headers = {"content-location": base_url} if base_url else {}
    data = no_surrogate_refs(data)
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except (UnicodeError, ValueError, LookupError):  # feedparser trips on a bogus encoding declaration
        try:
            parsed = feedparser.parse(_as_declared_utf8(data), response_headers=headers)
        except (UnicodeError, ValueError, LookupError) as exc:
            raise InputFormatError(f"{source}: feed encoding cannot be read ({type(exc).__name__}: {exc})",
                                   source=source, kind="malformed-feed") from exc
    bozo = parsed.get("bozo_exception")
    reason = f"{type(bozo).__name__}: {bozo}" if bozo and not isinstance(bozo, _BENIGN_BOZO) else None
    entries = [e for e in map(_entry, parsed.entries) if e.title or e.link or e.content_html]
    channel = _clean((parsed.get("feed") or {}).get("title"))
    for entry in entries:
        entry.feed_title = channel
    if not entries and (reason or not parsed.get("version")):
        raise InputFormatError(f"{source}: not a readable feed ({reason or 'no feed elements'})",
                               source=source, kind="malformed-feed")
    return entries, reason


def _entry(e: Any) -> FeedEntry:
    content = None
    for part in e.get("content") or []:
        if part.get("value"):
            content = _as_html(part["value"], part.get("type"))
            break
    if content is None and e.get("summary"):
        detail = e.get("summary_detail") or {}
        content = _as_html(e["summary"], detail.get("type"))
    return FeedEntry(
        title=_clean(e.get("title")),
        link=_clean(e.get("link")),
        published=_published(e),
        author=_clean(e.get("author")),
        content_html=content,
    )


def _published(e: Any) -> str | None:
    """ISO time of the entry, keeping the zone the feed wrote when it can be read back."""
    for key in ("published", "updated", "created"):
        parsed = e.get(f"{key}_parsed")
        if parsed:
            own = _with_own_offset(e.get(key))
            return (own or datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)).isoformat()
        if e.get(key):
            return str(e[key])
    return None


def _with_own_offset(raw: Any) -> datetime | None:
    """'Sun, 22 Nov 2026 08:10:00 +0900' (RSS) or '2026-11-22T08:10:00+09:00' (Atom) with its zone."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else None


def _as_html(value: str, mime: str | None) -> str:
    if mime and "html" not in mime:
        return "".join(f"<p>{html.escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())
    return value


def _clean(value: Any) -> str | None:
    return no_surrogates(value.strip()) or None if isinstance(value, str) else None


def _join(base_url: str, link: str) -> str:
    """``link`` resolved against ``base_url``; kept as written when either is not a parseable URL."""
    try:
        return urljoin(base_url, link)
    except ValueError:  # e.g. "Invalid IPv6 URL"
        return link


# ---------------------------------------------------------------------------- JSON Feed


def parse_json_feed(data: bytes, source: str, base_url: str | None = None) -> list[FeedEntry]:
    """Items of a JSON Feed (https://jsonfeed.org/version/1 and 1.1); relative links join ``base_url``."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputFormatError(f"{source}: JSON Feed is not valid JSON ({exc})", source=source,
                               kind="malformed-feed") from exc
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise InputFormatError(f"{source}: JSON Feed without an 'items' list", source=source,
                               kind="malformed-feed")
    entries = [_json_item(item, doc) for item in items if isinstance(item, dict)]
    for entry in entries:
        entry.feed_title = _clean(doc.get("title"))
    if base_url:
        for entry in entries:
            entry.link = _join(base_url, entry.link) if entry.link else None
    return entries


def _json_item(item: dict[str, Any], doc: dict[str, Any]) -> FeedEntry:
    content = item.get("content_html") or None
    if not content and isinstance(item.get("content_text"), str):
        content = _as_html(item["content_text"], "text/plain")
    if not content and isinstance(item.get("summary"), str):
        content = _as_html(item["summary"], "text/plain")
    published = item.get("date_published") or item.get("date_modified")
    moment = parse_time(published)
    return FeedEntry(
        title=_clean(item.get("title")),
        link=_clean(item.get("url")) or _clean(item.get("external_url")),
        published=moment.isoformat() if moment else _clean(published),
        author=_json_author(item) or _json_author(doc),
        content_html=content if isinstance(content, str) else None,
    )


def _json_author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors") or ([obj["author"]] if isinstance(obj.get("author"), dict) else [])
    names = [a["name"].strip() for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(n for n in names if n) or None


# ---------------------------------------------------------------------------- OPML


def parse_opml(data: bytes, source: str) -> list[str]:
    """The ``xmlUrl`` of every outline, in document order, without repeats."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFormatError(f"{source}: OPML is not well-formed XML ({exc})", source=source,
                               kind="malformed-opml") from exc
    if etree.QName(root).localname.lower() != "opml":
        raise InputFormatError(f"{source}: root element is not <opml>", source=source, kind="malformed-opml")
    return _unique(
        (o.get("xmlUrl") or o.get("xmlurl") or "").strip()
        for o in root.iter("{*}outline")
    )


def _unique(urls: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        if url:
            seen.setdefault(url, None)
    return list(seen)


# ---------------------------------------------------------------------------- entry pages


def entry_page(entry: FeedEntry, source: str, fetched_at: datetime) -> FetchedPage | None:
    """An HTML page made from the entry's own content (kept when its link cannot be fetched)."""
    if not entry.content_html:
        return None
    title = html.escape(entry.title or "")
    doc = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>\n{entry.content_html}\n</article></body></html>"
    )
    doc = no_surrogates(doc)  # fields are clean already; this also covers entries built by hand
    return FetchedPage(
        source=source, content=doc.encode("utf-8"), fetched_at=fetched_at, url=entry.link,
        content_type="text/html; charset=utf-8", kind="html", encoding="utf-8", feed_entry=entry.meta(),
    )
