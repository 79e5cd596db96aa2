"""HTML page -> articles: the ``kind == "html"`` branch of :func:`storyline.extract.extract_page`.

One page usually holds one article. :mod:`storyline.extract.htmlsplit` first checks for pages
that hold several (aggregators with full related items, hashtag pages, rankings); otherwise the
main text comes from :mod:`storyline.extract.html_body`, metadata from
:mod:`storyline.extract.html_meta`, the date from :mod:`storyline.extract.html_dates`, and the
shared helpers in :mod:`storyline.extract.meta` split wire credits, the author line and the
dateline off the body; :mod:`storyline.extract.html_lead` drops header lines above the story,
:mod:`storyline.extract.bylines` sorts byline names into people, wire and outlet, and
:mod:`storyline.extract.html_furniture` reads the photo caption, a reporter box and the chrome
lines; :mod:`storyline.extract.body_blocks` (a learned line classifier) adds the page lines the main
text missed between its first and last line. A page without an article is the outcome ``"no-article"``.
"""

from __future__ import annotations

import copy
import logging
import re
from datetime import datetime

from lxml import html as lxml_html

from storyline.extract.body_blocks import decide_body
from storyline.extract.bylines import clean_credits
from storyline.extract.html_article import MIN_BODY_WORDS, build_article, split_credits
from storyline.extract.html_body import extract_main_text
from storyline.extract.html_dates import find_publication_date, parse_iso
from storyline.extract.html_furniture import (
    byline_authors,
    chrome_lines,
    drop_furniture_lines,
    header_byline,
    holds_reader_text,
    photo_caption,
    reader_content,
    removed_only_reader_text,
    trim_header_block,
    trim_reader_section,
)
from storyline.extract.html_lines import word_count
from storyline.extract.html_meta import _authors, load_page, page_image, page_metadata
from storyline.extract.htmlsplit import split_multi_article
from storyline.extract.listing import listing_links
from storyline.extract.pagetype import classify_page
from storyline.extract.textdump import extract_text_page
from storyline.models import Article, ExtractResult, FetchedPage, Link

log = logging.getLogger(__name__)

__all__ = [
    "MIN_BODY_WORDS",
    "build_article",
    "extract_html",
    "extract_main_text",
    "find_publication_date",
    "split_credits",
]


# C0 controls other than tab/newline/return (and the two XML non-characters): no page means them,
# browsers show nothing for them, and lxml refuses to set them as node text (trafilatura would crash)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _not_html(
    text: str, *, source: str, url: str | None, fetched_at: datetime | None, binary: bool = False
) -> ExtractResult:
    """Markup-free text served as HTML (a mislabelled dump) goes to the text-dump splitter."""
    if text.strip() and not binary:
        return extract_text_page(text, source=source, url=url, fetched_at=fetched_at)
    return ExtractResult(outcome="not-html", message=f"{source}: no HTML markup in the page")


def extract_html(
    text: str, *, source: str, url: str | None, fetched_at: datetime | None, page: FetchedPage | None = None
) -> ExtractResult:
    """Articles (and headline-only links) of one HTML page."""
    binary = "\x00" in text
    text = _CONTROL.sub("", text)
    tree, own_parse = load_page(text)
    if tree is None:
        return _not_html(text, source=source, url=url, fetched_at=fetched_at, binary=binary)
    multi = split_multi_article(tree, source=source, url=url, fetched_at=fetched_at)
    pm = page_metadata(tree, url)
    # the tree is still as parsed (the splitter and the metadata only read it): trafilatura takes it
    opinions: dict = {}
    raw = extract_main_text(
        text, url, title=pm.title, tree=tree, parsed=tree if own_parse else None, sink=opinions
    )
    kind = classify_page(tree, raw, pm.url or url)  # the page-type trees were fitted on this text
    removed = reader_content(tree)
    body = _clean_main_text(raw, text, url, pm.title, tree, removed)
    if not kind.is_article:  # a listing, collection, product, forum, documentation or service page
        links = (multi.links if multi else []) + [
            Link(title=a.title, url=a.url, position=0) for a in (multi.articles if multi else []) if a.title
        ]
        return ExtractResult(
            links=_renumber(links or listing_links(tree, pm.url or url)),
            chrome=_chrome(tree, []),
            outcome="no-article",
            message=f"{source}: a {kind.kind} page (article probability {kind.article_probability:.2f})",
            page_type=kind.kind,
        )
    if multi is not None and multi.articles:
        multi.chrome = _chrome(tree, multi.articles)
        multi.page_type = kind.kind
        return multi
    links = multi.links if multi else []
    body = decide_body(body, tree, opinions.get("base"), removed)
    if not body or word_count(body) < MIN_BODY_WORDS or _mostly_headlines(body, links, multi.chrome if multi else []):
        return ExtractResult(
            links=links,
            chrome=_chrome(tree, []),
            outcome="no-article",
            message=f"{source}: no article text found",
            page_type=kind.kind,
        )
    pub = find_publication_date(text, url=pm.url or url, fetched_at=fetched_at, tree=tree)
    article = build_article(body, pm, pub, source=source, url=url, fetched_at=fetched_at)
    if image := page_image(tree, pm.url or url):
        article.extra["image"] = image  # shown as a thumbnail, loaded from the source
    _add_furniture(article, tree)
    if page is not None and page.feed_entry:
        fill_from_feed(article, page.feed_entry, fetched_at)
    return ExtractResult(articles=[article], links=links, chrome=_chrome(tree, [article.body]), page_type=kind.kind)


