"""Publication dates a page states itself, as days: meta tags, JSON-LD, ``<time>`` and visible
datelines (English and Japanese, with era years: ``2025年7月30日``, ``令和7年7月30日``).

:mod:`storyline.extract.html_dates` combines them with htmldate's choice. Each source gives the
day *as written* (``2020-05-01T22:10-04:00`` is May 1st: the page's local day, which is what a
reader and a gold label see), never converted to UTC.
"""

from __future__ import annotations

import re

from storyline.extract.dates import parse_absolute_time_ex
from storyline.extract.html_lines import iter_block_lines
from storyline.extract.jsonld import jsonld_nodes, types_of

META_KEYS = re.compile(
    r"^(article:published_time|og:published_time|datepublished|date|pubdate|publishdate|publish[-_]date|"
    r"parsely-pub-date|sailthru\.date|dc\.date(\.issued|\.created)?|dcterms\.(created|issued)|citation_publication_date|"
    r"cxenseparse:recs:publishtime|article\.published|published[-_]?(time|date)?)$",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)")
_ERA = re.compile(r"(令和|平成)\s*(元|\d{1,2})\s*年")
_ERA_BASE = {"令和": 2018, "平成": 1988}
_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|Posting)$")
_YEARISH = re.compile(r"(?:19|20)\d\d|令和|平成")
MAX_DATELINE_CHARS = 80
DATELINE_LINES = 40  # the top of the article: lines after the headline searched for a dateline


def era_to_western(text: str) -> str:
    """``令和7年`` -> ``2025年`` (Reiwa 1 = 2019, Heisei 1 = 1989; 元年 is year 1)."""
    return _ERA.sub(lambda m: f"{_ERA_BASE[m.group(1)] + (1 if m.group(2) == '元' else int(m.group(2)))}年", text)


def iso_day(value: str | None) -> str | None:
    m = _ISO_DAY.match(value or "")
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo}-{d}" if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31 else None


def _jsonld_published(tree) -> str | None:
    for node in jsonld_nodes(tree):
        if any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types_of(node)) and node.get("datePublished"):
            return iso_day(str(node["datePublished"]))
    return None


def _meta_published(tree) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if META_KEYS.match(key):
            day = iso_day(meta.get("content"))
            if day:
                return day
    return None


def _main(tree):
    for xp in ("//article", "//main", "//*[@role='main']", "//body"):
        found = tree.xpath(xp)
        if found:
            return found[0]
    return tree


def _time_published(tree) -> str | None:
    root = _main(tree)
    for el in root.iter("time"):
        day = iso_day(el.get("datetime"))
        if day:
            return day
    return None


def line_day(line: str) -> str | None:
    """The day a short dateline states ("Published July 30, 2025", "2025年7月30日 10時")."""
    if len(line) > MAX_DATELINE_CHARS or not _YEARISH.search(line):
        return None
    when, _precision = parse_absolute_time_ex(era_to_western(line))
    return when.date().isoformat() if when is not None else None


def _visible_published(tree) -> str | None:
    root = _main(tree)
    seen = 0
    started = root.tag != "body" or not tree.xpath("//h1")
    for line in iter_block_lines(root):
        if not started:
            started = line.strip() in {" ".join(h.text_content().split()) for h in tree.xpath("//h1")}
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        day = line_day(line.strip())
        if day:
            return day
    return None


def stated_days(tree) -> dict[str, str | None]:
    """``{"meta", "jsonld", "time", "visible"}`` -> the day each source states (or None)."""
    out: dict[str, str | None] = {}
    for name, func in (("meta", _meta_published), ("jsonld", _jsonld_published), ("time", _time_published),
                       ("visible", _visible_published)):
        try:
            out[name] = func(tree)
        except (ValueError, TypeError, AttributeError, OverflowError):  # a malformed part must not cost the search
            out[name] = None
    return out
