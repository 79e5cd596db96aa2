"""Commands: ``storyline eval clusters`` — story clustering scored against gold clusters."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, console, eval_app, open_store  # noqa: F401
from storyline.config import Settings


def _row(name: str, s: dict) -> str:
    return (
        f"{name:<10} B3 P {s['b3_precision']:.3f} R {s['b3_recall']:.3f} F1 {s['b3_f1']:.3f} | "
        f"pairwise P {s['pairwise_precision']:.3f} R {s['pairwise_recall']:.3f} F1 {s['pairwise_f1']:.3f} | "
        f"clusters gold {s['clusters_gold']} pred {s['clusters_pred']}"
    )


def _print_folds(recs: list[dict], vectors: dict | None, k: int, links: bool = False) -> None:
    from evals.clusters_cv import cross_validate, mean

    if not all(r.get("cluster") is not None for r in recs):
        raise typer.BadParameter("--folds needs gold 'cluster' labels (and 'topic', else clusters are the folds)")
    results = cross_validate(recs, vectors, k, learned=links)
    for r in results:
        chosen = (f"join {r.params.link.threshold}, merge {r.params.link.merge_threshold}" if r.params.link
                  else f"threshold {r.params.threshold}")
        console.print(
            f"fold {r.fold} ({len(r.topics)} topics, {r.n_docs} docs): ours B3 F1 {r.ours['b3_f1']:.3f} "
            f"({chosen}) | baseline {r.baseline['b3_f1']:.3f} "
            f"(distance {r.baseline_threshold}) | margin {r.ours['b3_f1'] - r.baseline['b3_f1']:+.3f}",
            markup=False, soft_wrap=True,
        )
    ours, base = mean(results, "ours"), mean(results, "baseline")
    wins = sum(r.ours["b3_f1"] > r.baseline["b3_f1"] for r in results)
    console.print(
        f"mean over {len(results)} folds: ours B3 F1 {ours:.3f} | baseline {base:.3f} | margin {ours - base:+.3f} "
        f"| ours ahead on {wins}/{len(results)} folds", markup=False, soft_wrap=True,
    )


def add_fact_keys(recs: list[dict]) -> None:
    """Fill each record's ``entity_keys``/``event_keys`` from the enrich stage."""
    from storyline.enrich import enrich_many
    from storyline.models import Article

    articles = [
        Article(body=r.get("text") or "", source=str(r["doc_id"]), title=r.get("title")) for r in recs
    ]
    for rec, en in zip(recs, enrich_many(articles), strict=True):
        rec["entity_keys"] = sorted({e.key for e in en.entities})
        rec["event_keys"] = sorted({e.key for e in en.events})


@eval_app.command("clusters")
def eval_clusters(
    file: Annotated[
        Path, typer.Argument(help="JSONL of documents: doc_id, text, optional title/published/cluster.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write {doc_id: story_id} JSON here.")
    ] = None,
    baseline: Annotated[bool, typer.Option(help="Also score TF-IDF + agglomerative clustering.")] = True,
    enrich: Annotated[
        bool, typer.Option(help="Run enrichment first and cluster with entity and event keys too (slow).")
    ] = False,
    folds: Annotated[
        int,
        typer.Option(
            help="Leave-topic-out cross-validation with this many folds (needs 'topic' and 'cluster'): "
            "ours and the baseline each tuned on the other folds, scored per fold and on average."
        ),
    ] = 0,
    embeddings: Annotated[
        bool | None,
        typer.Option(help="Add title+lead sentence embeddings (the 'embeddings' extra); default: the setting."),
    ] = None,
    links: Annotated[
        bool | None,
        typer.Option(help="Assign by the learned link model, average linkage (the 'story_links' setting, on by "
                     "default); with --folds it is fitted inside each fold; --no-links: the weighted sum alone."),
    ] = None,
) -> None:
    """Cluster documents into stories from scratch (incremental, in a label-blind order) and,
    when the file has gold ``cluster`` labels, print B-cubed and pairwise scores next to a baseline."""
    from evals.clusters import baseline_records, cluster_records, embed_records, read_docs, score_clusters
    from storyline.stories.cluster import ClusterParams

    if not file.is_file():
        raise typer.BadParameter(f"{file}: no such file")
    recs = read_docs(file)
    if enrich:
        add_fact_keys(recs)
    settings = Settings()
    vectors = embed_records(recs, settings.embeddings if embeddings is None else embeddings)
    links = settings.story_links if links is None else links
    if folds:
        _print_folds(recs, vectors, folds, links and not vectors)
        return
    if vectors:
        params = ClusterParams.with_embeddings()
    else:
        params = ClusterParams.learned() if links else ClusterParams()
    start = time.perf_counter()
    pred = cluster_records(recs, params, embeddings=vectors)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(recs))
    if output:
        output.write_text(json.dumps(pred, indent=1, sort_keys=True), encoding="utf-8")
        console.print(f"wrote {len(pred)} assignments to {output}")
    console.print(f"{len(recs)} documents, {len(set(pred.values()))} stories, {ms:.2f} ms/document")
    gold = {r["doc_id"]: r["cluster"] for r in recs if r.get("cluster") is not None}
    if not gold:
        return
    name = ("ours+ents" if enrich else "ours") + ("+emb" if vectors else "+links" if params.link else "")
    console.print(_row(name, score_clusters(pred, gold)), markup=False, soft_wrap=True)
    if baseline:
        console.print(
            _row("baseline", score_clusters(baseline_records(recs), gold)), markup=False, soft_wrap=True
        )
