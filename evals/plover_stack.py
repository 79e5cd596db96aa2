"""PLOVER typing by a stacked classifier: the trigger lexicon's hits as features beside MiniLM sentence embeddings.

One logistic regression over [``alpha`` x lexicon one-hots (the sentence decision ``rule=``, the governing
trigger ``gov=``, each trigger's type ``lex=``) ; the MiniLM embedding of the sentence], trained on the training
folds' sentences plus the PLOVER/CAMEO codebook labels (weighted ``book_weight``). ``C``, ``alpha`` and
``book_weight`` are chosen by an inner k-fold CV on the training folds only, so the outer held-out fold is never
read while choosing them. The lexicon is masked per outer fold as in :mod:`evals.plover` (entries made only of
words unseen in the training folds and codebook are removed). Scored beside the lexicon on the same folds, alone
and as "lexicon, else stacked" (the lexicon decides where it fires).

Result (2026-12-06, 5 folds of the 158 DEV records, ``eval_stacked_folds``): stacked 0.670 accuracy / 0.577
macro-F1, "lexicon, else stacked" 0.702 / 0.607, against the masked lexicon's 0.714 / 0.628 on the same folds;
a wider grid (C 0.25-16, alpha 1-8, codebook weight 0.1-1) gave 0.676 / 0.588 and 0.702 / 0.608. It does not beat
the lexicon, so nothing of it is wired into the product (:func:`storyline.enrich.event_model.sentence_type`).
Needs the ``embeddings`` extra; run with ``OMP_NUM_THREADS=1`` on a shared machine (about a minute of fitting).
"""

from __future__ import annotations

import itertools

from storyline.enrich import event_types as et
from storyline.enrich.event_types import PLOVER_TYPES

_PREFIXES = ("rule=", "gov=", "lex=")
GRID = {"c": (1.0, 4.0, 16.0), "alpha": (0.5, 1.0, 2.0), "book_weight": (0.1, 0.3)}
INNER_K = 4


def lexicon_columns() -> list[str]:
    return [f"{p}{t}" for p in _PREFIXES for t in sorted(PLOVER_TYPES)] + ["rule=None"]


def lexicon_vector(feats: list[str], columns: list[str]):
    import numpy as np

    index = {c: j for j, c in enumerate(columns)}
    v = np.zeros(len(columns))
    for f in feats:
        if f in index:
            v[index[f]] += 1.0
    return v


def design(lex, emb, alpha: float):
    import numpy as np

    return np.hstack([alpha * lex, emb])


def fit(x, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)


def _accuracy(model, x, y) -> float:
    return float((model.predict(x) == y).mean())


def choose(lex_tr, emb_tr, y_tr, lex_book, emb_book, y_book, seed: int = 0) -> dict:
    """Hyper-parameters by inner k-fold CV on the training sentences (codebook labels always in training)."""
    import numpy as np

    n = len(y_tr)
    order = np.random.RandomState(seed).permutation(n)
    inner = [order[f::INNER_K] for f in range(INNER_K)]
    best, best_acc = None, -1.0
    for c, alpha, bw in itertools.product(GRID["c"], GRID["alpha"], GRID["book_weight"]):
        accs = []
        for f in range(INNER_K):
            te = inner[f]
            tr = np.concatenate([inner[g] for g in range(INNER_K) if g != f])
            x = np.vstack([design(lex_tr[tr], emb_tr[tr], alpha), design(lex_book, emb_book, alpha)])
            y = np.concatenate([y_tr[tr], y_book])
            w = np.concatenate([np.ones(len(tr)), np.full(len(y_book), bw)])
            accs.append(_accuracy(fit(x, y, w, c), design(lex_tr[te], emb_tr[te], alpha), y_tr[te]))
        acc = float(np.mean(accs))
        if acc > best_acc + 1e-9:
            best, best_acc = {"c": c, "alpha": alpha, "book_weight": bw}, acc
    return {**best, "inner_accuracy": best_acc}


def fold_labels(data, f: int, test: list[int], train: list[int], groups) -> tuple[dict, dict, dict]:
    """(stacked labels, lexicon-else-stacked labels, chosen hyper-parameters) for one outer fold."""
    import numpy as np

    tag = f"mask{f}"
    columns = lexicon_columns()
    with et.without_triggers(data.unseen_words(test, train)):
        lex_doc = np.array([lexicon_vector(data.features(d, groups, tag), columns) for d in data.docs])
        lex_book = np.array([lexicon_vector(data.features(d, groups, tag), columns) for d in data.book_docs])
    y_all = np.array([r["event"] for r in data.records])
    y_book = np.array([p for _, p in data.book])
    tr, te = np.array(train), np.array(test)
    params = choose(lex_doc[tr], data.emb[tr], y_all[tr], lex_book, data.book_emb, y_book)
    a = params["alpha"]
    x = np.vstack([design(lex_doc[tr], data.emb[tr], a), design(lex_book, data.book_emb, a)])
    y = np.concatenate([y_all[tr], y_book])
    w = np.concatenate([np.ones(len(tr)), np.full(len(y_book), params["book_weight"])])
    model = fit(x, y, w, params["c"])
    pred = model.predict(design(lex_doc[te], data.emb[te], a))
    uids = [data.records[i]["uid"] for i in test]
    stacked = {u: str(p) for u, p in zip(uids, pred)}
    rule_col = [columns.index(f"rule={t}") for t in sorted(PLOVER_TYPES)]
    fired = {}
    for u, i in zip(uids, test):
        hits = [sorted(PLOVER_TYPES)[k] for k, j in enumerate(rule_col) if lex_doc[i, j] > 0]
        fired[u] = hits[0] if hits else None
    return stacked, {u: fired[u] or stacked[u] for u in uids}, params


def eval_stacked_folds(path=None, k: int = 5) -> dict:
    """Fold means of the stacked classifier, "lexicon, else stacked" and the masked lexicon on the same folds."""
    from evals.plover import CodebookModel, _lexicon_labels, _Parsed, folds_of, score
    from storyline.enrich import event_model

    data = _Parsed(path)
    if data.emb is None:
        raise RuntimeError("the embeddings extra is not installed")
    fallback = CodebookModel(data.book_docs, [p for _, p in data.book])
    folds = folds_of(len(data.records), k)
    rows = []
    for f, test in enumerate(folds):
        train = [i for g, fold in enumerate(folds) if g != f for i in fold]
        gold = {data.records[i]["uid"]: data.records[i]["event"] for i in test}
        stacked, lexicon_else, params = fold_labels(data, f, test, train, event_model.GROUPS)
        with et.without_triggers(data.unseen_words(test, train)):
            lexicon = _lexicon_labels(data, test, fallback)
        rows.append({"fold": f, "params": params, "stacked": score(gold, stacked),
                     "lexicon_else_stacked": score(gold, lexicon_else), "lexicon": score(gold, lexicon)})
    names = ("stacked", "lexicon_else_stacked", "lexicon")
    mean = {n: {m: sum(r[n][m] for r in rows) / k for m in ("accuracy", "macro_f1")} for n in names}
    return {"folds": rows, "mean": mean}
