"""The publishing outlet of an HTML page, from what the publisher states about itself.

In order: ``og:site_name``, the JSON-LD ``publisher`` name (or a ``WebSite`` name),
``application-name`` / ``apple-mobile-web-app-title``, then the domain -> publisher table kept as
data in ``data/publishers.json``. A candidate that reads like something else is refused, so the
outlet stays unknown rather than wrong: a tagline (a phrase with lower-case words, a sentence), a
section or breadcrumb label ("Business", "Home › News"), a byline ("By …"), a date, the headline.
Titles split at "|" are *not* a source (that is where taglines and sections came from).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from storyline.extract.jsonld import jsonld_nodes, types_of

_TABLE = Path(__file__).resolve().parent / "data" / "publishers.json"
_CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "le", "des", "di", "del", "da", "der", "die", "das",
               "for", "on", "in", "at", "el", "al", "y", "e", "a", "an", "und", "et"}
# Section and navigation labels that sites print where a name might stand (general news vocabulary).
_SECTIONS = frozenset({
    "home", "news", "latest", "latest news", "top stories", "world", "business", "technology", "tech", "sports",
    "sport", "politics", "opinion", "entertainment", "lifestyle", "health", "science", "culture", "travel",
    "economy", "markets", "finance", "local", "national", "international", "read more", "more", "related",
    "social plugin", "menu", "blog", "blogs", "video", "videos", "photos", "company town", "features", "analysis",
    "breaking news",
})
_DATEISH = re.compile(
    r"\d{1,4}[-/.:]\d{1,2}|\b(19|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)


def plausible_outlet(name: str | None, *, headline: str | None = None, labels: tuple[str, ...] = ()) -> bool:
    """``name`` can be a publication's name: short, capitalised, not a tagline, section, byline or date."""
    s = re.sub(r"\s+", " ", name or "").strip()
    if not s or len(s) > 60:
        return False
    low = s.lower()
    words = s.split()
    if len(words) > 6 or low in _SECTIONS or low.startswith(("home", "by ", "posted", "updated", "©")):
        return False
    if re.search(r"[›»>/]|\s[|:–—-]\s", s) or _DATEISH.search(s):
        return False  # a breadcrumb trail, a "Name | Section" pair, a date
    if re.search(r"[^\W\d_A-Z]{2,}[.?]\s+\S", s):
        return False  # a sentence ("… до 10 кг. Отзывы"); "U.S. News", "St. Louis" pass
    if len(words) >= 2 and any(w[:1].islower() and w.lower() not in _CONNECTORS for w in words[1:]):
        return False  # a phrase: "Expert how-to for English riders"
    if headline and low == re.sub(r"\s+", " ", headline).strip().lower():
        return False
    return low not in {label.strip().lower() for label in labels}


def _jsonld_names(tree) -> list[str]:
    """Publisher names stated in JSON-LD (an article's ``publisher``, then a ``WebSite``'s ``name``)."""
    publishers, sites = [], []
    for node in jsonld_nodes(tree):
        pub = node.get("publisher")
        for p in pub if isinstance(pub, list) else [pub]:
            if isinstance(p, dict) and isinstance(p.get("name"), str):
                publishers.append(p["name"])
        if "WebSite" in types_of(node) and isinstance(node.get("name"), str):
            sites.append(node["name"])
    return publishers + sites


@lru_cache(maxsize=1)
def publisher_table() -> dict[str, str]:
    return json.loads(_TABLE.read_text(encoding="utf-8"))["domains"]


def domain_publisher(url: str | None) -> str | None:
    """The table's publisher for the page's host (or a parent domain of it)."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:  # "http://[::1/x": a malformed address names no publisher
        return None
    parts = host.split(".")
    table = publisher_table()
    for i in range(len(parts) - 1):
        found = table.get(".".join(parts[i:]))
        if found:
            return found
    return None


def page_outlet(tree, url: str | None, *, headline: str | None = None, labels: tuple[str, ...] = ()) -> str | None:
    """The outlet the page states (see the module doc), or None when it states none believably."""
    candidates: list[str] = []
    candidates += [str(v) for v in tree.xpath("//meta[@property='og:site_name']/@content")]
    candidates += _jsonld_names(tree)
    candidates += [
        str(v)
        for v in tree.xpath(
            "//meta[@name='application-name']/@content | //meta[@name='apple-mobile-web-app-title']/@content"
        )
    ]
    for name in candidates:
        name = re.sub(r"\s+", " ", name).strip().lstrip("@")
        if plausible_outlet(name, headline=headline, labels=labels):
            return name
    for name in _title_parts(tree):  # "Headline | Site": only a part that names the page's own host
        if plausible_outlet(name, labels=labels) and agrees_with_host(name, url):
            return name
    return domain_publisher(url)


def _title_parts(tree) -> list[str]:
    title = " ".join(str(t) for t in tree.xpath("//head/title/text()"))
    parts = [p.strip() for p in re.split(r"\s+[|–—:-]\s+", re.sub(r"\s+", " ", title)) if p.strip()]
    return parts[1:][::-1] + parts[:1] if len(parts) > 1 else []


def agrees_with_host(name: str, url: str | None) -> bool:
    """``name`` spells the page's host: "Sputnik International" ~ sputniknews.com, "The Space Review" ~
    thespacereview.com, "NBW World" ~ nbwworld.example."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:  # "http://[::1/x": no host to compare with
        return False
    labels = [lab.replace("-", "") for lab in host.split(".")[:-1] if lab not in ("www", "m", "amp", "co", "com")]
    words = [re.sub(r"[\W_]+", "", w.lower()) for w in name.split()]
    words = [w for w in words if w]
    if not labels or not words:
        return False
    whole = "".join(words)
    bare = whole[3:] if whole.startswith("the") and len(words) > 1 else whole
    initials = "".join(w[0] for w in words if w not in _CONNECTORS)
    for label in labels:
        if len(label) < 3:
            continue
        if bare in label or label in whole or (len(words[0]) >= 4 and label.startswith(words[0])):
            return True
        if len(initials) >= 2 and label.startswith(initials):
            return True
    return False
