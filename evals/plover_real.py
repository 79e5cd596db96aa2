"""The learned PLOVER decision with hand-labelled real news sentences in training (``evals/data/plover_real``).

The DEV gold has 158 sentences and the written corpus 559 written ones; ``real.jsonl`` adds news sentences from DEV
documents that are not PLOVER gold, labelled by hand from the codebooks blind to the system's prediction (see its
README). Only the typed ones (not ``NONE``) are used. They are cut once into **R-train** (70%) and **R-check**
(30%, :func:`real_split`, near-duplicate sentences kept on one side), and R-train joins the training data of
:mod:`evals.plover_decide` with a weight (``real_weight``, 0 = not used) chosen with the other hyper-parameters by
the same inner CV, whose scored sentences stay DEV + W-tune: the real sentences are in every inner training set and
never scored (:meth:`Decider.choose` ``always``). Three checks, each beside the lexicon (codebook naive Bayes where
no trigger fires) on the same sentences:

* ``wcheck``: trained on codebook + DEV + W-tune + R-train, scored on W-check;
* ``folds``: 5 DEV folds, trained on codebook + the written corpus + the other DEV folds + R-train, lexicon masked
  per fold as in :mod:`evals.plover`;
* ``rcheck``: trained on codebook + DEV + the written corpus + R-train (hyper-parameters by CV on DEV + W-tune),
  scored on R-check, beside the shipped model file (which never saw a real sentence).

Each check also scores the **current model** on the same sentences: the same inner CV restricted to
``real_weight`` 0 (:func:`current_choice`; the real rows then leave training), which is the procedure of
:func:`evals.plover_decide.eval_decide` and of the shipped model file before the real sentences, computed in the same
run (it reproduces their W-check 0.722 / 0.707).

Result (2026-12-06; 588 typed real sentences, R-train 412, R-check 176), accuracy / macro-F1, lexicon | model before
| with R-train: R-check 0.455 / 0.368 | 0.466 / 0.382 | 0.472 / 0.386; W-check 0.703 / 0.701 | 0.722 / 0.707 |
0.729 / 0.717; DEV 5 folds 0.727 / 0.636 | 0.733 / 0.652 | 0.740 / 0.641 (real weight 0.5, 0.5, 1, 0.5, 0 by fold,
margin inf in four). Where the lexicon fires: R-check 0.473 for all three, W-check 0.839 | 0.844 | 0.839, DEV folds
0.794 | 0.787 | 0.794. Chosen for R-check / W-check: real weight 0.5, C 3, no lexicon features, margin inf (the
lexicon decides wherever it fires). Accuracy up by 1-2 sentences on every check, DEV macro-F1 down 0.011. **Not
shipped**: margin inf makes the lexicon the decision for every event mention (the product types only sentences with a
trigger), which issue 19 asks the model not to leave to the lexicon, for a gain of one or two sentences per check;
the shipped model stayed the one before (``build(real=None)``, the default) until :mod:`evals.plover_learned`, whose
inner CV also scores R-train. By stratum of R-check: the lexicon
0.463 on the 108 ``trigger`` sentences, 0.526 on ``rare``, 0.360 on ``keyword``.

``storyline eval plover --real`` runs it all in one process; ``python -m evals.plover_real OUT.json 0,1`` and
``... OUT2.json --no-checks 2,3,4`` run it in two parts (:func:`merge_folds` joins the folds).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from evals.plover import CodebookModel, folds_of, score
from evals.plover_decide import GRID, MARGINS, REAL_WEIGHTS, Decider, _lexicon_nb, _scored
from evals.plover_written import REAL, Data, real_split, written_folds

REAL_GRID = {**GRID, "real_weight": REAL_WEIGHTS}


def current_choice(table: list[dict]) -> dict:
    """The current model's hyper-parameters from the inner-CV table of a run with the real sentences: the best grid
    point with ``real_weight`` 0 (the real rows then leave training), found in the grid's order as
    :meth:`Decider.choose` finds it, so the same as a run without them."""
    best, best_hits = None, -1
    for row in table:
        if row["real_weight"] != 0:
            continue
        for m in MARGINS:
            if row[str(m)] > best_hits:
                best, best_hits = {k: row[k] for k in REAL_GRID} | {"margin": m}, row[str(m)]
    return best


def _choose(dec: Decider, train: list[tuple[str, int]], mask: frozenset[str], r_train: list[tuple[str, int]]):
    """(with the real sentences, the current model's) hyper-parameters by one inner CV."""
    params = dec.choose(train, mask, always=tuple(r_train))
    return params, current_choice(dec.table)


def _choose_on_dev_wtune(dec: Decider, r_train: list[tuple[str, int]]):
    """The hyper-parameters of the R-check and W-check settings (the same inner CV for both: DEV + W-tune)."""
    tune, _check = written_folds(dec.data, 2)
    train = [("dev", i) for i in range(len(dec.data.labels["dev"]))] + [("written", i) for i in tune]
    return _choose(dec, train, frozenset(), r_train)


def _wcheck(dec: Decider, nb: CodebookModel, r_train: list[tuple[str, int]], chosen: tuple[dict, dict]) -> dict:
    data = dec.data
    params, base = chosen
    tune, check = written_folds(data, 2)
    train = [("dev", i) for i in range(len(data.labels["dev"]))] + [("written", i) for i in tune]
    test = [("written", i) for i in check]
    pred, rules = dec.decide_rows(train + r_train, test, frozenset(), params)
    current, _ = dec.decide_rows(train + r_train, test, frozenset(), base)
    fired = [r for r in test if rules[r]]
    preds = {"lexicon": _lexicon_nb(data, nb, rules), "current": current, "decision": pred}
    return {"params": params, "current_params": base, "all": _scored(data, test, preds),
            "fired": _scored(data, fired, preds), "n": len(test)}


def _folds(dec: Decider, nb: CodebookModel, r_train: list[tuple[str, int]], k: int = 5,
           only: tuple[int, ...] | None = None) -> dict:
    data = dec.data
    tune, _check = written_folds(data, 2)
    written = [("written", i) for i in range(len(data.labels["written"]))]
    folds = folds_of(len(data.labels["dev"]), k)
    rows, preds_all, rules_all = [], {"decision": {}, "current": {}, "lexicon": {}}, {}
    for f, test_idx in enumerate(folds):
        if only is not None and f not in only:
            continue
        train_idx = [i for g, fold in enumerate(folds) if g != f for i in fold]
        mask = data.unseen(test_idx, train_idx)
        params, base = _choose(dec, [("dev", i) for i in train_idx] + [("written", i) for i in tune], mask, r_train)
        test = [("dev", i) for i in test_idx]
        train = [("dev", i) for i in train_idx] + written + r_train
        pred, rules = dec.decide_rows(train, test, mask, params)
        current, _ = dec.decide_rows(train, test, mask, base)
        preds = {"decision": pred, "current": current, "lexicon": _lexicon_nb(data, nb, rules)}
        rows.append({"fold": f, "params": params, "current_params": base, **_scored(data, test, preds)})
        for name, p in preds.items():
            preds_all[name].update(p)
        rules_all.update(rules)
    return _folds_summary(data, rows, preds_all, rules_all)


def _folds_summary(data: Data, rows: list[dict], preds_all: dict, rules_all: dict) -> dict:
    """Mean over the folds and the scores where the lexicon fires; per sentence the gold, both types and the rule
    (so runs over parts of the folds can be merged: :func:`merge_folds`)."""
    preds = {f"{k}:{i}": {"gold": data.labels[k][i], "rule": rules_all[(k, i)]}
             | {n: p[(k, i)] for n, p in preds_all.items()} for k, i in rules_all}
    return {"folds": rows, **_summary(rows, preds), "preds": preds}


def _summary(rows: list[dict], preds: dict) -> dict:
    names = ("decision", "current", "lexicon")
    mean = {n: {m: sum(r[n][m] for r in rows) / len(rows) for m in ("accuracy", "macro_f1")} for n in names}
    fired = [k for k, v in preds.items() if v["rule"]]
    gold = {k: preds[k]["gold"] for k in fired}
    return {"mean": mean, "fired": {n: score(gold, {k: preds[k][n] for k in fired}) for n in names},
            "n_fired": len(fired)}


def _rcheck(dec: Decider, nb: CodebookModel, r_train: list[tuple[str, int]], r_check: list[int],
            chosen: tuple[dict, dict]) -> dict:
    data = dec.data
    params, base = chosen
    dev = [("dev", i) for i in range(len(data.labels["dev"]))]
    written = [("written", i) for i in range(len(data.labels["written"]))]
    test = [("real", i) for i in r_check]
    pred, rules = dec.decide_rows(dev + written + r_train, test, frozenset(), params)
    current, _ = dec.decide_rows(dev + written + r_train, test, frozenset(), base)
    preds = {"lexicon": _lexicon_nb(data, nb, rules), "current": current, "decision": pred}
    fired = [r for r in test if rules[r]]
    by_stratum = {}
    for stratum in sorted({data.real[i]["stratum"] for i in r_check}):
        rows = [r for r in test if data.real[r[1]]["stratum"] == stratum]
        by_stratum[stratum] = {"n": len(rows), **_scored(data, rows, preds)}
    return {"params": params, "current_params": base, "all": _scored(data, test, preds),
            "fired": _scored(data, fired, preds), "n": len(test), "n_fired": len(fired), "by_stratum": by_stratum}


def eval_real(path: Path | None = None, real: Path = REAL, data: Data | None = None, checks: bool = True,
              folds: tuple[int, ...] | None = (0, 1, 2, 3, 4)) -> dict:
    """R-check and W-check first, then the DEV folds (``folds``: which of the 5; ``None`` none), each with R-train in
    training."""
    started = time.perf_counter()
    data = data or Data(path, real=real)
    dec = Decider(data, REAL_GRID)
    nb = CodebookModel(data.dev.book_docs, data.labels["book"])
    r_train_idx, r_check = real_split([r["text"] for r in data.real], data.labels["real"])
    r_train = [("real", i) for i in r_train_idx]
    out = {"n_real": len(data.real), "n_rtrain": len(r_train), "n_rcheck": len(r_check)}
    if checks:
        chosen = _choose_on_dev_wtune(dec, r_train)
        out |= {"rcheck": _rcheck(dec, nb, r_train, r_check, chosen), "wcheck": _wcheck(dec, nb, r_train, chosen)}
    if folds:
        out["folds"] = _folds(dec, nb, r_train, only=folds)
    out["seconds"] = time.perf_counter() - started
    return out


def merge_folds(parts: list[dict]) -> dict:
    """One ``folds`` report from runs over disjoint subsets of the 5 folds (``python -m evals.plover_real``)."""
    rows = sorted((r for p in parts for r in p["folds"]["folds"]), key=lambda r: r["fold"])
    preds = {k: v for p in parts for k, v in p["folds"]["preds"].items()}
    return {"folds": rows, **_summary(rows, preds), "preds": preds}


if __name__ == "__main__":
    import sys

    # python -m evals.plover_real OUT.json [--no-checks] [--folds 0,1]: one part of `storyline eval plover --real`
    only = next((tuple(int(f) for f in a.split(",")) for a in sys.argv if a[:1].isdigit()), (0, 1, 2, 3, 4))
    result = eval_real(checks="--no-checks" not in sys.argv, folds=only if "--no-folds" not in sys.argv else None)
    Path(sys.argv[1]).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
