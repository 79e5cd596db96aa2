"""Sparse TF-IDF vectors with hashed features and running document frequencies.

Features are CRC32 hashes of content words folded into ``2**22`` buckets, so no vocabulary is fitted
and nothing is refit when new articles arrive. IDF comes from running document-frequency counts
(``TermStats``), updated as articles are added. A vector is a pair of numpy arrays (sorted feature
ids, float32 weights), L2-normalised: compact enough to keep one per story at 1M scale.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storyline.text.times import MONTH_NAMES, WEEKDAYS
from storyline.text.tokens import content_words, stable_hash

DIM_MASK = (1 << 22) - 1
_YEAR = re.compile(r"(?<![\w.,])(1[89]\d\d|20\d\d)(?!\w|[.,]\d)")


@dataclass(slots=True)
class SparseVec:
    idx: np.ndarray  # int32 feature ids, sorted, unique
    val: np.ndarray  # float32 weights

    @classmethod
    def from_dict(cls, weights: dict[int, float], cap: int | None = None) -> SparseVec:
        items = sorted(weights.items(), key=lambda kv: -kv[1])[:cap] if cap else list(weights.items())
        items.sort()
        idx = np.fromiter((k for k, _ in items), dtype=np.int32, count=len(items))
        val = np.fromiter((v for _, v in items), dtype=np.float32, count=len(items))
        return cls(idx, val)

    def norm(self) -> float:
        return float(np.sqrt(np.dot(self.val, self.val)))

    def normalized(self) -> SparseVec:
        n = self.norm()
        return SparseVec(self.idx, self.val / n) if n > 0 else self

    def top(self, k: int) -> np.ndarray:
        """Feature ids of the k largest weights."""
        if len(self.val) <= k:
            return self.idx
        return self.idx[np.argpartition(-self.val, k)[:k]]

    def nbytes(self) -> int:
        return self.idx.nbytes + self.val.nbytes

    def pack(self, cap: int) -> bytes:
        """The ``cap`` largest weights as compact bytes (int32 ids + float16 weights)."""
        keep = np.sort(np.argpartition(-self.val, cap)[:cap]) if len(self.val) > cap else slice(None)
        return self.idx[keep].astype(np.int32).tobytes() + self.val[keep].astype(np.float16).tobytes()

    @classmethod
    def unpack(cls, data: bytes) -> SparseVec:
        n = len(data) // 6
        idx = np.frombuffer(data[: 4 * n], dtype=np.int32)
        return cls(idx, np.frombuffer(data[4 * n :], dtype=np.float16).astype(np.float32))


def dot(a: SparseVec, b: SparseVec) -> float:
    _, ia, ib = np.intersect1d(a.idx, b.idx, assume_unique=True, return_indices=True)
    return float(np.dot(a.val[ia], b.val[ib])) if len(ia) else 0.0


def add(a: SparseVec, b: SparseVec, cap: int) -> SparseVec:
    """a + b, keeping the ``cap`` largest weights."""
    idx = np.concatenate([a.idx, b.idx])
    val = np.concatenate([a.val, b.val])
    uniq, inv = np.unique(idx, return_inverse=True)
    summed = np.bincount(inv, weights=val).astype(np.float32)
    uniq = uniq.astype(np.int32, copy=False)
    if len(uniq) > cap:
        keep = np.sort(np.argpartition(-summed, cap)[:cap])
        uniq, summed = uniq[keep], summed[keep]
    return SparseVec(uniq, summed)


@lru_cache(maxsize=200_000)
def feature(token: str) -> int:
    """Hashed feature id of a token (cached: news vocabulary repeats a lot)."""
    return stable_hash(token) & DIM_MASK


_CALENDAR = MONTH_NAMES | {d for d in WEEKDAYS if d.endswith("day")}
_NAME = re.compile(r"(?<![.!?:\n]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Za-z]+)?)")


def name_words(text: str) -> list[str]:
    """Capitalised words not opening a sentence: names of people, places, organisations."""
    return [w for w in content_words(" ".join(_NAME.findall(text))) if w not in _CALENDAR]


def term_counts(
    title: str | None, body: str, *, title_weight: float = 2.0, name_weight: float = 1.0, max_words: int = 500
) -> Counter:
    """Weighted term counts of a headline and the lead of a body (feature id -> count).

    Names (capitalised words inside sentences) count extra: two stories of the same kind (two
    earthquakes, two summits) share their vocabulary but not their people and places.
    """
    lead = body[: max_words * 12]  # ~ max_words words of news English; no need to read further
    lead_words = content_words(lead)[:max_words]
    counts: Counter = Counter(feature(w) for w in lead_words)
    if name_weight:
        for w in name_words(lead):
            counts[feature(w)] += name_weight
    if title:
        for w in content_words(title):
            counts[feature(w)] += title_weight
    return counts


def years(text: str) -> set[str]:
    """Four-digit years mentioned (1800-2099): a cheap cue that separates same-kind events."""
    return set(_YEAR.findall(text))


class TermStats:
    """Running document frequencies for IDF; no refit ever needed."""

    __slots__ = ("df", "n_docs")

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.n_docs = 0

    def observe(self, counts: Counter) -> None:
        self.n_docs += 1
        self.df.update(counts.keys())

    def observe_keys(self, fids: set[int]) -> None:
        """Count canonical keys (entities, events) too, without counting a new document."""
        self.df.update(fids)

    def idf(self, fid: int) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(fid, 0))) + 1.0

    def vector(self, counts: Counter) -> SparseVec:
        """Sublinear-tf x idf, L2-normalised."""
        weights = {
            f: (1.0 + math.log(c)) * self.idf(f) if c >= 1 else c * self.idf(f) for f, c in counts.items()
        }
        return SparseVec.from_dict(weights).normalized()
