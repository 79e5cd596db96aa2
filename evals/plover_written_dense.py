"""The written-corpus PLOVER model with MiniLM sentence embeddings beside the sparse features.

One logistic regression over [the sparse features of :mod:`storyline.enrich.event_model` ; ``beta`` x the
MiniLM embedding], trained on codebook labels + the written corpus + the DEV training folds; C, ``beta``, the
codebook weight and the weight of the lexicon's decision chosen by inner CV on the training folds, as in
:func:`evals.plover_written.eval_written_folds`. Needs the ``embeddings`` extra (torch); scored only where it
is installed. Off the product path: nothing here is wired into :mod:`storyline.enrich`.
"""

from __future__ import annotations

from evals.folds import inner_grid_search
from evals.plover import CodebookModel, _lexicon_labels, folds_of, score
from evals.plover_written import INNER_K, Data, _rule
from storyline.enrich import event_model
from storyline.enrich import event_types as et

GRID = {"c": (1.0, 3.0), "beta": (1.0, 3.0), "book_weight": (0.1, 0.3), "strong": (3.0,)}


def embeddings(data: Data):
    from storyline.stories import embed

    if data.dev.emb is None:
        raise RuntimeError("the embeddings extra is not installed")
    if not hasattr(data, "written_emb"):
        data.written_emb = embed.MiniLMEmbedder().encode([r["text"] for r in data.written])
    return {"dev": data.dev.emb, "book": data.dev.book_emb, "written": data.written_emb}


def _design(data: Data, groups, mask, rows: list[tuple[str, int]], params, vec=None):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer

    emb = embeddings(data)
    feats = {k: data.features(k, groups, mask) for k in ("dev", "book", "written")}
    dicts = [event_model.vector(feats[k][i], params["strong"]) for k, i in rows]
    if vec is None:
        vec = DictVectorizer().fit(dicts)
    dense = np.vstack([emb[k][i] for k, i in rows]) * params["beta"]
    return hstack([vec.transform(dicts), csr_matrix(dense)]).tocsr(), vec


def fit_predict(data: Data, groups, mask, train: list[int], test: list[int], params) -> list[str]:
    from sklearn.linear_model import LogisticRegression

    rows = [("book", i) for i in range(len(data.dev.book))] + [("written", i) for i in range(len(data.written))]
    rows += [("dev", i) for i in train]
    w = [params["book_weight"]] * len(data.dev.book) + [1.0] * len(data.written) + [1.0] * len(train)
    y = [data.labels[k][i] for k, i in rows]
    x, vec = _design(data, groups, mask, rows, params)
    model = LogisticRegression(C=params["c"], max_iter=3000).fit(x, y, sample_weight=w)
    xt, _ = _design(data, groups, mask, [("dev", i) for i in test], params, vec)
    return [str(p) for p in model.predict(xt)]


def choose(data: Data, groups, train: list[int], outer_mask, seed: int = 0) -> dict:
    def hits_of(params: dict, tr: list, te: list) -> int:
        pred = fit_predict(data, groups, outer_mask | data.unseen(te, tr), tr, te, params)
        return sum(p == data.labels["dev"][i] for p, i in zip(pred, te))

    best, best_acc = inner_grid_search(GRID, train, INNER_K, hits_of, seed)
    return {**best, "inner_accuracy": best_acc}


def eval_dense_folds(data: Data, k: int = 5) -> dict:
    folds = folds_of(len(data.dev.records), k)
    fallback = CodebookModel(data.dev.book_docs, data.labels["book"])
    rows = []
    for f, test in enumerate(folds):
        train = [i for g, fold in enumerate(folds) if g != f for i in fold]
        mask = data.unseen(test, train)
        uids = [data.dev.records[i]["uid"] for i in test]
        gold = {u: data.labels["dev"][i] for u, i in zip(uids, test)}
        params = choose(data, event_model.GROUPS, train, mask)
        pred = dict(zip(uids, fit_predict(data, event_model.GROUPS, mask, train, test, params)))
        feats = data.features("dev", event_model.GROUPS, mask)
        rule = {u: _rule(feats[i]) for u, i in zip(uids, test)}
        with et.without_triggers(set(mask)):
            lex = _lexicon_labels(data.dev, test, fallback)
        rows.append({"fold": f, "n": len(test), "dense": {**score(gold, pred), "params": params},
                     "lexicon_else_dense": score(gold, {u: rule[u] or pred[u] for u in uids}),
                     "lexicon": score(gold, lex)})
    names = ("dense", "lexicon_else_dense", "lexicon")
    mean = {n: {m: sum(r[n][m] for r in rows) / k for m in ("accuracy", "macro_f1")} for n in names}
    return {"folds": rows, "mean": mean}
