"""The page's local day for a publication stamp written in UTC.

Days are taken as written (the page's local day, which a reader and a gold label see), but many CMSs
write ``article:published_time`` or JSON-LD ``datePublished`` in UTC (``2020-05-02T02:54:29Z``) while the
page is local to a zone the page states elsewhere: other stamps with their offset
(``2026-02-22T19:57:30-05:00`` in a ``<time>``) or RFC 2822 times (``Fri, 01 May 2020 23:00:00 -0400``).
An evening story in New York then carries the next day in UTC. :func:`local_days` gives, for each UTC
published stamp, the day it falls on in the page's own offset (the most common non-zero offset the page's
stamps state; none when no offset or two tie), where that day differs.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta, timezone

from storyline.extract.jsonld import jsonld_nodes
from storyline.extract.page_dates import META_KEYS

# A clock's minutes and its zone (the pattern opens on ":" so the search skips ahead fast); the clock's
# head before it must be an ISO day and hour (``2020-05-02T02``) or an RFC 2822 year and hour (``2020 23``).
_CLOCK_ZONE = re.compile(r":\d\d(?::\d\d)?(?:\.\d+)?(?:(Z)|\s?([+-]\d\d:?\d\d))(?![\d:])")
_ISO_HEAD = re.compile(r"(?:19|20)\d\d-\d\d-\d\d[T ]\d\d$")
_RFC_HEAD = re.compile(r"(?:19|20)\d\d \d\d$")
_UTC_STAMP = re.compile(r"^\s*((?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?)(?:\.\d+)?\s*(?:Z|[+-]00:?00)\s*$")


def _minutes(offset: str) -> int:
    if offset == "Z":
        return 0
    digits = offset.replace(":", "")
    return (-1 if digits[0] == "-" else 1) * (int(digits[1:3]) * 60 + int(digits[3:5]))


def page_offset(text: str | bytes | None) -> timedelta | None:
    """The page's own UTC offset: the most common non-zero offset of its ISO and RFC 2822 stamps
    (None when it states none, or two offsets are equally common)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "ignore")
    if not text or not isinstance(text, str):  # a parsed tree: its stamps are not searched
        return None
    counts: Counter[int] = Counter()
    for m in _CLOCK_ZONE.finditer(text):
        head = text[max(0, m.start() - 13):m.start()]
        if _ISO_HEAD.search(head) or (m.group(2) and _RFC_HEAD.search(head)):
            counts[_minutes(m.group(1) or m.group(2))] += 1
    ranked = [(n, off) for off, n in counts.most_common() if off != 0 and abs(off) <= 14 * 60]
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return timedelta(minutes=ranked[0][1])


def utc_published(tree) -> list[str]:
    """The page's published stamps written in UTC: meta published keys, JSON-LD ``datePublished``."""
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if META_KEYS.match(key) and meta.get("content"):
            found.append(meta.get("content"))
    found.extend(str(node["datePublished"]) for node in jsonld_nodes(tree) if node.get("datePublished"))
    return [s.strip() for s in found if _UTC_STAMP.match(s)]


def to_local(stamp: str, offset: timedelta) -> datetime:
    """A UTC stamp (``_UTC_STAMP``) as the same instant in the page's offset."""
    clock = _UTC_STAMP.match(stamp).group(1).replace(" ", "T")  # type: ignore[union-attr]
    return datetime.fromisoformat(clock + "+00:00").astimezone(timezone(offset))


def local_days(text: str | bytes | None, tree) -> dict[str, str]:
    """``{UTC day: local day}`` of the page's UTC published stamps whose day differs in the page's offset."""
    stamps = utc_published(tree)
    offset = page_offset(text) if stamps else None
    if offset is None:
        return {}
    out: dict[str, str] = {}
    for stamp in stamps:
        local = to_local(stamp, offset).date().isoformat()
        if local != stamp[:10]:
            out.setdefault(stamp[:10], local)
    return out


def local_stamp(text: str | bytes | None, tree, day: str) -> tuple[datetime, str] | None:
    """A UTC published stamp that falls on ``day`` in the page's offset, as that local time, and its text."""
    offset = page_offset(text)
    if offset is None:
        return None
    for stamp in utc_published(tree):
        when = to_local(stamp, offset)
        if when.date().isoformat() == day:
            return when, stamp
    return None
