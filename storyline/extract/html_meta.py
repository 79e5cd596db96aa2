"""Page metadata from HTML head and JSON-LD: title, authors, outlet, canonical URL, sections, tags.

This is trafilatura's metadata pass (``trafilatura.metadata.extract_metadata``) minus its date
search: dates are found once, by :mod:`storyline.extract.html_dates`, which keeps the page's own
precision and refuses dates after the fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from storyline.extract.html_lines import word_count
from storyline.extract.lxml_lookup import use_fast_lookup
from storyline.extract.outlet import page_outlet

_MARKUP = re.compile(r"<(p|div|article|body|html|section|h[1-6]|span|table)\b", re.I)
_SPLIT_AUTHORS = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")
use_fast_lookup()  # before any page is parsed: each element proxy is typed in C, not in Python


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None


def load_tree(text: str):
    """An lxml tree of the page, or None when the text holds no markup at all.

    trafilatura's loader refuses fragments that do not look like a whole document
    ("<p>...</p>"); lxml then parses them as the body of one.
    """
    return load_page(text)[0]


def load_page(text: str):
    """(:func:`load_tree`'s tree, whether it is trafilatura's own parse of ``text``): such a tree,
    left unchanged, can be handed to trafilatura's extractor in place of the text (it copies a
    tree before it cuts), which spares it parsing the page again."""
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
        if tree is None and "<" in text[:2000] and _MARKUP.search(text[:20000]):
            return lxml_html.document_fromstring(text), False
        return tree, tree is not None
    except Exception:  # noqa: BLE001 - lxml raises on some pathological inputs
        return None, False


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    names = [n.strip() for n in _SPLIT_AUTHORS.split(value) if n.strip()]
    return [n for n in dict.fromkeys(names) if any(ch.isalpha() for ch in n)]


def _language(tree) -> str | None:
    for xp in (
        "/html/@lang",
        "//meta[@http-equiv='content-language']/@content",
        "//meta[@property='og:locale']/@content",
    ):
        found = tree.xpath(xp)
        if found and str(found[0]).strip():
            return re.split(r"[-_]", str(found[0]).strip())[0].lower() or None
    return None


def _canonical(tree) -> str | None:
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = [str(h).strip() for h in tree.xpath(xp)]
        if found and found[0].startswith(("http://", "https://")):
            return found[0]
    return None


_IMAGE_XPATHS = (
    "//meta[@property='og:image:secure_url']/@content", "//meta[@property='og:image']/@content",
    "//meta[@property='og:image:url']/@content", "//meta[@name='twitter:image']/@content",
    "//meta[@name='twitter:image:src']/@content",
)


def page_image(tree, base: str | None) -> str | None:
    """The page's preview image (og:image, else twitter:image) as an absolute http(s) URL, resolved
    against the page's address; None when absent or not a web address (data:, javascript:...)."""
    for xp in _IMAGE_XPATHS:
        for value in tree.xpath(xp):
            value = str(value).strip()
            if not value or len(value) > 2000:
                continue
            resolved = urljoin(base, value) if base else value
            parts = urlsplit(resolved)
            if parts.scheme in ("http", "https") and parts.netloc:
                return resolved
    return None


def _clean(text: str) -> str:
    return " ".join((text or "").split())  # = re.sub(r"\s+", " ", text).strip(), without the regex


def headline(tree, meta_title: str | None, sitename: str | None) -> str | None:
    """The page's visible headline: its first ``<h1>`` that is not the site's name (a logo), else
    the meta title. The ``<title>``/og:title often carries a site suffix or an SEO variant; on
    trafilatura's English DEV pages the h1 matches the gold title for 0.74 of pages, the meta
    title for 0.58."""
    site = (sitename or "").strip().lower()
    meta_low = (meta_title or "").lower()
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        words = word_count(text)
        if not text or words > 30 or (site and (text.lower() == site or text.lower() in site)):
            continue
        if words >= 2 or text.lower() in meta_low:
            return text
    return meta_title


def page_metadata(tree, url: str | None = None) -> PageMeta:
    """Everything but the date, from meta tags, JSON-LD and the page title."""
    from trafilatura import metadata as tm

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # single tokens are usually handles or site names
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - bugs in trafilatura's JSON-LD reader must not cost the page
        pass
    title = doc.title or tm.extract_title(tree)
    author = doc.author or tm.extract_author(tree)
    canonical = _canonical(tree) or url
    categories = list(doc.categories or tm.extract_catstags("category", tree) or [])
    sitename = page_outlet(tree, canonical, labels=tuple(categories))
    return PageMeta(
        title=headline(tree, title.strip() if title else None, sitename),
        authors=_authors(author),
        url=canonical,
        sitename=sitename,
        description=doc.description,
        categories=categories,
        tags=list(doc.tags or tm.extract_catstags("tag", tree) or []),
        language=_language(tree),
    )
