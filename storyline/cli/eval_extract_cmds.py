"""``storyline eval extraction``: score HTML extraction against the shared gold sets.

Prints one Rich table: our extractor next to plain trafilatura / htmldate, with precision,
recall, F1, accuracy and pages per second, for each dataset asked for.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from storyline.cli.app import console, err_console, eval_app

_TITLES = {
    "zyte": "Zyte article bodies",
    "trafilatura": "trafilatura snippets (en)",
    "pubdate": "htmldate dates",
}


class Dataset(StrEnum):
    zyte = "zyte"
    trafilatura = "trafilatura"
    pubdate = "pubdate"
    all = "all"


def _table(results: dict[str, dict]) -> Table:
    table = Table(title="Extraction quality (DEV half; rules chosen on the tune fold, check fold held out)",
                  box=box.SIMPLE_HEAD)  # no vertical rules: the systems' names fit in 80 columns
    for column in ("dataset", "fold", "pages", "system", "P", "R", "F1", "acc", "pages/s"):
        table.add_column(column, justify="left" if column in ("dataset", "fold", "system") else "right",
                         no_wrap=column in ("fold", "system"))
    for name, report in results.items():
        for fold in ("check", "tune", "all"):
            part = report if fold == "all" else report["folds"][fold]
            for system in ("ours", "baseline"):
                if system not in part:
                    continue
                s = part[system]
                seconds = report["seconds"].get(system) or 0.0
                speed = f"{report['pages'] / seconds:.1f}" if seconds and fold == "all" else ""
                label = "storyline" if system == "ours" else ("htmldate" if name == "pubdate" else "trafilatura")
                table.add_row(
                    _TITLES[name],
                    fold,
                    str(part["pages"]),
                    label,
                    f"{s['precision']:.4f}",
                    f"{s['recall']:.4f}",
                    f"{s['f1']:.4f}",
                    f"{s['accuracy']:.4f}",
                    speed,
                )
    return table


def _metadata_table(metadata: dict[str, dict]) -> Table:
    table = Table(title="Metadata on trafilatura's English pages (share of gold fields matched)")
    for column in ("system", "title", "author", "date"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for system, scores in metadata.items():
        table.add_row(
            "storyline" if system == "ours" else "trafilatura",
            f"{scores['title_accuracy']:.4f}",
            f"{scores['author_accuracy']:.4f}",
            f"{scores['date_accuracy']:.4f}",
        )
    return table


@eval_app.command("extraction")
def extraction(
    dataset: Annotated[Dataset, typer.Option("--dataset", help="Which gold set to score.")] = Dataset.all,
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared", help="The shared folder holding eval/ (default: $STORYLINE_SHARED, else ../shared)."
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write pred.json files here.")] = None,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Also run plain trafilatura/htmldate.")
    ] = True,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to spread pages over.")] = 1,
) -> None:
    """Score our HTML extraction (body text and dates) against plain trafilatura/htmldate."""
    from evals.extraction import EVALS
    from evals.paths import default_shared_dir

    shared_dir = shared or default_shared_dir()
    names = list(EVALS) if dataset is Dataset.all else [dataset.value]
    results: dict[str, dict] = {}
    for name in names:
        extra = {"metadata": True} if name == "trafilatura" else {}
        try:
            results[name] = EVALS[name](shared_dir, output, baseline=baseline, workers=workers, **extra)
        except FileNotFoundError as exc:
            err_console.print(f"[red]{name}: gold data not found ({exc}); pass --shared[/red]")
            raise typer.Exit(2) from exc
    console.print(_table(results))
    if "metadata" in results.get("trafilatura", {}):
        console.print(_metadata_table(results["trafilatura"]["metadata"]))
    if output:
        console.print(f"predictions written to {output}")
