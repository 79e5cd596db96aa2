"""What kind of page is this: an article page, or a listing, collection, product, forum,
documentation or service page?

A gradient-boosted tree classifier over the general structural features of
:mod:`storyline.extract.pagefeatures`. It is trained deterministically, at first use in a process,
from the feature rows shipped in ``data/pagetype_features.json`` (the *tune* fold of the WCXB DEV
split plus the tune fold of the Zyte DEV article pages; written by
``python -m evals.pagetype_train``). Nothing is downloaded. The check fold never enters
training: ``storyline eval wcxb`` reports accuracy per type on it.

Only a confident "not an article" costs a page its article: ``NOT_ARTICLE_MIN`` (the shipped file's
``threshold``) was chosen on out-of-fold predictions of the tune fold so that almost no article
page is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.extract.pagefeatures import page_features

DATA = Path(__file__).resolve().parent / "data" / "pagetype_features.json"
ARTICLE = "article"


@dataclass(slots=True)
class PageType:
    kind: str  # the most likely type
    article_probability: float

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE

    def to_dict(self) -> dict:
        return {"kind": self.kind, "article_probability": round(self.article_probability, 4)}


def new_model():
    """The classifier (fixed seed and hyper-parameters: training is deterministic)."""
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.1, subsample=0.9, random_state=0)


@lru_cache(maxsize=1)
def _trained():
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    names = shipped["features"]
    rows = shipped["rows"]
    model = new_model()
    model.fit([r["x"] for r in rows], [r["type"] for r in rows])
    return model, names, float(shipped["threshold"])


def classify_features(features: dict[str, float]) -> PageType:
    model, names, threshold = _trained()
    probs = model.predict_proba([[features.get(n, 0.0) for n in names]])[0]
    classes = list(model.classes_)
    p_article = float(probs[classes.index(ARTICLE)])
    if 1.0 - p_article < threshold:
        return PageType(ARTICLE, p_article)
    best = max((c for c in classes if c != ARTICLE), key=lambda c: probs[classes.index(c)])
    return PageType(best, p_article)


def classify_page(tree, body: str | None, url: str | None = None) -> PageType:
    """The page type of a parsed page whose main text is ``body``."""
    return classify_features(page_features(tree, body, url))
