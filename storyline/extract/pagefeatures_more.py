"""More general structural features of a page (see :mod:`storyline.extract.pagefeatures`).

Each one encodes a pattern that holds across sites, not a site: how many schema.org items of each
kind the page marks up (a product page marks one product and its offers, a listing many items, a
forum thread many posts or answers); pagination (``rel=next``, runs of numbered page links);
the share of the page's text in its largest block of paragraphs (an article's body is one block) and
how link-heavy the text outside navigation, header and footer is; the share of text in code
and preformatted blocks (documentation), in list items and in tables; forms a reader fills in
(reply boxes, search, quantity, contact fields), ``tel:`` and ``mailto:`` links and postal
addresses (service pages); user, avatar and rating markers; how the main text addresses the
reader ("we", "our", "you": service and product copy) or speaks as one person ("I", "my": forum
posts); more of the URL's shape (a query naming a page, a file ending, a numeric last part); and
the marks of one headlined, dated item whatever its schema.org type (``datePublished``,
``headline``, ``author`` in JSON-LD, ``article:`` Open Graph properties, the ``<h1>`` repeated in the
title).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import urlparse

from storyline.extract.html_lines import SKIP_TAGS
from storyline.extract.jsonld import jsonld_nodes, types_of

_FURNITURE = {"nav", "header", "footer", "aside"}
# schema.org types counted (not only present): how many items of a kind a page marks up
_COUNTED = {
    "product": {"product", "individualproduct", "productmodel", "productgroup"},
    "offer": {"offer", "aggregateoffer"},
    "listitem": {"listitem"},
    "post": {"discussionforumposting", "comment", "answer", "question", "socialmediaposting"},
    "breadcrumb": {"breadcrumblist"},
    "person": {"person"},
    "rating": {"aggregaterating", "review", "rating"},
    "place": {"postaladdress", "place", "geocoordinates", "openinghoursspecification"},
}
_ITEMPROPS = ("price", "author", "datepublished", "articlebody", "ratingvalue", "text", "upvotecount",
              "answercount", "sku", "availability", "telephone", "address", "headline", "name")
_PAGINATION = re.compile(r"paginat|pager|page-numbers|pagenav|page-nav", re.IGNORECASE)
_USER = re.compile(r"avatar|user|member|profile|author|poster|username", re.IGNORECASE)
_RATING = re.compile(r"rating|stars?\b|review", re.IGNORECASE)
_QTY = re.compile(r"qty|quantity|amount", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z']+")
_WE = {"we", "our", "us", "ours", "we're", "we've", "we'll"}
_YOU = {"you", "your", "yours", "you're", "you'll", "you've"}
_I = {"i", "my", "me", "i'm", "i've", "i'd", "mine"}


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def _schema_counts(tree) -> Counter:
    counts: Counter = Counter()
    for node in jsonld_nodes(tree):
        for v in types_of(node):
            if isinstance(v, str):
                counts[v.rsplit("/", 1)[-1].lower()] += 1
    for itemtype in tree.xpath("//@itemtype"):
        for v in str(itemtype).split():
            counts[v.rstrip("/").rsplit("/", 1)[-1].lower()] += 1
    return counts


def more_features(tree, root, body: str | None, url_path: str, url_query: str) -> dict[str, float]:
    """The features above; ``root`` is the page's ``<body>`` (or the whole tree)."""
    f: dict[str, float] = {}
    counts = _schema_counts(tree)
    for group, names in _COUNTED.items():
        f[f"sc_{group}"] = _log(sum(counts[n] for n in names))
    props = Counter(str(p).strip().lower() for p in tree.xpath("//@itemprop"))
    for p in _ITEMPROPS:
        f[f"ip_{p}"] = _log(props[p])
    f["n_itemscope"] = _log(len(tree.xpath("//*[@itemscope]")))

    total = links = main_total = main_links = pre = li = table = 0
    numbered = tel = mailto = 0
    block_best = 0
    user = rating = pagination = 0
    # one walk, each element with what encloses it: (element, in link, in furniture, in pre/code,
    # in li, in table)
    stack = [(root, False, False, False, False, False)]
    while stack:
        el, in_a, in_furn, in_pre, in_li, in_table = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            continue
        in_a, in_furn = in_a or tag == "a", in_furn or tag in _FURNITURE
        in_pre, in_li, in_table = in_pre or tag in ("pre", "code"), in_li or tag == "li", in_table or tag == "table"
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip():
            user += bool(_USER.search(attrs))
            rating += bool(_RATING.search(attrs))
            pagination += bool(_PAGINATION.search(attrs))
        inner = len((el.text or "").strip())
        if tag == "a":
            href = (el.get("href") or "").strip().lower()
            tel += href.startswith("tel:")
            mailto += href.startswith("mailto:")
            label = el.text_content().strip()
            numbered += label.isdigit() and len(label) <= 3
        pars = 0
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "p":
                pars += len(child.text_content().strip())
            stack.append((child, in_a, in_furn, in_pre, in_li, in_table))
            inner += len((child.tail or "").strip())  # a child's tail is this element's text
        total += inner
        links += inner if in_a else 0
        pre += inner if in_pre else 0
        li += inner if in_li else 0
        table += inner if in_table else 0
        if not in_furn:
            main_total += inner
            main_links += inner if in_a else 0
        block_best = max(block_best, pars)
    f["link_share_all"] = links / max(total, 1)
    f["main_link_density"] = main_links / max(main_total, 1)
    f["main_share"] = main_total / max(total, 1)
    f["block_share"] = block_best / max(total, 1)
    f["pre_share"] = pre / max(total, 1)
    f["li_share"] = li / max(total, 1)
    f["table_share"] = table / max(total, 1)
    f["numbered_links"] = _log(numbered)
    f["rel_next"] = float(bool(tree.xpath("//link[@rel='next' or @rel='prev'] | //a[@rel='next' or @rel='prev']")))
    f["pagination_attrs"] = _log(pagination)
    f["tel_links"] = _log(tel)
    f["mailto_links"] = _log(mailto)
    f["n_address"] = _log(len(root.xpath(".//address")))
    f["user_attrs"] = _log(user)
    f["rating_attrs"] = _log(rating)
    f["n_textarea"] = _log(len(root.xpath(".//textarea")))
    f["search_inputs"] = _log(len(root.xpath(".//input[@type='search' or contains(@name,'search') or @name='q']")))
    f["contact_inputs"] = _log(len(root.xpath(".//input[@type='email' or @type='tel']")))
    f["qty_inputs"] = _log(sum(bool(_QTY.search(f"{i.get('name') or ''} {i.get('id') or ''}"))
                               for i in root.iter("input", "select")))
    f["n_label"] = _log(len(root.xpath(".//label")))

    tokens = _TOKEN.findall((body or "").lower())
    n = max(len(tokens), 1)
    f["body_we"] = sum(t in _WE for t in tokens) / n
    f["body_you"] = sum(t in _YOU for t in tokens) / n
    f["body_i"] = sum(t in _I for t in tokens) / n

    last = url_path.rstrip("/").rsplit("/", 1)[-1]
    f["url_query_page"] = float(bool(re.search(r"(^|&)(page|p|start|offset|pg)=", url_query)))
    f["url_query"] = float(bool(url_query))
    f["url_file"] = float(bool(re.search(r"\.(html?|php|aspx?|jsp|cfm)$", last.lower())))
    f["url_numeric_last"] = float(bool(re.fullmatch(r"[\d-]+", last))) if last else 0.0
    f["url_last_len"] = _log(len(last))
    f.update(_headline_features(tree, root))
    return f


