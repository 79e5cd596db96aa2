"""Pages that hold several articles: aggregator pages with full related items, hashtag pages,
rankings.

The signal is structural: a parent element whose children repeat one shape (same tag and class)
and each hold a headline plus text. Children with a headline and a body of their own
(``_MIN_ITEM_WORDS``+ words) are articles; children with only a headline (a ranking, a "most
read" list) are :class:`~storyline.models.Link` records. When an article group is found, the
page's own main article (the text outside the group, if there is enough of it) comes first,
then the items in page order, each marked ``extra["from_multi_article_page"] = True``.
Outlet and age lines inside an item ("Asahi Shimbun", "4 hours ago") become ``outlet`` and
``relative_age``/``published``. Navigation menus do not qualify: their items are short
(fewer than ``_MIN_HEADLINE_WORDS`` words) and have no text.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from storyline.extract import meta
from storyline.extract.bylines import squash
from storyline.extract.chrome import is_chrome
from storyline.extract.html_article import MIN_BODY_WORDS, build_article, split_credits
from storyline.extract.html_body import extract_main_text
from storyline.extract.html_dates import find_publication_date
from storyline.extract.html_lead import split_lead
from storyline.extract.html_lines import SKIP_TAGS, iter_block_lines, word_count
from storyline.extract.html_meta import page_metadata
from storyline.extract.outlet import plausible_outlet
from storyline.models import Article, ExtractResult, Link, normalize_text

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_CLASS = re.compile(r"(^|[\s_-])(title|headline|heading)($|[\s_-])", re.IGNORECASE)
_OUTLET_CLASS = re.compile(r"source|outlet|publisher|provider|site|media|byline", re.IGNORECASE)
_MIN_ITEM_WORDS = 30  # an item with this much text besides its headline is an article
_MIN_HEADLINE_WORDS = 3
_TEASER_WORDS = 60  # one paragraph under this many words is a card's teaser (as in text dumps)
_MAX_SHORT_LINE_WORDS = 5  # outlet names and ages are short lines
_MAX_LEAD_LINES = 4  # lines up to and including the headline: outlet, age, section label
_MIN_SENTENCE_WORDS = 12
# An item under this share of the page's own article is a teaser of another story (a related rail).
# Chosen on the Zyte DEV tune fold (a related rail of 21-33-word summaries beside a 638-word story);
# aggregator items carrying whole stories are as long as the main one.
_TEASER_SHARE = 0.15  # an article body has at least one line of running text this long
_WORD = re.compile(r"\w+")


def _join(base: str | None, href: str | None) -> str | None:
    """``href`` resolved against ``base``; as written when it is not a parseable URL ("http://[::1")."""
    if not href:
        return None
    try:
        return urljoin(base or "", href)
    except ValueError:
        return href


def _words(text: str) -> int:
    return word_count(text)


def _clean(text: str) -> str:
    return " ".join((text or "").split())  # = re.sub(r"\s+", " ", text).strip(), without the regex


@dataclass(slots=True)
class Item:
    """One repeated child: its headline, link, short lines (outlet/age) and body lines."""

    element: object
    headline: str | None
    href: str | None
    short: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def body_words(self) -> int:
        return sum(_words(line) for line in self.body)


def _headline(el) -> tuple[str | None, str | None, object | None]:
    """(headline text, link, element) of an item: its first heading, titled element or long link."""
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            continue
        is_title = node.tag in _HEADINGS or _TITLE_CLASS.search(node.get("class") or "")
        is_link = node.tag == "a" and _words(node.text_content()) >= _MIN_HEADLINE_WORDS
        if is_title or is_link:
            text = _clean(node.text_content())
            if _words(text) >= _MIN_HEADLINE_WORDS:
                link = node if node.tag == "a" else next(iter(node.iter("a")), None)
                if link is None:
                    parent = node.getparent()
                    link = parent if parent is not None and parent.tag == "a" else None
                return text, (link.get("href") if link is not None else None), node
    return None, None, None


def read_item(el) -> Item | None:
    """An :class:`Item` when the element carries a headline, else None."""
    headline, href, _node = _headline(el)
    if headline is None:
        return None
    item = Item(el, headline, href)
    seen_headline = False
    lead_lines = 0
    for line in iter_block_lines(el):
        if not seen_headline:
            lead_lines += 1
            if lead_lines > _MAX_LEAD_LINES:
                return None  # the headline must open the block (after at most an outlet and an age)
        if not seen_headline and headline in line:
            before, _, after = line.partition(headline)  # inline neighbours run together: "1Headline"
            if _words(before) > _MAX_SHORT_LINE_WORDS or _words(after) > _MAX_SHORT_LINE_WORDS:
                return None  # a sentence that holds a link, not an item's headline
            seen_headline = True
            item.short.extend(x for x in (before.strip(),) if x)
            line = after.strip()
            if not line:
                continue
        if not seen_headline and _words(line) > _MAX_SHORT_LINE_WORDS:
            return None  # text before the "headline": a paragraph with a link, not an item
        if _words(line) <= _MAX_SHORT_LINE_WORDS and not line.endswith((".", "!", "?", '"', "”")):
            item.short.append(line)
        else:
            item.body.append(line)
    if item.body and max(_words(line) for line in item.body) < _MIN_SENTENCE_WORDS:
        item.body, item.short = [], item.short + item.body  # a list of headlines is not a body
    return item


def _signature(el) -> tuple[str, str]:
    return el.tag, " ".join(sorted((el.get("class") or "").split()))


def find_groups(root) -> list[list[Item]]:
    """Runs of same-shaped siblings (2+) that each carry a headline, in document order."""
    groups: list[list[Item]] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or parent.tag in SKIP_TAGS:
            continue
        by_shape: dict[tuple[str, str], list] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
                by_shape[_signature(child)].append(child)
        for members in by_shape.values():
            if len(members) < 2:
                continue
            items = _read_group(members)
            if items is not None:
                groups.append(items)
    return groups


def _read_group(members: list) -> list[Item] | None:
    """The members' items when at least two and at least half of them carry a headline; stops
    reading as soon as too many have failed for that (most same-shaped runs are no item list)."""
    need = max(2, (len(members) + 1) // 2)
    allowed_failures = len(members) - need
    items: list[Item] = []
    failures = 0
    for m in members:
        item = read_item(m)
        if item is not None:
            items.append(item)
            continue
        failures += 1
        if failures > allowed_failures:
            return None
    return items if len(items) >= need else None


def _full(item: Item) -> bool:
    """An item with a body of its own: enough words, and not a site's own card (one short
    paragraph under a headline, crediting no outlet: a teaser of the site's own story). An
    aggregator's card names the outlet it took the story from; that short text is the story."""
    if item.body_words < _MIN_ITEM_WORDS:
        return False
    return not (len(item.body) == 1 and item.body_words < _TEASER_WORDS and not _names_outlet(item))


