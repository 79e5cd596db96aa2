"""Block-level features of a page, for telling a listing from an article (see
:mod:`storyline.extract.pagefeatures`).

Each encodes a pattern that holds across sites: a listing or section front is made of repeated
*teasers* - sibling blocks of one shape, each holding a headline-length link and a picture, a date
or a line of text of its own - while an article's text sits in one block of prose with few links,
its teasers (related stories) a short run at its foot. Measured here: how many teaser-shaped
siblings the page repeats (largest run and all runs of four or more), the share of the page's text
inside blocks whose text is mostly link text against the share inside link-poor blocks, how many
distinct links carry a headline (five or more words), and how many link to what looks like another
article (a dated path or a slug of several words).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from storyline.extract.html_lines import SKIP_TAGS

_BLOCKS = frozenset({"div", "section", "article", "ul", "ol", "table", "tbody", "main", "aside", "nav", "header",
                     "footer", "dl", "form", "li"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_DATE_PATH = re.compile(r"/(19|20)\d\d/(\d\d?/)?")
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){3,}")


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def _shape(el) -> tuple[str, str]:
    return el.tag, (el.get("class") or "").split(" ")[0]


def _teaser(el) -> bool:
    """A block holding a link of headline length (four or more words) and something of its own
    beside it: a picture, a date, a heading or text outside the link."""
    links = [a for a in el.iter("a")]
    if el.tag == "a":
        links.append(el)
    best = max((len(a.text_content().split()) for a in links), default=0)
    if best < 4:
        return False
    if el.find(".//img") is not None or el.find(".//time") is not None or el.find(".//picture") is not None:
        return True
    text = len(el.text_content().split())
    return text >= best + 6 or next(el.iter(*_HEADINGS), None) is not None


def _teaser_runs(root) -> tuple[int, int]:
    """(largest run of same-shaped teaser siblings, teasers in all runs of four or more)."""
    best = total = 0
    for parent in root.iter():
        if not isinstance(parent.tag, str) or parent.tag in SKIP_TAGS:
            continue
        kids = [c for c in parent if isinstance(c.tag, str) and c.tag not in SKIP_TAGS]
        if len(kids) < 3:
            continue
        shapes = Counter(_shape(c) for c in kids)
        shape, count = shapes.most_common(1)[0]
        if count < 3:
            continue
        n = sum(_teaser(c) for c in kids if _shape(c) == shape)
        best = max(best, n)
        total += n if n >= 4 else 0
    return best, total


def _block_texts(root) -> tuple[int, int, int]:
    """(all text, text in link-dense blocks, text in link-poor blocks): each innermost block with
    at least 80 characters of text of its own children counted once, and the text left to the page's
    ``<body>`` itself as one more block; link-dense when link text is more than 60% of it, link-poor
    under 15%."""
    total = dense = poor = 0
    # id(element) -> (element, chars, link chars) not yet in a block; holding the element keeps
    # its lxml proxy alive, so its id stays its own
    pending: dict[int, tuple] = {}
    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            continue
        if tag == "a":
            n = len(el.text_content().strip())
            pending[id(el)] = (el, n, n)
            continue
        if not done:
            stack.append((el, True))
            stack.extend((child, False) for child in el)
            continue
        chars, link = len((el.text or "").strip()), 0
        for child in el:
            _, c, lk = pending.pop(id(child), (None, 0, 0))
            chars += c + len((child.tail or "").strip())
            link += lk
        if tag in _BLOCKS and chars >= 80 or el is root and chars:
            total += chars
            share = link / chars
            dense += chars if share > 0.6 else 0
            poor += chars if share < 0.15 else 0
            chars = link = 0
        pending[id(el)] = (el, chars, link)
    return total, dense, poor


def _article_links(root) -> tuple[int, int, int]:
    """(distinct hrefs, distinct hrefs with a headline of five or more words, distinct hrefs to a
    dated path or a slug of four or more words)."""
    hrefs: set[str] = set()
    headline: set[str] = set()
    articleish: set[str] = set()
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        hrefs.add(href)
        if len(a.text_content().split()) >= 5:
            headline.add(href)
        path = href.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        last = path.rsplit("/", 1)[-1].lower()
        if _DATE_PATH.search(path) or _SLUG.fullmatch(last.rsplit(".", 1)[0]):
            articleish.add(href)
    return len(hrefs), len(headline), len(articleish)


def block_features(root, body_words: int) -> dict[str, float]:
    """The features above; ``root`` is the page's ``<body>``, ``body_words`` the main text's length."""
    f: dict[str, float] = {}
    best, total = _teaser_runs(root)
    f["teaser_best"] = _log(best)
    f["teaser_total"] = _log(total)
    chars, dense, poor = _block_texts(root)
    f["dense_block_share"] = dense / max(chars, 1)
    f["poor_block_share"] = poor / max(chars, 1)
    hrefs, headline, articleish = _article_links(root)
    f["headline_links"] = _log(headline)
    f["article_links"] = _log(articleish)
    f["article_link_share"] = articleish / max(hrefs, 1)
    f["headline_links_per_word"] = headline / max(body_words, 50)
    return f
