"""What kind of page is this: an article page, or a listing, collection, product, forum,
documentation or service page?

A gradient-boosted tree classifier over the general structural features of
:mod:`storyline.extract.pagefeatures`, fitted deterministically (fixed seed) on the feature rows
shipped in ``data/pagetype_features.json`` (the *tune* fold of the WCXB DEV split plus the tune
folds of the article pages of the Zyte, htmldate and trafilatura DEV sets).
``python -m evals.pagetype_train`` writes those rows and the fitted trees,
``data/pagetype_model.json`` (plain numbers, evaluated by :mod:`gbtrees`; the file names the
SHA-256 of the rows it was fitted on). A process loads the trees instead of fitting them (fitting
took seconds of CPU in every process); should the rows have changed since, it fits them anew, as
before, and logs that the shipped trees are stale. Nothing is downloaded. The check fold never
enters training: ``storyline eval wcxb`` reports accuracy per type on it.

Only a confident "not an article" costs a page its article: the threshold (the shipped rows file's
``threshold``) was chosen on out-of-fold predictions of the tune fold so that almost no article
page is lost (99.25% of the WCXB tune article pages kept out of fold). The cross-validation keeps
each site's pages in one fold: most check-fold pages come from sites the tune fold does not hold,
and folds that shared sites chose trees that learned sites (out of fold fine, on new sites worse).

Which kind of non-article page it is comes from a second, smaller classifier fitted on the
non-article rows only, with every type weighted alike (``new_type_model``); the gate above decides
article or not. Chosen by 5-fold cross-validation on the tune fold: the first classifier's most
likely non-article type was right for 78% of non-article pages out of fold, the second for 83%.
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
    """The classifier (fixed seed and hyper-parameters: training is deterministic). Regularized
    (at least 20 pages per leaf, 30% of the features per split, rate 0.05, 80% subsamples): chosen
    by cross-validation on the tune fold with each site's pages in one fold (``evals.pagetype_train
    --cv``)."""
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=200, max_depth=3, learning_rate=0.05, subsample=0.8,
                                      min_samples_leaf=20, max_features=0.3, random_state=0)


def new_type_model():
    """The non-article type classifier: more regularized than :func:`new_model` (the tune fold has
    only 40-80 pages of each non-article type)."""
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=200, max_depth=3, learning_rate=0.05, subsample=0.8,
                                      min_samples_leaf=5, max_features=0.3, random_state=0)


def balanced_weights(types: list[str]) -> list[float]:
    """Sample weights giving every type the same total weight."""
    counts = {t: types.count(t) for t in set(types)}
    return [len(types) / (len(counts) * counts[t]) for t in types]


def rows_digest(raw: bytes | None = None) -> str:
    """SHA-256 of the shipped training rows file."""
    return hashlib.sha256(DATA.read_bytes() if raw is None else raw).hexdigest()


def fit_shipped() -> dict:
    """Fit the classifier on the shipped rows; the fitted trees as JSON-ready numbers."""
    raw = DATA.read_bytes()
    shipped = json.loads(raw)
    model = new_model()
    model.fit([r["x"] for r in shipped["rows"]], [r["type"] for r in shipped["rows"]])
    others = [r for r in shipped["rows"] if r["type"] != ARTICLE]
    kinds = [r["type"] for r in others]
    typer = new_type_model().fit([r["x"] for r in others], kinds, sample_weight=balanced_weights(kinds))
    return {**export_gb(model, shipped["features"]), "rows_sha256": rows_digest(raw),
            "types": export_gb(typer, shipped["features"])}


def write_model() -> dict:
    """Fit on the shipped rows and write ``data/pagetype_model.json``."""
    fitted = fit_shipped()
    MODEL.write_text(json.dumps(fitted, separators=(",", ":")) + "\n", encoding="utf-8")
    _trained.cache_clear()
    return fitted


@lru_cache(maxsize=1)
def _trained() -> tuple[GBTrees, GBTrees, float]:
    raw = DATA.read_bytes()
    shipped = json.loads(raw)
    fitted = json.loads(MODEL.read_text(encoding="utf-8")) if MODEL.exists() else None
    if (fitted is None or fitted.get("rows_sha256") != rows_digest(raw) or fitted["features"] != shipped["features"]
            or "types" not in fitted):
        log.warning("%s is missing or was not fitted on %s; fitting now (python -m evals.pagetype_train --model "
                    "writes it)", MODEL.name, DATA.name)
        fitted = fit_shipped()
    return GBTrees.from_dict(fitted), GBTrees.from_dict(fitted["types"]), float(shipped["threshold"])


def load() -> None:
    """Load (or fit) the classifier now, e.g. before worker processes fork and inherit it."""
    _trained()


def classify_features(features: dict[str, float]) -> PageType:
    model, typer, threshold = _trained()
    probs = model.predict_proba([features.get(n, 0.0) for n in model.features])
    classes = model.classes
    p_article = float(probs[classes.index(ARTICLE)])
    if 1.0 - p_article < threshold:
        return PageType(ARTICLE, p_article)
    kinds = typer.predict_proba([features.get(n, 0.0) for n in typer.features])
    return PageType(typer.classes[int(kinds.argmax())], p_article)


def classify_page(tree, body: str | None, url: str | None = None) -> PageType:
    """The page type of a parsed page whose main text is ``body``."""
    return classify_features(page_features(tree, body, url))
