"""Commands: ``storyline eval clusters`` — story clustering scored against gold clusters."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, console, eval_app, open_store  # noqa: F401


def _row(name: str, s: dict) -> str:
    return (
        f"{name:<10} B3 P {s['b3_precision']:.3f} R {s['b3_recall']:.3f} F1 {s['b3_f1']:.3f} | "
        f"pairwise P {s['pairwise_precision']:.3f} R {s['pairwise_recall']:.3f} F1 {s['pairwise_f1']:.3f} | "
        f"clusters gold {s['clusters_gold']} pred {s['clusters_pred']}"
    )


def _add_keys(recs: list[dict]) -> None:
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
) -> None:
    """Cluster documents into stories from scratch (incremental, in a label-blind order) and,
    when the file has gold ``cluster`` labels, print B-cubed and pairwise scores next to a baseline."""
    from evals.clusters import baseline_records, cluster_records, read_docs, score_clusters

    if not file.is_file():
        raise typer.BadParameter(f"{file}: no such file")
    recs = read_docs(file)
    if enrich:
        _add_keys(recs)
    start = time.perf_counter()
    pred = cluster_records(recs)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(recs))
    if output:
        output.write_text(json.dumps(pred, indent=1, sort_keys=True), encoding="utf-8")
        console.print(f"wrote {len(pred)} assignments to {output}")
    console.print(f"{len(recs)} documents, {len(set(pred.values()))} stories, {ms:.2f} ms/document")
    gold = {r["doc_id"]: r["cluster"] for r in recs if r.get("cluster") is not None}
    if not gold:
        return
    name = "ours+ents" if enrich else "ours"
    console.print(_row(name, score_clusters(pred, gold)), markup=False, soft_wrap=True)
    if baseline:
        console.print(
            _row("baseline", score_clusters(baseline_records(recs), gold)), markup=False, soft_wrap=True
        )
