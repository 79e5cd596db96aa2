"""Sitemaps (sitemaps.org): a ``urlset`` lists pages, a ``sitemapindex`` lists more sitemaps.

Parsing only; the dispatcher fetches the pages and follows indexes within the bounds below.
"""

from __future__ import annotations

from lxml import etree

from storyline.errors import InputFormatError

MAX_DEPTH = 3  # index -> index -> index -> urlset at most
MAX_SITEMAPS = 200  # sitemap documents read per input
MAX_URLS = 50_000  # the protocol's own per-file limit


def parse_sitemap(data: bytes, source: str) -> tuple[str, list[str]]:
    """``("urlset", page URLs)`` or ``("sitemapindex", sitemap URLs)``, in document order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFormatError(f"{source}: sitemap is not well-formed XML ({exc})", source=source,
                               kind="malformed-sitemap") from exc
    kind = etree.QName(root).localname
    child = {"urlset": "url", "sitemapindex": "sitemap"}.get(kind)
    if child is None:
        raise InputFormatError(f"{source}: root <{kind}> is not a sitemap", source=source,
                               kind="malformed-sitemap")
    locs = []
    for item in root:
        if isinstance(item.tag, str) and etree.QName(item).localname == child:
            loc = next((c for c in item if isinstance(c.tag, str) and etree.QName(c).localname == "loc"), None)
            if loc is not None and (loc.text or "").strip():
                locs.append(loc.text.strip())
    return kind, locs[:MAX_URLS]
