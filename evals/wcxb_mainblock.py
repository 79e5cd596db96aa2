"""A learned main-block choice on WCXB: is another part of the page a better main text than ours? (Dropped.)

``python -m evals.wcxb_mainblock`` runs production (:func:`storyline.extract.extract_page`) on the
WCXB DEV article pages with a spy on the line decision (``html.decide_body``) that records, per page,
our body after that decision and every candidate of :func:`evals.wcxb_mainblock_cands.candidate_rows`
(cached under ``/tmp/wcxbbody-cands``) with its word F1 against the gold main text. Gradient-boosted
trees are fitted on the *tune* fold with 5-fold cross-validation that keeps each site's pages in one
fold, and each page switches to its likeliest candidate above a threshold; printed: the tune
out-of-fold body F1 per threshold and the oracle that always takes the best candidate, split by kind.

Measured 2026-12-06 (body after the line decision, before ``build_article``; tune 353 pages, 42
candidates a page, our F1 0.9546): the oracle gains +0.0171, but only +0.0019 from candidates that
share less than half their words with ours (2 pages: the "whole main text is the wrong block" case
is rare once the line decision has run), +0.0108 from containers inside ours (the gold is a part of
our text: an intro without the review table below it, one course of a catalogue) and +0.0020 from
trafilatura's own text. Learned choices, tune out of fold: label "beats ours by 0.05" switching at
p >= 0.3..0.95: -0.0088 to -0.0108 (confident switches to small boxes far from the body); label
"F1 >= 0.8 / 0.9 / 0.95" switching when the candidate's probability beats ours by 0.05..0.3: at best
+0.0005 (6 pages); F1 or F1 gain regression: -0.0040 to +0.0003; the containers inside ours only:
at best +0.0014 (12 pages switched). None reaches a gain worth the risk, so nothing ships and the
check fold was not measured for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from evals.folds import TUNE, fold_of
from evals.pagecache import cached_page_json
from evals.paths import default_shared_dir
from evals.wcxb import article_pages, word_f1
from evals.wcxb_blocks import fit_trees, site_fold

CANDS = Path("/tmp/wcxbbody-cands")
VERSION = "c1"  # bump when candidate_rows or the steps before it change
MARGIN = 0.05


def page_candidates(raw: bytes) -> dict | None:
    """Our final body decision input and output and every candidate (text and features)."""
    from unittest import mock

    from evals.wcxb_mainblock_cands import candidate_rows
    from storyline.extract import extract_page, html
    from storyline.extract.body_blocks import _inside_any, _model, block_rows, decide_body
    from storyline.models import FetchedPage

    seen: list = []

    def spy(body, root, base, barred=None):
        out = decide_body(body, root, base, barred)
        if not body:
            return out
        elements: list = []
        rows = block_rows(root, body, base, elements)
        if not rows:
            return out
        trees, _keep, _add = _model()
        proba = list(trees.positive_proba([f for _t, f in rows]))
        ids = {id(n) for n in barred or []}
        flags = [bool(ids) and _inside_any(el, ids) for el in elements]
        lines = [(t, el) for (t, _f), el in zip(rows, elements)]
        cands = candidate_rows(root, lines, [bool(f[0]) for _t, f in rows], out, base, proba, flags)
        seen.append({"ours": out, "cands": [{"text": t, "x": x} for t, x in cands]})
        return out

    with mock.patch.object(html, "decide_body", spy):
        extract_page(FetchedPage(source="page.html", content=raw, fetched_at=None, url=None))
    return seen[0] if seen else None


def collect(shared: Path, limit: int | None = None) -> dict[str, dict]:
    pages = {}
    for key, path, g in article_pages(shared):
        if limit is not None and len(pages) >= limit:
            break
        found = cached_page_json(CANDS / VERSION, key, path, page_candidates)
        if not found:
            continue
        want = g["main_content"]
        found["ours_f1"] = word_f1(found["ours"], want)
        found["f1"] = [word_f1(c["text"], want) for c in found["cands"]]
        found["site"] = g.get("domain") or key
        found["fold"] = fold_of(key)
        pages[key] = found
    return pages


def _fit(x: np.ndarray, y: np.ndarray, seed: int = 0):
    return fit_trees(x, y, seed, trees=150, depth=3, leaf=10)


def _xy(pages: dict[str, dict], keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    x = [c["x"] for k in keys for c in pages[k]["cands"]]
    y = [f >= pages[k]["ours_f1"] + MARGIN for k in keys for f in pages[k]["f1"]]
    return np.array(x), np.array(y)


def out_of_fold(pages: dict[str, dict], k: int = 5) -> dict[str, np.ndarray]:
    keys = list(pages)
    folds = {key: site_fold(pages[key]["site"], k) for key in keys}
    proba: dict[str, np.ndarray] = {}
    for i in range(k):
        model = _fit(*_xy(pages, [key for key in keys if folds[key] != i]))
        for key in keys:
            if folds[key] == i:
                proba[key] = model.predict_proba(np.array([c["x"] for c in pages[key]["cands"]]))[:, 1]
    return proba


def chosen_f1(pages: dict[str, dict], proba: dict[str, np.ndarray] | None, threshold: float) -> tuple[float, int]:
    """Mean F1 when each page switches to its likeliest candidate at ``threshold`` or more; switches."""
    total, switched = 0.0, 0
    for key, p in pages.items():
        f = p["ours_f1"]
        if proba is not None and len(proba[key]):
            best = int(np.argmax(proba[key]))
            if proba[key][best] >= threshold:
                f = p["f1"][best]
                switched += 1
        total += f
    return total / max(len(pages), 1), switched


THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
KINDS = {
    "all": lambda x: True,
    "shares < half its words with ours": lambda x: x["in_ours"] < 0.5,
    "container inside ours": lambda x: x["in_ours"] >= 0.9 and x["ours_in"] < 0.9,
    "container around ours": lambda x: x["ours_in"] >= 0.9 and x["in_ours"] < 0.9,
    "trafilatura's text": lambda x: x["is_base"] == 1,
    "JSON-LD articleBody": lambda x: x["is_jsonld"] == 1,
}


def oracle_gains(pages: dict[str, dict]) -> dict[str, float]:
    """Mean F1 gain when each page takes its best candidate of a kind (or keeps ours)."""
    from evals.wcxb_mainblock_cands import CANDIDATE_FEATURES

    base = chosen_f1(pages, None, 1)[0]
    out = {}
    for name, kind in KINDS.items():
        total = 0.0
        for p in pages.values():
            fits = [f for f, c in zip(p["f1"], p["cands"]) if kind(dict(zip(CANDIDATE_FEATURES, c["x"])))]
            total += max([p["ours_f1"], *fits])
        out[name] = total / max(len(pages), 1) - base
    return out


def main(argv: list[str]) -> None:
    shared = Path(next((a for a in argv if not a.startswith("--")), default_shared_dir()))
    tune = {k: p for k, p in collect(shared).items() if p["fold"] == TUNE}
    print(f"tune pages {len(tune)}; candidates per page {sum(len(p['cands']) for p in tune.values()) / len(tune):.1f}")
    base = chosen_f1(tune, None, 1)[0]
    for name, gain in oracle_gains(tune).items():
        print(f"  oracle, best candidate of kind {name}: {base + gain:.4f} ({gain:+.4f})")
    oof = out_of_fold(tune)
    for t in THRESHOLDS:
        f, n = chosen_f1(tune, oof, t)
        print(f"  tune oof switch at >= {t}: {f:.4f} ({f - base:+.4f}), {n} pages switched")


if __name__ == "__main__":
    main(sys.argv[1:])
