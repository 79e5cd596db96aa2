"""Main text of an HTML page: trafilatura, cross-checked by a second and third opinion.

Plain trafilatura (recall-leaning) keeps most of an article but also headline repeats,
"related stories" lists and sign-up prompts at the edges of the text. Two independent
extractors - trafilatura in precision mode and readability - rarely agree on such furniture.
So we keep trafilatura's default output and trim, from the start and from the end only,
paragraphs that *neither* second opinion contains (the middle of an article is left alone:
the opinions split paragraphs differently there, and cutting mid-article costs recall). Then
leading paragraphs that merely repeat the headline and short boilerplate lines ("Read more:",
"Subscribe...", "All rights reserved") are dropped. On the DEV halves this lifts Zyte F1 from
0.965 to 0.976 (exact-match pages 0.31 -> 0.45) and trafilatura's English snippets F1 from 0.929
to 0.935. Tried and dropped: trimming unsupported paragraphs mid-text (-recall), swapping in
readability's text when it is a superset (+0.01 snippets but -0.01 Zyte), JSON-LD articleBody
(often truncated to a teaser).
"""

from __future__ import annotations

import json
import re

from lxml import html as lxml_html

from storyline.extract.html_meta import page_metadata
from storyline.extract.meta import wire_name

_TOKEN = re.compile(r"\w+")
_EXTRACT_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    include_formatting=False,
    include_images=False,
    include_links=False,
)
# Short lines that are site furniture wherever they stand (checked on lines of <= 30 words).
_BOILERPLATE = re.compile(
    r"^\W*(read more|read also|also read|related( articles| stories| content)?\s*:|see also|more\s*:|sign up|"
    r"subscribe|click here|follow us|download (our|the)|share (this|on)|copyright|©|all rights reserved|"
    r"this (post|article|page) (contains|may contain) (references|affiliate)|for the latest|submit your)",
    re.IGNORECASE,
)
BASE_FAST = False  # fast=True skips trafilatura's own fallbacks: +0.001 Zyte, -0.002 snippets
PRECISION_FAST = True  # the second opinion needs no fallbacks: same scores, twice the speed
_MIN_KEEP = 0.5  # never trim away more than half of trafilatura's text on the others' say-so
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "td", "dd", "dt")


def _norm(text: str | None) -> str:
    """Lower-cased word tokens joined by spaces: robust to markup and punctuation differences."""
    return " ".join(_TOKEN.findall(text or "")).lower()


def _trafilatura(page, url: str | None, **mode: bool) -> str | None:
    """trafilatura's text of ``page``: the HTML text, or trafilatura's own parse of it (it copies a tree first)."""
    import trafilatura

    try:
        return trafilatura.extract(page, url=url, **_EXTRACT_OPTIONS, **mode)
    except Exception:  # noqa: BLE001 - trafilatura bugs on odd markup must not cost the page
        return None


def readability_text(text: str, tree=None) -> str | None:
    """A readability article, one line per block element (None when it finds nothing).

    Uses trafilatura's bundled port of readability-lxml on a copy of the parsed tree (no
    second parse when the caller has one).
    """
    try:
        from copy import deepcopy

        from trafilatura.external import try_readability

        article = try_readability(deepcopy(tree) if tree is not None else lxml_html.fromstring(text))
    except Exception:  # noqa: BLE001 - readability is fragile on broken pages
        return None
    lines = (" ".join(el.text_content().split()) for el in article.iter(*_BLOCK_TAGS))
    return "\n".join(line for line in lines if line) or None


def jsonld_article_body(tree) -> str | None:
    """The longest ``articleBody`` a page states in JSON-LD, if any."""
    best = None
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        for match in re.finditer(r'"articleBody"\s*:\s*"((?:[^"\\]|\\.)*)"', script):
            try:
                body = json.loads(f'"{match.group(1)}"')
            except ValueError:
                continue
            if best is None or len(body) > len(best):
                best = body
    return best


def trim_unsupported_edges(paragraphs: list[str], opinions: list[str]) -> list[str]:
    """Drop leading and trailing paragraphs that no second opinion contains."""
    others = [_norm(o) for o in opinions if o]
    if not others or not paragraphs:
        return paragraphs
    supported = [any(_norm(p) in other for other in others) for p in paragraphs]
    start, end = 0, len(paragraphs)
    while start < end and not supported[start]:
        start += 1
    while end > start and not supported[end - 1]:
        end -= 1
    kept = paragraphs[start:end]
    if len(_norm(" ".join(kept))) < _MIN_KEEP * len(_norm(" ".join(paragraphs))):
        return paragraphs  # the opinions disagree too much to trust either
    return kept


