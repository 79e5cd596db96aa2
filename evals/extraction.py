"""Score HTML extraction against the external gold sets in ``shared/eval`` (DEV half).

Three datasets, each scored exactly as its README specifies:

* ``article_extraction_zyte`` - body text, 4-gram shingle P/R/F1 per page, averaged (Zyte benchmark);
* ``trafilatura_eval_en`` - must/must-not snippets, micro P/R/F1/accuracy (trafilatura's own eval);
* ``htmldate_pubdate`` - one publication date per page, P/R/F1/accuracy (htmldate's eval).

Each ``eval_*`` function runs our extractor and plain trafilatura/htmldate over the pages and
returns ``{"ours": scores, "baseline": scores, "pages": n, "seconds": {...}}``; with ``output``
it also writes predictions in the README's ``pred.json`` format (``ours.pred.json`` and
``baseline.pred.json`` in that folder). ``workers`` > 1 spreads pages over processes.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.folds import FOLDS, fold_of
from evals.paths import default_shared_dir

ZYTE = "article_extraction_zyte"
TRAF = "trafilatura_eval_en"
PUBDATE = "htmldate_pubdate"
# The pubdate pages are from 2016-2020; "now" is any time after them, so the future check is inert
# for gold dates yet still refuses absurd ones (a copyright year 2099, an event calendar).
_FETCHED_AT = datetime(2021, 1, 1, tzinfo=UTC)




# ------------------------------------------------------------------------------------ metrics

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")


def _shingles(tokens: list[str]) -> collections.Counter:
    return collections.Counter(
        tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i : i + 4]
    )


def score_zyte(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, float]:
    """Zyte benchmark metric: mean per-page shingle precision and recall, F1 of the means."""
    precisions, recalls, exact = [], [], []
    for key, item in gold.items():
        a = _TOKEN.findall(item.get("articleBody") or "")
        b = _TOKEN.findall((pred.get(key) or {}).get("articleBody") or "")
        exact.append(a == b)
        ga, pb = _shingles(a), _shingles(b)
        tp, fp, fn = sum((ga & pb).values()), sum((pb - ga).values()), sum((ga - pb).values())
        n = tp + fp + fn or 1
        tp, fp, fn = tp / n, fp / n, fn / n
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    p = sum(precisions) / max(1, len(precisions))
    r = sum(recalls) / max(1, len(recalls))
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / ((p + r) or 1),
        "accuracy": sum(exact) / max(1, len(exact)),
    }


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def score_snippets(gold: dict[str, dict], pred: dict[str, str | None]) -> dict[str, float]:
    """trafilatura eval metric: must/must-not snippets as substring tests, micro-averaged."""
    tp = fp = fn = tn = 0
    for url, item in gold.items():
        out = pred.get(url)
        out = _norm(out) if out else None
        found = sum(out is not None and _norm(s) in out for s in item["with"])
        leaked = sum(out is not None and _norm(s) in out for s in item["without"])
        tp += found
        fn += len(item["with"]) - found
        fp += leaked
        tn += len(item["without"]) - leaked
    p, r = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / ((p + r) or 1),
        "accuracy": (tp + tn) / ((tp + fp + fn + tn) or 1),
    }


def score_dates(gold: dict[str, dict], pred: dict[str, str | None]) -> dict[str, float]:
    """htmldate eval metric (a null gold date is right only when we give no date)."""
    tp = sum(v["date"] is not None and pred.get(u) == v["date"] for u, v in gold.items())
    fn = sum(v["date"] is not None and pred.get(u) is None for u, v in gold.items())
    tn = sum(v["date"] is None and pred.get(u) is None for u, v in gold.items())
    fp = len(gold) - tp - fn - tn
    p, r = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / ((p + r) or 1),
        "accuracy": (tp + tn) / (len(gold) or 1),
    }


# ------------------------------------------------------------------------------------ systems


def ours_body(raw: bytes, url: str | None) -> str | None:
    """Our main-text extraction (before the metadata helpers split credits off the body)."""
    from storyline.extract.decode import decode_bytes
    from storyline.extract.html_body import extract_main_text
    from storyline.extract.html_meta import load_tree, page_metadata

    text, _ = decode_bytes(raw)
    tree = load_tree(text)
    title = page_metadata(tree, url).title if tree is not None else None
    return extract_main_text(text, url, title=title, tree=tree)


def baseline_body(raw: bytes, url: str | None) -> str | None:
    """Plain trafilatura as the READMEs ran it."""
    import trafilatura

    return trafilatura.extract(
        raw, url=url, fast=False, include_comments=False, include_tables=True, include_formatting=False
    )


def ours_date(raw: bytes, url: str | None) -> str | None:
    from storyline.extract.decode import decode_bytes
    from storyline.extract.html_dates import find_publication_date

    text, _ = decode_bytes(raw)
    found = find_publication_date(text, url=url, fetched_at=_FETCHED_AT)
    return found.when.date().isoformat() if found else None


def baseline_date(raw: bytes, url: str | None) -> str | None:
    from htmldate import find_date

    return find_date(raw, original_date=True, extensive_search=True)


def ours_meta(raw: bytes, url: str | None) -> dict[str, str | None]:
    """Our title / authors / date for the trafilatura metadata fields."""
    from storyline.extract.decode import decode_bytes
    from storyline.extract.html_dates import find_publication_date
    from storyline.extract.html_meta import load_tree, page_metadata

    text = decode_bytes(raw)[0]
    tree = load_tree(text)
    if tree is None:
        return {"title": None, "author": None, "date": None}
    pm = page_metadata(tree, url)
    found = find_publication_date(text, url=url, fetched_at=datetime.now(UTC), tree=tree)
    return {
        "title": pm.title,
        "author": "; ".join(pm.authors) or None,
        "date": found.when.date().isoformat() if found else None,
    }


def baseline_meta(raw: bytes, url: str | None) -> dict[str, str | None]:
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(raw, default_url=url)
    return {"title": doc.title, "author": doc.author, "date": doc.date}


_NAME_SEP = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def _names(text: str | None) -> set[str]:
    return {_norm(n).lower() for n in _NAME_SEP.split(text or "") if n.strip()}


def score_metadata(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, float]:
    """Share of non-empty gold title/author/date fields matched (whitespace-normalised; authors as
    a set of names, since pages join them with "and", commas or semicolons)."""
    scores: dict[str, float] = {}
    for name in ("title", "author", "date"):
        hits = total = 0
        for url, item in gold.items():
            want = item.get(name) or ""
            want = "; ".join(want) if isinstance(want, list) else str(want).strip()
            if not want:
                continue
            got = (pred.get(url) or {}).get(name)
            total += 1
            if name == "author":
                hits += bool(got) and _names(got) == _names(want)
            else:
                hits += bool(got) and _norm(got) == _norm(want)
        scores[f"{name}_accuracy"] = hits / (total or 1)
    return scores


def _run_one(args: tuple[Callable, str, str | None]) -> tuple[Any, float]:
    func, path, url = args
    with gzip.open(path) as fh:
        raw = fh.read()
    start = time.perf_counter()
    result = func(raw, url)
    return result, time.perf_counter() - start


def _run(func: Callable, jobs: list[tuple[str, str | None]], workers: int) -> tuple[list[Any], float]:
    """Results in job order and the summed extraction seconds (CPU-side, excluding file reads)."""
    args = [(func, path, url) for path, url in jobs]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            pairs = list(pool.map(_run_one, args, chunksize=4))
    else:
        pairs = [_run_one(a) for a in args]
    return [p[0] for p in pairs], sum(p[1] for p in pairs)


def _write(output: Path | None, name: str, pred: dict) -> None:
    if output is None:
        return
    output.mkdir(parents=True, exist_ok=True)
    (output / name).write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")


def _page_file(key: str, item: dict) -> str:
    """The file name a gold item's page is stored under (its fold key)."""
    return str(item.get("file") or item.get("html_path") or key)