def _stories(items: list[Item]) -> bool:
    """A group of stories rather than headline links: a quarter or more of its items have a body."""
    return sum(_full(it) for it in items) * 4 >= len(items)


def _names_outlet(item: Item) -> bool:
    return any(isinstance(n.tag, str) and _OUTLET_CLASS.search(n.get("class") or "") for n in item.element.iter())


def _is_dated(item: Item) -> bool:
    """The item says when or where it is from: an age, a <time>, a date line or an outlet element."""
    if next(item.element.iter("time"), None) is not None:
        return True
    if any(meta.find_relative_age(s) or meta.parse_absolute_time(s) for s in item.short):
        return True
    return any(
        isinstance(n.tag, str) and _OUTLET_CLASS.search(n.get("class") or "") for n in item.element.iter()
    )


def _article_group(groups: list[list[Item]]) -> list[Item] | None:
    """The group whose items are full, dated articles (most text wins), if any.

    Every item must carry its own headline, a link to its own story *and* an age/date/outlet:
    sections of one long article (subheadings + paragraphs, whose headings link nowhere, even when
    each holds a figure or embed whose class reads like "media" or "site") and paragraphs that
    merely hold a link do not.
    """
    best, best_words = None, 0
    for items in groups:
        if len({normalize_text(it.headline) for it in items}) < len(items):
            continue  # page-wide wrappers that share a carousel's headline, not a list of items
        full = [it for it in items if _full(it) and it.href and _is_dated(it)]
        if len(full) >= 2 and len(full) * 2 >= len(items):
            words = sum(it.body_words for it in full)
            if words > best_words:
                best, best_words = full, words
    return best


