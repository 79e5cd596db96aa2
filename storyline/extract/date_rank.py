"""Every publication-day candidate a page offers, each with the sources that state it, and their features.

Sources: htmldate (original date, extensive and markup-only searches; latest date), meta tags (published
keys and modified keys apart), JSON-LD ``datePublished``/``dateCreated``/``dateModified``, ``<time>``
elements (the first in the main part; those marked ``pubdate`` or ``itemprop=datePublished``), a date in
the URL path, in the lead image's URL (``og:image``), in a link just under the headline (a site's "news of
that day" link), and the visible dates of the header: under the headline, the first one, the first
labelled "published"/"posted", the first labelled "updated", the first with no label, and one just above
the headline. A line holding two labelled dates ("December 22, 2022 Updated: January 2, 2026") gives both.
Every day is as written (the page's local day), never converted to UTC; days after ``max_date`` (the
fetch day) are dropped, so a page that states no date never gets the fetch day.

:func:`features` gives one row per distinct day (:data:`FEATURE_NAMES`); the ranker fitted on them
(``python -m evals.dates_learn``) is what :mod:`storyline.extract.html_dates` may consult.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from storyline.extract.gbtrees import GBTrees
from storyline.extract.html_lines import iter_block_lines
from storyline.extract.jsonld import jsonld_nodes
from storyline.extract.page_dates import DATELINE_LINES, META_KEYS, _main, iso_day, line_day

_MODIFIED_KEYS = re.compile(
    r"^(article:modified_time|og:updated_time|datemodified|last-modified|dcterms\.modified|modified[-_]?(time|date)?)$",
    re.IGNORECASE,
)
_PATH_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_UPDATED = re.compile(r"\b(updated?|modified|revised|last edited|更新)", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(published|posted|first published|released|公開|配信|掲載)", re.IGNORECASE)
_LABEL = re.compile(r"(updated?|modified|revised|last edited|published|posted|released|更新|公開|配信|掲載)",
                    re.IGNORECASE)
_ANY_DATE = re.compile(r"(?:19|20)\d\d")
ABOVE_LINES = 6  # lines just above the headline searched for a date
HEAD_LINKS = 12  # links after the headline searched for a dated path
HTMLDATE = ("hd_ext", "hd_fast", "hd_latest")
MARKUP = ("meta_pub", "meta_mod", "ld_pub", "ld_created", "ld_mod", "time_first", "time_pub")
VISIBLE = ("vis_first", "vis_pub", "vis_upd", "vis_plain", "vis_above")
SOURCES = (*HTMLDATE, *MARKUP, "url", "image", "head_link", *VISIBLE)


def htmldate_days(page, url: str | None, max_date: str | None) -> dict[str, str | None]:
    """htmldate's days: original date by the extensive (``hd_ext``) and the markup-only (``hd_fast``)
    search, and the latest date (``hd_latest``); ``hd_ext`` without its copyright-year fallback."""
    from htmldate import find_date

    out: dict[str, str | None] = {}
    for name, kw in (("hd_ext", dict(original_date=True, extensive_search=True)),
                     ("hd_fast", dict(original_date=True, extensive_search=False)),
                     ("hd_latest", dict(original_date=False, extensive_search=False))):
        try:
            out[name] = find_date(page, url=url, max_date=max_date, **kw)
        except Exception:  # noqa: BLE001 - htmldate bugs on odd markup must not cost the page
            out[name] = None
    if out["hd_ext"] and out["hd_ext"].endswith("-01-01") and out["hd_fast"] != out["hd_ext"]:
        out["hd_ext"] = None  # only the text search's copyright-year fallback says so: not a publication date
    return out


def _meta(tree) -> dict[str, str | None]:
    pub = mod = image = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if image is None and key.lower() in ("og:image", "twitter:image"):
            image = path_day(meta.get("content"))
        day = iso_day(meta.get("content"))
        if not day:
            continue
        if pub is None and META_KEYS.match(key):
            pub = day
        elif mod is None and _MODIFIED_KEYS.match(key):
            mod = day
    return {"meta_pub": pub, "meta_mod": mod, "image": image}


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


def path_day(url: str | None) -> str | None:
    """The day a URL path states (``/2024/03/01/``, ``/2024-03-01``, ``/20240301/``), or None."""
    m = _PATH_DATE.search(url or "")
    return "-".join(m.groups()) if m else None


def _head_link(tree) -> dict[str, str | None]:
    for href in tree.xpath(f"(//h1)[1]/following::a[@href][position() <= {HEAD_LINKS}]/@href"):
        day = path_day(str(href))
        if day:
            return {"head_link": day}
    return {"head_link": None}


def labelled_days(line: str) -> list[tuple[str, str]]:
    """``[(day, label)]`` of a short header line, ``label`` "updated", "published" or "": a line holding
    two labelled dates is cut before each label and gives both."""
    if len(line) > 2 * 80 or not _ANY_DATE.search(line):
        return []
    cuts = [m.start() for m in _LABEL.finditer(line)]
    parts = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    out = []
    for part in parts:
        day = line_day(part.strip())
        if day:
            label = "updated" if _UPDATED.search(part) else "published" if _PUBLISHED.search(part) else ""
            out.append((day, label))
    return out


def header_dates(tree) -> dict:
    """The visible header dates (:data:`VISIBLE`) and the line each was read on (``line_<source>``)."""
    root = _main(tree)
    heads = {" ".join(h.text_content().split()) for h in tree.xpath("//h1")}
    started = root.tag != "body" or not heads
    out: dict = {name: None for name in VISIBLE} | {f"line_{name}": 0 for name in VISIBLE}
    above: list[str] = []
    seen = 0
    for line in iter_block_lines(root):
        line = line.strip()
        if not started:
            started = line in heads
            above = (above + [line])[-ABOVE_LINES - 1:]
            if not started:
                continue
            for i, prev in enumerate(reversed(above[:-1])):
                day = line_day(prev)
                if day:
                    out["vis_above"], out["line_vis_above"] = day, i + 1
                    break
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        for day, label in labelled_days(line):
            for name, ok in (("vis_first", True), ("vis_pub", label == "published"), ("vis_upd", label == "updated"),
                             ("vis_plain", label == "")):
                if ok and out[name] is None:
                    out[name], out[f"line_{name}"] = day, seen
        if all(out[n] for n in VISIBLE[:4]):
            break
    return out


def gather(page, tree, url: str | None, max_date: str | None) -> dict:
    """``{"sources": {source: day or None}, "lines": {source: header line}}`` for every name in
    :data:`SOURCES` (days after ``max_date`` dropped)."""
    out = htmldate_days(page, url, max_date)
    lines: dict[str, int] = {}
    for func in (_meta, _jsonld, _times, _head_link, header_dates):
        try:
            found = func(tree)
        except (ValueError, TypeError, AttributeError, OverflowError):  # a malformed part must not cost the page
            continue
        lines.update({k[5:]: v for k, v in found.items() if k.startswith("line_")})
        out.update({k: v for k, v in found.items() if not k.startswith("line_")})
    out["url"] = path_day(url)
    keep = {s: out.get(s) for s in SOURCES}
    return {"sources": {s: (d if d and (max_date is None or d <= max_date) else None) for s, d in keep.items()},
            "lines": lines}


def _apart(a: str, b: str | None) -> float:
    """Signed days from ``b`` to ``a`` squashed by log (0 when ``b`` is unknown)."""
    if not b:
        return 0.0
    n = (date.fromisoformat(a) - date.fromisoformat(b)).days
    return math.copysign(math.log1p(abs(n)), n)


FEATURE_NAMES = [*SOURCES, "n_sources", "n_htmldate", "n_markup", "n_visible", "earliest", "latest", "n_days",
                 "jan1", "from_hd_ext", "from_url", "has_url", "from_earliest", "vis_line", "current"]


def features(rec: dict) -> tuple[list[str], list[list[float]]]:
    """The candidate days of a page (sorted) and one row of :data:`FEATURE_NAMES` each; ``rec`` holds
    :func:`gather`'s ``sources`` and ``lines`` and ``current``, the day the fixed rule chose."""
    sources, lines = rec["sources"], rec.get("lines") or {}
    days = sorted({d for d in sources.values() if d})
    rows = []
    for i, day in enumerate(days):
        said = [float(sources.get(s) == day) for s in SOURCES]
        vis_lines = [lines.get(s, 0) for s in VISIBLE if sources.get(s) == day and lines.get(s)]
        rows.append(said + [
            sum(said), sum(sources.get(s) == day for s in HTMLDATE), sum(sources.get(s) == day for s in MARKUP),
            sum(sources.get(s) == day for s in VISIBLE), float(i == 0), float(i == len(days) - 1), float(len(days)),
            float(day.endswith("-01-01")), _apart(day, sources.get("hd_ext")), _apart(day, sources.get("url")),
            float(bool(sources.get("url"))), _apart(day, days[0]), float(min(vis_lines) if vis_lines else 0),
            float(day == rec.get("current")),
        ])
    return days, rows


