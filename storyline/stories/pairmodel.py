"""A learned article-to-article link: logistic regression over general pair features, used by
average linkage.

Why: the hand-weighted score of an article against a story centroid, with thresholds found by a
coordinate search, fell behind a plain TF-IDF + average-link baseline on ECB+ topics it never saw:
one early wrong join pulls a centroid towards the other event of the same kind, and the two
stories run together. Average linkage (an article joins the story whose *members* it resembles
most on average) does not drift that way, and a logistic model over pair features learns what
each signal is worth from gold stories instead of hand weights.

The features (:data:`FEATURES`) are general properties of two articles, never words of a page:
the cosine of their TF-IDF vectors, and whether the years they name clash (both name years and
share none) or agree (they share one); two reports of one event name its year, two events of the
same kind usually happened in different years. The model gives P(same story | pair); a story's
score for an article is the mean of that probability over its members.

The coefficients are plain data (``data/story_link_model.json``), fitted by
``python -m evals.clusters_learn --fit`` (gold stories of ECB+ DEV); nothing is fitted at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
MODEL_PATH = DATA / "story_link_model.json"

FEATURES = (
    "cos",  # cosine of the two articles' TF-IDF vectors
    "year_clash",  # both name years (1800-2099) and share none
    "year_share",  # they name a year in common
)


@dataclass(slots=True, frozen=True)
class LinkModel:
    cos: float  # coefficients of FEATURES
    year_clash: float
    year_share: float
    intercept: float
    threshold: float = 0.5  # mean link probability a story needs for an article to join it
    merge_threshold: float = 0.5  # mean link probability between two stories' members to merge them

    def logit(self, cos: float, clash: bool, share: bool) -> float:
        return self.intercept + self.cos * cos + self.year_clash * clash + self.year_share * share

    def probability(self, cos: float, clash: bool, share: bool) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.logit(cos, clash, share)))))

    def to_json(self, **about) -> dict:
        return {**about, "features": list(FEATURES), "coef": {k: round(getattr(self, k), 5) for k in FEATURES},
                "intercept": round(self.intercept, 5), "threshold": self.threshold,
                "merge_threshold": self.merge_threshold}


def year_relation(a: frozenset[str], b: frozenset[str]) -> tuple[bool, bool]:
    """(clash, share) of two sets of named years."""
    if not a or not b:
        return False, False
    share = not a.isdisjoint(b)
    return not share, share


def load_link_model(path: Path = MODEL_PATH) -> LinkModel:
    """The shipped model (fails loudly when the file is missing or its features differ)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} are not {list(FEATURES)}")
    return LinkModel(**{k: float(data["coef"][k]) for k in FEATURES}, intercept=float(data["intercept"]),
                     threshold=float(data["threshold"]), merge_threshold=float(data["merge_threshold"]))


@lru_cache(maxsize=1)
def shipped_link_model() -> LinkModel:
    """The model in ``data/story_link_model.json``, read once per process."""
    return load_link_model()
