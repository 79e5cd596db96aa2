"""Which text blocks of a page are its article body: a learned block decision over general features.

Every line of the page as a browser shows it (one line per block element, page order, as
:mod:`storyline.extract.html_lines` renders it) is a candidate, with the block element that holds
it. Its features are general, never a site's words: the text's shape (length, word length, sentence
end, capitals, digits, stop words, commas), the element's link density, tag, depth and the
container kinds around it (``article``/``main`` vs ``aside``/``nav``/``footer``/``header``/``form``,
class and id tokens of a small generic vocabulary: comment, related, share, footer, content...),
its place in the page and next to the extracted body, the body's layout (whether the line stands
inside the element that holds the body, and how much of the lines of its kind - tag and class, the
parent's too - the body holds), and the opinions already at hand: whether
our main text (:func:`storyline.extract.html_body.extract_main_text` after the clean-up of
:mod:`storyline.extract.html`) and plain trafilatura's default run (the one that text starts
from, no extra extraction) hold it. :func:`block_rows` gives the rows; ``evals.wcxb_blocks``
fits and measures the classifier on the WCXB DEV tune fold and reports the check fold.
"""

from __future__ import annotations

import json
import logging
import math
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from storyline.extract.gbtrees import GBTrees
from storyline.extract.html_lines import SKIP_TAGS, iter_block_lines_at

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:;。！？][\"'”’)\]]?$")
_CHROME_HINT = re.compile(
    r"comment|related|share|social|footer|sidebar|\bnav|menu|widget|promo|newsletter|subscri|breadcrumb|"
    r"\bads?\b|advert|banner|popup|modal|cookie|recommend|trending|popular|author|byline|meta|tag|caption|"
    r"header|toolbar|login|signup",
    re.IGNORECASE,
)
_CONTENT_HINT = re.compile(r"article|content|entry|post|story|body|main|\btext|prose|rich", re.IGNORECASE)
_STOP = frozenset(
    "the a an and or of to in on for with at by from as is are was were be been it its this that these those "
    "he she they we you i his her their our your not but if so than then there which who what when where how "
    "has have had will would can could should may might do does did".split()
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KINDS = ("article", "main", "aside", "nav", "footer", "header", "form", "li", "table", "figure", "blockquote")
MODEL = Path(__file__).resolve().parent / "data" / "body_blocks_model.json"
_NEAR = 3  # lines either side that count as this line's neighbours

FEATURES = [
    "in_ours", "in_base", "log_words", "word_len", "chars_per_word", "sentence_end", "capitals", "digits",
    "stopwords", "commas", "link_density", "is_p", "is_li", "is_heading", "is_cell", "is_div", "is_quote",
    "depth", "chrome_hint", "content_hint", *(f"in_{k}" for k in _KINDS), "position", "ours_near",
    "base_near", "ours_gap", "inside_ours_span", "ours_siblings", "after_h1", "repeats", "page_lines_log",
    "ours_share", "in_ours_box", "box_depth", "kin_share", "kin_lines",
]


def _norm(text: str | None) -> str:
    return " ".join(_TOKEN.findall(text or "")).lower()


def page_lines(root) -> list[tuple[str, object]]:
    """``(line, element)`` for every line of the page as a text dump shows it, page order; the
    element is the innermost block element the line's text stands in (``<head>`` left out)."""
    return list(iter_block_lines_at(root, SKIP_TAGS | {"head"}))


def _element_facts(el, cache: dict) -> tuple:
    """(link density, depth, chrome hint, content hint, container kinds) of a block element."""
    key = id(el)
    if key in cache:
        return cache[key]
    words = len(_TOKEN.findall(el.text_content() or "")) or 1
    linked = sum(len(_TOKEN.findall(a.text_content() or "")) for a in el.iter("a"))
    kinds: set[str] = set()
    chrome = content = False
    node, depth = el, 0
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _KINDS:
            kinds.add(tag)
        if depth < 8:
            hints = cache.get(("hint", id(node)))
            if hints is None:
                names = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('role') or ''}"
                hints = cache[("hint", id(node))] = (bool(_CHROME_HINT.search(names)),
                                                     bool(_CONTENT_HINT.search(names)), node)
            chrome, content = chrome or hints[0], content or hints[1]
        node, depth = node.getparent(), depth + 1
    facts = (min(linked / words, 1.0), depth, chrome, content, kinds)
    cache[key] = facts
    return facts


def _text_shape(text: str) -> list[float]:
    words = _TOKEN.findall(text)
    n = max(len(words), 1)
    raw = text.split()
    return [
        math.log1p(len(words)),
        sum(len(w) for w in words) / n,
        len(text) / n,
        float(bool(_SENTENCE_END.search(text))),
        sum(w[:1].isupper() for w in raw) / max(len(raw), 1),
        sum(w.isdigit() for w in words) / n,
        sum(w.lower() in _STOP for w in words) / n,
        text.count(",") / n,
    ]


