"""Fit the learned article-to-article link (:mod:`storyline.stories.pairmodel`) on gold stories.

Training pairs: the documents arrive in the same label-blind order as in ``evals.clusters``; each
new document is vectorised by the story index itself (running IDF, as in production) and paired
with every document before it (the features of :mod:`storyline.stories.pairmodel`), labelled 1
when both are in the same gold story. A logistic regression is fitted on those pairs with **hard
negatives weighted up**: a pair of different stories of the same ECB+ topic (the same kind of
event: two earthquakes, two signings) counts fully, a pair from different topics (easily told
apart, and 95% of all pairs) counts :data:`EASY_WEIGHT`, so the model learns what separates two
stories of the same kind rather than what separates unrelated news. Then the join threshold and
the merge threshold (both mean link probabilities, average linkage) are chosen together by
running the real assigner (``evals.clusters.cluster_records``) on the training documents, in the
same conditions it is scored in: each group of whole topics (the training side's topic folds)
clustered on its own, the mean B-cubed F1 over the groups kept.

A second stage fits the model's dated terms (both articles have a time: news of the same weeks,
where wording and names shared by different stories of one beat are common) on the same-week
gold's tune half (``evals.weekgold``), with the first stage's logit as a fixed offset
(:func:`fit_dated`): ECB+ documents have no times, so their probabilities stay those of stage one.

``python -m evals.clusters_learn --fit`` fits on all ECB+ DEV topics and writes
``storyline/data/story_link_model.json`` (the shipped model) of the checkout this module is in (it
refuses when the imported ``storyline`` is another checkout's: see :func:`model_path_here`);
``evals.clusters_cv`` does the same inside each leave-topic-out fold, on the training topics only.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from evals.clusters import (
    arrival_order,
    assign_records,
    cluster_records,
    read_docs,
    score_clusters,
    stories_of,
    to_story_doc,
)
from storyline.stories.cluster import LINK_DOC_TERMS, ClusterParams, StoryIndex
from storyline.stories.pairmodel import DATED_FEATURES, FEATURES, MODEL_PATH, LinkModel

JOIN_THRESHOLDS = (0.6, 0.7, 0.8, 0.9, 0.95)
MERGE_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
GROUPS = 4  # topic groups the thresholds are chosen over
C = 1.0  # inverse L2 strength of the logistic regression
EASY_WEIGHT = 0.03  # weight of a different-story pair from different topics (hard negatives count 1)


def link_pairs(
    recs: list[dict], params: ClusterParams | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, w): every pair of documents of ``recs`` (features :data:`FEATURES`), y = same gold
    story, w = the pair's training weight (:data:`EASY_WEIGHT` for a different-story pair whose
    documents are of different topics, 1 otherwise; 1 for all when there are no topics)."""
    index = StoryIndex(params)
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    weights: list[float] = []
    seen: dict[int, dict] = {}
    for i in arrival_order(recs):
        doc = to_story_doc(i, recs[i])
        vec = index.prepare(doc)
        for aid, x in index.link_rows(vec, index.cues(doc)):
            same = seen[aid]["cluster"] == recs[i]["cluster"]
            rows.append(x)
            labels.append(int(same))
            weights.append(1.0 if same or seen[aid].get("topic") == recs[i].get("topic") else EASY_WEIGHT)
        seen[i] = recs[i]
        index.attach_to(doc, vec, None)
    x = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
    return x, np.asarray(labels, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def fit_link(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, c: float = C) -> LinkModel:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, max_iter=3000).fit(x, y, sample_weight=w)
    return LinkModel(tuple(map(float, lr.coef_[0])), intercept=float(lr.intercept_[0]))


def fit_dated(model: LinkModel, x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float = C) -> LinkModel:
    """The dated terms (:data:`DATED_FEATURES`) of ``model`` fitted on dated pairs ``(x, y, w)`` with
    the base model's logit as a fixed offset (weighted L2 logistic regression, Newton steps): what
    names, wording and the shared period are worth when both articles are news of the same weeks.
    The base coefficients, and so every undated pair's probability, stay as they are."""
    k = len(FEATURES) - len(DATED_FEATURES)
    base = replace(model, coef=model.coef[:k] + (0.0,) * len(DATED_FEATURES))
    offset = np.array([base.logit(tuple(row)) for row in x])
    z = x[:, k:]
    beta = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(offset + z @ beta)))
        grad = z.T @ (w * (p - y)) + beta / c
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.eye(len(beta)) / c
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return replace(model, coef=model.coef[:k] + tuple(map(float, beta)))


