"""What an HTML page prints around its main text: photo caption, reporter box, site furniture.

The main-text extractor leaves these out (images and boxes are not text), but they carry
metadata: a ``<figcaption>`` inside the article is its photo caption; a byline box ("By X" in an
element whose class says byline/reporter/author) names the author when the head does not; and
the lines of the page that :func:`storyline.extract.chrome.chrome_kind` recognises as furniture
fill :attr:`ExtractResult.chrome`.
"""

from __future__ import annotations

import re

from storyline.extract.chrome import chrome_kind
from storyline.extract.html_lines import SKIP_TAGS, iter_block_lines, word_count
from storyline.extract.meta import split_authors

_BYLINE_CLASS = re.compile(r"byline|reporter|author|writer|journalist", re.IGNORECASE)
_MAX_CHROME = 200  # a cap for pathological pages


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def photo_caption(tree) -> str | None:
    """The first photo caption inside the article (or main) element, else the page's only one."""
    scoped = tree.xpath("//article//figcaption | //main//figcaption")
    every = tree.xpath("//figcaption")
    for node in scoped or (every if len(every) == 1 else []):
        text = _clean(node.text_content())
        if word_count(text) >= 4:
            return text
    return None


def byline_authors(tree) -> list[str]:
    """Names in a byline box ("By Park Min-ji" in ``<div class="reporter-box">``), if any."""
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            continue
        if not _BYLINE_CLASS.search(node.get("class") or ""):
            continue
        text = _clean(node.text_content())
        if not text.lower().startswith("by ") or word_count(text) > 20:
            continue
        text = re.sub(r"\S+@\S+", "", text).strip()  # the reporter's e-mail address
        names, _rest = split_authors(text)
        if names:
            return names
    return []


def chrome_lines(tree, bodies: list[str]) -> list[str]:
    """Lines of the page recognised as site furniture and absent from every article body."""
    body = tree.find("body") if tree.find("body") is not None else tree
    text = "\n".join(bodies)
    found: list[str] = []
    for line in iter_block_lines(body):
        if len(found) >= _MAX_CHROME:
            break
        if line in found or line in text or chrome_kind(line) is None:
            continue
        found.append(line)
    return found
