"""The shipped page-type trees: fitted on the shipped rows, and evaluated as scikit-learn would."""

from __future__ import annotations

import json
import logging
import time

import numpy as np
import pytest

from storyline.extract import pagetype
from storyline.extract.gbtrees import GBTrees, export_gb


@pytest.fixture(scope="module")
def shipped():
    return json.loads(pagetype.DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fitted_sklearn(shipped):
    model = pagetype.new_model()
    start = time.process_time()
    model.fit([r["x"] for r in shipped["rows"]], [r["type"] for r in shipped["rows"]])
    model.fit_seconds = time.process_time() - start
    return model


def test_shipped_trees_were_fitted_on_the_shipped_rows(shipped):
    model = json.loads(pagetype.MODEL.read_text(encoding="utf-8"))
    assert model["rows_sha256"] == pagetype.rows_digest(), "run: python -m evals.pagetype_train --model"
    assert model["features"] == shipped["features"]


def test_shipped_trees_give_sklearns_probabilities(shipped, fitted_sklearn):
    trees = GBTrees.from_dict(json.loads(pagetype.MODEL.read_text(encoding="utf-8")))
    assert trees.classes == list(fitted_sklearn.classes_)
    x = np.array([r["x"] for r in shipped["rows"]])
    rng = np.random.default_rng(0)
    x = np.vstack([x, x * rng.uniform(0.5, 1.5, x.shape), rng.uniform(0, 1, (50, x.shape[1]))])
    want = fitted_sklearn.predict_proba(x)
    got = np.array([trees.predict_proba(row) for row in x])
    assert np.abs(want - got).max() < 1e-9
    assert (want.argmax(1) == got.argmax(1)).all()


def test_two_class_export_matches_sklearn():
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 4))
    y = np.where(x[:, 0] + 0.5 * x[:, 2] > 0, "yes", "no")
    model = GradientBoostingClassifier(n_estimators=20, max_depth=2, random_state=0).fit(x, y)
    trees = GBTrees.from_dict(json.loads(json.dumps(export_gb(model, ["a", "b", "c", "d"]))))
    got = np.array([trees.predict_proba(row) for row in x])
    assert np.abs(model.predict_proba(x) - got).max() < 1e-9


def test_stale_trees_are_refitted_with_a_warning(tmp_path, monkeypatch, caplog, shipped):
    stale = json.loads(pagetype.MODEL.read_text(encoding="utf-8"))
    good = dict(stale)
    stale["rows_sha256"] = "0" * 64
    (tmp_path / "m.json").write_text(json.dumps(stale))
    calls = []
    monkeypatch.setattr(pagetype, "MODEL", tmp_path / "m.json")
    monkeypatch.setattr(pagetype, "fit_shipped", lambda: calls.append(1) or good)
    pagetype._trained.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="storyline.extract.pagetype"):
            assert pagetype.classify_features({}).kind in set(r["type"] for r in shipped["rows"])
        assert calls == [1]
        assert "fitting now" in caplog.text
    finally:
        pagetype._trained.cache_clear()


def test_loading_the_shipped_trees_costs_a_fraction_of_fitting_them(fitted_sklearn):
    """Why the trees are shipped: a process loads them instead of fitting (ratio within this test)."""
    start = time.process_time()
    for _ in range(3):
        trees = GBTrees.from_dict(json.loads(pagetype.MODEL.read_text(encoding="utf-8")))
        trees.predict_proba([0.0] * len(trees.features))
    load = (time.process_time() - start) / 3
    assert load < fitted_sklearn.fit_seconds / 5


def test_shipped_type_trees_are_the_non_article_classifier(shipped):
    """The second classifier (which non-article type) is fitted on the non-article rows only,
    with balanced weights, and its shipped trees give scikit-learn's probabilities."""
    others = [r for r in shipped["rows"] if r["type"] != pagetype.ARTICLE]
    kinds = [r["type"] for r in others]
    model = pagetype.new_type_model().fit([r["x"] for r in others], kinds,
                                          sample_weight=pagetype.balanced_weights(kinds))
    trees = GBTrees.from_dict(json.loads(pagetype.MODEL.read_text(encoding="utf-8"))["types"])
    assert pagetype.ARTICLE not in trees.classes
    assert trees.classes == list(model.classes_)
    x = np.array([r["x"] for r in shipped["rows"]])
    got = np.array([trees.predict_proba(row) for row in x])
    assert np.abs(model.predict_proba(x) - got).max() < 1e-9


def test_balanced_weights_give_every_type_the_same_total():
    types = ["article"] * 30 + ["listing"] * 5 + ["service"] * 10
    w = pagetype.balanced_weights(types)
    totals = {t: sum(x for x, u in zip(w, types) if u == t) for t in set(types)}
    assert max(totals.values()) - min(totals.values()) < 1e-9
