"""The template vocabulary of a page, for deciding what kind of page it is.

Page templates name what they show, and content-management systems share those names across
thousands of sites: WordPress marks an article's ``<body>`` ``single single-post`` and a section
``archive category``; shop themes say ``product-price``, ``add-to-cart``; forum software
``post``, ``thread``, ``reply``, ``quote``; documentation generators ``toc``, ``sidebar``,
``highlight``; listings ``teaser``, ``card``, ``pagination``. Short link and button labels speak
the same way ("read more", "add to cart", "reply", "next page"). The tokens here are those names:
the class and id words of the ``<body>`` and ``<html>`` elements (kept apart: they name the
template), of every element, the short link and button labels, the ``<meta>`` names and
properties present, ``og:type``, the schema.org types and the words of the URL path.

:func:`page_tokens` gives a page's token set; :class:`TokenModel` is a multinomial logistic
regression over them (weights shipped as JSON in ``data/pagetype_model.json``); its probabilities
are features of the page-type trees (:mod:`storyline.extract.pagetype`). Which tokens it keeps is
learned, not listed: a token must occur on pages of at least ``MIN_SITES`` different sites of
the training rows, so no token names one site.
"""

from __future__ import annotations

import math
import re

from storyline.extract.html_lines import SKIP_TAGS
from storyline.extract.jsonld import jsonld_nodes, types_of
from storyline.extract.pagefeatures_more import url_parts

MIN_SITES = 8  # a token must occur on pages of at least this many training sites
_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_LABEL = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _class_words(value: str) -> set[str]:
    """Words of a class or id attribute: letter runs, camelCase split, lowercased, 3-20 letters."""
    return {w.lower() for w in _SPLIT.findall(value) if 3 <= len(w) <= 20}


def page_tokens(tree, url: str | None = None) -> set[str]:
    """The prefixed template tokens of a parsed page (see the module docstring); without ``url``
    the page's canonical link or ``og:url`` gives the path, as for :func:`page_features`."""
    href = url or next(iter(tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")), "")
    url_path = url_parts(href)[0]
    out: set[str] = set()
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for el in (root, root.find(".//body")):
        if el is not None:
            out |= {f"b:{w}" for w in _class_words(f"{el.get('class') or ''} {el.get('id') or ''}")}
    body = root.find(".//body")
    for el in (body if body is not None else root).iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            continue
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip():
            out |= {f"c:{w}" for w in _class_words(attrs)}
        if tag in ("a", "button") or tag == "input" and (el.get("type") or "").lower() in ("submit", "button"):
            label = el.text_content() if tag != "input" else el.get("value") or ""
            words = _LABEL.findall(label.lower())
            if 1 <= len(words) <= 3:
                out.add("a:" + " ".join(words))
        elif tag in SKIP_TAGS:
            continue
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        if name and len(name) <= 40:
            out.add(f"m:{name}")
        if name == "og:type":
            out.add(f"og:{(meta.get('content') or '').strip().lower()[:30]}")
    for node in jsonld_nodes(tree):
        for v in types_of(node):
            if isinstance(v, str):
                out.add(f"ld:{v.rsplit('/', 1)[-1].lower()}")
    for itemtype in root.xpath("//@itemtype"):
        for v in str(itemtype).split():
            out.add(f"ld:{v.rstrip('/').rsplit('/', 1)[-1].lower()}")
    parts = [p for p in url_path.lower().split("/") if p]
    for i, part in enumerate(parts):
        words = re.findall(r"[a-z]+", part)
        if i < len(parts) - 1 or len(words) <= 2:  # the section words, not an article's slug
            out |= {f"u:{w}" for w in words if len(w) <= 20}
    return out


class TokenModel:
    """A multinomial logistic regression over token presence: ``classes``, an ``intercept`` per
    class and, per token, one weight per class."""

    def __init__(self, classes: list[str], intercept: list[float], weights: dict[str, list[float]]):
        self.classes, self.intercept, self.weights = classes, intercept, weights

    @classmethod
    def from_dict(cls, d: dict) -> TokenModel:
        return cls(list(d["classes"]), list(d["intercept"]), dict(d["weights"]))

    def to_dict(self) -> dict:
        return {"classes": self.classes, "intercept": self.intercept, "weights": self.weights}

    def predict_proba(self, tokens: set[str]) -> list[float]:
        scores = list(self.intercept)
        for t in tokens:
            w = self.weights.get(t)
            if w is not None:
                scores = [s + v for s, v in zip(scores, w)]
        if len(self.classes) == 2 and len(scores) == 1:
            p = 1.0 / (1.0 + math.exp(-scores[0]))
            return [1.0 - p, p]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def features(self, tokens: set[str]) -> dict[str, float]:
        """``tok_<class>``: the probability of each class."""
        return {f"tok_{c}": p for c, p in zip(self.classes, self.predict_proba(tokens))}


def fit_token_model(token_sets: list[set[str]], types: list[str], sites: list[str], c: float = 0.1) -> TokenModel:
    """Fit on training pages: keep tokens seen on at least MIN_SITES sites, L2-regularized
    multinomial logistic regression (``c`` its inverse strength) on token presence, every type
    weighted alike."""
    from collections import defaultdict

    import numpy as np
    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, set[str]] = defaultdict(set)
    for toks, site in zip(token_sets, sites):
        for t in toks:
            seen[t].add(site)
    vocab = sorted(t for t, s in seen.items() if len(s) >= MIN_SITES)
    index = {t: i for i, t in enumerate(vocab)}
    x = lil_matrix((len(token_sets), len(vocab)), dtype=np.float64)
    for r, toks in enumerate(token_sets):
        for t in toks:
            if t in index:
                x[r, index[t]] = 1.0
    counts = {t: types.count(t) for t in set(types)}
    weight = [len(types) / (len(counts) * counts[t]) for t in types]
    model = LogisticRegression(C=c, max_iter=2000).fit(x.tocsr(), types, sample_weight=weight)
    coef = model.coef_
    weights = {t: [round(float(v), 6) for v in coef[:, i]] for t, i in index.items() if np.abs(coef[:, i]).max() > 1e-6}
    return TokenModel([str(k) for k in model.classes_], [round(float(v), 6) for v in model.intercept_], weights)
