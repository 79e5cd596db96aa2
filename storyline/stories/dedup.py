"""Exact and near-duplicate detection: one text, several publications.

A wire story (Kyodo, Jiji, Reuters...) re-published by several outlets is one text with several
publications. Exact copies share :func:`text_fingerprint`; near copies (a changed headline, a
trimmed last paragraph, a different credit line) are found with MinHash LSH over word shingles.

Speed: shingles are hashed once per word with CRC32 and combined with numpy, and the 128
permutations are applied as one vectorised multiply-shift ``(a*h + b) >> 32`` over all
shingles, several times faster than ``datasketch.MinHash.update`` per shingle. The signatures go into datasketch's
``MinHashLSH`` as ``LeanMinHash`` objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from storyline.models import normalize_text
from storyline.stories.doc import StoryDoc
from storyline.text.tokens import stable_hash, words

_SHIFT = np.uint64(32)
_MAX32 = np.uint64((1 << 32) - 1)


def text_fingerprint(body: str) -> str:
    """Hash of the case/width/space-folded text: equal for exact duplicates."""
    return hashlib.sha1(normalize_text(body).encode("utf-8")).hexdigest()


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """32-bit hashes of the word k-shingles of ``text`` (unique, uint64 array)."""
    toks = words(text)
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((stable_hash(t) for t in toks), dtype=np.uint64, count=len(toks))
    k = min(k, len(h))
    n = len(h) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(k):  # polynomial rolling combination, vectorised over positions
        acc = (acc * np.uint64(1_000_003) + h[i : i + n]) & _MAX32
    return np.unique(acc)


class MinHasher:
    """Vectorised MinHash signatures with fixed random permutations (seeded: reproducible)."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        rng = np.random.RandomState(seed)
        self.num_perm = num_perm
        self.seed = seed
        # multiply-shift hashing: odd 64-bit a, any b; h(x) = ((a*x + b) mod 2^64) >> 32
        self._a = rng.randint(1, 1 << 62, size=num_perm, dtype=np.int64).astype(np.uint64) | np.uint64(1)
        self._b = rng.randint(0, 1 << 62, size=num_perm, dtype=np.int64).astype(np.uint64)

    def signature(self, text: str, k: int = 5) -> LeanMinHash:
        return self.signature_of(shingle_hashes(text, k))

    def signature_of(self, sh: np.ndarray) -> LeanMinHash:
        """The signature of a text's shingle hashes (:func:`shingle_hashes`)."""
        if len(sh) == 0:
            values = np.full(self.num_perm, _MAX32, dtype=np.uint64)
        else:
            # uint64 arithmetic wraps mod 2^64, which multiply-shift wants (no slow modulo).
            values = ((np.outer(self._a, sh) + self._b[:, None]) >> _SHIFT).min(axis=1)
        return LeanMinHash(seed=self.seed, hashvalues=values, scheme="legacy")


