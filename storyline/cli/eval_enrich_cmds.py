"""``storyline eval seeds-roles | meantime | ner | roles``: score entities and roles.

* ``seeds-roles``: officials' roles, name aliases and capital metonyms on the seed pages
  against ``gold/seeds.json`` (found / missed, with the misses listed);
* ``meantime``: entity-mention P/R/F1 (exact and partial spans) on MEANTIME, next to spaCy;
* ``ner``: CoNLL tokens in, the same lines plus our IOB2 tag out;
* ``roles``: officials' and officers' roles on DEV news pages against the hand-labelled roles gold, by fold.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import console, err_console, eval_app

SharedOption = Annotated[Path | None, typer.Option(
    "--shared", help="The shared folder holding seeds/, gold/ and eval/ (default: $STORYLINE_SHARED, else ../shared).")]


def _shared(shared: Path | None) -> Path:
    from evals.paths import default_shared_dir

    path = shared or default_shared_dir()
    if not path.is_dir():
        err_console.print(f"{path}: no shared folder here; pass --shared or set STORYLINE_SHARED")
        raise typer.Exit(2)
    return path


@eval_app.command("seeds-roles")
def seeds_roles(shared: SharedOption = None) -> None:
    """Score roles, aliases and metonyms on the seed pages against gold/seeds.json."""
    from evals.seeds_roles import score_seed_roles

    base = _shared(shared)
    t0 = time.perf_counter()
    report = score_seed_roles(base / "seeds", base / "gold" / "seeds.json")
    seconds = time.perf_counter() - t0
    table = Table(title=f"Seeds: roles, aliases, metonyms ({report['articles']} articles, {seconds:.1f}s)")
    for column in ("check", "found", "total", "missed"):
        table.add_column(column)
    for name in ("roles", "aliases", "metonyms"):
        r = report[name]
        table.add_row(name, str(r["found"]), str(r["total"]), "\n".join(map(str, r["missed"])) or "-")
    console.print(table)


@eval_app.command("meantime")
def meantime(shared: SharedOption = None,
             folds: Annotated[int, typer.Option("--folds", help="Score the documents in this many folds "
                                                "(per fold, per type, mean) next to spaCy alone; 0: all at once.")] = 0,
             titled: Annotated[bool, typer.Option("--titled", help="With --folds: each headline as the article's "
                                                  "title (as a feed item's), not the body's first line.")] = False,
             ) -> None:
    """Entity-mention P/R/F1 on MEANTIME (PER/ORG/LOC; exact and partial spans) vs plain spaCy."""
    from evals.ner import eval_meantime

    if folds:
        _meantime_folds(_shared(shared), folds, titled)
        return
    report = eval_meantime(_shared(shared))
    table = Table(title=f"MEANTIME entity mentions ({report['docs']} docs, {report['gold']} gold, "
                        f"{report['seconds']:.1f}s)")
    for column in ("system", "match", "P", "R", "F1"):
        table.add_column(column)
    for system, r in (("storyline", report), ("spaCy NER", report["spacy_baseline"])):
        for match in ("exact", "partial"):
            s = r[match]
            table.add_row(system, match, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}")
    for label, s in report["by_type"].items():
        table.add_row("storyline", f"exact {label}", f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}")
    console.print(table)


def _meantime_folds(shared: Path, k: int, titled: bool = False) -> None:
    from evals.ner_folds import TYPES, eval_folds

    report = eval_folds(shared, k, titled)
    table = Table(title=f"MEANTIME entity mentions, {k} folds ({report['docs']} docs): storyline / spaCy alone")
    for column in ("fold", "docs", "exact F1", "exact R", "partial F1", *(f"{t} F1" for t in TYPES)):
        table.add_column(column)

    def pair(a: float, b: float) -> str:
        return f"{a:.3f} / {b:.3f}"

    for r in report["folds"]:
        o, s = r["storyline"], r["spacy"]
        table.add_row(str(r["fold"]), str(r["docs"]), pair(o["exact"]["f1"], s["exact"]["f1"]),
                      pair(o["exact"]["r"], s["exact"]["r"]), pair(o["partial"]["f1"], s["partial"]["f1"]),
                      *(pair(o["by_type"][t]["f1"], s["by_type"][t]["f1"]) for t in TYPES))
    o, s = report["mean"]["storyline"], report["mean"]["spacy"]
    table.add_row("mean", "", pair(o["exact_f1"], s["exact_f1"]), pair(o["exact_r"], s["exact_r"]),
                  pair(o["partial_f1"], s["partial_f1"]), *(pair(o["by_type"][t], s["by_type"][t]) for t in TYPES))
    console.print(table)
    for row in report["corpora"]:
        console.print(f"{row['corpus']} ({row['docs']} docs): exact F1 storyline {row['storyline']:.3f}, "
                      f"spaCy {row['spacy']:.3f}")
    for t, kinds in report["errors"].items():
        console.print(f"{t} errors: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


@eval_app.command("ner")
def ner(
    conll: Annotated[
        Path, typer.Option("--conll", exists=True, dir_okay=False, help="CoNLL file (token first column).")
    ],
    output: Annotated[Path, typer.Option("--output", help="Where to write the tagged lines.")],
) -> None:
    """Tag CoNLL tokens: each line gets one more column, our IOB2 tag (PER/ORG/LOC/MISC)."""
    from evals.ner import predict_conll

    n = predict_conll(conll, output)
    console.print(f"tagged {n} tokens -> {output}")


@eval_app.command("roles")
def roles(
    shared: SharedOption = None,
    folds: Annotated[
        int, typer.Option("--folds", help="Pages dealt to this many folds; fold 0 is the tuning fold.")
    ] = 5,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write missed and spurious roles per page here.")
    ] = None,
) -> None:
    """Officials' and officers' roles on real DEV news pages against the hand-labelled roles gold, by fold."""
    import json

    from evals.roles_eval import eval_roles

    report = eval_roles(_shared(shared), folds)
    table = Table(title=f"Roles on {report['pages']} news pages ({report['roles']} gold roles), by fold")
    for column in ("fold", "pages", "gold", "predicted", "P", "R"):
        table.add_column(column, justify="right")
    for row in report["folds"]:
        name = f"{row['fold']} (tuning)" if row["fold"] == 0 else str(row["fold"])
        table.add_row(
            name,
            str(row["docs"]),
            str(row["gold"]),
            str(row["pred"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
        )
    console.print(table)
    m = report["check_mean"]
    console.print(f"held-out folds 1..{folds - 1}: mean precision {m['precision']:.3f}  mean recall {m['recall']:.3f}")
    if errors:
        errors.write_text(json.dumps(report["errors"], indent=1, ensure_ascii=False), encoding="utf-8")
