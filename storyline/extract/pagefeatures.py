"""General structural features of an HTML page, for deciding what kind of page it is.

Nothing here names a site: the features are schema.org types (JSON-LD ``@type`` and microdata
``itemtype``), ``og:type``, counts of structural elements, link density, repeated sibling blocks,
text length and shape of the main text, price and cart markers, comment containers and the
shape of the page's own URL. :mod:`storyline.extract.pagetype` learns page types from them.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from storyline.extract.html_lines import SKIP_TAGS
from storyline.extract.jsonld import jsonld_nodes, types_of
from storyline.extract.pagefeatures_more import more_features, url_parts
from storyline.text.counting import word_count

# schema.org types, grouped by the kind of page they mark
_TYPE_GROUPS = {
    "article": {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "liveblogposting", "scholarlyarticle", "report", "backgroundnewsarticle",
        "reviewnewsarticle", "socialmediaposting",
    },
    "tech": {"techarticle", "apireference", "howto", "softwareapplication", "softwaresourcecode"},
    "product": {"product", "offer", "aggregateoffer", "productgroup", "individualproduct", "productmodel"},
    "list": {"itemlist", "collectionpage", "searchresultspage", "offercatalog", "listitem"},
    "forum": {"discussionforumposting", "qapage", "question", "answer", "comment"},
    "faq": {"faqpage"},
    "service": {
        "service", "localbusiness", "professionalservice", "contactpage", "aboutpage", "medicalbusiness",
        "legalservice", "financialservice", "store", "restaurant", "homeandconstructionbusiness",
    },
    "webpage": {"webpage"},
    "recipe": {"recipe"},
    "review": {"review", "aggregaterating"},
    "event": {"event"},
    "video": {"videoobject"},
}
_OG_TYPES = ("article", "product", "website")
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:USD|EUR|GBP|€))")
_COMMENT = re.compile(r"comment|reply|replies|respon", re.IGNORECASE)
_CART = re.compile(r"cart|basket|checkout|add-to|addtocart|buy", re.IGNORECASE)
_PRICE_ATTR = re.compile(r"price", re.IGNORECASE)
_POST = re.compile(r"(^|[\s_-])(post|thread|topic|message)s?($|[\s_-])", re.IGNORECASE)
_DATE_PATH = re.compile(r"/(19|20)\d\d/(\d\d?/)?")
_SENT_END = re.compile(r"[.!?。！？\"”’)]$")
_WORD = re.compile(r"\w+")
# a date in running text; no word boundary is asked for in front: text_content() glues a date to
# the text before it ("...river worksMarch 1, 2025"). The lookahead names the characters a match can
# start with (a digit or a month's first letter): the same matches, found in half the time on
# whole pages' text (each position used to try every alternative).
_DATE_TEXT = re.compile(
    r"(?<![\d.])(?=[\djfmasond])(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|\d+\s+(?:minute|hour|day|week|month|year)s?\s+ago)(?!\d)",
    re.IGNORECASE,
)
# URL path words that name the kind of page across the web (section vocabulary, not sites)
_URL_WORDS = {
    "docs": {"doc", "docs", "documentation", "api", "reference", "guide", "guides", "manual", "wiki", "kb",
             "help", "support", "tutorial", "tutorials", "learn", "sdk", "developer", "developers"},
    "product": {"product", "products", "shop", "store", "item", "items", "p", "dp", "buy", "catalog"},
    "forum": {"forum", "forums", "thread", "threads", "topic", "topics", "t", "community", "discussion",
              "discussions", "questions", "q", "board", "boards", "viewtopic", "showthread"},
    "list": {"category", "categories", "tag", "tags", "archive", "archives", "page", "search", "collections",
             "collection", "section", "author", "index"},
    "service": {"services", "service", "about", "contact", "pricing", "solutions", "locations", "company"},
    "news": {"news", "blog", "article", "articles", "story", "stories", "post", "posts"},
}


def _ld_types(tree) -> set[str]:
    found: set[str] = set()
    for node in jsonld_nodes(tree):
        for v in types_of(node):
            if isinstance(v, str):
                found.add(v.rsplit("/", 1)[-1].lower())
    for itemtype in tree.xpath("//@itemtype"):
        for v in str(itemtype).split():
            found.add(v.rstrip("/").rsplit("/", 1)[-1].lower())
    return found


def _repeated_blocks(root) -> tuple[int, int, float]:
    """(largest group of same-shaped siblings that each hold a link and text, number of such groups
    of four or more, share of the page's text inside the largest group)."""
    best, groups, best_chars = 0, 0, 0
    for parent in root.iter():
        if not isinstance(parent.tag, str) or parent.tag in SKIP_TAGS:
            continue
        kids = [c for c in parent if isinstance(c.tag, str)]
        if len(kids) < 3:
            continue
        shapes = Counter((c.tag, (c.get("class") or "").split(" ")[0]) for c in kids)
        shape, count = shapes.most_common(1)[0]
        if count < 3 or shape[0] in ("option", "br", "script", "style", "meta", "link"):
            continue
        members = [c for c in kids if (c.tag, (c.get("class") or "").split(" ")[0]) == shape]
        linked = [c for c in members if c.tag == "a" or c.find(".//a") is not None]
        if len(linked) < 3:
            continue
        chars = sum(len(c.text_content().strip()) for c in linked)
        if chars < 20 * len(linked):
            continue  # menus: short labels
        if len(linked) >= 4:
            groups += 1
        if len(linked) > best:
            best, best_chars = len(linked), chars
    return best, groups, best_chars


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def page_features(tree, body: str | None, url: str | None = None) -> dict[str, float]:
    """The feature vector of a page (``tree`` from :func:`load_tree`, ``body`` the main text)."""
    f: dict[str, float] = {}
    types = _ld_types(tree)
    for group, names in _TYPE_GROUPS.items():
        f[f"ld_{group}"] = float(bool(types & names))
    og = " ".join(tree.xpath("//meta[@property='og:type']/@content")).lower()
    for t in _OG_TYPES:
        f[f"og_{t}"] = float(t in og)
    f["og_none"] = float(not og.strip())
    f["meta_published"] = float(
        bool(tree.xpath("//meta[contains(@property,'published_time') or contains(@name,'date')]"))
    )
    f["meta_author"] = float(bool(tree.xpath("//meta[@name='author']/@content")))

    counts: Counter = Counter()
    comment_attrs = cart_attrs = price_attrs = post_attrs = 0
    text_chars = link_chars = p_chars = 0
    body_el = tree.find(".//body")
    root = body_el if body_el is not None else tree
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            continue
        counts[tag] += 1
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip():
            comment_attrs += bool(_COMMENT.search(attrs))
            cart_attrs += bool(_CART.search(attrs))
            price_attrs += bool(_PRICE_ATTR.search(attrs)) or el.get("itemprop") == "price"
            post_attrs += bool(_POST.search(attrs))
        if tag in SKIP_TAGS:
            continue
        own = len((el.text or "").strip()) + len((el.tail or "").strip()) if tag != "a" else 0
        if tag == "a":
            n = len(el.text_content().strip())
            link_chars += n
            own = n + len((el.tail or "").strip())
        elif tag == "p":
            p_chars += len(el.text_content().strip())
        text_chars += own
    for tag in ("article", "h1", "h2", "h3", "p", "li", "a", "form", "input", "button", "table", "pre",
                "code", "time", "img", "select", "nav", "aside", "section", "dl", "blockquote", "iframe"):
        f[f"n_{tag}"] = _log(counts[tag])
    f["text_chars"] = _log(text_chars)
    f["link_density"] = link_chars / max(text_chars, 1)
    f["p_share"] = p_chars / max(text_chars, 1)
    f["comment_attrs"] = _log(comment_attrs)
    f["cart_attrs"] = _log(cart_attrs)
    f["price_attrs"] = _log(price_attrs)
    f["post_attrs"] = _log(post_attrs)
    visible = root.text_content() if text_chars else ""
    f["prices"] = _log(len(_PRICE.findall(visible[:200000])))
    best, groups, best_chars = _repeated_blocks(root)
    f["rep_best"] = _log(best)
    f["rep_groups"] = _log(groups)
    f["rep_share"] = best_chars / max(text_chars, 1)

    paragraphs = [p for p in (body or "").split("\n") if p.strip()]
    words = [word_count(p) for p in paragraphs]  # Japanese/Chinese by characters: no spaces between words
    total = sum(words)
    f["body_words"] = _log(total)
    f["body_share"] = len(body or "") / max(text_chars, 1)
    f["body_paragraphs"] = _log(len(paragraphs))
    f["body_mean_par"] = _log(total / max(len(paragraphs), 1))
    f["body_long_pars"] = sum(w >= 25 for w in words) / max(len(paragraphs), 1)
    f["body_short_pars"] = sum(w < 6 for w in words) / max(len(paragraphs), 1)
    f["body_sentence_end"] = sum(bool(_SENT_END.search(p.strip())) for p in paragraphs) / max(len(paragraphs), 1)

    href = url or next(iter(tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")), "")
    path, query = url_parts(href)  # "http://[::1/x": no usable path
    parts = [p for p in path.split("/") if p]
    last = parts[-1] if parts else ""
    f["url_known"] = float(bool(href))
    f["url_depth"] = float(len(parts))
    f["url_date"] = float(bool(_DATE_PATH.search(path)))
    f["url_slug_words"] = float(len(re.findall(r"[a-z]+", last.lower())) if "-" in last or "_" in last else 0)
    f["url_digits"] = _log(len(re.findall(r"\d", path)))
    f["url_trailing_slash"] = float(path.endswith("/"))
    # words of the path: letter runs between separators; letters inside an id ("OYT1T50201") are no word
    path_words = {w for part in parts for w in re.split(r"[^a-z0-9]+", part.lower()) if w.isalpha()}
    for group, vocab in _URL_WORDS.items():
        f[f"url_{group}"] = float(bool(path_words & vocab))
    f.update(_heading_features(tree, root, paragraphs))
    f["page_dates"] = _log(len(_DATE_TEXT.findall(visible[:200000])))
    f["body_dates"] = _log(len(_DATE_TEXT.findall(body or "")))
    f["body_questions"] = sum(p.strip().endswith("?") for p in paragraphs) / max(len(paragraphs), 1)
    f["body_max_par"] = _log(max(words, default=0))
    f.update(more_features(tree, root, body, path, query))
    return f


def _norm_text(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _heading_features(tree, root, paragraphs: list[str]) -> dict[str, float]:
    """Heading structure and how much of the main text is the page's own link texts (a listing's
    main text is its headlines and teasers)."""
    f: dict[str, float] = {}
    heads = [h for h in root.iter("h1", "h2", "h3", "h4")]
    linked = sum(h.find(".//a") is not None or h.getparent() is not None and h.getparent().tag == "a" for h in heads)
    f["head_linked"] = _log(linked)
    f["head_linked_share"] = linked / max(len(heads), 1)
    h1 = [_norm_text(h.text_content()) for h in root.iter("h1")]
    title = _norm_text(" ".join(tree.xpath("//head/title/text()"))[:300])
    f["h1_words"] = _log(len(h1[0].split()) if h1 else 0)
    f["title_words"] = _log(len(title.split()))
    anchors = {_norm_text(a.text_content()) for a in root.iter("a")}
    anchors.discard("")
    linked_pars = sum(_norm_text(p) in anchors for p in paragraphs)
    f["body_link_pars"] = linked_pars / max(len(paragraphs), 1)
    return f
