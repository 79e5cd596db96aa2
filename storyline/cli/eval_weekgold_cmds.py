"""Command: ``storyline eval weekgold`` — story clustering on the same-week, same-beat gold
(different stories of one beat and week, several outlets each), B-cubed per split."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated

import typer

from storyline.cli.app import eval_app


@eval_app.command("weekgold")
def eval_weekgold(
    links: Annotated[
        bool,
        typer.Option(help="Also score the learned links (the 'story_links' setting, on by default: the assigner "
                     "ingest uses; dated articles may also join by the weighted sum) and the link model alone."),
    ] = False,
    enrich: Annotated[
        bool, typer.Option(help="Run the enrich stage first: entity and event keys, as ingest has them (slower).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Cluster each half of the same-week gold (check first, then tune) with the story assigner in
    publication order and print B3 precision, recall and F1, and which gold stories it joined."""
    from evals.weekgold import format_report, score_split
    from storyline.stories.cluster import ClusterParams

    learned = ClusterParams.learned()  # the default: links, and dated articles also by the weighted sum
    alone = replace(learned, sum_joins_dated=False)  # the link model alone
    variants = [("sum", ClusterParams())] + ([("links", learned), ("alone", alone)] if links else [])
    prepare = None
    if enrich:
        from storyline.cli.eval_stories_cmds import add_fact_keys as prepare  # the enrich stage
    results = [(name, score_split(split, params, prepare=prepare))
               for split in ("check", "tune") for name, params in variants]
    if as_json:
        print(json.dumps({f"{r['split']}/{name}": r for name, r in results}, indent=1))
        return
    for name, r in results:
        print(format_report(r, name))
