"""The learned PLOVER decision, chosen where the lexicon was never written: real news sentences scored in the inner CV,
a stacked override decision, MiniLM sentence vectors where the ``embeddings`` extra is installed.

Why the earlier procedure (:mod:`evals.plover_decide`, :mod:`evals.plover_real`) picked margin ``inf`` (the lexicon
wherever a trigger fires) once real sentences joined training: its inner CV scored only DEV and W-tune, the sentences
the lexicon was written and improved on, where the lexicon is right 114/158 and 207/286 times, while the real
sentences (R-train) were in every inner training set and never scored. On R-train, read by the same inner CV, the
lexicon is right 163/412 times and the model beats it by a wide margin. Here every training sentence is scored in a
*grouped* inner k-fold CV (near-duplicate sentences in one fold, :func:`evals.plover_written.duplicate_groups`), DEV
sentences with the lexicon masked to the words the inner training folds could have taught (as before).

The decision (:func:`storyline.enrich.event_model.decide_stacked`): where the lexicon's type and the model's top type
differ, a small logistic regression over the model's two probabilities, their log ratio and the lexicon's type
(how far that type's triggers are to be trusted) says which one to take; it is fitted on the inner CV's out-of-fold
probabilities of the training sentences (only sentences whose gold is one of the two). ``margin`` (the single
threshold of before) or ``stack`` is chosen by a second 5-fold CV over the same out-of-fold rows.

Model (:class:`Fit`): multinomial logistic regression over the sparse features of :mod:`storyline.enrich.event_model`
(``lexfeat``: with or without the lexicon's hits) beside ``beta`` x the MiniLM vector (``beta`` 0: no vector, the
path where the extra is missing), C, the real sentences' weight; codebook labels weigh 0.3. Two model files are built:
the sparse one (``beta`` 0 only in the grid; ``storyline/data/plover_model.json``) and, where the extra is installed,
the dense one (``plover_model_dense.json``).

Checks, each beside the lexicon (codebook naive Bayes where no trigger fires) on the same sentences:

* ``wcheck``: trained on codebook + DEV + W-tune + R-train (the pool, also what the inner CV reads), on W-check;
* ``rcheck``: trained on codebook + DEV + the written corpus + R-train (hyper-parameters and decision from the
  pool), on R-check;
* ``folds``: 5 DEV folds, trained on codebook + the written corpus + the other DEV folds + R-train, chosen by the
  inner CV on the other DEV folds + W-tune + R-train, the lexicon masked per fold as in :mod:`evals.plover`.

Result (2026-12-06; ``storyline eval plover --learned``, check figures run once), accuracy / macro-F1, beside the
lexicon on the same sentences:

* sparse (no lexicon features, C 3, real weight 1, stacked decision; nested CV: stack 0.631 vs margin 0.615 of the
  pool): W-check 0.722 / 0.711 (lexicon 0.703 / 0.701; where it fires 0.830 vs 0.839), R-check 0.580 / 0.477 (0.455 /
  0.368; where it fires 0.587 vs 0.473), DEV 5 folds 0.714 / 0.629 (0.727 / 0.636: 113 vs 115 of 158; where it
  fires 0.759 vs 0.794; stacked decision in every fold);
* dense (beta 6, C 3, lexicon features, margin 0.3; nested: margin 0.682 vs stack 0.681): W-check 0.784 / 0.771
  (where the lexicon fires 0.858 vs 0.839), R-check 0.670 / 0.592 (where it fires 0.689 vs 0.473), DEV 5 folds
  0.747 / 0.655 (118 of 158; where the lexicon fires 0.766; beta 6 in every fold; margin in three, stack in two).

The inner CV's accuracy on the pool: lexicon else model (margin inf) 0.598-0.618, sparse 0.620, dense 0.682; on its
412 R-train sentences the lexicon is right 163 times, the best beta-3 grid points 236-251. ``beta`` 6 is the grid's
edge (3 and 6 were the two best); larger values were not tried.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from pathlib import Path

from evals.plover import CodebookModel, folds_of
from evals.plover_decide import _scored
from evals.plover_written import REAL, Data, duplicate_groups, real_split, written_folds
from storyline.enrich import event_model, sent_embed
from storyline.enrich.event_types import PLOVER_TYPES

GRID = {"c": (1.0, 3.0), "beta": (0.0, 1.0, 3.0, 6.0), "real_weight": (0.5, 1.0), "lexfeat": (True, False)}
BOOK_WEIGHT = 0.3
STRONG = 1.0
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, math.inf)
STACK_C = 1.0
INNER_K = 4
STACK_K = 5
TYPES = sorted(PLOVER_TYPES)
_LEX = ("lex=", "lexfine=", "gov=", "rule=")
Row = tuple[str, int]


def load(path: Path | None = None, dense: bool | None = None) -> Data:
    """DEV, codebook, written and real sentences parsed once; MiniLM vectors (``data.emb``) where installed."""
    data = Data(path, real=REAL)
    data.emb = None
    if sent_embed.installed() if dense is None else dense:
        data.emb = {k: sent_embed.encode([d.text for d in docs]) for k, docs in data.docs.items()}
    return data


class Fit:
    """Sparse (+ dense) logistic regression on (kind, index) rows under a lexicon mask."""

    def __init__(self, data: Data, params: dict):
        self.data, self.p = data, params

    def _dicts(self, rows: list[Row], mask: frozenset[str]) -> list[dict[str, float]]:
        out = []
        for k, i in rows:
            f = self.data.features(k, event_model.GROUPS, mask)[i]
            if not self.p["lexfeat"]:
                f = [x for x in f if not x.startswith(_LEX)]
            out.append(event_model.vector(f, STRONG))
        return out

    def _x(self, rows: list[Row], mask: frozenset[str]):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        x = self.vec.transform(self._dicts(rows, mask))
        if self.p["beta"] > 0:
            dense = np.array([self.data.emb[k][i] for k, i in rows]) * self.p["beta"]
            x = hstack([x, csr_matrix(dense)]).tocsr()
        return x

    def weight(self, kind: str) -> float:
        return BOOK_WEIGHT if kind == "book" else self.p["real_weight"] if kind == "real" else 1.0

    def fit(self, train: list[Row], mask: frozenset[str]) -> Fit:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        rows = [("book", i) for i in range(len(self.data.labels["book"]))] + list(train)
        self.vec = DictVectorizer().fit(self._dicts(rows, mask))
        self.model = LogisticRegression(C=self.p["c"], max_iter=3000)
        self.model.fit(self._x(rows, mask), [self.data.labels[k][i] for k, i in rows],
                       sample_weight=[self.weight(k) for k, _ in rows])
        return self

    def proba(self, test: list[Row], mask: frozenset[str]) -> dict[Row, tuple]:
        """Per row: (classes, probabilities, the lexicon's decision)."""
        classes = [str(c) for c in self.model.classes_]
        probs = self.model.predict_proba(self._x(test, mask))
        feats = self.data.features
        return {r: (classes, [float(v) for v in p], event_model.rule_of(feats(r[0], event_model.GROUPS, mask)[r[1]]))
                for r, p in zip(test, probs)}

    def export(self) -> dict:
        """The fitted model as the JSON data :class:`storyline.enrich.event_model.PloverModel` reads."""
        coef, bias = self.model.coef_, self.model.intercept_
        names = list(self.vec.get_feature_names_out())
        weights = {}
        for j, name in enumerate(names):
            col = [round(float(coef[k][j]), 5) for k in range(len(self.model.classes_))]
            if any(abs(v) > 1e-4 for v in col):
                weights[str(name)] = col
        out = {"classes": [str(c) for c in self.model.classes_], "bias": [round(float(b), 5) for b in bias],
               "weights": weights, "strong": STRONG, "groups": list(event_model.GROUPS),
               "lexicon_features": bool(self.p["lexfeat"])}
        if self.p["beta"] > 0:  # the vector's weights, beta folded in: score += vector . dense[:, class]
            n = len(names)
            out["dense"] = [[round(float(coef[k][n + d]) * self.p["beta"], 6) for k in range(len(self.model.classes_))]
                            for d in range(sent_embed.DIM)]
        return out


def _groups(data: Data) -> dict[Row, int]:
    if not hasattr(data, "_dup_groups"):
        keys = [(k, i) for k in ("dev", "written", "real") for i in range(len(data.labels[k]))]
        g = duplicate_groups([data.docs[k][i].text for k, i in keys])
        data._dup_groups = dict(zip(keys, g))
    return data._dup_groups


def _dev_unseen(data: Data, test_dev: list[int], seen: list[Row]) -> frozenset[str]:
    if not test_dev:
        return frozenset()
    lem = data.lemmas
    known = set().union(*lem["book"], *(lem[k][i] for k, i in seen))
    return frozenset(set().union(*(lem["dev"][i] for i in test_dev)) - known)


def grid_points(dense: bool) -> list[dict]:
    betas = GRID["beta"] if dense else (0.0,)
    keys = list(GRID)
    return [dict(zip(keys, v)) for v in itertools.product(*(betas if k == "beta" else GRID[k] for k in keys))]


def inner_oof(data: Data, pool: list[Row], outer_mask: frozenset[str], points: list[dict], seed: int = 0):
    """Out-of-fold (classes, probabilities, rule) of every pool row for every grid point: grouped ``INNER_K``-fold
    CV, DEV test rows masked to the words their inner training folds could have taught."""
    groups = _groups(data)
    ids = sorted({groups[r] for r in pool})
    random.Random(seed).shuffle(ids)
    fold_of = {g: j % INNER_K for j, g in enumerate(ids)}
    splits = []
    for f in range(INNER_K):
        te = [r for r in pool if fold_of[groups[r]] == f]
        tr = [r for r in pool if fold_of[groups[r]] != f]
        splits.append((tr, te, outer_mask | _dev_unseen(data, [i for k, i in te if k == "dev"],
                                                        [r for r in tr if r[0] == "dev"])))
    out = []
    for p in points:
        res = {}
        for tr, te, mask in splits:
            res.update(Fit(data, p).fit(tr, mask).proba(te, mask))
        out.append((p, res))
    return out


def _margin_hits(res: dict, rows: list[Row], gold: dict, m: float) -> int:
    return sum(event_model.decide(res[r][2], res[r][0], res[r][1], m)[0] == gold[r] for r in rows)


def fit_stack(res: dict, rows: list[Row], gold: dict) -> dict | None:
    """The override model on the rows where the lexicon and the model's top type differ and the gold is one of them
    (``None`` when those rows hold one outcome only)."""
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for r in rows:
        classes, probs, rule = res[r]
        top = classes[max(range(len(classes)), key=lambda k: probs[k])]
        if rule is None or rule not in classes or top == rule or gold[r] not in (top, rule):
            continue
        x.append(event_model.stack_features(rule, classes, probs, TYPES))
        y.append(int(gold[r] == top))
    if len(set(y)) < 2:
        return None
    m = LogisticRegression(C=STACK_C, max_iter=2000).fit(x, y)
    return {"coef": [round(float(v), 5) for v in m.coef_[0]], "bias": round(float(m.intercept_[0]), 5),
            "types": TYPES}


def _stack_hits(res: dict, rows: list[Row], gold: dict, stack: dict | None) -> int:
    return sum(event_model.decide_stacked(res[r][2], res[r][0], res[r][1], stack)[0] == gold[r] for r in rows)


def choose(data: Data, oof: list) -> dict:
    """The grid point and margin with the most inner-CV hits; then margin or stacked override by a ``STACK_K``-fold CV
    over the out-of-fold rows (the stack fitted on the other folds' rows, the margin chosen on them)."""
    best, best_hits = None, -1
    for p, res in oof:
        gold = {r: data.labels[r[0]][r[1]] for r in res}
        for m in MARGINS:
            h = _margin_hits(res, list(res), gold, m)
            if h > best_hits:
                best, best_hits, best_res = {**p, "margin": m}, h, res
    rows = list(best_res)
    gold = {r: data.labels[r[0]][r[1]] for r in rows}
    order = list(rows)
    random.Random(1).shuffle(order)
    parts = [order[f::STACK_K] for f in range(STACK_K)]
    hits = {"margin": 0, "stack": 0}
    for f in range(STACK_K):
        tr = [r for g in range(STACK_K) if g != f for r in parts[g]]
        m = max(MARGINS, key=lambda v: _margin_hits(best_res, tr, gold, v))  # the first best
        hits["margin"] += _margin_hits(best_res, parts[f], gold, m)
        hits["stack"] += _stack_hits(best_res, parts[f], gold, fit_stack(best_res, tr, gold))
    decision = "stack" if hits["stack"] > hits["margin"] else "margin"
    stack = fit_stack(best_res, rows, gold) if decision == "stack" else None
    return {**best, "decision": decision, "stack": stack, "inner_accuracy": round(best_hits / len(rows), 4),
            "nested": {k: round(v / len(rows), 4) for k, v in hits.items()}}


def decide_rows(data: Data, params: dict, train: list[Row], test: list[Row], mask: frozenset[str]):
    res = Fit(data, params).fit(train, mask).proba(test, mask)
    if params["decision"] == "stack":
        pred = {r: event_model.decide_stacked(v[2], v[0], v[1], params["stack"])[0] for r, v in res.items()}
    else:
        pred = {r: event_model.decide(v[2], v[0], v[1], params["margin"])[0] for r, v in res.items()}
    return pred, {r: v[2] for r, v in res.items()}


def splits(data: Data) -> dict[str, list[Row]]:
    tune, check = written_folds(data, 2)
    r_train, r_check = real_split([r["text"] for r in data.real], data.labels["real"])
    dev = [("dev", i) for i in range(len(data.labels["dev"]))]
    return {"dev": dev, "wtune": [("written", i) for i in tune], "wcheck": [("written", i) for i in check],
            "rtrain": [("real", i) for i in r_train], "rcheck": [("real", i) for i in r_check]}


def checks(data: Data, params: dict) -> dict:
    """W-check and R-check with chosen ``params`` (one fit each), beside the lexicon on the same sentences."""
    s = splits(data)
    nb = CodebookModel(data.dev.book_docs, data.labels["book"])
    out = {}
    for name, train in (("wcheck", s["dev"] + s["wtune"] + s["rtrain"]),
                        ("rcheck", s["dev"] + s["wtune"] + s["wcheck"] + s["rtrain"])):
        pred, rules = decide_rows(data, params, train, s[name], frozenset())
        lex = {r: rules[r] or nb.predict(data.docs[r[0]][r[1]]) for r in rules}
        fired = [r for r in s[name] if rules[r]]
        out[name] = {"all": _scored(data, s[name], {"decision": pred, "lexicon": lex}),
                     "fired": _scored(data, fired, {"decision": pred, "lexicon": lex})}
    return out


def dev_folds(data: Data, dense: bool, k: int = 5, only=None, oofs: dict | None = None) -> dict:
    """5 DEV folds, lexicon masked per fold; everything chosen by the inner CV on the fold's training pool."""
    s = splits(data)
    nb = CodebookModel(data.dev.book_docs, data.labels["book"])
    folds = folds_of(len(data.labels["dev"]), k)
    rows = []
    for f, test_idx in enumerate(folds):
        if only is not None and f not in only:
            continue
        train_idx = [i for g, fold in enumerate(folds) if g != f for i in fold]
        mask = data.unseen(test_idx, train_idx)
        pool = [("dev", i) for i in train_idx] + s["wtune"] + s["rtrain"]
        oof = (oofs or {}).get(f) or inner_oof(data, pool, mask, grid_points(dense))
        params = choose(data, [(p, r) for p, r in oof if dense or p["beta"] == 0])
        test = [("dev", i) for i in test_idx]
        train = [("dev", i) for i in train_idx] + s["wtune"] + s["wcheck"] + s["rtrain"]
        pred, rules = decide_rows(data, params, train, test, mask)
        lex = {r: rules[r] or nb.predict(data.docs[r[0]][r[1]]) for r in rules}
        fired = [r for r in test if rules[r]]
        rows.append({"fold": f, "params": {k: v for k, v in params.items() if k != "stack"},
                     **_scored(data, test, {"decision": pred, "lexicon": lex}),
                     "fired": _scored(data, fired, {"decision": pred, "lexicon": lex})})
    mean = {n: {m: sum(r[n][m] for r in rows) / len(rows) for m in ("accuracy", "macro_f1")}
            for n in ("decision", "lexicon")}
    return {"folds": rows, "mean": mean}


def pool_rows(data: Data) -> list[Row]:
    s = splits(data)
    return s["dev"] + s["wtune"] + s["rtrain"]


def eval_learned(path: Path | None = None, data: Data | None = None, folds: bool = True) -> dict:
    """Check figures first (W-check, R-check), then the DEV folds; the sparse path and, where the extra is installed,
    the dense one."""
    started = time.perf_counter()
    data = data or load(path)
    paths = ("sparse", "dense") if data.emb is not None else ("sparse",)
    oof = inner_oof(data, pool_rows(data), frozenset(), grid_points(data.emb is not None))
    out: dict = {}
    for name in paths:
        params = choose(data, [(p, r) for p, r in oof if name == "dense" or p["beta"] == 0])
        out[name] = {"params": params, **checks(data, params)}
        if folds:
            out[name]["folds"] = dev_folds(data, name == "dense")
    out["seconds"] = time.perf_counter() - started
    return out


def build(path: Path | None = None, data: Data | None = None, dense: bool = False, params: dict | None = None) -> dict:
    """Choose on the pool (DEV + W-tune + R-train), train on codebook + DEV + the written corpus + every typed real
    sentence, write the sparse model file (``dense``: the dense one, which needs the extra)."""
    data = data or load(path, dense=dense)
    if dense and data.emb is None:
        raise RuntimeError("the embeddings extra is not installed: pip install -e '.[embeddings]'")
    if params is None:
        params = choose(data, inner_oof(data, pool_rows(data), frozenset(), grid_points(dense)))
    s = splits(data)
    rows = s["dev"] + s["wtune"] + s["wcheck"] + s["rtrain"] + s["rcheck"]
    fitted = Fit(data, params).fit(rows, frozenset())
    margin = "inf" if math.isinf(params["margin"]) else params["margin"]  # JSON has no infinity
    chosen = {k: v for k, v in params.items() if k != "stack"}
    chosen |= {"margin": margin, "cv": "grouped inner 4-fold on DEV + W-tune + R-train"}
    model = {**fitted.export(), "margin": margin, "decision": params["decision"], "stack": params["stack"],
             "chosen_by": chosen,
             "trained_on": {"codebook_labels": len(data.labels["book"]), "dev_sentences": len(s["dev"]),
                            "written_sentences": len(s["wtune"]) + len(s["wcheck"]),
                            "real_sentences": len(s["rtrain"]) + len(s["rcheck"]),
                            "source": "openeventdata/PLOVER gold standard (CC BY-SA 4.0), DEV half; CAMEO codebook "
                                      "labels (MIT); evals/data/plover/written.jsonl and "
                                      "evals/data/plover_real/real.jsonl (written / hand-labelled for this project)"}}
    out = event_model.DENSE_MODEL_PATH if dense else event_model.MODEL_PATH
    Path(out).write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    event_model.clear_cache()
    return {"bytes": Path(out).stat().st_size, "params": chosen, "features": len(model["weights"])}


def eval_fixed(dense: bool = False, data: Data | None = None) -> dict:
    """W-check and R-check with the shipped model file's choice (no inner CV: one fit per check; for the floors)."""
    shipped = json.loads((event_model.DENSE_MODEL_PATH if dense else event_model.MODEL_PATH).read_text("utf-8"))
    params = {k: shipped["chosen_by"][k] for k in GRID} | {"margin": float(shipped["margin"]),
                                                           "decision": shipped["decision"], "stack": shipped["stack"]}
    data = data or load(dense=dense)
    return {"params": params, **checks(data, params)}
