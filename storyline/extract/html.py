"""HTML page -> articles: the ``kind == "html"`` branch of :func:`storyline.extract.extract_page`.

One page usually holds one article. :mod:`storyline.extract.htmlsplit` first checks for pages
that hold several (aggregators with full related items, hashtag pages, rankings); otherwise the
main text comes from :mod:`storyline.extract.html_body`, metadata from
:mod:`storyline.extract.html_meta`, the date from :mod:`storyline.extract.html_dates`, and the
shared helpers in :mod:`storyline.extract.meta` split wire credits, the author line and the
dateline off the body; :mod:`storyline.extract.html_lead` drops header lines above the story,
:mod:`storyline.extract.bylines` sorts byline names into people, wire and outlet, and
:mod:`storyline.extract.html_furniture` reads the photo caption, a reporter box and the chrome
lines. A page without an article is the outcome ``"no-article"``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from storyline.extract.html_body import extract_main_text
from storyline.extract.html_dates import PubDate, find_publication_date
from storyline.extract.html_lines import word_count
from storyline.extract.html_meta import PageMeta, load_tree, page_metadata
from storyline.extract.htmlsplit import split_multi_article
from storyline.extract.listing import listing_links
from storyline.extract.pagetype import classify_page
from storyline.models import Article, ExtractResult, FetchedPage, Link

log = logging.getLogger(__name__)
MIN_BODY_WORDS = 15  # less than a couple of sentences is not an article

__all__ = ["extract_html", "extract_main_text", "find_publication_date"]


def _meta_helpers():
    """The shared metadata helpers, or None while that module is unavailable."""
    try:
        from storyline.extract import meta
    except ImportError:  # pragma: no cover - only while the module is being written
        return None
    return meta


def split_credits(body: str) -> tuple[dict, str]:
    """Wire credit, author line and dateline split off the body by the shared helpers."""
    found: dict = {"wire": None, "authors": [], "dateline": None, "time_text": None}
    meta = _meta_helpers()
    if meta is None or not body:
        return found, body
    for name, func in (("wire", "split_wire"), ("authors", "split_authors")):
        helper = getattr(meta, func, None)
        if helper is None:
            continue
        try:
            value, rest = helper(body)
        except Exception:  # a helper bug must not cost the article
            log.exception("meta.%s failed", func)
            continue
        if rest.strip():
            found[name], body = value, rest
    helper = getattr(meta, "split_dateline", None)
    if helper is not None:
        try:
            found["wire"] = found["wire"] or meta.dateline_wire(body)
            place, time_text, rest = helper(body)
            if rest.strip():
                found["dateline"], found["time_text"], body = place, time_text, rest
        except Exception:
            log.exception("meta.split_dateline failed")
    return found, body


def _published(pub: PubDate | None, time_text: str | None) -> tuple[datetime | None, str | None, str | None]:
    """(published, published_text, precision): markup first, then a dateline's own time."""
    if pub is not None:
        return pub.when, pub.text, pub.precision
    meta = _meta_helpers()
    if time_text and meta is not None and hasattr(meta, "parse_absolute_time"):
        try:
            when = meta.parse_absolute_time(time_text)
        except Exception:
            when = None
        if when is not None:
            precision = "day" if (when.hour, when.minute, when.second) == (0, 0, 0) else "minute"
            return when, time_text, precision
    return None, None, None


def build_article(
    body: str, pm: PageMeta, pub: PubDate | None, *, source: str, url: str | None, fetched_at: datetime | None
) -> Article:
    """One Article from a main text and the page's metadata."""
    from storyline.extract.bylines import clean_credits, is_site_name
    from storyline.extract.html_lead import split_lead

    paragraphs, subtitle = split_lead([p for p in body.split("\n\n") if p.strip()], pm.title)
    credits, body = split_credits("\n\n".join(paragraphs))
    published, published_text, precision = _published(pub, credits["time_text"])
    extra = {"published_precision": precision} if precision else {}
    if pm.description:
        extra["description"] = pm.description
    title, inferred = pm.title, False
    if title and is_site_name(title, pm.sitename, pm.url or url):
        title = None  # a generic <title> naming only the site: the page prints no headline
    if not title and body.strip():
        from storyline.extract.textdump import infer_title

        title, inferred = infer_title(body), True
    authors, wire, outlet = clean_credits(
        pm.authors or list(credits["authors"] or []), credits["wire"], pm.sitename, pm.url or url
    )
    return Article(
        body=body.strip(),
        source=source,
        url=pm.url or url,
        title=title,
        title_inferred=inferred,
        subtitle=subtitle,
        outlet=outlet,
        wire=wire,
        authors=authors,
        dateline=credits["dateline"],
        published=published,
        published_text=published_text,
        fetched_at=fetched_at,
        language=pm.language,
        categories=pm.categories,
        tags=pm.tags,
        extra=extra,
    )


