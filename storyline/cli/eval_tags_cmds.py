"""``storyline eval keyphrases`` and ``storyline eval seeds-quality``.

``keyphrases`` scores our keyphrase extractor next to YAKE on 500N-KPCrowd (P/R/F1@5 and @10,
docs per second) and writes our ranked predictions as ``{id: [phrase, ...]}``.
``seeds-quality`` runs the text-dump extractor and the quality flags over the seed pages and
compares the flags with the gold ``quality_flags``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import console, err_console, eval_app

_SYSTEMS = {
    "ours": "storyline",
    "ours_words": "storyline (single words)",
    "yake": "YAKE (defaults, n=3)",
    "yake_words": "YAKE (n=1)",
}


@eval_app.command("keyphrases")
def keyphrases(
    file: Annotated[
        Path | None, typer.Argument(help="docs.jsonl of 500N-KPCrowd (default: the shared DEV half).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write our ranked predictions (pred.json) here.")
    ] = None,
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also run YAKE.")] = True,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N documents.")] = None,
) -> None:
    """Score our keyphrases against YAKE (P/R/F1@5, @10 with Porter stemming, as the dataset's README)."""
    from evals.keyphrases import default_docs_path, eval_keyphrases

    path = file or default_docs_path()
    if not Path(path).is_file():
        err_console.print(f"[red]{path}: not found; pass the docs.jsonl path[/red]")
        raise typer.Exit(2)
    result = eval_keyphrases(path, output=output, limit=limit, baselines=baseline)
    table = Table(title=f"Keyphrases on {Path(path).parent.name} ({result['docs']} docs)")
    for column in ("system", "P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10", "docs/s"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, label in _SYSTEMS.items():
        if name in result:
            s = result[name]
            table.add_row(
                label,
                *(f"{s[k]:.3f}" for k in ("P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10")),
                f"{s['docs_per_s']:.0f}" if s.get("docs_per_s") else "-",
            )
    console.print(table)
    if output:
        console.print(f"predictions written to {output}")


@eval_app.command("seeds-quality")
def seeds_quality(
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared", help="The shared folder holding seeds/ and gold/ (default: $STORYLINE_SHARED, else ../shared)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Compare quality flags on the extracted seed articles with the gold quality_flags."""
    from evals.keyphrases import default_docs_path
    from evals.seeds_quality import score_seed_quality

    shared_dir = shared or default_docs_path().parents[2]
    seeds, gold = shared_dir / "seeds", shared_dir / "gold" / "seeds.json"
    if not seeds.is_dir() or not gold.is_file():
        err_console.print(f"[red]{shared_dir}: seeds/ or gold/seeds.json not found; pass --shared[/red]")
        raise typer.Exit(2)
    report = score_seed_quality(seeds, gold)
    if as_json:
        console.print_json(json.dumps(report))
        return
    table = Table(
        title=f"Seed quality flags ({report['matched']}/{report['articles']} gold articles extracted, "
        f"exact flag sets {report['exact']:.0%})"
    )
    for column in ("flag", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "flag" else "right")
    for flag, s in report["per_flag"].items():
        table.add_row(flag, *(str(s[k]) for k in ("tp", "fp", "fn", "P", "R", "F1")))
    console.print(table)
    for row in report["rows"]:
        if row["gold"] != row["ours"]:
            console.print(f"[yellow]{row['page']}: {row['title']!r} gold {row['gold']} ours {row['ours']}[/yellow]")