def _group_heading(items: list[Item]) -> str | None:
    """The heading just before a list ("Related Articles", "Access Ranking"), if any."""
    parent = items[0].element.getparent()
    for node in (parent, parent.getparent() if parent is not None else None):
        if node is None:
            continue
        prev, looked = node.getprevious(), 0
        while prev is not None and looked < 2:  # a heading, maybe above a one-line note ("Past 24 hours")
            if isinstance(prev.tag, str) and _clean(prev.text_content()):
                if prev.tag in _HEADINGS or _words(prev.text_content()) <= 6:
                    return _clean(prev.text_content())
                looked += 1
            prev = prev.getprevious()
        heading = next((h for h in node.iter(*_HEADINGS) if h.getparent() is node), None)
        if heading is not None:
            return _clean(heading.text_content())
    return None


def _outlet_and_age(item: Item) -> tuple[str | None, str | None]:
    outlet = age = None
    for node in item.element.iter():  # leaf elements first: inline spans run together in lines
        if isinstance(node.tag, str) and len(node) == 0 and age is None:
            text = _clean(node.text_content())  # an age label ("3 hours ago"), not a sentence's "a year ago"
            age = meta.find_relative_age(text) if _words(text) <= _MAX_SHORT_LINE_WORDS else None
    for node in item.element.iter():
        if isinstance(node.tag, str) and _OUTLET_CLASS.search(node.get("class") or ""):
            text = _clean(node.text_content()).lstrip("-–— ").strip()
            short = _words(text) <= _MAX_SHORT_LINE_WORDS
            if text and short and not meta.find_relative_age(text) and plausible_outlet(text):
                outlet = text
                break
    for line in item.short:
        found = meta.find_relative_age(line)
        if found and age is None:
            age = found
        elif not found and outlet is None and plausible_outlet(line.lstrip("-–— ").strip()):
            outlet = line.lstrip("-–— ").strip()
    return outlet, age


def _item_article(item: Item, position: int, *, source: str, url: str | None, fetched_at: datetime | None) -> Article:
    outlet, age = _outlet_and_age(item)
    paragraphs, subtitle = split_lead(item.body, item.headline)
    credits, body = split_credits("\n\n".join(paragraphs))
    skip = {squash(outlet), squash(item.headline)}
    categories = [
        s for s in item.short
        if _words(s) <= 3 and squash(s) not in skip and not meta.find_relative_age(s) and not _is_rank(s)
        and not is_chrome(s) and not (outlet and squash(s).startswith(squash(outlet)))
    ]  # fmt: skip
    published = meta.resolve_relative_age(age, fetched_at) if age and fetched_at else None
    extra = {"from_multi_article_page": True}
    if published is not None:
        extra["published_precision"] = "relative"
    return Article(
        body=body.strip(),
        source=source,
        position=position,
        url=_join(url, item.href),
        title=item.headline,
        outlet=outlet,
        wire=credits["wire"],
        authors=list(credits["authors"] or []),
        dateline=credits["dateline"],
        published=published,
        published_text=age,
        relative_age=age,
        fetched_at=fetched_at,
        subtitle=subtitle,
        categories=list(dict.fromkeys(categories)),
        extra=extra,
    )


def _is_rank(text: str) -> bool:
    return text.strip(" .#()").isdigit()


def _link_groups(groups: list[list[Item]], used: list[Item] | None, base: str | None) -> list[Link]:
    """Headline-only groups (3+ headlines, little text each) as links, in page order."""
    links: list[Link] = []
    used_ids = {id(it.element) for it in used or []}
    seen: set[tuple[str | None, str]] = set()
    for items in groups:
        if any(id(it.element) in used_ids for it in items) or len(items) < 3:
            continue
        if _stories(items):
            continue
        section = _group_heading(items)
        for it in items:
            if (section, it.headline) in seen:
                continue  # one list naming a headline twice; other lists may repeat it
            seen.add((section, it.headline))
            outlet = next((s for s in it.short if not _is_rank(s) and not meta.find_relative_age(s)), None)
            links.append(
                Link(
                    title=it.headline,
                    url=_join(base, it.href),
                    outlet=outlet,
                    section=section,
                    position=len(links),
                )
            )
    return links


def _link_teasers(groups: list[list[Item]], used: list[Item] | None) -> list[str]:
    """The text lines of headline-only items (a listing's one-line teasers): furniture of a
    listing page, never an article's body."""
    used_ids = {id(it.element) for it in used or []}
    return [
        line
        for items in groups
        if len(items) >= 3 and not any(id(it.element) in used_ids for it in items) and not _stories(items)
        for it in items
        for line in it.body + it.short
    ]


