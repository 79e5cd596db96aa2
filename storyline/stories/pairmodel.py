"""A learned article-to-article link: logistic regression over general pair features, used by
average linkage.

Why: the hand-weighted score of an article against a story centroid, with thresholds found by a
coordinate search, fell behind a plain TF-IDF + average-link baseline on ECB+ topics it never saw:
one early wrong join pulls a centroid towards the other event of the same kind, and the two
stories run together. Average linkage (an article joins the story whose *members* it resembles
most on average) does not drift that way, and a logistic model over pair features learns what
each signal is worth from gold stories instead of hand weights.

The features (:data:`FEATURES`) are general properties of two articles, never words of a page:
the cosine of their TF-IDF vectors; whether the years they name clash (both name years and share
none) or agree (they share one); the overlap of the names they mention (capitalised words inside
sentences: people, places, bodies); and whether the figures they give clash (both give figures
other than years and small counts, and share none). Two reports of one event name its year, its
places and its figures (a magnitude, a toll, a sum); two events of the same kind share their
vocabulary but not those. The model gives P(same story | pair); a story's score for an article is
the mean of that probability over its members.

Three dated terms (both articles have a time: news of the same weeks, as every pair the product
compares inside its time window) correct that model where ECB+ cannot teach it: ECB+'s confusable
pairs are years apart, while different stories of one beat and week share wording and names
(the same ministers, the same countries). They are fitted on the same-week gold's tune half with
the ECB+ model's logit as a fixed offset, so undated pairs keep their probabilities.

The coefficients are plain data (``data/story_link_model.json``), fitted by
``python -m evals.clusters_learn --fit`` (gold stories of ECB+ DEV, with hard negatives weighted
up: see that module); nothing is fitted at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.stories.actors import actor_cues
from storyline.stories.vectors import feature, name_words

DATA = Path(__file__).resolve().parents[1] / "data"
MODEL_PATH = DATA / "story_link_model.json"

FEATURES = (
    "cos",  # cosine of the two articles' TF-IDF vectors
    "year_clash",  # both name years (1800-2099) and share none
    "year_share",  # they name a year in common
    "name_overlap",  # Jaccard overlap of the names they mention (0 when either names none)
    "figure_clash",  # both give figures (not years, not 0-10) and share none
    "dated",  # both have a time (publication, else fetch): news of one period, not years apart
    "dated_cos",  # dated x cos
    "dated_names",  # dated x name_overlap
)
BASE_FEATURES = FEATURES[:5]  # fitted on ECB+ (undated: the dated terms are 0 there)
DATED_FEATURES = FEATURES[5:]  # fitted on dated same-week gold, the base logit as an offset

_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?!\w)")
_YEARLIKE = re.compile(r"1[89]\d\d|20\d\d")
_LEAD_CHARS = 3000


@dataclass(slots=True, frozen=True)
class PairCues:
    """What the link compares besides the TF-IDF vector, kept per article (hashed, compact)."""

    years: frozenset[str] = frozenset()
    names: frozenset[int] = frozenset()
    figures: frozenset[int] = frozenset()
    dated: bool = False  # the article has a time (publication, else fetch)
    actors: bytes = b""  # hashed lead actors (headline, first sentence): ``stories.actors``; not a link feature
    actor_runs: bytes = b""  # hashed runs of their words


def figures(text: str) -> set[str]:
    """Figures given in a text's lead: numbers other than years and small counts (0-10), with
    thousands separators dropped ("1,200" = "1200")."""
    out = set()
    for m in _FIGURE.findall(text[:_LEAD_CHARS]):
        m = m.replace(",", "")
        if _YEARLIKE.fullmatch(m) or (m.isdigit() and int(m) <= 10):
            continue
        out.add(m)
    return out


def pair_cues(body: str, years: set[str] | frozenset[str], dated: bool = False, title: str | None = None) -> PairCues:
    lead = body[:_LEAD_CHARS]
    return PairCues(frozenset(years), frozenset(feature(w) for w in name_words(lead)),
                    frozenset(feature(f) for f in figures(lead)), dated, *actor_cues(title, body))


def pair_features(cos: float, a: PairCues, b: PairCues) -> tuple[float, ...]:
    """The :data:`FEATURES` of two articles whose vectors have cosine ``cos``."""
    clash, share = year_relation(a.years, b.years)
    names = len(a.names & b.names) / len(a.names | b.names) if a.names and b.names else 0.0
    fig_clash = bool(a.figures and b.figures and a.figures.isdisjoint(b.figures))
    dated = float(a.dated and b.dated)
    return (cos, float(clash), float(share), names, float(fig_clash), dated, dated * cos, dated * names)


@dataclass(slots=True, frozen=True)
class LinkModel:
    coef: tuple[float, ...]  # one per FEATURES
    intercept: float
    threshold: float = 0.5  # mean link probability a story needs for an article to join it
    merge_threshold: float = 0.5  # mean link probability between two stories' members to merge them

    def logit(self, x: tuple[float, ...]) -> float:
        return self.intercept + sum(c * v for c, v in zip(self.coef, x, strict=True))

    def probability(self, x: tuple[float, ...]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.logit(x)))))

    def best_case(self, cos: float) -> float:
        """The highest probability a pair with cosine ``cos`` can get (every other feature at its
        most favourable value): a bound to skip candidates without comparing members."""
        z = max(self.logit((cos, clash, share, names, fig, dated, dated * cos, dated * names))
                for clash, share in ((0, 0), (1, 0), (0, 1)) for names in (0.0, 1.0) for fig in (0, 1)
                for dated in (0, 1))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self, **about) -> dict:
        return {
            **about,
            "features": list(FEATURES),
            "coef": {k: round(c, 5) for k, c in zip(FEATURES, self.coef, strict=True)},
            "intercept": round(self.intercept, 5),
            "threshold": self.threshold,
            "merge_threshold": self.merge_threshold,
        }


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
    return LinkModel(
        tuple(float(data["coef"][k]) for k in FEATURES),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        merge_threshold=float(data["merge_threshold"]),
    )


@lru_cache(maxsize=1)
def shipped_link_model() -> LinkModel:
    """The model in ``data/story_link_model.json``, read once per process."""
    return load_link_model()
