"""Fit the roles precision filter (:mod:`storyline.enrich.role_filter`) on the roles gold's tuning fold only.

``python -m evals.roles_filter_fit --collect`` reads every tuning text of the gold (fold 0: its pages, the
tuning-only KPCrowd and TempEval texts and ``texts_without_roles``) through the product with the filter off and
keeps each predicted role with its features in a cache file; ``--fit`` labels each role by the eval's own matching
(:func:`evals.roles_eval.match`: a true role matches a gold one, a spurious one does not), fits a logistic
regression, and picks the threshold on out-of-fold probabilities of a cross-validation grouped by text: the highest
one whose tuning-fold recall loss stays within ``--max-loss``. The model is then fitted on all tuning roles and
written to ``storyline/data/role_filter_model.json``. No check-fold text is read.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from evals.paths import default_shared_dir
from evals.roles_eval import GOLD_PATH, fold_of, gold_articles, match
from storyline.enrich import enrich_many, role_filter
from storyline.models import Role

CACHE = Path("/tmp/roles_filter_cache.json")


def tuning_docs(k: int = 5, gold_path: Path = GOLD_PATH) -> dict[str, list[dict]]:
    """Gold roles of each tuning-fold text (fold 0 by hash, tuning-only texts, texts without roles)."""
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    tuning_only = {g["doc"] for g in data["roles"] if g.get("tuning_only")} | set(data.get("texts_without_roles", []))
    for g in data["roles"]:
        by_doc[g["doc"]].append(g)
    for doc in data.get("texts_without_roles", []):
        by_doc.setdefault(doc, [])
    return {d: r for d, r in by_doc.items() if d in tuning_only or fold_of(d, k) == 0}


def collect(shared: Path, cache: Path = CACHE) -> None:
    docs = tuning_docs()
    articles = gold_articles(shared, sorted(docs))
    sink: dict = {}
    token = role_filter.SINK.set(sink)
    try:
        enrich_many(list(articles.values()))
    finally:
        role_filter.SINK.reset(token)
    out = {}
    for doc in docs:
        art = articles.get(doc)
        rows = sink.get(art.source, []) if art is not None else []
        out[doc] = [{"person": r.person, "office": r.office, "org": r.organization_key, "status": r.status,
                     "sentence": r.sentence, "features": f} for r, f in rows]
    cache.write_text(json.dumps(out), encoding="utf-8")
    print(f"{len(out)} texts, {sum(map(len, out.values()))} roles -> {cache}")


def _role(row: dict) -> Role:
    return Role("", row["person"], row["office"], row["org"], None, None, row["status"], row["sentence"])


def labelled(cache: Path = CACHE):
    """(doc, row, is_true) for every cached role, and the gold per doc."""
    docs = tuning_docs()
    pred = json.loads(cache.read_text(encoding="utf-8"))
    rows = []
    for doc, gold in docs.items():
        roles = [_role(r) for r in pred.get(doc, [])]
        _, _, spurious = match(gold, roles)
        bad = {id(r) for r in spurious}
        rows += [(doc, row, id(r) not in bad) for row, r in zip(pred.get(doc, []), roles)]
    return rows, docs


def tune_scores(rows, docs, keep: np.ndarray) -> tuple[float, float, int, int]:
    """Tuning-fold precision and recall with only the ``keep`` roles."""
    by_doc: dict[str, list[Role]] = defaultdict(list)
    for (doc, row, _), k in zip(rows, keep):
        if k:
            by_doc[doc].append(_role(row))
    tp = pr = g = 0
    for doc, gold in docs.items():
        t, _, sp = match(gold, by_doc[doc])
        tp, pr, g = tp + t, pr + t + len(sp), g + len(gold)
    return tp / (pr or 1), tp / (g or 1), tp, pr


def _make(kind: str, c: float):
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    if kind == "gb":
        return GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05, subsample=0.8,
                                          random_state=0)
    return LogisticRegression(C=c, max_iter=2000, class_weight="balanced")


def fit(cache: Path, max_loss: float, kind: str, c: float, write: bool) -> None:
    from sklearn.model_selection import GroupKFold

    from storyline.extract.gbtrees import export_gb

    rows, docs = labelled(cache)
    names = sorted({n for _, row, _ in rows for n in row["features"]})
    x = np.array([[row["features"].get(n, 0.0) for n in names] for _, row, _ in rows])
    y = np.array([t for _, _, t in rows], dtype=int)
    groups = [d for d, _, _ in rows]
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = x if kind == "gb" else (x - mean) / scale
    oof = np.zeros(len(y))
    for seed in range(5):  # repeated grouped CV: the texts dealt anew each time
        order = np.random.default_rng(seed).permutation(sorted(set(groups)))
        rank = {d: i for i, d in enumerate(order)}
        for tr, te in GroupKFold(5).split(z, y, [rank[g] for g in groups]):
            oof[te] += _make(kind, c).fit(z[tr], y[tr]).predict_proba(z[te])[:, 1] / 5
    p0, r0, tp0, pr0 = tune_scores(rows, docs, np.ones(len(y), bool))
    print(f"roles {len(y)}, spurious {int((y == 0).sum())}; tune without filter P {p0:.4f} R {r0:.4f}")
    best = 0.0
    for th in sorted(set(np.round(oof, 4))):
        p, r, tp, pr = tune_scores(rows, docs, oof >= th)
        if r0 - r > max_loss:
            break
        best = th
        print(f"  th {th:.4f}: P {p:.4f} R {r:.4f} (dropped {pr0 - pr}, true {tp0 - tp})")
    model = _make(kind, c).fit(z, y)
    print("threshold", best)
    if not write:
        return
    about = (f"fitted by python -m evals.roles_filter_fit --fit --kind {kind} on the roles gold's tuning fold "
             f"({len(y)} roles, {int((y == 0).sum())} spurious); threshold: max tuning recall loss {max_loss} "
             "in grouped 5-fold cross-validation")
    out = {"format": role_filter.FORMAT, "about": about, "features": names, "threshold": float(best)}
    if kind == "gb":
        out["trees"] = export_gb(model, names)
    else:
        out |= {"mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
                "coef": [round(float(v), 6) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 6)}
    mine = np.array([role_filter.score(row["features"], out) for _, row, _ in rows])
    ref = model.predict_proba(z)[:, 1]
    assert np.allclose(mine, ref, atol=1e-9), float(np.abs(mine - ref).max())
    role_filter.MODEL_PATH.write_text(json.dumps(out) + "\n", encoding="utf-8")
    print(f"wrote {role_filter.MODEL_PATH}; in-sample it drops {int((mine < best).sum())} roles "
          f"({int(((mine < best) & (y == 1)).sum())} true)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--collect", action="store_true")
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the model file (with --fit)")
    ap.add_argument("--max-loss", type=float, default=0.005)
    ap.add_argument("--kind", choices=("gb", "lr"), default="gb")
    ap.add_argument("-C", type=float, default=0.03)
    ap.add_argument("--cache", type=Path, default=CACHE)
    a = ap.parse_args()
    if a.collect:
        collect(default_shared_dir(), a.cache)
    if a.fit:
        fit(a.cache, a.max_loss, a.kind, a.C, a.write)


if __name__ == "__main__":
    main()
