"""A fitted scikit-learn gradient-boosted tree classifier as plain JSON numbers, evaluated with numpy.

Fitting the page-type classifier took seconds of CPU at first use in every process. The fitted
trees are shipped instead (``data/pagetype_model.json``, written by ``python -m
evals.pagetype_train``): each tree's split features, thresholds, children and leaf values, the
initial raw scores and the learning rate. Loading them is reading numbers (no pickle, nothing
executable), and :meth:`GBTrees.predict_proba` gives scikit-learn's probabilities: features are
cast to float32 as scikit-learn's trees do before comparing them with a threshold, raw scores are
the initial ones plus ``learning_rate`` times the summed leaf values, and probabilities their
softmax (logistic for two classes). ``tests/extract/test_pagetype_model.py`` checks that against
scikit-learn on every shipped row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

FORMAT = "storyline-gbtrees-1"


def export_gb(model, feature_names: list[str]) -> dict:
    """The JSON-ready numbers of a fitted ``GradientBoostingClassifier``."""
    k = model.estimators_.shape[1]
    trees = []
    for stage in model.estimators_:
        for column, est in enumerate(stage):
            t = est.tree_
            trees.append({"class": column, "feature": t.feature.tolist(), "threshold": t.threshold.tolist(),
                          "left": t.children_left.tolist(), "right": t.children_right.tolist(),
                          "value": [v if leaf < 0 else 0.0 for v, leaf in zip(t.value[:, 0, 0].tolist(),
                                                                               t.children_left.tolist())]})
    init = model._raw_predict_init(np.zeros((1, len(feature_names)), dtype=np.float32))[0]
    return {"format": FORMAT, "classes": [str(c) for c in model.classes_], "features": list(feature_names),
            "learning_rate": float(model.learning_rate), "init": [float(v) for v in init], "columns": k,
            "trees": trees}  # leaf values only: an inner node's value is never read


@dataclass(slots=True)
class GBTrees:
    """All trees' nodes in flat arrays; one walk down every tree at once per level."""

    classes: list[str]
    features: list[str]
    init: np.ndarray  # (columns,)
    learning_rate: float
    roots: np.ndarray  # first node of each tree in the flat arrays
    column: np.ndarray  # raw-score column each tree adds to
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray  # flat index of the left child, -1 at a leaf
    right: np.ndarray
    value: np.ndarray
    depth: int  # levels to walk: the deepest tree's depth
    _walk: tuple[np.ndarray, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> GBTrees:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model: {d.get('format')!r}")
        roots, column, feature, threshold, left, right, value = [], [], [], [], [], [], []
        depth = 0
        for t in d["trees"]:
            base = len(feature)
            roots.append(base)
            column.append(t["class"])
            feature += t["feature"]
            threshold += t["threshold"]
            left += [c + base if c >= 0 else -1 for c in t["left"]]
            right += [c + base if c >= 0 else -1 for c in t["right"]]
            value += t["value"]
            depth = max(depth, _depth(t["left"], t["right"]))
        return cls(classes=list(d["classes"]), features=list(d["features"]),
                   init=np.asarray(d["init"], dtype=np.float64), learning_rate=float(d["learning_rate"]),
                   roots=np.asarray(roots, dtype=np.int64), column=np.asarray(column, dtype=np.int64),
                   feature=np.asarray(feature, dtype=np.int64), threshold=np.asarray(threshold, dtype=np.float64),
                   left=np.asarray(left, dtype=np.int64), right=np.asarray(right, dtype=np.int64),
                   value=np.asarray(value, dtype=np.float64), depth=depth)

    def raw(self, x: list[float]) -> np.ndarray:
        xs = np.asarray(x, dtype=np.float32).astype(np.float64)  # scikit-learn's trees compare float32 features
        node = self.roots.copy()
        for _ in range(self.depth):
            inner = self.left[node] >= 0
            if not inner.any():
                break
            go_left = xs[np.maximum(self.feature[node], 0)] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        sums = np.bincount(self.column, weights=self.value[node], minlength=len(self.init))
        return self.init + self.learning_rate * sums

    def predict_proba(self, x: list[float]) -> np.ndarray:
        """Class probabilities for one feature row (ordered as ``features``), as scikit-learn gives them."""
        raw = self.raw(x)
        if len(self.classes) == 2:
            p = 1.0 / (1.0 + np.exp(-raw[0]))
            return np.array([1.0 - p, p])
        e = np.exp(raw - raw.max())
        return e / e.sum()

    def positive_proba(self, rows: list[list[float]]) -> np.ndarray:
        """The second class's probability for many rows of a two-class model at once (one walk
        down every tree for all rows per level).

        The walk uses :meth:`_steps`: each leaf is its own left and right child, so a row that
        reached a leaf stays there and every level is one gather and one comparison for all rows
        and trees (no test for leaves); the nodes reached, hence the sums, are the same."""
        n, width = len(rows), len(self.features)
        xs = np.asarray(rows, dtype=np.float32).astype(np.float64).reshape(n * width)
        feature, threshold, left, right = self._steps()
        node = np.tile(self.roots, n)
        offset = np.repeat(np.arange(n, dtype=np.int64) * width, len(self.roots))
        for _ in range(self.depth):
            go_left = xs[offset + feature[node]] <= threshold[node]
            node = np.where(go_left, left[node], right[node])
        raw = self.init[0] + self.learning_rate * self.value[node].reshape(n, len(self.roots)).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))

    def _steps(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(feature, threshold, left, right) with every leaf pointing to itself (feature 0; the
        comparison's outcome does not matter there); built once per model."""
        if self._walk is None:
            leaf = self.left < 0
            own = np.arange(len(self.left), dtype=np.int64)
            self._walk = (np.where(leaf, 0, self.feature), self.threshold,
                          np.where(leaf, own, self.left), np.where(leaf, own, self.right))
        return self._walk


def _depth(left: list[int], right: list[int]) -> int:
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, d = stack.pop()
        if left[node] < 0:
            deepest = max(deepest, d)
            continue
        stack += [(left[node], d + 1), (right[node], d + 1)]
    return deepest
