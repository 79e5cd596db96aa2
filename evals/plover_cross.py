"""PLOVER event typing across two corpora written apart: which typer holds on sentences it never saw?

The hand lexicon (:mod:`storyline.enrich.event_types`) was written while reading the DEV gold, so its DEV
score (0.80) says little: on the held-out gold half it scored 0.63. The written corpus (``evals/data/plover``,
559 sentences written from the codebooks without reading DEV) is the other side: each corpus is the
held-out set of whatever was tuned on the other. The written corpus is cut in two halves by type
(:func:`halves`): the lexicon was improved on **W-tune** only (issue 19), so **W-check** is a set neither the
lexicon nor any choice made here has read.

Settings (:func:`eval_cross`), each scoring the lexicon (codebook naive Bayes when no trigger fires), the
learned model of :mod:`storyline.enrich.event_model` (lemmas, syntax, arguments, the lexicon's hits as
features), "lexicon, else the model" and, where the ``embeddings`` extra is installed, the model with the
MiniLM sentence embedding beside its sparse features:

* ``to_wcheck``: trained on codebook + DEV + W-tune, scored on W-check. Equal footing: the lexicon and the
  model have read the same sentences.
* ``to_dev``: trained on codebook + the whole written corpus, scored on every DEV record with the lexicon
  masked to the written and codebook vocabulary (as :mod:`evals.plover` masks it). Favours the lexicon: its
  rules were still written from these sentences.
* ``union``: 5 folds over DEV and the written corpus together (:func:`evals.plover.folds_of` on DEV,
  :func:`evals.plover_written.written_folds` on the written), trained on the other folds of both, the lexicon
  masked per DEV fold; scored per corpus and on the W-check sentences alone.

Every setting also scores the sentences where the lexicon fires (``fired``): the product types only event
mentions, which always have a trigger, so that subset decides whether a model should replace the lexicon
there. Hyper-parameters come from an inner k-fold CV on each setting's training sentences (small grids).
"""

from __future__ import annotations

from pathlib import Path

from evals.folds import inner_grid_search
from evals.plover import CodebookModel, folds_of, score
from evals.plover_written import Data, written_folds
from storyline.enrich import event_model
from storyline.enrich import event_types as et

GRID_SPARSE = {"c": (0.3, 1.0), "strong": (3.0,), "book_weight": (0.1,)}
GRID_DENSE = {"c": (1.0, 3.0), "strong": (3.0,), "book_weight": (0.1,), "beta": (1.0, 3.0)}
INNER_K = 4
K = 5


def halves(data: Data) -> tuple[list[int], list[int]]:
    """(W-tune, W-check): the written corpus cut in two, every type in both (seeded, deterministic)."""
    tune, check = written_folds(data, 2)
    return tune, check


class _Fitter:
    """Logistic regression over the sparse features (and optionally the MiniLM embedding) of (corpus, index)
    rows; the codebook labels are always in training."""

    def __init__(self, data: Data, masks: dict[str, frozenset[str]], dense: bool = False):
        self.data, self.masks, self.dense = data, masks, dense
        self.emb = None
        if dense:
            from evals.plover_written_dense import embeddings

            self.emb = embeddings(data)

    def _x(self, rows, params, vec=None):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction import DictVectorizer

        feats = {k: self.data.features(k, event_model.GROUPS, self.masks.get(k, frozenset()))
                 for k in ("dev", "book", "written")}
        dicts = [event_model.vector(feats[k][i], params["strong"]) for k, i in rows]
        vec = vec or DictVectorizer().fit(dicts)
        x = vec.transform(dicts)
        if self.dense:
            x = hstack([x, csr_matrix(np.vstack([self.emb[k][i] for k, i in rows]) * params["beta"])]).tocsr()
        return x, vec

    def fit_predict(self, train: list[tuple[str, int]], test: list[tuple[str, int]], params: dict) -> list[str]:
        from sklearn.linear_model import LogisticRegression

        rows = [("book", i) for i in range(len(self.data.labels["book"]))] + list(train)
        weights = [params["book_weight"]] * len(self.data.labels["book"]) + [1.0] * len(train)
        x, vec = self._x(rows, params)
        model = LogisticRegression(C=params["c"], max_iter=3000)
        model.fit(x, [self.data.labels[k][i] for k, i in rows], sample_weight=weights)
        return [str(p) for p in model.predict(self._x(test, params, vec)[0])]

    def choose(self, train: list[tuple[str, int]], seed: int = 0) -> dict:
        """Hyper-parameters by inner k-fold CV on the training rows only."""
        grid = GRID_DENSE if self.dense else GRID_SPARSE

        def hits_of(params: dict, tr: list, te: list) -> int:
            return sum(p == self.data.labels[k][i] for p, (k, i) in zip(self.fit_predict(tr, te, params), te))

        best, best_acc = inner_grid_search(grid, train, INNER_K, hits_of, seed)
        return {**best, "inner_accuracy": round(best_acc, 3)}