def _clean_main_text(
    body: str | None, text: str, url: str | None, title: str | None, tree, removed: list | None = None
) -> str | None:
    """The main text without reader-made sections (comments, user reviews:
    :func:`~storyline.extract.html_furniture.reader_content`, read out of a copy of the page when
    that changes nothing else), a leading header block and one-line boxes."""
    removed = reader_content(tree) if removed is None else removed
    if removed and body and holds_reader_text(body, removed):
        root = tree.getroottree()
        paths = [root.getpath(node) for node in removed]
        clean = copy.deepcopy(tree)
        croot = clean.getroottree()  # the same elements in the copy, by their place in the tree,
        nodes = [node for path in paths for node in croot.xpath(path)]  # all found before any goes
        for node in nodes:
            if node.getparent() is not None:
                node.getparent().remove(node)
        other = extract_main_text(lxml_html.tostring(clean, encoding="unicode"), url, title=title, tree=clean)
        if other and removed_only_reader_text(body, other, removed):
            body = other
    return drop_furniture_lines(trim_reader_section(trim_header_block(body, title))) if body else body


def _renumber(links: list[Link]) -> list[Link]:
    for i, link in enumerate(links):
        link.position = i
    return links


def _chrome(tree, articles: list) -> list[str]:
    """Site furniture lines of the page (cheap: one pass over its block lines)."""
    bodies = [a if isinstance(a, str) else a.body for a in articles]
    try:
        return chrome_lines(tree, bodies)
    except Exception:  # furniture is a by-product: never cost the page
        log.exception("chrome lines failed")
        return []


def _add_furniture(article: Article, tree) -> None:
    """Photo caption and a byline box's authors, which the main text leaves out."""
    caption = photo_caption(tree)
    if caption and caption not in article.body:
        article.photo_caption = caption
    if not article.authors:
        article.authors, article.wire, article.outlet = clean_credits(
            byline_authors(tree) or header_byline(tree), article.wire, article.outlet, article.url
        )


def _mostly_headlines(body: str, links: list, teasers: list[str] = ()) -> bool:
    """An index page: the "body" is mostly the headlines of its own link lists and their teasers."""
    if not links:
        return False
    titles = {t.strip().lstrip("- ") for t in [*(link.title for link in links), *teasers] if t}  # read as below
    headline_words = sum(word_count(p) for p in body.split("\n\n") if p.strip().lstrip("- ") in titles)
    return headline_words >= 0.6 * word_count(body)


def fill_from_feed(article: Article, entry: dict, fetched_at: datetime | None) -> None:
    """Fill what the page left unknown from the feed entry that linked to it.

    The page's own metadata wins, except that the feed's time replaces a day-only date (from a
    URL) on the same day. The entry's author is sorted like a byline: a publisher or wire name
    there sets the outlet or wire, never an author."""
    if (not article.title or article.title_inferred) and str(entry.get("title") or "").strip():
        article.title, article.title_inferred = str(entry["title"]).strip(), False
    if entry.get("author"):
        people, wire, outlet = clean_credits(
            _authors(str(entry["author"])), article.wire, article.outlet, article.url or entry.get("link")
        )  # the feed's author may be the publisher or a wire: then it is no person
        article.wire, article.outlet = wire, outlet
        article.authors = article.authors or people
    if not article.outlet and str(entry.get("feed_title") or "").strip():
        article.outlet = feed_outlet(str(entry["feed_title"]))
    if entry.get("published") and _feed_time_is_better(article):
        when = parse_iso(str(entry["published"]))
        if when is not None and (fetched_at is None or when <= fetched_at):
            same_day = article.published is None or abs((when.date() - article.published.date()).days) <= 1
            if same_day:
                article.published, article.published_text = when, str(entry["published"])
                article.extra["published_precision"] = "feed"


def feed_outlet(feed_title: str) -> str:
    """'Seoul Ledger — World news' -> 'Seoul Ledger': a channel's name before its section."""
    import re

    return re.split(r"\s+[-–—|:·]\s+", feed_title.strip(), maxsplit=1)[0].strip()


def _feed_time_is_better(article: Article) -> bool:
    """The feed's own time beats a page that gives none, or only a day (a date in its URL)."""
    return article.published is None or article.extra.get("published_precision") in ("day", "url", "month")
