"""RSS 2.0, Atom and JSON Feed from a :class:`FeedSpec`. XML is built with ElementTree (every value
escaped) after removing characters XML 1.0 forbids."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from xml.etree import ElementTree as ET

from fastapi.responses import Response

from storyline.queries.feeds import FeedSpec

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MEDIA = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
ATOM_NS = "http://www.w3.org/2005/Atom"


def clean(text) -> str:
    return _BAD_XML.sub("", str(text or ""))


def _sub(parent, tag: str, text=None, **attrs):
    el = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def _updated(spec: FeedSpec) -> datetime:
    times = [i["published"] for i in spec.items if i.get("published")]
    return max(times) if times else datetime(2000, 1, 1, tzinfo=UTC)


def _link(item: dict, base: str) -> str:
    """The item's page: its own ``link`` path (a story), else the article page."""
    return base + (item.get("link") or f"/articles/{item['id']}")


def _summary(item: dict) -> str:
    return f"[{item['note']}] {item['summary']}" if item.get("note") else item["summary"]


def rss(spec: FeedSpec, base: str) -> bytes:
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    ch = _sub(root, "channel")
    _sub(ch, "title", spec.title)
    _sub(ch, "link", base + spec.path)
    _sub(ch, "description", spec.title)
    _sub(ch, "lastBuildDate", format_datetime(_updated(spec)))
    for item in spec.items:
        it = _sub(ch, "item")
        _sub(it, "title", item["title"])
        _sub(it, "link", _link(item, base))
        _sub(it, "guid", _link(item, base), isPermaLink="true")
        _sub(it, "description", _summary(item))
        if item.get("published"):
            _sub(it, "pubDate", format_datetime(item["published"]))
        if item.get("authors"):
            _sub(it, "author", "noreply@example.invalid (" + ", ".join(item["authors"]) + ")")
        if item.get("outlet"):
            _sub(it, "source", item["outlet"], url=item.get("url") or base + spec.path)
        for tag in item.get("tags", [])[:8]:
            _sub(it, "category", tag)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def atom(spec: FeedSpec, base: str) -> bytes:
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(root, "title", spec.title)
    _sub(root, "id", base + spec.path)
    _sub(root, "link", href=base + spec.path)
    _sub(root, "updated", _updated(spec).isoformat())
    _sub(_sub(root, "author"), "name", "Storyline")
    for item in spec.items:
        en = _sub(root, "entry")
        _sub(en, "title", item["title"])
        _sub(en, "id", _link(item, base))
        _sub(en, "link", href=_link(item, base))
        when = (item.get("published") or _updated(spec)).isoformat()
        _sub(en, "updated", when)
        _sub(en, "published", when)
        _sub(en, "summary", _summary(item), type="text")
        for name in item.get("authors") or ([item["outlet"]] if item.get("outlet") else []):
            _sub(_sub(en, "author"), "name", name)
        for tag in item.get("tags", [])[:8]:
            _sub(en, "category", term=tag)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def json_feed(spec: FeedSpec, base: str) -> bytes:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": base + spec.path,
        "items": [
            {
                "id": str(item["id"]),
                "url": _link(item, base),
                "title": item["title"],
                "content_text": _summary(item),
                **({"date_published": item["published"].isoformat()} if item.get("published") else {}),
                **({"authors": [{"name": a} for a in item["authors"]]} if item.get("authors") else {}),
                "tags": item.get("tags", [])[:8],
                **({"external_url": item["url"]} if item.get("url") else {}),
            }
            for item in spec.items
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def feed_response(spec: FeedSpec, fmt: str, base: str, request=None) -> Response:
    """The feed with validators (``ETag`` from the bytes, ``Last-Modified`` from the newest item) and a
    304 when the reader already has it; feeds carry no cookie (readers and caches share them)."""
    body = {"rss": rss, "atom": atom, "json": json_feed}[fmt](spec, base.rstrip("/"))
    tag = '"' + hashlib.sha1(body).hexdigest()[:32] + '"'
    modified = _updated(spec).astimezone(UTC)
    headers = {"Cache-Control": "public, max-age=120", "ETag": tag,
               "Last-Modified": format_datetime(modified, usegmt=True)}
    if request is not None:
        request.state.no_cookie = True
        if _not_modified(request, tag, modified):
            return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def _not_modified(request, tag: str, modified: datetime) -> bool:
    wanted = request.headers.get("if-none-match")
    if wanted:
        return wanted.strip() == "*" or tag in [t.strip().removeprefix("W/") for t in wanted.split(",")]
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
