"""Leave-topic-out cross-validation of story clustering against the TF-IDF baseline.

Every threshold and weight is chosen on training topics only and reported on topics it never saw:
the documents are split into ``k`` folds of whole topics (a gold story never straddles folds); for
each fold, our :class:`ClusterParams` are tuned by coordinate search on the other folds' documents,
and so is the baseline's distance threshold (the same fair treatment); both are then run from
scratch on the held-out fold's documents alone. ``defaults`` tunes the same way on all topics: that
is how the shipped :class:`ClusterParams` defaults were chosen (``storyline eval clusters --folds
--tune`` prints them). ``cross_validate(..., learned=True)`` (``--folds 5 --links``) does the same
for the learned link model (``evals.clusters_learn``: fitted and thresholded on the other folds).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from evals.clusters import baseline_records, cluster_records, score_clusters
from storyline.stories.cluster import ClusterParams

# The search space: each knob's candidate values (coordinate search starts from the defaults).
# A knob named "a+b" moves two parameters together (values are pairs).
GRID: dict[str, tuple] = {
    "threshold": (0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3, 0.35),
    "embed_weight+embed_center": ((0.0, 0.5), (0.2, 0.65), (0.2, 0.75), (0.4, 0.65), (0.4, 0.75), (0.8, 0.75)),
    "title_weight": (0.4, 0.8, 1.2),
    "merge_threshold": (0.45, 0.55, 0.65),
}
DENSE_KNOBS = ("embed_weight+embed_center",)
# Where every search starts (the values before any tuning), so no fold's search starts from values
# that were tuned on all topics (the shipped defaults are the result of the same search on all DEV).
START = ClusterParams(
    threshold=0.30, title_weight=0.8, merge_threshold=0.55, embed_weight=0.0, embed_center=0.5
)
BASELINE_GRID = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))  # 0.5 .. 0.95


@dataclass(slots=True)
class FoldResult:
    fold: int
    topics: list
    n_docs: int
    ours: dict
    baseline: dict
    params: ClusterParams
    baseline_threshold: float


def topic_folds(recs: list[dict], k: int = 5, key: str = "topic") -> list[list]:
    """Whole topics in ``k`` folds: topics ordered by the md5 of their key, dealt round-robin
    (deterministic, independent of labels and of file order)."""
    topics = sorted(
        {r.get(key, r.get("cluster")) for r in recs}, key=lambda t: hashlib.md5(str(t).encode()).hexdigest()
    )
    k = max(2, min(k, len(topics)))
    return [topics[i::k] for i in range(k)]


def _gold(recs: list[dict]) -> dict:
    return {r["doc_id"]: r["cluster"] for r in recs}


def tune_ours(
    recs: list[dict],
    embeddings: dict | None,
    start: ClusterParams | None = None,
    rounds: int = 2,
    log: Callable[[str], None] | None = None,
) -> tuple[ClusterParams, float]:
    """Coordinate search over :data:`GRID` maximising B-cubed F1 on ``recs``; the dense knobs are
    searched only when ``embeddings`` are given."""
    gold = _gold(recs)
    cache: dict = {}

    def f1(p: ClusterParams) -> float:
        key = tuple(getattr(p, f.name) for f in fields(p))
        if key not in cache:
            pred = cluster_records(recs, p, embeddings=embeddings)
            cache[key] = score_clusters(pred, gold)["b3_f1"]
        return cache[key]

    best = start or START
    if not embeddings:
        best = replace(best, embed_weight=0.0)
    best_f1 = f1(best)
    for _ in range(rounds):
        improved = False
        for knob, values in GRID.items():
            if knob in DENSE_KNOBS and not embeddings:
                continue
            names = knob.split("+")
            for v in values:
                cand = replace(best, **dict(zip(names, v if len(names) > 1 else (v,), strict=True)))
                score = f1(cand)
                if score > best_f1 + 1e-9:
                    best, best_f1, improved = cand, score, True
        if log:
            log(f"  tuned B3 F1 {best_f1:.3f}")
        if not improved:
            break
    return best, best_f1


def tune_baseline(recs: list[dict]) -> tuple[float, float]:
    """The baseline's distance threshold with the best B-cubed F1 on ``recs``."""
    gold = _gold(recs)
    scored = [(score_clusters(baseline_records(recs, t), gold)["b3_f1"], -t) for t in BASELINE_GRID]
    f1, neg_t = max(scored)
    return -neg_t, f1


def cross_validate(
    recs: list[dict],
    embeddings: dict | None = None,
    k: int = 5,
    log: Callable[[str], None] | None = None,
    *,
    learned: bool = False,
) -> list[FoldResult]:
    """Leave-topic-out folds: tune ours and the baseline on the other folds, score on this one.
    ``learned``: ours is the link model (``evals.clusters_learn``: fitted, and its thresholds
    chosen, on the other folds' topics) instead of the coordinate-searched weighted sum."""
    from evals.clusters_learn import learn

    out = []
    for i, topics in enumerate(topic_folds(recs, k)):
        held = set(topics)
        test = [r for r in recs if r.get("topic", r.get("cluster")) in held]
        train = [r for r in recs if r.get("topic", r.get("cluster")) not in held]
        params, _ = learn(train) if learned else tune_ours(train, embeddings, log=log)
        threshold, _ = tune_baseline(train)
        gold = _gold(test)
        ours = score_clusters(cluster_records(test, params, embeddings=embeddings), gold)
        base = score_clusters(baseline_records(test, threshold), gold)
        out.append(FoldResult(i, sorted(held, key=str), len(test), ours, base, params, threshold))
        if log:
            log(f"fold {i}: ours {ours['b3_f1']:.3f} baseline {base['b3_f1']:.3f}")
    return out


def mean(results: list[FoldResult], side: str, metric: str = "b3_f1") -> float:
    return sum(getattr(r, side)[metric] for r in results) / max(1, len(results))
