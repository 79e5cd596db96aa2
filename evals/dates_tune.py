"""Choosing how page-stated dates combine with htmldate, on the tune folds only.

``python -m evals.dates_tune`` caches, per page of the htmldate DEV set and of the WCXB DEV
article pages: htmldate's day (as :func:`storyline.extract.html_dates.htmldate_day` finds it)
and the days the page states (:func:`storyline.extract.page_dates.stated_days`). Then it scores
each combination rule of :data:`storyline.extract.html_dates.RULES` per fold.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

from evals.folds import FOLDS, fold_of
from evals.pagecache import FETCHED_AT, cache_root
from storyline.extract.decode import decode_bytes
from storyline.extract.html_dates import RULES, combine, htmldate_day
from storyline.extract.html_meta import load_tree
from storyline.extract.page_dates import stated_days


def _fingerprint() -> str:
    root = Path(__file__).resolve().parents[1] / "storyline" / "extract"
    h = hashlib.md5()
    for name in ("page_dates.py", "dates.py", "html_lines.py"):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:12]


def page_dates(path: str, url: str | None, fetched_at) -> dict:
    with gzip.open(path) as fh:
        text = decode_bytes(fh.read())[0]
    tree = load_tree(text)
    if tree is None:
        return {"htmldate": None, "stated": {}}
    return {"htmldate": htmldate_day(text, url, fetched_at.date().isoformat()), "stated": stated_days(tree)}


def rows(shared: Path) -> list[dict]:
    from evals.extraction import _FETCHED_AT as PUBDATE_FETCHED

    cache = cache_root() / "dates" / _fingerprint()
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    pd = shared / "eval" / "htmldate_pubdate"
    for url, g in json.loads((pd / "gold.json").read_text()).items():
        jobs.append(
            (
                "pubdate",
                g["file"].split(".")[0],
                str(pd / g["html_path"]),
                url if url.startswith("http") else None,
                g["date"],
                PUBDATE_FETCHED,
            )
        )
    wx = shared / "eval" / "wcxb"
    for key, g in json.loads((wx / "ground-truth.json").read_text()).items():
        if g["page_type"] == "article" and g.get("publish_date"):
            jobs.append(("wcxb", key, str(wx / "html" / f"{key}.html.gz"), None, g["publish_date"][:10], FETCHED_AT))
    out = []
    for dataset, key, path, url, gold, fetched in jobs:
        f = cache / f"{dataset}-{key}.json"
        if f.exists():
            rec = json.loads(f.read_text())
        else:
            rec = page_dates(path, url, fetched)
            f.write_text(json.dumps(rec))
        out.append(dict(rec, set=dataset, key=key, fold=fold_of(key), gold=gold))
    return out


def main(shared: Path) -> None:
    data = rows(shared)
    for dataset in ("pubdate", "wcxb"):
        for fold in FOLDS:
            part = [r for r in data if r["set"] == dataset and r["fold"] == fold]
            scores = {rule: sum(combine(r["htmldate"], r["stated"], rule) == r["gold"] for r in part) for rule in RULES}
            print(dataset, fold, len(part), " ".join(f"{rule}={n}" for rule, n in scores.items()))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
