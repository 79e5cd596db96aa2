"""The links a listing page offers: its linked headlines (a listing yields links, not an article)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from storyline.models import Link

MIN_WORDS, MAX_WORDS, MAX_LINKS = 4, 30, 200
_FURNITURE = ("nav", "header", "footer", "aside", "form")


def listing_links(tree, base: str | None) -> list[Link]:
    """Anchors whose text reads like a headline (4-30 words), outside navigation, header and footer,
    in page order, each title once."""
    seen: set[str] = set()
    links: list[Link] = []
    for a in tree.iter("a"):
        text = re.sub(r"\s+", " ", a.text_content()).strip()
        n = len(text.split())
        if not (MIN_WORDS <= n <= MAX_WORDS) or text in seen or not a.get("href"):
            continue
        if any(anc.tag in _FURNITURE for anc in a.iterancestors()):
            continue
        seen.add(text)
        links.append(Link(title=text, url=urljoin(base or "", a.get("href")), position=len(links)))
        if len(links) >= MAX_LINKS:
            break
    return links
