"""WCXB (Web Content Extraction Benchmark, DEV split) scored per fold.

The metrics are those of ``shared/scorers/score_wcxb.py`` (the held-out judge): on article pages the
position-0 article's body word F1 (lower-cased ``\\w+`` tokens, bag of words), title right
(normalised equal or one containing the other), date right (day), author right (a shared name
token); on the other page types, how many pages produced an article. Added here: the page type our
extractor decided (``ExtractResult.page_type``) against the gold type, per type. Every figure is
given for the ``tune`` and the ``check`` fold (:mod:`evals.folds`), ours next to plain
trafilatura.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from evals.folds import FOLDS, fold_of
from evals.pagecache import run_baseline, run_pages

WCXB = "wcxb"


def toks(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def word_f1(pred: str | None, gold: str | None) -> float:
    p, g = toks(pred), toks(gold)
    if not g:
        return 1.0 if not p else 0.0
    if not p:
        return 0.0
    overlap = sum((Counter(p) & Counter(g)).values())
    return 0.0 if not overlap else 2 * overlap / (len(p) + len(g))


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", " ", text).strip()


def title_right(pred: str | None, gold: str) -> bool:
    t1, t2 = _norm(pred), _norm(gold)
    return bool(t1) and (t1 == t2 or (len(t1) > 10 and (t1 in t2 or t2 in t1)))


def author_right(pred: list[str], gold: str) -> bool:
    want = set(toks(gold)) - {"by", "and", "staff"}
    return bool(want & {t for name in pred or [] for t in toks(name)})


def score(gold: dict[str, dict], records: dict[str, dict], keys: list[str]) -> dict[str, Any]:
    """The judge's figures over ``keys``."""
    n = f1 = 0.0
    title = [0, 0]
    date = [0, 0]
    author = [0, 0]
    other, other_with = Counter(), Counter()
    for key in keys:
        g = gold[key]
        arts = sorted((records.get(key) or {}).get("articles", []), key=lambda a: a.get("position") or 0)
        if g["page_type"] != "article":
            other[g["page_type"]] += 1
            other_with[g["page_type"]] += bool(arts)
            continue
        a = arts[0] if arts else {}
        n += 1
        f1 += word_f1(a.get("body"), g["main_content"])
        if g.get("title"):
            title[1] += 1
            title[0] += title_right(a.get("title"), g["title"])
        if g.get("publish_date"):
            date[1] += 1
            date[0] += (a.get("published") or "")[:10] == g["publish_date"][:10]
        if g.get("author"):
            author[1] += 1
            author[0] += author_right(a.get("authors") or [], g["author"])
    return {
        "articles": int(n),
        "f1": f1 / max(n, 1),
        "title": tuple(title),
        "date": tuple(date),
        "author": tuple(author),
        "non_article_with_article": (sum(other_with.values()), sum(other.values())),
        "by_type": {t: (other_with[t], other[t]) for t in sorted(other)},
    }


def _pr(pred: str | None, gold: str | None) -> tuple[float, float]:
    """Word precision and recall of ``pred`` against ``gold`` (bags of ``\\w+`` tokens)."""
    p, g = Counter(toks(pred)), Counter(toks(gold))
    overlap = sum((p & g).values())
    return (overlap / sum(p.values()) if p else float(not g)), (overlap / sum(g.values()) if g else float(not p))


def body_gap(gold: dict[str, dict], ours: dict[str, dict], base: dict[str, dict], keys: list[str]) -> dict[str, Any]:
    """Where our article-page body F1 differs from the baseline's, as shares of the fold's mean F1:
    the article pages for which we gave no article (typed another page type, or no text found)
    and the pages with an article (how many we win or lose by more than 0.005), with the mean
    word precision and recall of both on the pages we gave an article for."""

    def body(records: dict[str, dict], key: str) -> str:
        arts = sorted((records.get(key) or {}).get("articles", []), key=lambda a: a.get("position") or 0)
        return (arts[0].get("body") or "") if arts else ""

    rows = [k for k in keys if gold[k]["page_type"] == "article"]
    n = max(len(rows), 1)
    out: dict[str, Any] = {"typed_other": [0, 0.0], "no_text": [0, 0.0], "with_article": [0, 0.0],
                           "wins": 0, "losses": 0, "ours_pr": [0.0, 0.0], "base_pr": [0.0, 0.0]}
    for key in rows:
        want = gold[key]["main_content"]
        delta = (word_f1(body(ours, key), want) - word_f1(body(base, key), want)) / n
        rec = ours.get(key) or {}
        if rec.get("articles"):
            slot = "with_article"
            for name, records in (("ours_pr", ours), ("base_pr", base)):
                p, r = _pr(body(records, key), want)
                out[name][0] += p
                out[name][1] += r
            diff = delta * n
            out["wins"] += diff > 0.005
            out["losses"] += diff < -0.005
        else:
            slot = "typed_other" if (rec.get("page_type") or "article") != "article" else "no_text"
        out[slot][0] += 1
        out[slot][1] += delta
    kept = max(out["with_article"][0], 1)
    for name in ("ours_pr", "base_pr"):
        out[name] = (out[name][0] / kept, out[name][1] / kept)
    for slot in ("typed_other", "no_text", "with_article"):
        out[slot] = tuple(out[slot])
    return out


def page_type_accuracy(gold: dict[str, dict], records: dict[str, dict], keys: list[str]) -> dict[str, tuple]:
    """Per gold type: (pages whose decided type is right, pages). "Right" for an article page is
    ``article``; for the others, any non-article type counts as right in ``non-article`` and the
    exact type in the type's own row."""
    rows: dict[str, list[int]] = {}
    for key in keys:
        want = gold[key]["page_type"]
        got = (records.get(key) or {}).get("page_type") or "article"
        row = rows.setdefault(want, [0, 0])
        row[1] += 1
        row[0] += got == want
        if want != "article":
            binary = rows.setdefault("non-article", [0, 0])
            binary[1] += 1
            binary[0] += got != "article"
    return {k: tuple(v) for k, v in sorted(rows.items())}


def jobs(folder: Path) -> tuple[dict[str, dict], list[tuple[str, str, None]]]:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return gold, [(k, str(folder / "html" / f"{k}.html.gz"), None) for k in gold]


def article_pages(shared_dir: Path):
    """``(key, gz_path, gold)`` of the WCXB DEV pages whose gold type is "article", in gold order."""
    gold, todo = jobs(Path(shared_dir) / "eval" / WCXB)
    for key, path, _url in todo:
        if gold[key]["page_type"] == "article":
            yield key, path, gold[key]


def eval_wcxb(shared_dir: Path, *, baseline: bool = True, workers: int = 1) -> dict[str, Any]:
    """``{"tune": {...}, "check": {...}}``: ours, trafilatura, page types, per fold."""
    gold, todo = jobs(Path(shared_dir) / "eval" / WCXB)
    ours = run_pages(WCXB, todo, workers)
    base = run_baseline(WCXB, todo, workers) if baseline else {}
    report: dict[str, Any] = {}
    for fold in FOLDS:
        keys = [k for k in gold if fold_of(k) == fold]
        report[fold] = {
            "pages": len(keys),
            "ours": score(gold, ours, keys),
            "page_types": page_type_accuracy(gold, ours, keys),
        }
        if baseline:
            report[fold]["baseline"] = score(gold, base, keys)
            report[fold]["gap"] = body_gap(gold, ours, base, keys)
    return report
