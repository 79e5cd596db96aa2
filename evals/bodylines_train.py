"""Fit the body-line classifier (:mod:`storyline.extract.bodylines`) on the TUNE layout families.

Text-dump pages of the tune families only (``evals.layouts_tune``; the check families are never
read) are generated at many seeds and split with the production splitter; every body line of
every draft is labelled from the generator's gold: *article text* when it lies between a gold
article's first and last paragraph on the page and is not a gold furniture line, else
*furniture*. The threshold is chosen on leave-family-out predictions (each family scored by trees
fitted without it): at a body's edges the lowest furniture probability that keeps ``KEEP_EDGE`` of
article lines, inside a body one above every held-out article line; the shipped trees are then
fitted on all tune families.

    python -m evals.bodylines_train [--per-family 40]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from evals.folds import TUNE
from evals.layout_kit import TextSource
from evals.layouts import norm
from evals.layouts_tune import FAMILIES
from storyline.extract.bodylines import FEATURE_NAMES, MODEL_PATH, line_rows
from storyline.extract.gbtrees import export_gb

KEEP_EDGE = 0.999  # share of article lines the edge threshold keeps on held-out tune families
FOLDS = 6  # family folds for the held-out predictions
SEED_PREFIX = "bodylines"
BODY, FURNITURE, TITLE = 0, 1, 2  # the classes: article text, furniture, an article's headline


def _body_lines(page) -> set[str]:
    lines = [norm(x) for x in page.content.splitlines()]
    chrome = {norm(c) for c in page.gold.chrome}
    body: set[str] = set()
    for art in page.gold.articles:
        start, end = norm(art["starts"]), norm(art["ends"])
        if start not in lines:
            continue
        a = lines.index(start)
        b = next((j for j in range(a, len(lines)) if lines[j] == end), a)
        body.update(x for x in lines[a : b + 1] if x and x not in chrome)
    return body


def rows(shared: Path, per_family: int):
    """``(features, label, family)`` for every line of the tune text pages."""
    texts = TextSource(shared, TUNE)
    X, y, groups = [], [], []
    for name, make in FAMILIES.items():
        for i in range(per_family):
            page = make(random.Random(f"{SEED_PREFIX}:{name}:{i}"), texts)
            if page.kind != "text":
                continue
            body = _body_lines(page)
            titles = {norm(a["title"]) for a in page.gold.articles}
            lines = [x.strip() for x in page.content.splitlines() if x.strip()]
            for line, x in zip(lines, line_rows(lines), strict=True):
                X.append(x)
                key = norm(line)
                y.append(BODY if key in body else TITLE if key in titles else FURNITURE)
                groups.append(name)
    return np.array(X, dtype=np.float32), np.array(y), np.array(groups)


def _fit(X, y):
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=100, max_depth=3, learning_rate=0.1, subsample=0.8,
                                      random_state=0).fit(X, y)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-family", type=int, default=40)
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--save", type=Path, help="keep the rows and held-out predictions here (.npz)")
    args = ap.parse_args()
    X, y, groups = rows(args.shared, args.per_family)
    print(f"{len(y)} body lines, {int(y.sum())} furniture, {len(set(groups))} text families")
    held = np.zeros((len(y), 3))
    families = sorted(set(groups))
    for f in range(FOLDS):
        out = np.isin(groups, families[f::FOLDS])
        held[out] = _fit(X[~out], y[~out]).predict_proba(X[out])
    if args.save:
        np.savez(args.save, X=X, y=y, groups=groups, held=held)
    not_body = 1 - held[:, BODY]
    body_probs = np.sort(not_body[y == BODY])
    edge = float(max(0.5, body_probs[int(KEEP_EDGE * (len(body_probs) - 1))] + 1e-6))
    inner = float(max(edge, body_probs[-1] + 1e-6, 0.9))
    for name, t in (("edge", edge), ("inner", inner)):
        caught = float((not_body[y != BODY] >= t).mean())
        lost = float((not_body[y == BODY] >= t).mean())
        print(f"leave-family-out {name} threshold {t:.3f}: furniture caught {caught:.3f}, "
              f"article lines lost {lost:.4f}")
    for fam in families:
        m = groups == fam
        fur, art = m & (y != BODY), m & (y == BODY)
        print(f"  {fam:28s} furniture {int((not_body[fur] >= edge).sum())}/{int(fur.sum())}"
              f"  article lost {int((not_body[art] >= edge).sum())}/{int(art.sum())}")
    model = _fit(X, y)
    data = {"edge": edge, "inner": inner,
            "trained_on": f"tune text families, {args.per_family} pages each",
            "model": export_gb(model, FEATURE_NAMES)}
    MODEL_PATH.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
