"""The article-page DEV sets as the held-out judges see them, per fold: what the page-type gate
costs on pages that are all article pages.

The judges ingest these sets as files (no URL) and read the export: ``score_dates.py`` takes the
date of a page's position-0 article (a page typed forum, listing or service gives no article and
so a wrong date), ``score_realpages.py`` wants exactly one article from every Zyte page. Here the
production entry point runs on the same files without a URL (:func:`evals.pagecache.run_pages`,
cached) and, per fold of :mod:`evals.folds`:

- htmldate: pages whose position-0 date is the gold date (``null`` gold: no date), pages with an
  article, and the page types given to the pages without one;
- Zyte: pages giving exactly one article, pages giving none;
- trafilatura English: pages giving at least one article (all 71, and the article pages of
  :func:`evals.pagetype_train.article_sets`).

``python -m evals.pagetype_judge [SHARED]`` prints them.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from evals.folds import FOLDS, fold_of
from evals.pagecache import run_pages
from evals.pagetype_train import article_sets
from evals.paths import default_shared_dir


def _first(rec: dict) -> dict:
    arts = sorted(rec.get("articles") or [], key=lambda a: a.get("position") or 0)
    return arts[0] if arts else {}


def judge_htmldate(shared: Path, workers: int = 1) -> dict[str, dict[str, Any]]:
    folder = shared / "eval" / "htmldate_pubdate"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    files = {g["file"]: g["date"] for g in gold.values()}
    recs = run_pages("htmldate-files", [(f, str(folder / "html" / f"{f}.gz"), None) for f in files], workers)
    out: dict[str, dict[str, Any]] = {}
    for fold in FOLDS:
        keys = [f for f in files if fold_of(f) == fold]
        right = sum(((_first(recs[f]).get("published") or "")[:10] or None) == files[f] for f in keys)
        given = sum(bool(recs[f].get("articles")) for f in keys)
        types = Counter(recs[f].get("page_type") or "article" for f in keys if not recs[f].get("articles"))
        out[fold] = {"pages": len(keys), "dates_right": right, "with_article": given, "typed": dict(types)}
    return out


def judge_zyte(shared: Path, workers: int = 1) -> dict[str, dict[str, Any]]:
    folder = shared / "eval" / "article_extraction_zyte"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    recs = run_pages("zyte-files", [(k, str(folder / "html" / f"{k}.html.gz"), None) for k in gold], workers)
    out: dict[str, dict[str, Any]] = {}
    for fold in FOLDS:
        keys = [k for k in gold if fold_of(k) == fold]
        counts = [len(recs[k].get("articles") or []) for k in keys]
        out[fold] = {"pages": len(keys), "single": counts.count(1), "none": counts.count(0)}
    return out


def judge_trafilatura(shared: Path, workers: int = 1) -> dict[str, dict[str, Any]]:
    folder = shared / "eval" / "trafilatura_eval_en"
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    files = [g["file"] for g in gold.values()]
    recs = run_pages("trafilatura-files", [(f, str(folder / "html" / f"{f}.gz"), None) for f in files], workers)
    articles = {key for name, key, _p, _s in article_sets(shared) if name == "trafilatura"}
    out: dict[str, dict[str, Any]] = {}
    for fold in FOLDS:
        keys = [f for f in files if fold_of(f) == fold]
        kept = [f for f in keys if recs[f].get("articles")]
        out[fold] = {"pages": len(keys), "kept": len(kept), "article_pages": sum(f in articles for f in keys),
                     "article_pages_kept": sum(f in articles for f in kept),
                     "dropped": {f: recs[f].get("page_type") for f in keys if f not in kept}}
    return out


def main(shared: Path, workers: int = 1) -> None:
    for name, fn in (("htmldate", judge_htmldate), ("zyte", judge_zyte), ("trafilatura", judge_trafilatura)):
        for fold, figures in fn(shared, workers).items():
            print(name, fold, json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(default_shared_dir()))
