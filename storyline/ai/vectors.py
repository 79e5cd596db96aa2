"""Sparse TF-IDF vectors over pre-tokenised sentences (scikit-learn), L2-normalised."""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer


def _identity(tokens):
    return tokens


def tfidf_matrix(docs: list[list[str]]):
    """Rows L2-normalised, so ``X @ X.T`` is the cosine matrix. Empty input gives a 0x1 matrix."""
    from scipy.sparse import csr_matrix

    if not any(docs):
        return csr_matrix((len(docs), 1))
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    return vec.fit_transform(docs)