MODEL = Path(__file__).parent / "data" / "date_ranker_model.json"


@lru_cache(maxsize=1)
def _model() -> tuple[GBTrees, float]:
    """The shipped ranker (``WRITE=1 python -m evals.dates_learn``) and its margin; a missing file fails loudly."""
    if not MODEL.exists():
        raise FileNotFoundError(f"date ranker model missing: {MODEL} (refit: WRITE=1 python -m evals.dates_learn)")
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    trees = GBTrees.from_dict(data)
    if trees.features != FEATURE_NAMES:
        raise ValueError("date ranker features differ from date_rank.FEATURE_NAMES: refit it")
    return trees, float(data["margin"])


def rank(rec: dict, model: tuple[GBTrees, float] | None = None) -> str | None:
    """The day to give: the fixed rule's (``rec["current"]``) unless another candidate's probability of
    being the publication day beats it by the model's margin (with no fixed-rule day: the best
    candidate, if its probability reaches the margin)."""
    model = model or _model()
    cur = rec.get("current")
    days, rows = features(rec)
    if not days:
        return cur
    trees, margin = model
    p = trees.positive_proba(rows)
    best = int(p.argmax())
    floor = p[days.index(cur)] if cur in days else 0.0
    return days[best] if p[best] >= floor + margin else cur