def drop_title_repeats(paragraphs: list[str], title: str | None) -> list[str]:
    """Leading paragraphs that repeat the page title (the headline is metadata, not body)."""
    t = _norm(title)
    if not t:
        return paragraphs
    start = 0
    while start < len(paragraphs) - 1:
        p = _norm(paragraphs[start])
        if p and (p == t or (len(p) > 10 and p in t)):
            start += 1
        else:
            break
    return paragraphs[start:]


def _names_wire(line: str) -> bool:
    """A credit line naming a wire service ("© KYODO"): metadata for the article, kept for meta.py."""
    return wire_name(line) is not None


def drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Short lines that read as site furniture wherever they appear (wire credits are kept)."""
    kept = [
        p
        for p in paragraphs
        if not (_BOILERPLATE.match(p) and len(_TOKEN.findall(p)) <= 30) or _names_wire(p)
    ]
    return kept or paragraphs


REPEAT_MIN_WORDS = 8  # chosen on the WCXB tune fold (6: +0.0018, 8: +0.0019, 12: +0.0017, 25: +0.0010 body F1)


def drop_repeated_paragraphs(paragraphs: list[str], min_words: int = REPEAT_MIN_WORDS) -> list[str]:
    """Later copies of a paragraph of ``min_words`` or more words: a page that renders its text twice
    (a mobile and a desktop copy, a pull quote, a sticky summary, a "key takeaways" box repeating
    the text) gives the extractor both copies; the article holds the words once."""
    seen: set[str] = set()
    kept = []
    for p in paragraphs:
        key = _norm(p)
        if key in seen and len(key.split()) >= min_words:
            continue
        seen.add(key)
        kept.append(p)
    return kept


def _supports(opinion: str | None, paragraph: str) -> bool:
    return bool(opinion) and _norm(paragraph) in _norm(opinion)


def extract_main_text(
    text: str,
    url: str | None = None,
    *,
    title: str | None = None,
    tree=None,
    parsed=None,
    sink: dict | None = None,
) -> str | None:
    """The article text of one HTML page, paragraphs joined by a blank line; None if none.
    ``parsed``: trafilatura's own unchanged parse of ``text`` (``html_meta.load_page``), if the
    caller has it: both trafilatura runs take it instead of parsing the text again. ``sink``, when
    given, receives plain trafilatura's text as ``"base"``."""
    page = text if parsed is None else parsed
    base = _trafilatura(page, url, fast=BASE_FAST)
    if sink is not None:
        sink["base"] = base
    if not base:
        fallback = readability_text(text, tree) or (jsonld_article_body(tree) if tree is not None else None)
        if not fallback or len(_TOKEN.findall(fallback)) < 20:
            return None
        paragraphs = [p.strip() for p in fallback.split("\n") if _norm(p)]
    else:
        paragraphs = [p.strip() for p in base.split("\n") if _norm(p)]
        if not paragraphs:  # the extractor kept only punctuation or spacing
            return None
        # Trimming changes nothing unless neither opinion holds both edge paragraphs. Readability,
        # the cheaper opinion (a third of the cost), is asked first; the precision run only when it
        # does not hold both (the same text as asking in the other order, on 59 % of the pages).
        readable = readability_text(text, tree)
        if not (_supports(readable, paragraphs[0]) and _supports(readable, paragraphs[-1])):
            precise = _trafilatura(page, url, favor_precision=True, fast=PRECISION_FAST)
            if not (_supports(precise, paragraphs[0]) and _supports(precise, paragraphs[-1])):
                opinions = [o for o in (precise, readable) if o]
                paragraphs = trim_unsupported_edges(paragraphs, opinions)
    if title is None and tree is not None:
        title = _page_title(tree)
    paragraphs = drop_title_repeats(paragraphs, title)
    paragraphs = drop_boilerplate(paragraphs)
    return "\n\n".join(paragraphs) or None


def _page_title(tree) -> str | None:
    return page_metadata(tree).title
