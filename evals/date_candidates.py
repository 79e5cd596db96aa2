"""Every publication-day candidate a page offers, each with the sources that state it.

A learned chooser (:mod:`evals.dates_learn`) scores the candidates; this module only gathers them.
It lives in ``evals`` because the chooser did not beat production's rule on the tune folds' cross-validation
(see :mod:`evals.dates_learn`), so production does not use it.
Sources: htmldate (original date, extensive and markup-only searches; latest date), meta tags
(published keys and modified keys apart), JSON-LD ``datePublished``/``dateCreated``/``dateModified``,
``<time>`` elements (the first in the main part; those marked ``pubdate`` or ``itemprop=datePublished``),
a date in the URL path, and the visible dateline under the headline (:mod:`storyline.extract.page_dates`).
Every day is as written (the page's local day), never converted to UTC.
"""

from __future__ import annotations

import re

from storyline.extract.html_lines import iter_block_lines
from storyline.extract.jsonld import jsonld_nodes
from storyline.extract.page_dates import DATELINE_LINES, META_KEYS, _main, iso_day, line_day

_MODIFIED_KEYS = re.compile(
    r"^(article:modified_time|og:updated_time|datemodified|last-modified|dcterms\.modified|modified[-_]?(time|date)?)$",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_UPDATED = re.compile(r"\b(updated?|modified|revised|last edited)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(published|posted|first published|released)\b", re.IGNORECASE)
_ANY_DATE = re.compile(r"(?:19|20)\d\d")
SOURCES = (
    "hd_ext", "hd_fast", "hd_latest", "meta_pub", "meta_mod", "ld_pub", "ld_created", "ld_mod",
    "time_first", "time_pub", "url", "visible",
)


def _htmldate(page, url: str | None, max_date: str | None) -> dict[str, str | None]:
    from htmldate import find_date

    out: dict[str, str | None] = {}
    for name, kw in (("hd_ext", dict(original_date=True, extensive_search=True)),
                     ("hd_fast", dict(original_date=True, extensive_search=False)),
                     ("hd_latest", dict(original_date=False, extensive_search=False))):
        try:
            out[name] = find_date(page, url=url, max_date=max_date, **kw)
        except Exception:  # noqa: BLE001 - htmldate bugs on odd markup must not cost the page
            out[name] = None
    return out


def _meta(tree) -> dict[str, str | None]:
    pub = mod = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        day = iso_day(meta.get("content"))
        if not day:
            continue
        if pub is None and META_KEYS.match(key):
            pub = day
        elif mod is None and _MODIFIED_KEYS.match(key):
            mod = day
    return {"meta_pub": pub, "meta_mod": mod}


def _jsonld(tree) -> dict[str, str | None]:
    out: dict[str, str | None] = {"ld_pub": None, "ld_created": None, "ld_mod": None}
    for node in jsonld_nodes(tree):
        for name, key in (("ld_pub", "datePublished"), ("ld_created", "dateCreated"), ("ld_mod", "dateModified")):
            if out[name] is None and node.get(key):
                out[name] = iso_day(str(node[key]))
    return out


def _times(tree) -> dict[str, str | None]:
    first = pub = None
    for el in _main(tree).iter("time"):
        day = iso_day(el.get("datetime"))
        if not day:
            continue
        first = first or day
        if pub is None and (el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished"):
            pub = day
    return {"time_first": first, "time_pub": pub}


def _url(url: str | None) -> dict[str, str | None]:
    m = _URL_DATE.search(url or "")
    return {"url": "-".join(m.groups()) if m else None}


def dateline(tree) -> dict:
    """The first dateline under the headline (:func:`storyline.extract.page_dates.line_day`): its day,
    its line number, and whether it says "updated", says "published", or holds more than one year."""
    root = _main(tree)
    heads = {" ".join(h.text_content().split()) for h in tree.xpath("//h1")}
    started = root.tag != "body" or not heads
    seen = 0
    for line in iter_block_lines(root):
        line = line.strip()
        if not started:
            started = line in heads
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        day = line_day(line)
        if day:
            return {"visible": day, "line": seen, "updated": bool(_UPDATED.search(line)),
                    "published": bool(_PUBLISHED.search(line)), "multi": len(_ANY_DATE.findall(line)) > 1}
    return {"visible": None, "line": 0, "updated": False, "published": False, "multi": False}


def gather(page, tree, url: str | None, max_date: str | None) -> dict:
    """``{"sources": {source: day or None}, "dateline": dateline(tree)}`` for every name in
    :data:`SOURCES` (days after ``max_date`` dropped)."""
    out = _htmldate(page, url, max_date)
    line = {"visible": None, "line": 0, "updated": False, "published": False, "multi": False}
    for func in (_meta, _jsonld, _times, dateline):
        try:
            found = func(tree)
        except (ValueError, TypeError, AttributeError, OverflowError):  # a malformed part must not cost the page
            continue
        if func is dateline:
            line = found
            found = {"visible": found["visible"]}
        out.update(found)
    out.update(_url(url))
    if out.get("hd_ext") and out["hd_ext"].endswith("-01-01") and out.get("hd_fast") != out["hd_ext"]:
        out["hd_ext"] = None  # only the text search's copyright-year fallback says so (html_dates._find_day)
    days = {s: out.get(s) for s in SOURCES}
    return {"sources": {s: (d if d and (max_date is None or d <= max_date) else None) for s, d in days.items()},
            "dateline": line}