def _evaluate(
    jobs, keys, systems: Iterable[tuple[str, Callable]], wrap, scorer, gold, output, prefix, workers
):
    """Scores over all pages (``report[system]``) and per fold (``report["folds"][fold][system]``):
    rules are chosen on the tune fold, the check fold is reported."""
    report: dict[str, Any] = {"pages": len(jobs), "seconds": {}, "folds": {f: {} for f in FOLDS}}
    fold_gold = {f: {k: v for k, v in gold.items() if fold_of(_page_file(k, v)) == f} for f in FOLDS}
    for name, func in systems:
        results, seconds = _run(func, jobs, workers)
        pred = {k: wrap(r) for k, r in zip(keys, results)}
        report[name] = scorer(gold, pred)
        for fold, sub in fold_gold.items():
            report["folds"][fold][name] = scorer(sub, pred)
            report["folds"][fold]["pages"] = len(sub)
        report["seconds"][name] = seconds
        _write(output, f"{prefix}.{name}.pred.json", pred)
    return report


def _systems(kind: str, baseline: bool) -> list[tuple[str, Callable]]:
    ours, base = (ours_body, baseline_body) if kind == "body" else (ours_date, baseline_date)
    return [("ours", ours)] + ([("baseline", base)] if baseline else [])


def eval_zyte(
    shared_dir: Path | None = None, output: Path | None = None, *, baseline: bool = True, workers: int = 1
) -> dict[str, Any]:
    """Zyte article-body benchmark (DEV half)."""
    folder = Path(shared_dir or default_shared_dir()) / "eval" / ZYTE
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = list(gold)
    jobs = [(str(folder / "html" / f"{k}.html.gz"), gold[k].get("url")) for k in keys]
    return _evaluate(
        jobs,
        keys,
        _systems("body", baseline),
        lambda r: {"articleBody": r or ""},
        score_zyte,
        gold,
        output,
        ZYTE,
        workers,
    )


