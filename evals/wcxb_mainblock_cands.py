"""Candidate main texts of a page and their features, for the main-block experiment of ``evals.wcxb_mainblock``.

The line decision of :mod:`storyline.extract.body_blocks` can trim and fill the main text, but not
repair a main text taken from the wrong part of the page. This module lists the alternatives: every
sizable container of the page's lines (the element's lines as a text dump shows them, reader-made
content left out; a wrapper whose one child holds nearly all of its words stands for that child),
next to the main text itself, plain trafilatura's text and the JSON-LD ``articleBody``. Each is
described by general features - its size against the page and against the main text, link density,
paragraph shape, tag and the generic class vocabulary of :mod:`storyline.extract.body_blocks`, where
it stands against the page's ``<h1>``, how much of the main text, trafilatura's text, the JSON-LD
body and the meta description it holds, and the mean line probability the line model gives its
words. It lives under ``evals`` because the choice it was built for did not help on the tune fold
(see ``evals.wcxb_mainblock``): production does not run it.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:;。！？][\"'”’)\]]?$")
_CHROME_KINDS = ("nav", "aside", "footer", "header", "form")
MIN_WORDS = 40  # a container with fewer words is no main text
_ONE_CHILD = 0.97  # a container whose one child holds this share of its words is that child

CANDIDATE_FEATURES = [
    "is_ours", "is_base", "is_jsonld", "log_words", "page_share", "ours_ratio", "link_density", "log_lines",
    "p_share", "words_per_line", "sentence_share", "long_share", "depth", "is_article", "is_main", "is_section",
    "is_div", "is_main_role", "is_body_prop", "content_hint", "chrome_hint", "in_chrome_kind", "first_pos",
    "last_pos", "holds_h1", "after_h1", "in_ours", "ours_in", "in_base", "base_in", "jsonld_in",
    "description_in", "holds_ours_box", "is_ours_box", "in_ours_box", "line_proba", "line_proba_hi",
    "ours_proba", "log_ours_words", "log_page_words", "log_candidates", "has_jsonld", "best_words_rank",
]


def _bag(text: str | None) -> Counter:
    return Counter(w.lower() for w in _TOKEN.findall(text or ""))


def _overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def _depth(el) -> int:
    return sum(1 for _a in el.iterancestors())


def _hints(el) -> tuple[bool, bool]:
    from storyline.extract.body_blocks import _CHROME_HINT, _CONTENT_HINT

    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
    return bool(_CONTENT_HINT.search(names)), bool(_CHROME_HINT.search(names))


def jsonld_body(root) -> str | None:
    from storyline.extract.html_body import jsonld_article_body

    try:
        return jsonld_article_body(root)
    except Exception:  # noqa: BLE001 - odd scripts must not cost the page
        return None


def description(root) -> str | None:
    for xp in ('//meta[@property="og:description"]/@content', '//meta[@name="description"]/@content',
               '//meta[@name="twitter:description"]/@content'):
        found = root.xpath(xp)
        if found and str(found[0]).strip():
            return str(found[0])
    return None


def containers(lines: list[tuple[str, object]], words: list[int], barred: list[bool]) -> list[tuple[object, list[int]]]:
    """``(element, line indexes)`` of every element holding ``MIN_WORDS`` or more words of the page's
    (unbarred) lines, less the ones whose one child holds nearly all of their words."""
    mass: dict[int, list] = {}  # id -> [element, words, lines]; the element is kept alive
    for i, (_t, el) in enumerate(lines):
        if barred[i]:
            continue
        node = el
        while node is not None:
            entry = mass.get(id(node))
            if entry is None:
                entry = mass[id(node)] = [node, 0, []]
            entry[1] += words[i]
            entry[2].append(i)
            node = node.getparent()
    out = []
    for node, total, idx in mass.values():
        if total < MIN_WORDS:
            continue
        top = max((mass[id(c)][1] for c in node if id(c) in mass), default=0)
        if top >= _ONE_CHILD * total:
            continue
        out.append((node, idx))
    return out


def candidate_rows(root, lines: list[tuple[str, object]], in_ours: list[bool], body: str, base: str | None,
                   proba: list[float], barred: list[bool]) -> list[tuple[str, list[float]]]:
    """``(text, features)`` of every candidate main text, ours first (ordered as :data:`CANDIDATE_FEATURES`).
    ``lines``: the page's ``(line, block element)``; ``in_ours``: which of them the main text holds;
    ``proba``: the line model's probability per line."""
    from storyline.extract.body_blocks import _norm, _ours_box

    n = len(lines)
    norms = [_TOKEN.findall(t) for t, _el in lines]
    words = [len(w) for w in norms]
    page_words = max(sum(words), 1)
    ours_bag, base_bag = _bag(body), _bag(base)
    ours_words = max(sum(ours_bag.values()), 1)
    base_words = max(sum(base_bag.values()), 1)
    jbody = jsonld_body(root)
    j_bag = _bag(jbody)
    j_words = sum(j_bag.values())
    d_bag = _bag(description(root))
    d_words = sum(d_bag.values())
    h1 = next((i for i, (_t, el) in enumerate(lines) if el.tag == "h1"), -1)
    box_line = _ours_box(lines, in_ours, [_norm(t) for t, _el in lines])
    cands: list[tuple[str, Counter, dict]] = []

    def shape(idx: list[int]) -> dict:
        ws = [words[i] for i in idx]
        total = max(sum(ws), 1)
        return {
            "log_lines": math.log1p(len(idx)),
            "p_share": sum(lines[i][1].tag == "p" for i in idx) / max(len(idx), 1),
            "words_per_line": math.log1p(total / max(len(idx), 1)),
            "sentence_share": sum(ws[k] for k, i in enumerate(idx) if _SENTENCE_END.search(lines[i][0])) / total,
            "long_share": sum(w for w in ws if w >= 10) / total,
            "first_pos": idx[0] / n if idx else 0.0,
            "last_pos": idx[-1] / n if idx else 0.0,
            "after_h1": (math.log1p(idx[0] - h1) if idx[0] > h1 else -1.0) if idx and h1 >= 0 else -2.0,
            "holds_h1": float(bool(idx) and h1 >= 0 and idx[0] <= h1 <= idx[-1]),
            "line_proba": sum(proba[i] * words[i] for i in idx) / total,
            "line_proba_hi": sum(words[i] for i in idx if proba[i] >= 0.5) / total,
        }

    ours_facts = shape([i for i in range(n) if in_ours[i]])
    found = containers(lines, words, barred)
    linked_in = _linked_words(root) if found else {}
    for el, idx in found:
        text = "\n\n".join(lines[i][0] for i in idx)
        linked = linked_in[id(el)][1] if id(el) in linked_in else 0
        content, chrome = _hints(el)
        tag = el.tag if isinstance(el.tag, str) else ""
        kinds = {a.tag for a in el.iterancestors()} | {tag}
        facts = shape(idx)
        total = max(sum(words[i] for i in idx), 1)
        facts.update(
            is_container=1.0, link_density=min(linked / total, 1.0), depth=_depth(el) / 30,
            is_article=float(tag == "article"), is_main=float(tag == "main"), is_section=float(tag == "section"),
            is_div=float(tag == "div"), is_main_role=float((el.get("role") or "") == "main"),
            is_body_prop=float("articlebody" in (el.get("itemprop") or "").lower()),
            content_hint=float(content), chrome_hint=float(chrome),
            in_chrome_kind=float(any(k in kinds for k in _CHROME_KINDS)),
            holds_ours_box=float(box_line is not None and (el is box_line or _inside(box_line, el))),
            is_ours_box=float(el is box_line),
            in_ours_box=float(box_line is not None and _inside(el, box_line)),
        )
        cands.append((text, _bag(text), facts))
    ours = (body, ours_bag, {**ours_facts, "is_ours": 1.0, "link_density": -1.0, "depth": -1.0})
    extra = [ours]
    if base and base_bag:
        extra.append((base, base_bag, {"is_base": 1.0, "link_density": -1.0, "depth": -1.0}))
    if jbody and j_words >= MIN_WORDS:
        extra.append((jbody, j_bag, {"is_jsonld": 1.0, "link_density": -1.0, "depth": -1.0}))
    cands = extra + cands
    sizes = sorted((sum(b.values()) for _t, b, _f in cands), reverse=True)
    rows = []
    for text, bag, facts in cands:
        total = max(sum(bag.values()), 1)
        row = {
            **facts,
            "log_words": math.log1p(total), "page_share": min(total / page_words, 2.0),
            "ours_ratio": math.log(total / ours_words),
            "in_ours": _overlap(bag, ours_bag) / total, "ours_in": _overlap(bag, ours_bag) / ours_words,
            "in_base": _overlap(bag, base_bag) / total if base_bag else -1.0,
            "base_in": _overlap(bag, base_bag) / base_words if base_bag else -1.0,
            "jsonld_in": _overlap(bag, j_bag) / j_words if j_words else -1.0,
            "description_in": _overlap(bag, d_bag) / d_words if d_words else -1.0,
            "ours_proba": ours_facts["line_proba"], "log_ours_words": math.log1p(ours_words),
            "log_page_words": math.log1p(page_words), "log_candidates": math.log1p(len(cands)),
            "has_jsonld": float(j_words >= MIN_WORDS), "best_words_rank": sizes.index(total) / len(sizes)
            if total in sizes else 1.0,
        }
        rows.append((text, [float(row.get(name, 0.0)) for name in CANDIDATE_FEATURES]))
    return rows


def _linked_words(root) -> dict[int, list]:
    """``[element, words of link text inside it]`` by the element's id (the element is kept in the
    entry: lxml reuses a dropped proxy's id, and a kept one is the proxy every later lookup gets)."""
    out: dict[int, list] = {}
    for a in root.iter("a"):
        words = len(_TOKEN.findall(a.text_content() or ""))
        if not words:
            continue
        node = a
        while node is not None:
            out.setdefault(id(node), [node, 0])[1] += words
            node = node.getparent()
    return out


def _inside(el, box) -> bool:
    """Whether ``el`` stands strictly inside ``box``."""
    return any(a is box for a in el.iterancestors())