def _main_article(
    root, group: list[Item], *, source: str, url: str | None, fetched_at: datetime | None
) -> Article | None:
    """The page's own article: what remains once the item group is taken out."""
    rest = copy.deepcopy(root)
    # The copy has the same elements in the same document order: pair them by walking both trees
    # (an XPath from getpath() fails on tag names such as "a:b" that the HTML parser accepts).
    wanted = {id(it.element) for it in group}
    doomed = [twin for el, twin in zip(root.iter(), rest.iter(), strict=True) if id(el) in wanted]
    for el in doomed:  # resolve all first, then remove
        if el.getparent() is not None:
            el.getparent().remove(el)
    text = etree.tostring(rest, encoding="unicode", method="html")
    pm = page_metadata(rest, url)
    body = extract_main_text(text, url, title=pm.title, tree=rest)
    if not body or _running_words(body) < MIN_BODY_WORDS:
        return None  # a listing page's own heading and furniture are no article
    article = build_article(
        body,
        pm,
        find_publication_date(text, url=url, fetched_at=fetched_at, tree=rest),
        source=source,
        url=url,
        fetched_at=fetched_at,
    )
    article.extra["from_multi_article_page"] = True
    return article


def _running_words(body: str) -> int:
    """Words in paragraphs of running text (a sentence of ``_MIN_SENTENCE_WORDS``+ words that is
    not site furniture): cookie notes, pagers and app pitches around a list do not count."""
    paragraphs = [p.strip() for p in body.split("\n\n")]
    return sum(_words(p) for p in paragraphs if _words(p) >= _MIN_SENTENCE_WORDS and not is_chrome(p))


def _drop_aggregator_outlet(main: Article, items: list[Article]) -> None:
    """On an aggregator (its items credit two or more other outlets) the site's name is not the
    outlet of the page's own text: that stays unknown, the site name is kept in ``extra``."""
    others = {squash(a.outlet) for a in items if a.outlet and squash(a.outlet) != squash(main.outlet)}
    if main.outlet and len(others) >= 2:
        main.extra["site_name"], main.outlet = main.outlet, None


def _adopt_fuller_body(main: Article, item: Item) -> None:
    """Give the main article the item's text when the item holds more of it (infinite-scroll pages)."""
    if item.body_words > _words(main.body):
        _credits, body = split_credits("\n\n".join(item.body))
        main.body = body.strip()


def split_multi_article(tree, *, source: str, url: str | None, fetched_at: datetime | None) -> ExtractResult | None:
    """Several articles (and links) when the page repeats article blocks; else links only, or None."""
    groups = find_groups(tree)
    if not groups:
        return None
    group = _article_group(groups)
    links = _link_groups(groups, group, url)
    if group is None:
        return ExtractResult(links=links, chrome=_link_teasers(groups, group)) if links else None
    articles: list[Article] = []
    main = _main_article(tree, group, source=source, url=url, fetched_at=fetched_at)
    if main is not None:
        articles.append(main)
    seen = {normalize_text(main.title)} if main is not None and main.title else set()
    if main is not None:  # beside a long article of its own, short items are teasers: links, not articles
        floor = _TEASER_SHARE * _words(main.body)
        links += [
            Link(title=it.headline, url=urljoin(url or "", it.href) if it.href else None, position=len(links) + i)
            for i, it in enumerate(it for it in group if it.body_words < floor and it.headline)
        ]
        group = [it for it in group if it.body_words >= floor]
        if not group:
            return ExtractResult(links=links)  # a single-article page with a teaser rail
    for item in group:
        if normalize_text(item.headline) in seen:
            if main is not None and normalize_text(item.headline) == normalize_text(main.title):
                _adopt_fuller_body(main, item)  # the page's own article sits in the repeated blocks
            continue  # the page's own article repeated in a teaser, or one item listed twice
        seen.add(normalize_text(item.headline))
        articles.append(_item_article(item, len(articles), source=source, url=url, fetched_at=fetched_at))
    if main is not None:
        _drop_aggregator_outlet(main, articles[1:])
    section = _group_heading(group)
    for art in articles[1 if main is not None else 0 :]:
        if section:
            art.extra["section"] = section
    return ExtractResult(articles=articles, links=links)