def _held(norms: list[str], text: str | None, sep: str) -> list[bool]:
    """Which lines ``text`` holds: a line of 4 or more words anywhere in it; a shorter one when it is
    one of the text's own paragraphs or stands between lines of 4 or more words it holds (a short
    line's words turn up in any long text)."""
    whole = f" {_norm(text)} "
    if not whole.strip():
        return [False] * len(norms)
    pieces = {_norm(p) for p in (text or "").split(sep)}
    long = [len(k.split()) >= 4 and f" {k} " in whole for k in norms]
    held = [i for i, v in enumerate(long) if v]
    lo, hi = (held[0], held[-1]) if held else (len(norms), -1)
    return [long[i] or (k in pieces) or (lo <= i <= hi and f" {k} " in whole) for i, k in enumerate(norms)]


def _ours_box(lines: list, in_ours: list[bool], norms: list[str]):
    """The innermost element that holds 90% of the words of the body's lines (the body's container)."""
    mass: dict[int, list] = {}  # the element is kept: lxml reuses a dropped proxy's id
    total = 0
    for i, (_t, el) in enumerate(lines):
        if not in_ours[i]:
            continue
        words = len(norms[i].split())
        total += words
        node = el
        while node is not None:
            mass.setdefault(id(node), [node, 0])[1] += words
            node = node.getparent()
    held = [node for node, words in mass.values() if words >= 0.9 * total]
    return max(held, key=lambda node: sum(1 for _a in node.iterancestors()), default=None)


def _kin(el) -> tuple:
    """A block element's kind on the page: its tag and class, its parent's tag and class (the
    paragraphs of one body usually share it, wherever ads or boxes split their parents)."""
    parent = el.getparent()
    return (el.tag, el.get("class") or "", *((parent.tag, parent.get("class") or "") if parent is not None else ()))


def _layout_facts(lines: list, in_ours: list[bool], norms: list[str]) -> list[tuple[float, float, float, float]]:
    """Per line: inside the body's container, its depth below it, the share of the lines of its
    kind (:func:`_kin`) the body holds, and how many lines of that kind the page has (log)."""
    box = _ours_box(lines, in_ours, norms)
    kinds = [_kin(el) for _t, el in lines]
    held: dict[tuple, list[int]] = {}
    for i, k in enumerate(kinds):
        entry = held.setdefault(k, [0, 0])
        entry[0] += in_ours[i]
        entry[1] += 1
    out = []
    for i, (_t, el) in enumerate(lines):
        inside, below = 0.0, -1.0
        if box is not None:
            node, steps = el, 0
            while node is not None and node is not box:
                node, steps = node.getparent(), steps + 1
            if node is box:
                inside, below = 1.0, min(steps, 10) / 10
        k = held[kinds[i]]
        out.append((inside, below, k[0] / k[1], math.log1p(k[1])))
    return out


def block_rows(root, body: str | None, base: str | None, elements: list | None = None) -> list[tuple[str, list[float]]]:
    """``(line, features)`` for every line of the page (ordered as :data:`FEATURES`); ``elements``,
    when given, receives each line's block element."""
    lines = [(t, el) for t, el in page_lines(root) if _TOKEN.search(t)]
    if elements is not None:
        elements.extend(el for _t, el in lines)
    if not lines:
        return []
    norms = [_norm(t) for t, _el in lines]
    ours = _norm(body)
    in_ours = _held(norms, body, "\n\n")
    in_base = _held(norms, base, "\n")
    kept = [i for i, v in enumerate(in_ours) if v]
    first, last = (kept[0], kept[-1]) if kept else (-1, -1)
    counts: dict[str, int] = {}
    for k in norms:
        counts[k] = counts.get(k, 0) + 1
    h1 = next((i for i, (_t, el) in enumerate(lines) if el.tag == "h1"), -1)
    parents: dict[int, tuple[object, list[int]]] = {}  # the parent is kept: lxml reuses a dropped proxy's id
    for i, (_t, el) in enumerate(lines):
        parent = el.getparent()
        parents.setdefault(id(parent), (parent, []))[1].append(i)
    sibling_share = {}
    for _parent, members in parents.values():
        share = sum(in_ours[j] for j in members) / len(members)
        for j in members:
            sibling_share[j] = share
    layout = _layout_facts(lines, in_ours, norms)
    cache: dict = {}
    n = len(lines)
    ours_words = max(len(ours.split()), 1)
    rows = []
    for i, (text, el) in enumerate(lines):
        density, depth, chrome, content, kinds = _element_facts(el, cache)
        tag = el.tag if isinstance(el.tag, str) else ""
        lo, hi = max(0, i - _NEAR), min(n, i + _NEAR + 1)
        near = [j for j in range(lo, hi) if j != i]
        at = bisect_left(kept, i)
        gap = min((abs(i - kept[j]) for j in (at - 1, at) if 0 <= j < len(kept)), default=n)
        rows.append((text, [
            float(in_ours[i]), float(in_base[i]), *_text_shape(text), density,
            float(tag == "p"), float(tag == "li"), float(tag in _HEADINGS), float(tag in ("td", "th", "dd", "dt")),
            float(tag in ("div", "section", "article", "main")), float(tag in ("blockquote", "pre")),
            depth / 30, float(chrome), float(content), *(float(k in kinds) for k in _KINDS), i / n,
            sum(in_ours[j] for j in near) / max(len(near), 1), sum(in_base[j] for j in near) / max(len(near), 1),
            math.log1p(gap), float(first <= i <= last), sibling_share[i], float(h1 >= 0 and i > h1),
            float(counts[norms[i]] > 1), math.log1p(n), len(norms[i].split()) / ours_words, *layout[i],
        ]))
    return rows