def _words(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def _headline_features(tree, root) -> dict[str, float]:
    """Marks of one dated, headlined item (an article names its own headline, publication time
    and author; a listing or service page names a section or a business): JSON-LD properties
    (``datePublished``, ``headline``, ``articleBody``, ``author``) on any node whatever its type,
    the ``article:`` Open Graph properties, a non-article ``og:type`` (``video``, ``profile``,
    ``book`` ...), and how much of the first ``<h1>`` the page's title or ``og:title`` repeats."""
    keys: Counter = Counter()
    for node in jsonld_nodes(tree):
        keys.update(k for k in ("datePublished", "headline", "articleBody", "author") if node.get(k))
    f = {f"ldp_{k.lower()}": float(bool(keys[k])) for k in ("datePublished", "headline", "articleBody", "author")}
    f["og_article_props"] = _log(len(tree.xpath("//meta[starts-with(@property,'article:')]")))
    og = " ".join(tree.xpath("//meta[@property='og:type']/@content")).lower().strip()
    f["og_other"] = float(bool(og) and not any(t in og for t in ("article", "website", "product")))
    h1 = next((h.text_content() for h in root.iter("h1") if h.text_content().strip()), "")
    heads = _words(h1)
    titles = _words(" ".join(tree.xpath("//head/title/text() | //meta[@property='og:title']/@content")))
    f["h1_in_title"] = len(heads & titles) / len(heads) if heads else 0.0
    f["h1_long"] = float(len(heads) >= 5)
    return f


def url_parts(href: str) -> tuple[str, str]:
    """(path, query) of a URL; empty when it cannot be parsed."""
    try:
        parsed = urlparse(str(href)) if href else None
    except ValueError:
        return "", ""
    return (parsed.path, parsed.query) if parsed else ("", "")
