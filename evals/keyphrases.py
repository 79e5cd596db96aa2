"""Score keyphrase extraction on 500N-KPCrowd (``shared/eval/keyphrases_500N_KPCrowd``, DEV half).

The metric is the dataset README's: P/R/F1@k, exact match after lower-casing and Porter stemming
of ``\\w+`` tokens, precision and recall averaged over documents, F1 of the averages. Gold is the
``keyphrases`` list. The gold strips punctuation inside words ("Painter-turned-director" ->
"Painterturneddirector"), so predictions are scored both as they are and, in ``pred.json``,
written as they are (we do not imitate that quirk).

``eval_keyphrases(path) -> {"ours": {...}, "ours_words": {...}, "yake": {...}, "yake_words": {...},
"docs": n, "seconds": {...}}``; ``ours_words`` is our extractor limited to single words and
``yake_words`` is YAKE with ``n=1`` (its best setting here), ``yake`` is YAKE's defaults (n=3).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from evals.paths import default_shared_dir
from storyline.enrich.keyphrases import extract_keyphrases

DATASET = "keyphrases_500N_KPCrowd"


def default_docs_path() -> Path:
    """``$STORYLINE_SHARED/eval/keyphrases_500N_KPCrowd/docs.jsonl`` or ``<repo>/../shared/...``."""
    return default_shared_dir() / "eval" / DATASET / "docs.jsonl"


def load_docs(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _normaliser() -> Callable[[str], str]:
    try:
        from nltk.stem import PorterStemmer
    except ImportError as exc:  # the metric is defined with nltk's Porter stemmer
        raise RuntimeError("the keyphrase metric needs nltk's PorterStemmer: pip install nltk") from exc
    ps = PorterStemmer()
    return lambda p: " ".join(ps.stem(w) for w in re.findall(r"\w+", p.lower()))


def score_keyphrases(docs: list[dict], pred: dict[str, list[str]], k: int) -> dict[str, float]:
    """README metric: mean P@k and R@k over documents, F1 of the means."""
    nm = _normaliser()
    p_sum = r_sum = 0.0
    for d in docs:
        gold = {nm(x) for x in d["keyphrases"]}
        ranked = list(dict.fromkeys(nm(x) for x in pred.get(d["id"], [])))[:k]
        hits = sum(x in gold for x in ranked)
        p_sum += hits / (len(ranked) or 1)
        r_sum += hits / (len(gold) or 1)
    p, r = p_sum / max(1, len(docs)), r_sum / max(1, len(docs))
    return {f"P@{k}": round(p, 4), f"R@{k}": round(r, 4), f"F1@{k}": round(2 * p * r / ((p + r) or 1), 4)}


def _scores(docs: list[dict], pred: dict[str, list[str]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for k in (5, 10):
        out.update(score_keyphrases(docs, pred, k))
    return out


def predict_ours(docs: list[dict], *, max_words: int = 3, top: int = 10) -> dict[str, list[str]]:
    return {d["id"]: extract_keyphrases(d["text"], title=d.get("title"), top=top, max_words=max_words) for d in docs}


def predict_yake(docs: list[dict], *, n: int = 3, top: int = 10) -> dict[str, list[str]]:
    import yake

    kw = yake.KeywordExtractor(lan="en", n=n, top=top)
    return {d["id"]: [k for k, _ in kw.extract_keywords(d["text"])] for d in docs}


def eval_keyphrases(path: str | Path | None = None, *, output: str | Path | None = None,
                    limit: int | None = None, baselines: bool = True) -> dict:
    """Run ours (and YAKE) over the gold documents; write our ranked predictions to ``output``."""
    docs = load_docs(path or default_docs_path())[:limit]
    result: dict = {"docs": len(docs), "seconds": {}}
    runs: list[tuple[str, Callable[[], dict]]] = [
        ("ours", lambda: predict_ours(docs)),
        ("ours_words", lambda: predict_ours(docs, max_words=1)),
    ]
    if baselines:
        runs += [("yake", lambda: predict_yake(docs)), ("yake_words", lambda: predict_yake(docs, n=1))]
    for name, run in runs:
        start = time.perf_counter()
        pred = run()
        seconds = time.perf_counter() - start
        result["seconds"][name] = round(seconds, 2)
        result[name] = _scores(docs, pred)
        result[name]["docs_per_s"] = round(len(docs) / seconds, 1) if seconds else None
        if name == "ours" and output:
            Path(output).write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    return result