class NearDupIndex:
    """MinHash LSH index of texts: ``add(key, text)``, ``query(text) -> [keys]``.

    Two texts are near-duplicates when their estimated shingle Jaccard reaches ``threshold``, or
    when the shorter one is (almost) contained in the longer: a wire story re-published with a
    paragraph dropped, or an aggregator's copy of its first paragraphs. Containment is estimated
    from the Jaccard and the two shingle-set sizes, |A∩B|/|A| = J(|A|+|B|) / ((1+J)|A|), so candidates
    come from an LSH at a lower Jaccard (``candidate_threshold``) and are then verified.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5,
                 containment: float = 0.9, candidate_threshold: float = 0.4, min_shingles: int = 40):
        self.hasher = MinHasher(num_perm)
        self.shingle = shingle
        self.threshold = threshold
        self.containment = containment
        self.min_shingles = min_shingles  # a shorter text is too small to call a copy by containment
        self.lsh = MinHashLSH(threshold=min(threshold, candidate_threshold), num_perm=num_perm)
        self._sigs: dict[Hashable, LeanMinHash] = {}
        self._sizes: dict[Hashable, int] = {}
        self._last: tuple[str, tuple[LeanMinHash, int]] | None = None  # the stories stage queries, then adds

    def __len__(self) -> int:
        return len(self._sigs)

    def _signature(self, text: str) -> tuple[LeanMinHash, int]:
        """(signature, number of shingles): the shingles hashed once, and once only for a text
        queried and then added (the last text's pair is kept)."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        sh = shingle_hashes(text, self.shingle)
        pair = (self.hasher.signature_of(sh), len(sh))
        self._last = (text, pair)
        return pair

    def add(self, key: Hashable, text: str) -> None:
        if key in self._sigs:
            return
        sig, size = self._signature(text)
        self.lsh.insert(key, sig)
        self._sigs[key] = sig
        self._sizes[key] = size

    def remove(self, key: Hashable) -> None:
        """Forget ``key`` (an article that left the time window); unknown keys are ignored."""
        if self._sigs.pop(key, None) is not None:
            self.lsh.remove(key)
            self._sizes.pop(key, None)

    def similarity(self, sig: LeanMinHash, size: int, key: Hashable) -> tuple[float, float]:
        """(estimated Jaccard, estimated containment of the shorter text in the longer)."""
        j = sig.jaccard(self._sigs[key])
        small = min(size, self._sizes[key])
        if small < self.min_shingles:
            return j, 0.0
        return j, min(1.0, j * (size + self._sizes[key]) / ((1 + j) * small))

    def query(self, text: str) -> list[Hashable]:
        """Keys that are near-duplicates of ``text``, best first."""
        sig, size = self._signature(text)
        found = []
        for k in self.lsh.query(sig):
            j, c = self.similarity(sig, size, k)
            if j >= self.threshold or c >= self.containment:
                found.append((max(j, c), k))
        return [k for _, k in sorted(found, key=lambda x: -x[0])]


@dataclass(slots=True)
class Publication:
    article_id: int
    outlet: str | None
    published: datetime | None


@dataclass(slots=True)
class DuplicateGroup:
    """One text and every place it was published; ``canonical`` is the earliest publication."""

    canonical: int
    publications: list[Publication] = field(default_factory=list)
    exact: bool = True

    @property
    def also_carried_by(self) -> list[str]:
        first = next(p for p in self.publications if p.article_id == self.canonical)
        return sorted({p.outlet for p in self.publications if p.outlet and p.outlet != first.outlet})


def _order_key(doc: StoryDoc) -> tuple:
    when = doc.when
    return (when is None, when.timestamp() if when else 0.0, doc.article_id)


def group_duplicates(docs: Iterable[StoryDoc], threshold: float = 0.8) -> list[DuplicateGroup]:
    """Group exact and near-duplicate texts; singletons are left out.

    Each doc joins the group of the first earlier doc it matches (exact fingerprint first, then LSH),
    so a group's canonical article is its earliest publication.
    """
    index = NearDupIndex(threshold=threshold)
    by_print: dict[str, int] = {}
    group_of: dict[int, int] = {}
    groups: dict[int, DuplicateGroup] = {}
    for doc in sorted(docs, key=_order_key):
        if not normalize_text(doc.body):
            continue  # no text, nothing to be a copy of
        pub = Publication(doc.article_id, doc.outlet, doc.published)
        fp = text_fingerprint(doc.body)
        target, exact = by_print.get(fp), True
        if target is None:
            hits = index.query(doc.body)
            target, exact = (hits[0], False) if hits else (None, True)
        if target is None:
            by_print[fp] = doc.article_id
            index.add(doc.article_id, doc.body)
            group_of[doc.article_id] = doc.article_id
            groups[doc.article_id] = DuplicateGroup(doc.article_id, [pub])
            continue
        root = group_of[target]
        group_of[doc.article_id] = root
        groups[root].publications.append(pub)
        groups[root].exact = groups[root].exact and exact
    return [g for g in groups.values() if len(g.publications) > 1]
