"""Training rows for the page-type classifier (:mod:`storyline.extract.pagetype`).

``python -m evals.pagetype_train [SHARED]`` computes the features of every WCXB DEV page
and every Zyte DEV page (all single-article news pages) exactly as the extractor does (the main
text of :func:`extract_main_text`, then :func:`page_features`), caches them, writes the *tune*
fold's rows to ``storyline/extract/data/pagetype_features.json`` and chooses the "not an article"
threshold on out-of-fold predictions of the tune fold (5-fold cross-validation): the smallest
threshold that keeps at least ``ARTICLE_RECALL`` of tune article pages. It then fits the classifier
on those rows and writes the fitted trees to ``storyline/extract/data/pagetype_model.json`` (what
the runtime loads), and prints the check fold's accuracy per type, which it never used.

Measured on the WCXB check fold (never trained or thresholded on): the first feature set classed
149/331 non-article pages as articles and kept 351/355 article pages; adding the section words of
the URL path, heading structure (linked headings, headline length), the share of the main text
that is the page's own link texts and the count of dates shown on the page, with the threshold
pooled over three shuffled CV splits, gives 121/331 and 353/355.

``python -m evals.pagetype_train --model`` only refits the trees on the shipped rows (no pages
needed), e.g. after a merge that changed the rows file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

from evals.folds import CHECK, TUNE, fold_of
from evals.pagecache import cache_root
from storyline.extract.decode import decode_bytes
from storyline.extract.html_body import extract_main_text
from storyline.extract.html_meta import load_tree, page_metadata
from storyline.extract.pagefeatures import page_features
from storyline.extract.pagetype import ARTICLE, DATA, new_model

ARTICLE_RECALL = 0.985  # share of article pages the classifier must leave as articles (tune fold)
CV_REPEATS = 3  # shuffled 5-fold splits whose out-of-fold predictions are pooled to choose the threshold


def _fingerprint() -> str:
    root = Path(__file__).resolve().parents[1] / "storyline" / "extract"
    h = hashlib.md5()
    for name in ("pagefeatures.py", "html_body.py", "html_meta.py", "html_lines.py"):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:12]


def features_of(path: str, url: str | None = None) -> dict[str, float]:
    with gzip.open(path) as fh:
        text = decode_bytes(fh.read())[0]
    tree = load_tree(text)
    if tree is None:
        return {}
    pm = page_metadata(tree, url)
    body = extract_main_text(text, url, title=pm.title, tree=tree)
    return page_features(tree, body, pm.url or url)  # as storyline.extract.html does


def dataset_rows(shared: Path) -> list[dict]:
    """``{"key", "set", "fold", "type", "f"}`` rows of WCXB and Zyte DEV pages (cached)."""
    cache = cache_root() / "pagefeatures" / _fingerprint()
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    wcxb = json.loads((shared / "eval" / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
    for k, g in wcxb.items():
        jobs.append(("wcxb", k, g["page_type"], str(shared / "eval" / "wcxb" / "html" / f"{k}.html.gz"), None))
    zyte_dir = shared / "eval" / "article_extraction_zyte"
    zyte = json.loads((zyte_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for k, g in zyte.items():
        jobs.append(("zyte", k, ARTICLE, str(zyte_dir / "html" / f"{k}.html.gz"), g.get("url")))
    rows = []
    for dataset, key, kind, path, url in jobs:
        out = cache / f"{dataset}-{key}.json"
        if out.exists():
            f = json.loads(out.read_text())
        else:
            f = features_of(path, url)
            out.write_text(json.dumps(f))
        rows.append({"key": key, "set": dataset, "fold": fold_of(key), "type": kind, "f": f})
    return rows


def choose_threshold(rows: list[dict], names: list[str]) -> float:
    """Smallest P(not article) threshold keeping ARTICLE_RECALL of tune articles, on out-of-fold
    predictions of the tune rows pooled over CV_REPEATS differently shuffled 5-fold splits (one
    split's extreme probabilities made the threshold jump: 0.95 or 0.98 from the same rows)."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    x = [[r["f"].get(n, 0.0) for n in names] for r in rows]
    y = [r["type"] for r in rows]
    classes = sorted(set(y))
    i = classes.index(ARTICLE)
    not_article = []
    for seed in range(CV_REPEATS):
        probs = cross_val_predict(new_model(), x, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed),
                                  method="predict_proba")
        not_article += [1.0 - p[i] for p, t in zip(probs, y) if t == ARTICLE]
    not_article.sort()
    keep = int(len(not_article) * ARTICLE_RECALL)
    return round(min(0.99, max(0.5, not_article[min(keep, len(not_article) - 1)] + 1e-4)), 4)


def main(shared: Path) -> None:
    rows = [r for r in dataset_rows(shared) if r["f"]]
    names = sorted({n for r in rows for n in r["f"]})
    tune = [r for r in rows if r["fold"] == TUNE]
    threshold = choose_threshold(tune, names)
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(
        json.dumps(
            {
                "about": "page-type training rows: tune fold of WCXB DEV + Zyte DEV (evals.pagetype_train)",
                "features": names,
                "threshold": threshold,
                "rows": [{"key": f"{r['set']}:{r['key']}", "type": r["type"],
                          "x": [round(r["f"].get(n, 0.0), 4) for n in names]} for r in tune],
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    from storyline.extract import pagetype

    pagetype.write_model()
    for fold in (TUNE, CHECK):
        stats: dict[str, list[int]] = {}
        for r in rows:
            if r["fold"] != fold:
                continue
            got = pagetype.classify_features(r["f"]).kind
            name = f"{r['set']}:{r['type']}"
            s = stats.setdefault(name, [0, 0, 0])
            s[0] += got == r["type"]
            s[1] += (got == ARTICLE) == (r["type"] == ARTICLE)
            s[2] += 1
        print(fold, "threshold", threshold)
        for name, (exact, binary, n) in sorted(stats.items()):
            print(f"  {name:24s} type {exact}/{n}  article-or-not {binary}/{n}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--model"]:
        from storyline.extract.pagetype import MODEL, write_model

        write_model()
        print("wrote", MODEL)
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
