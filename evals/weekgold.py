"""Same-week, same-beat story gold: several outlets' reports of different stories of one beat.

``evals/data/weekgold/gold.jsonl`` holds the texts (written for Storyline by the "weekgold" helper
on 2026-12-06: invented officials and outlets, real countries and institutions; see
``evals/data/weekgold/README.md``). Each of 10 beats (Japanese diplomacy, EU trade, chip export
controls, ...) is one week with 3-4 *different* stories that share the beat's actors and
vocabulary (a meeting, an agreement, a phone call, a sanction, days apart), each told by 2-3
outlets in their own words. It is the case ECB+ lacks: its confusable pairs are the same kind of
event years apart; here they are related events of the same week.

Beats are dealt into a tune and a check half by the md5 of the beat name (:func:`split_of`).
:func:`score_split` clusters one half with the product's story assigner
(``evals.clusters.cluster_records``: assignment in publication order, then the merge pass) and
scores B-cubed against the gold stories; :func:`link_pairs_of` gives the tune half's article pairs
to the link model's fit (``evals.clusters_learn``: a different-story pair of one beat counts as a
hard negative, weight 1; pairs across beats count as easy ones).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from evals.clusters import cluster_records, score_clusters
from storyline.stories.cluster import ClusterParams

GOLD = Path(__file__).resolve().parent / "data" / "weekgold" / "gold.jsonl"
SPLITS = ("check", "tune")


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(beats: set[str] | list[str]) -> dict[str, str]:
    """{beat: "tune" | "check"}: beats ordered by the md5 of their name, dealt alternately
    (deterministic, blind to the texts and labels)."""
    order = sorted(set(beats), key=lambda b: hashlib.md5(b.encode()).hexdigest())
    return {b: ("tune" if i % 2 == 0 else "check") for i, b in enumerate(order)}


def records(split: str, gold: list[dict] | None = None) -> list[dict]:
    """One split's articles as ``evals.clusters`` records (cluster = gold story, topic = beat)."""
    gold = gold or read_gold()
    halves = split_of({g["beat"] for g in gold})
    return [
        {
            "doc_id": g["id"],
            "cluster": g["story"],
            "topic": g["beat"],
            "title": g["title"],
            "text": g["body"],
            "outlet": g["outlet"],
            "published": f"{g['date']}T12:00:00+00:00",
        }
        for g in gold
        if halves[g["beat"]] == split
    ]


def score_split(
    split: str = "check", params: ClusterParams | None = None, gold: list[dict] | None = None,
    prepare: Callable[[list[dict]], None] | None = None,
) -> dict:
    """B-cubed (and pairwise) scores of the story assigner on one split, all its beats clustered
    together in publication order; ``params`` default: the weighted sum's shipped defaults;
    ``prepare`` fills the records first (``storyline eval weekgold --enrich``: the enrich stage's
    entity and event keys, as ingest has them)."""
    recs = records(split, gold)
    if prepare is not None:
        prepare(recs)
    pred = cluster_records(recs, params or ClusterParams())
    out = score_clusters(pred, {r["doc_id"]: r["cluster"] for r in recs})
    wrong = sorted({
        f"{a['cluster']}~{b['cluster']}"
        for a in recs for b in recs
        if a["cluster"] < b["cluster"] and pred[a["doc_id"]] == pred[b["doc_id"]]
    })
    return {"split": split, "articles": len(recs), **out, "joined": wrong}


def link_pairs_of(split: str = "tune", params: ClusterParams | None = None, gold: list[dict] | None = None):
    """(X, y, w) of every article pair of one split, as ``evals.clusters_learn.link_pairs`` makes
    them (the split's own index and arrival order; same-beat different-story pairs weigh 1)."""
    from evals.clusters_learn import link_pairs

    recs = records(split, gold)
    if not recs:
        return np.zeros((0, 0)), np.zeros(0, dtype=np.int64), np.zeros(0)
    return link_pairs(recs, params)


def format_report(result: dict, name: str) -> str:
    line = (
        f"{result['split']:5} {name:5} B3 P {result['b3_precision']:.3f} R {result['b3_recall']:.3f} "
        f"F1 {result['b3_f1']:.3f}  pairwise F1 {result['pairwise_f1']:.3f}  "
        f"stories gold {result['clusters_gold']} pred {result['clusters_pred']} ({result['articles']} articles)"
    )
    if result["joined"]:
        line += "\n  joined: " + ", ".join(result["joined"])
    return line


__all__ = ["format_report", "link_pairs_of", "read_gold", "records", "score_split", "split_of"]