def refine(body: str, lines: list[str], in_ours: list[float], proba: list[float], *, keep: float, add: float,
           members: list | None = None) -> str:
    """``body`` without its paragraphs whose lines the classifier doubts (word-weighted mean
    probability below ``keep``) and with the page lines it trusts (``add`` or more) that the body
    lacks, each placed after the body paragraph holding the nearest line above it. Only lines
    between the body's first and last line are added: the clean-up before this step cut the
    body's edges on purpose (reader comments and reviews, header blocks; WCXB tune 0.9509 against
    0.9504 adding anywhere, check 0.9397 against 0.9379, and comments came back on generated layouts).
    ``members``, when given, receives for each paragraph of the result the page lines it holds
    (indices into ``lines``)."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if not paragraphs:
        return body
    held_by: dict[int, list[int]] = {}
    norms = [f" {_norm(p)} " for p in paragraphs]
    weight = [0.0] * len(paragraphs)
    mass = [0.0] * len(paragraphs)
    after: dict[int, list[str]] = {}
    seen = {n.strip() for n in norms}
    held = [i for i, v in enumerate(in_ours) if v]
    lo, hi = (held[0], held[-1]) if held else (0, -1)
    last = -1
    for i, line in enumerate(lines):
        key = _norm(line)
        if not key:
            continue
        if in_ours[i]:
            probe = f" {key} "
            for idx in (*range(max(last, 0), len(paragraphs)), *range(0, max(last, 0))):
                if probe in norms[idx]:
                    words = len(key.split())
                    weight[idx] += words
                    mass[idx] += words * proba[i]
                    held_by.setdefault(idx, []).append(i)
                    last = idx
                    break
        elif proba[i] >= add and lo < i < hi and key not in seen:
            seen.add(key)
            after.setdefault(last, []).append((line, i))
    out = list(after.get(-1, []))
    for idx, p in enumerate(paragraphs):
        if not weight[idx] or mass[idx] / weight[idx] >= keep:
            out.append((p, held_by.get(idx, [])))
        out += after.get(idx, [])
    if members is not None:
        members.extend([i] if isinstance(i, int) else i for _p, i in out)
    return "\n\n".join(p for p, _i in out)


@lru_cache(maxsize=1)
def _model() -> tuple[GBTrees, float, float]:
    """The shipped trees and thresholds; a missing or stale model file is a broken install, not a
    reason to extract differently: it fails loudly (``python -m evals.wcxb_blocks --write`` refits)."""
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: reinstall, or refit with python -m evals.wcxb_blocks --write")
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    trees = GBTrees.from_dict(data)
    if trees.features != FEATURES:
        raise RuntimeError(f"{MODEL} was fitted on other features: refit with python -m evals.wcxb_blocks --write")
    return trees, float(data["keep"]), float(data["add"])


def decide_body(body: str | None, root, base: str | None, barred: list | None = None) -> str | None:
    """``body`` refined by the shipped classifier (:func:`refine` with its thresholds); unchanged
    when the page has no lines. No line inside a ``barred`` element (reader-made content: comments,
    user reviews, embedded social posts) is added."""
    if not body:
        return body
    trees, keep, add = _model()
    elements: list = []
    rows = block_rows(root, body, base, elements)
    if not rows:
        return body
    x = [f for _t, f in rows]
    proba = trees.positive_proba(x)
    if barred:
        ids = {id(n) for n in barred}
        proba = [0.0 if p >= add and _inside_any(el, ids) else p for p, el in zip(proba, elements)]
    return refine(body, [t for t, _f in rows], [f[0] for f in x], list(proba), keep=keep, add=add) or body


def _inside_any(el, ids: set[int]) -> bool:
    """Whether ``el`` or an ancestor is one of the elements whose ids are ``ids``."""
    while el is not None:
        if id(el) in ids:
            return True
        el = el.getparent()
    return False
