"""The links a listing page offers: its linked headlines (a listing yields links, not an article).

The same headline anchors are page-type features (:mod:`storyline.extract.pagefeatures_more`): how
many distinct headlines a page links to outside its navigation, header and footer, against how
long its main text is, is what tells a page that offers stories from a page that tells one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from storyline.models import Link

MIN_WORDS, MAX_WORDS, MAX_LINKS = 4, 30, 200
_FURNITURE = ("nav", "header", "footer", "aside", "form")


def headline_anchors(root) -> Iterator[tuple[str, object]]:
    """``(text, <a>)`` of the anchors whose text reads like a headline (4-30 words) and that have
    an ``href``, outside navigation, header, footer, asides and forms, in page order, each text once."""
    seen: set[str] = set()
    for a in root.iter("a"):
        text = re.sub(r"\s+", " ", a.text_content()).strip()
        n = len(text.split())
        if not (MIN_WORDS <= n <= MAX_WORDS) or text in seen or not a.get("href"):
            continue
        if any(anc.tag in _FURNITURE for anc in a.iterancestors()):
            continue
        seen.add(text)
        yield text, a


def listing_links(tree, base: str | None) -> list[Link]:
    """The headline anchors of :func:`headline_anchors` as links (at most ``MAX_LINKS``)."""
    links: list[Link] = []
    for text, a in headline_anchors(tree):
        links.append(Link(title=text, url=urljoin(base or "", a.get("href")), position=len(links)))
        if len(links) >= MAX_LINKS:
            break
    return links