def eval_trafilatura_en(
    shared_dir: Path | None = None,
    output: Path | None = None,
    *,
    baseline: bool = True,
    workers: int = 1,
    metadata: bool = False,
) -> dict[str, Any]:
    """trafilatura's English must/must-not snippet benchmark (DEV half); with ``metadata``,
    also title/author/date accuracy under ``report["metadata"]``."""
    folder = Path(shared_dir or default_shared_dir()) / "eval" / TRAF
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    keys = list(gold)
    jobs = [(str(folder / gold[k]["html_path"]), _page_url(k)) for k in keys]
    report = _evaluate(
        jobs,
        keys,
        _systems("body", baseline),
        lambda r: r or None,
        score_snippets,
        gold,
        output,
        TRAF,
        workers,
    )
    if metadata:
        systems = [("ours", ours_meta)] + ([("baseline", baseline_meta)] if baseline else [])
        meta = _evaluate(
            jobs, keys, systems, lambda r: r, score_metadata, gold, output, TRAF + ".meta", workers
        )
        report["metadata"] = {name: meta[name] for name, _ in systems}
    return report


def eval_pubdate(
    shared_dir: Path | None = None, output: Path | None = None, *, baseline: bool = True, workers: int = 1
) -> dict[str, Any]:
    """htmldate's publication-date benchmark (DEV half)."""
    folder = Path(shared_dir or default_shared_dir()) / "eval" / PUBDATE
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    keys = list(gold)
    jobs = [(str(folder / gold[k]["html_path"]), _page_url(k)) for k in keys]
    return _evaluate(
        jobs, keys, _systems("date", baseline), lambda r: r, score_dates, gold, output, PUBDATE, workers
    )


def _page_url(key: str) -> str | None:
    """Gold keys are URLs, except trafilatura's 'hard::file' pseudo-keys."""
    return key if key.startswith(("http://", "https://")) else None


EVALS: dict[str, Callable[..., dict[str, Any]]] = {
    "zyte": eval_zyte,
    "trafilatura": eval_trafilatura_en,
    "pubdate": eval_pubdate,
}