def topic_groups(recs: list[dict], k: int = GROUPS) -> list[list[dict]]:
    """``recs`` in ``k`` groups of whole topics (md5 of the topic key, dealt round-robin)."""
    topics = sorted(
        {r.get("topic", r["cluster"]) for r in recs}, key=lambda t: hashlib.md5(str(t).encode()).hexdigest()
    )
    k = max(1, min(k, len(topics)))
    return [[r for r in recs if r.get("topic", r["cluster"]) in set(topics[i::k])] for i in range(k)]


def mean_group_f1(groups: list[list[dict]], params: ClusterParams) -> float:
    scores = [
        score_clusters(cluster_records(g, params), {r["doc_id"]: r["cluster"] for r in g})["b3_f1"] for g in groups
    ]
    return sum(scores) / len(scores)


def grid_group_f1(
    groups: list[list[dict]], params: ClusterParams, model: LinkModel
) -> dict[tuple[float, float], float]:
    """{(join, merge): mean B-cubed F1 over ``groups``} for every pair of the threshold grids: the
    same as :func:`mean_group_f1` for each pair, but each group is assigned once per join threshold
    (the merge pass runs after every assignment, so the merge thresholds share it) and the merge
    pass runs on a copy of that index for each merge threshold."""
    scores: dict[tuple[float, float], list[float]] = {(j, m): [] for j in JOIN_THRESHOLDS for m in MERGE_THRESHOLDS}
    for g in groups:
        gold = {r["doc_id"]: r["cluster"] for r in g}
        for j in JOIN_THRESHOLDS:
            assigned = assign_records(g, replace(params, link=replace(model, threshold=j)))
            for m in MERGE_THRESHOLDS:
                index = copy.deepcopy(assigned)
                index.p = replace(index.p, link=replace(model, threshold=j, merge_threshold=m))
                index.merge_pass()
                scores[j, m].append(score_clusters(stories_of(g, index), gold)["b3_f1"])
    return {k: sum(v) / len(v) for k, v in scores.items()}


def learn(recs: list[dict], params: ClusterParams | None = None, *, dated: bool = True) -> tuple[ClusterParams, float]:
    """Fit the link model on ``recs`` and choose its thresholds; returns (params, mean group F1).
    ``dated``: then fit its dated terms (:func:`fit_dated`) on the same-week gold's tune half
    (``evals.weekgold``: different stories of one beat and week, weight 1; other beats
    :data:`EASY_WEIGHT`), the base logit as an offset. ``recs`` without times (ECB+) score as
    before; the thresholds are chosen on ``recs``' topic groups."""
    params = replace(params or ClusterParams(doc_terms=LINK_DOC_TERMS, sum_joins_dated=True), link=None)
    x, y, w = link_pairs(recs, params)
    model = fit_link(x, y, w)
    if dated:
        from evals.weekgold import link_pairs_of

        model = fit_dated(model, *link_pairs_of("tune", params))
    scores = grid_group_f1(topic_groups(recs), params, model)
    f1, join, merge = max((f1, j, m) for (j, m), f1 in scores.items())
    return replace(params, link=replace(model, threshold=join, merge_threshold=merge)), f1


def main(argv: list[str] | None = None) -> None:
    from evals.paths import default_shared_dir

    ap = argparse.ArgumentParser(prog="python -m evals.clusters_learn", description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, default=None, help="ECB+ DEV docs.jsonl (default: the shared copy)")
    ap.add_argument("--fit", action="store_true", help=f"write the shipped model to {MODEL_PATH.name}")
    ap.add_argument("--out", type=Path, default=None, help="with --fit: write the model here instead")
    args = ap.parse_args(argv)
    path = args.docs or default_shared_dir() / "eval" / "ecbplus_story_clusters" / "docs.jsonl"
    recs = read_docs(path)
    params, f1 = learn(recs)
    data = params.link.to_json(
        _about=f"Fitted by `python -m evals.clusters_learn --fit` on ECB+ DEV ({len(recs)} documents), the dated "
        f"terms on the same-week gold's tune half (base logit as offset); thresholds: best mean B3 F1 over {GROUPS} "
        f"topic groups ({f1:.3f})."
    )
    print(json.dumps(data, indent=1))
    if args.fit:
        out = args.out or model_path_here()
        out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


def model_path_here() -> Path:
    """The model file of the checkout this script belongs to; refuses when the ``storyline`` package
    imported comes from another checkout (an editable install of another worktree), so a fit never
    writes into a tree it was not run from."""
    here = Path(__file__).resolve().parents[1] / "storyline" / "data" / MODEL_PATH.name
    if here.resolve() != MODEL_PATH.resolve():
        raise SystemExit(
            f"storyline is imported from {MODEL_PATH.parents[1]}, not from {here.parents[1]}: "
            f"run with PYTHONPATH={here.parents[2]} (or pass --out)"
        )
    return here


if __name__ == "__main__":
    main()
