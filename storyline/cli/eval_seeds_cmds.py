"""Command: eval seeds — every seed score in one report (extraction; with --all also roles, events,
quality flags and stories)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import console, eval_app, fail, parse_when

SEEDS_FETCHED_AT = "2025-07-30T17:20:00+09:00"


def shared_dir(explicit: Path | None) -> Path:
    if explicit:
        return explicit
    from evals.paths import default_shared_dir

    return default_shared_dir()


@eval_app.command("seeds")
def eval_seeds(
    shared: Annotated[
        Path | None, typer.Option(help="The shared/ folder (default: $STORYLINE_SHARED, else ../shared).")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Also roles/aliases/metonyms, events, quality flags and stories.")
    ] = False,
    fetched_at: Annotated[
        str | None, typer.Option("--fetched-at", help=f"Fetch time for the pages (ISO; default {SEEDS_FETCHED_AT}).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
):
    """Score extraction (and with --all enrichment and stories) on ../shared/seeds against gold/seeds.json."""
    from evals.seeds import format_seed_report, score_seed_extraction

    root = shared_dir(shared)
    seeds, gold = root / "seeds", root / "gold" / "seeds.json"
    if not seeds.is_dir() or not gold.is_file():
        fail(f"no seeds at {seeds} (or no gold at {gold}); pass --shared PATH")
    # The seed pages carry no fetch time; page 001 shows an article stamped Jul 30, 2025 16:20 JST
    # as "an hour ago", so by default they are taken as fetched an hour after that.
    when = parse_when(fetched_at or SEEDS_FETCHED_AT, option="--fetched-at")
    if not json_out:
        console.print(f"pages taken as fetched at {when.isoformat()} (--fetched-at to change)", highlight=False)
    report: dict = {"extraction": score_seed_extraction(seeds, gold, fetched_at=when)}
    if not json_out:
        console.print(format_seed_report(report["extraction"]), highlight=False, markup=False)
    if all_:
        from evals.seeds_events import score_seed_events
        from evals.seeds_quality import score_seed_quality
        from evals.seeds_roles import score_seed_roles
        from evals.seeds_stories import format_story_report, score_seed_stories

        report["roles"] = score_seed_roles(seeds, gold)
        report["events"] = score_seed_events(seeds, gold)
        report["quality"] = score_seed_quality(seeds, gold)
        report["stories"] = score_seed_stories(seeds, gold, fetched_at=when)
        if not json_out:
            r = report["roles"]
            console.print(
                f"roles: {r['roles']['found']}/{r['roles']['total']}, aliases: "
                f"{r['aliases']['found']}/{r['aliases']['total']}, metonyms: "
                f"{r['metonyms']['found']}/{r['metonyms']['total']}"
            )
            e = report["events"]
            console.print(
                f"events: {e['matched']}/{e['gold']} gold events matched (recall {e['recall']:.2f}; "
                f"{e['events_total']} events extracted in all)"
            )
            q = report["quality"]
            console.print(
                f"quality flags: {q['exact']:.0%} of {q['matched']} matched articles carry exactly the gold flags"
            )
            console.print(format_story_report(report["stories"]), highlight=False, markup=False)
    if json_out:
        print(json.dumps(report, default=str, indent=2))