def _lexicon(data: Data, rows, masks: dict[str, frozenset[str]]) -> dict:
    """The lexicon's decision per row (``None`` where no trigger fires), each corpus under its mask."""
    out = {}
    for kind in {k for k, _ in rows}:
        with et.without_triggers(set(masks.get(kind, frozenset()))):
            out.update({(k, i): et.sentence_plover(data.docs[k][i]) for k, i in rows if k == kind})
    return out


def _scores(data: Data, rows, preds: dict[str, dict], fired: dict) -> dict:
    """Accuracy / macro-F1 of each classifier on ``rows`` and on the rows where the lexicon fires."""
    out = {}
    for part, sel in (("all", list(rows)), ("fired", [r for r in rows if fired[r] is not None])):
        gold = {f"{k}:{i}": data.labels[k][i] for k, i in sel}
        out[part] = {name: score(gold, {f"{k}:{i}": p[(k, i)] for k, i in sel}) for name, p in preds.items()}
    return out


def _classify(data: Data, train, test, masks, nb, dense: bool, params: dict) -> tuple[dict, dict]:
    """Predictions of every classifier on ``test`` (trained on ``train``; hyper-parameters into ``params``) and
    the lexicon's own decision (``None`` where it does not fire)."""
    fired = _lexicon(data, test, masks)
    preds = {"lexicon": {r: fired[r] or nb.predict(data.docs[r[0]][r[1]]) for r in test}}
    for name, with_emb in (("model", False),) + ((("model_minilm", True),) if dense else ()):
        fitter = _Fitter(data, masks, with_emb)
        params[name] = fitter.choose(train)
        pred = dict(zip(test, fitter.fit_predict(train, test, params[name])))
        preds[name] = pred
        preds[f"lexicon_else_{name}"] = {r: fired[r] or pred[r] for r in test}
    return preds, fired


def eval_cross(path: Path | None = None, data: Data | None = None, dense: bool | None = None) -> dict:
    """The three settings; ``dense`` (default: where the extra is installed) adds the MiniLM rows."""
    data = data or Data(path)
    dense = (data.dev.emb is not None) if dense is None else dense
    nb = CodebookModel(data.dev.book_docs, data.labels["book"])
    tune, check = halves(data)
    dev = [("dev", i) for i in range(len(data.labels["dev"]))]
    out: dict = {"n": {"dev": len(dev), "w_tune": len(tune), "w_check": len(check)}, "dense": dense, "params": {}}

    test = [("written", i) for i in check]
    preds, fired = _classify(data, dev + [("written", i) for i in tune], test, {}, nb, dense,
                             out["params"].setdefault("to_wcheck", {}))
    out["to_wcheck"] = _scores(data, test, preds, fired)

    mask = data.unseen(list(range(len(dev))), [], extra=("written",))
    preds, fired = _classify(data, [("written", i) for i in range(len(data.written))], dev, {"dev": mask}, nb,
                             dense, out["params"].setdefault("to_dev", {}))
    out["to_dev"] = _scores(data, dev, preds, fired)

    dev_folds, w_folds = folds_of(len(dev), K), written_folds(data, K)
    preds_all: dict[str, dict] = {}
    fired_all: dict = {}
    for f in range(K):
        dev_train = [i for g in range(K) if g != f for i in dev_folds[g]]
        w_train = [i for g in range(K) if g != f for i in w_folds[g]]
        mask = data.unseen(dev_folds[f], dev_train, extra=("written",))
        train = [("dev", i) for i in dev_train] + [("written", i) for i in w_train]
        test = [("dev", i) for i in dev_folds[f]] + [("written", i) for i in w_folds[f]]
        preds, fired = _classify(data, train, test, {"dev": mask}, nb, dense, out["params"].setdefault(f"fold{f}", {}))
        fired_all.update(fired)
        for name, p in preds.items():
            preds_all.setdefault(name, {}).update(p)
    out["union_dev"] = _scores(data, dev, preds_all, fired_all)
    out["union_written"] = _scores(data, [("written", i) for i in range(len(data.written))], preds_all, fired_all)
    out["union_wcheck"] = _scores(data, [("written", i) for i in check], preds_all, fired_all)
    return out
