"""Command: ``storyline eval bilingual`` — one story across Japanese and English, against the
bilingual gold (pair recall and precision on the check split; ``--fit`` refits on tune)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from storyline.cli.app import console, eval_app


@eval_app.command("bilingual")
def eval_bilingual(
    split: Annotated[str, typer.Option(help="Gold split to score: check (held out) or tune.")] = "check",
    fit: Annotated[bool, typer.Option(help="First refit the cross-language join model on the tune split.")] = False,
    render: Annotated[bool, typer.Option(help="First re-render the gold's HTML pages from gold.jsonl.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Ingest the bilingual gold's pages of one split through the real pipeline and print how many
    Japanese/English pairs about the same happening share a story (recall) and how many JA/EN pairs
    sharing a story are such pairs (precision)."""
    from evals.bilingual import fit_model, format_report, render_pages, score_split

    if split not in ("check", "tune"):
        raise typer.BadParameter("split must be check or tune")
    if render:
        console.print(f"rendered {render_pages()} pages")
    if fit:
        model = fit_model()
        console.print(f"fitted on tune: {json.dumps(model['coef'])} intercept {model['intercept']} "
                      f"threshold {model['threshold']} (tune pair F1 {model['tune_pair_f1']})")
    result = score_split(split)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_report(result))