def _not_html(text: str, *, source: str, url: str | None, fetched_at: datetime | None) -> ExtractResult:
    """Markup-free text served as HTML (a mislabelled dump) goes to the text-dump splitter."""
    if text.strip() and "\x00" not in text:
        try:
            from storyline.extract.textdump import extract_text_page
        except ImportError:  # pragma: no cover - only while that module is being written
            extract_text_page = None
        if extract_text_page is not None:
            return extract_text_page(text, source=source, url=url, fetched_at=fetched_at)
    return ExtractResult(outcome="not-html", message=f"{source}: no HTML markup in the page")


def extract_html(
    text: str, *, source: str, url: str | None, fetched_at: datetime | None, page: FetchedPage | None = None
) -> ExtractResult:
    """Articles (and headline-only links) of one HTML page."""
    tree = load_tree(text)
    if tree is None:
        return _not_html(text, source=source, url=url, fetched_at=fetched_at)
    multi = split_multi_article(tree, source=source, url=url, fetched_at=fetched_at)
    pm = page_metadata(tree, url)
    body = extract_main_text(text, url, title=pm.title, tree=tree)
    kind = classify_page(tree, body, pm.url or url)
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
    if not body or word_count(body) < MIN_BODY_WORDS or _mostly_headlines(body, links):
        return ExtractResult(
            links=links,
            chrome=_chrome(tree, []),
            outcome="no-article",
            message=f"{source}: no article text found",
            page_type=kind.kind,
        )
    pub = find_publication_date(text, url=pm.url or url, fetched_at=fetched_at, tree=tree)
    article = build_article(body, pm, pub, source=source, url=url, fetched_at=fetched_at)
    _add_furniture(article, tree)
    if page is not None and page.feed_entry:
        fill_from_feed(article, page.feed_entry, fetched_at)
    return ExtractResult(articles=[article], links=links, chrome=_chrome(tree, [article.body]), page_type=kind.kind)


def _renumber(links: list[Link]) -> list[Link]:
    for i, link in enumerate(links):
        link.position = i
    return links


def _chrome(tree, articles: list) -> list[str]:
    """Site furniture lines of the page (cheap: one pass over its block lines)."""
    from storyline.extract.html_furniture import chrome_lines

    bodies = [a if isinstance(a, str) else a.body for a in articles]
    try:
        return chrome_lines(tree, bodies)
    except Exception:  # furniture is a by-product: never cost the page
        log.exception("chrome lines failed")
        return []


def _add_furniture(article: Article, tree) -> None:
    """Photo caption and a byline box's authors, which the main text leaves out."""
    from storyline.extract.bylines import clean_credits
    from storyline.extract.html_furniture import byline_authors, photo_caption

    caption = photo_caption(tree)
    if caption and caption not in article.body:
        article.photo_caption = caption
    if not article.authors:
        article.authors, article.wire, article.outlet = clean_credits(
            byline_authors(tree), article.wire, article.outlet, article.url
        )


def _mostly_headlines(body: str, links: list) -> bool:
    """An index page: the "body" is mostly the headlines of its own link lists."""
    if not links:
        return False
    titles = {link.title for link in links}
    headline_words = sum(word_count(p) for p in body.split("\n\n") if p.strip().lstrip("- ") in titles)
    return headline_words >= 0.6 * word_count(body)


def fill_from_feed(article: Article, entry: dict, fetched_at: datetime | None) -> None:
    """Fill what the page left unknown from the feed entry that linked to it.

    The page's own metadata wins, except that the feed's time replaces a day-only date (from a
    URL) on the same day. The entry's author is sorted like a byline: a publisher or wire name
    there sets the outlet or wire, never an author."""
    from storyline.extract.html_dates import parse_iso

    if (not article.title or article.title_inferred) and str(entry.get("title") or "").strip():
        article.title, article.title_inferred = str(entry["title"]).strip(), False
    if entry.get("author"):
        from storyline.extract.bylines import clean_credits
        from storyline.extract.html_meta import _authors

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
