"""What kind of page is this: an article page, or a listing, collection, product, forum,
documentation or service page?

A gradient-boosted tree classifier over the general structural features of
:mod:`storyline.extract.pagefeatures`, fitted deterministically (fixed seed) on the feature rows
shipped in ``data/pagetype_features.json`` (the *tune* fold of the WCXB DEV split plus the tune
fold of the Zyte DEV article pages). ``python -m evals.pagetype_train`` writes those rows and the
fitted trees, ``data/pagetype_model.json`` (plain numbers, evaluated by :mod:`gbtrees`; the file
names the SHA-256 of the rows it was fitted on). A process loads the trees instead of fitting
them (fitting took seconds of CPU in every process); should the rows have changed since, it fits
them anew, as before, and logs that the shipped trees are stale. Nothing is downloaded. The check
fold never enters training: ``storyline eval wcxb`` reports accuracy per type on it.

Only a confident "not an article" costs a page its article: ``NOT_ARTICLE_MIN`` (the shipped file's
``threshold``) was chosen on out-of-fold predictions of the tune fold so that almost no article
page is lost.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.extract.gbtrees import GBTrees, export_gb
from storyline.extract.pagefeatures import page_features

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "pagetype_features.json"
MODEL = DATA.with_name("pagetype_model.json")
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


def rows_digest(raw: bytes | None = None) -> str:
    """SHA-256 of the shipped training rows file."""
    return hashlib.sha256(DATA.read_bytes() if raw is None else raw).hexdigest()


def fit_shipped() -> dict:
    """Fit the classifier on the shipped rows; the fitted trees as JSON-ready numbers."""
    raw = DATA.read_bytes()
    shipped = json.loads(raw)
    model = new_model()
    model.fit([r["x"] for r in shipped["rows"]], [r["type"] for r in shipped["rows"]])
    return {**export_gb(model, shipped["features"]), "rows_sha256": rows_digest(raw)}


def write_model() -> dict:
    """Fit on the shipped rows and write ``data/pagetype_model.json``."""
    fitted = fit_shipped()
    MODEL.write_text(json.dumps(fitted, separators=(",", ":")) + "\n", encoding="utf-8")
    _trained.cache_clear()
    return fitted


@lru_cache(maxsize=1)
def _trained() -> tuple[GBTrees, float]:
    raw = DATA.read_bytes()
    shipped = json.loads(raw)
    fitted = json.loads(MODEL.read_text(encoding="utf-8")) if MODEL.exists() else None
    if fitted is None or fitted.get("rows_sha256") != rows_digest(raw) or fitted["features"] != shipped["features"]:
        log.warning("%s is missing or was not fitted on %s; fitting now (python -m evals.pagetype_train --model "
                    "writes it)", MODEL.name, DATA.name)
        fitted = fit_shipped()
    return GBTrees.from_dict(fitted), float(shipped["threshold"])


def load() -> None:
    """Load (or fit) the classifier now, e.g. before worker processes fork and inherit it."""
    _trained()


def classify_features(features: dict[str, float]) -> PageType:
    model, threshold = _trained()
    probs = model.predict_proba([features.get(n, 0.0) for n in model.features])
    classes = model.classes
    p_article = float(probs[classes.index(ARTICLE)])
    if 1.0 - p_article < threshold:
        return PageType(ARTICLE, p_article)
    best = max((c for c in classes if c != ARTICLE), key=lambda c: probs[classes.index(c)])
    return PageType(best, p_article)


def classify_page(tree, body: str | None, url: str | None = None) -> PageType:
    """The page type of a parsed page whose main text is ``body``."""
    return classify_features(page_features(tree, body, url))
