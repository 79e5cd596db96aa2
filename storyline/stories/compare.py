"""Sources side by side for one story: who covered it and when, what only one source says, and
where the numbers disagree.

- Coverage: each outlet's articles in publication order, the first reporter marked.
- Unique sentences: a source's sentences with no counterpart (TF-IDF cosine below a threshold)
  in any other source's text.
- Disagreements: quantities of one unit ($, ¥, %, counts of a thing) about the same thing (they
  share a word that is specific within the story) whose values cannot both be right. Two sources
  can disagree, and so can two voices inside one article (Yomiuri: Trump says the U.S. keeps 90%
  of the profits; Akazawa says equity is only 1-2%).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from storyline.models import normalize_text
from storyline.stories.doc import StoryDoc
from storyline.stories.quantities import Quantity, differ, quantities
from storyline.stories.vectors import TermStats, feature
from storyline.text.sentences import sentences
from storyline.text.tokens import content_words


@dataclass(slots=True)
class Coverage:
    outlet: str
    article_id: int
    published: datetime | None
    title: str | None
    first: bool = False


@dataclass(slots=True)
class Claim:
    source: str  # outlet (or "article N")
    voice: str | None  # who the article attributes it to; None = the outlet itself
    article_id: int
    quantity: Quantity


@dataclass(slots=True)
class Disagreement:
    about: list[str]  # the shared specific words (what both claims are about)
    a: Claim
    b: Claim

    @property
    def summary(self) -> str:
        def side(c: Claim) -> str:
            who = f"{c.source} ({c.voice})" if c.voice else c.source
            return f"{who}: {c.quantity.text}"

        return f"{', '.join(self.about)}: {side(self.a)} vs {side(self.b)}"


@dataclass(slots=True)
class SourceComparison:
    coverage: list[Coverage] = field(default_factory=list)
    unique: dict[str, list[str]] = field(default_factory=dict)  # source -> sentences only it has
    disagreements: list[Disagreement] = field(default_factory=list)


def source_name(doc: StoryDoc) -> str:
    return doc.outlet or f"article {doc.article_id}"


def coverage(docs: list[StoryDoc]) -> list[Coverage]:
    """Who covered the story and when, earliest first (undated last)."""
    rows = sorted(docs, key=lambda d: (d.when is None, d.when.timestamp() if d.when else 0.0, d.article_id))
    out = [Coverage(source_name(d), d.article_id, d.when, d.title) for d in rows]
    if out and out[0].published is not None:
        out[0].first = True
    return out


def unique_sentences(
    docs: list[StoryDoc], threshold: float = 0.3, min_words: int = 4
) -> dict[str, list[str]]:
    """Per source, sentences with no similar sentence (cosine < threshold) in the other sources.

    All sentence-to-sentence cosines come from one sparse matrix product, so a story with dozens
    of articles stays fast.
    """
    from scipy.sparse import csr_matrix

    sents = [
        (source_name(d), s) for d in docs for s in sentences(d.body) if len(content_words(s)) >= min_words
    ]
    if len({src for src, _ in sents}) < 2:
        return {}
    stats = TermStats()
    counts = [Counter(feature(w) for w in content_words(s)) for _, s in sents]
    for c in counts:
        stats.observe(c)
    rows, cols, vals = [], [], []
    for i, c in enumerate(counts):
        v = stats.vector(c)
        rows.extend([i] * len(v.idx))
        cols.extend(v.idx.tolist())
        vals.extend(v.val.tolist())
    x = csr_matrix((vals, (rows, cols)), shape=(len(sents), int(max(cols)) + 1 if cols else 1))
    sims = (x @ x.T).toarray()
    sources = np.array([src for src, _ in sents], dtype=object)
    out: dict[str, list[str]] = {}
    for i, (src, sent) in enumerate(sents):
        other = sources != src
        if other.any() and sims[i, other].max() < threshold:
            out.setdefault(src, []).append(sent)
    return out


def _specific_words(docs: list[StoryDoc], claims: list[Claim]) -> set[str]:
    """Words that say what a number is about, not what the whole story is about: in at most a
    quarter of the story's distinct sentences, or in no more sentences than there are sources
    (each source may state the figure once)."""
    sents = {normalize_text(s) for d in docs for s in sentences(d.body)}
    df = Counter(w for s in sents for w in set(content_words(s)))
    limit = max(len({source_name(d) for d in docs}) + 1, 0.25 * len(sents))
    return {w for c in claims for w in c.quantity.keywords if df[w] <= limit}


def disagreements(docs: list[StoryDoc], max_items: int = 10) -> list[Disagreement]:
    """Quantity claims about the same thing, with one unit, from different sources or voices,
    whose values differ; strongest (most shared specific words) first."""
    claims = [Claim(source_name(d), q.voice, d.article_id, q) for d in docs for q in quantities(d.body)]
    specific = _specific_words(docs, claims)
    found: list[tuple[int, Disagreement]] = []
    seen: set[frozenset] = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.source == b.source and (a.voice is None or b.voice is None or a.voice == b.voice):
                continue  # across outlets (or two named voices quoted by one): one voice does not disagree with itself
            if not differ(a.quantity, b.quantity):
                continue
            about = sorted(a.quantity.keywords & b.quantity.keywords & specific)
            if not about or _agreed(a, b, claims):
                continue
            key = frozenset({(a.source, a.voice, a.quantity.text), (b.source, b.voice, b.quantity.text)})
            if key not in seen:
                seen.add(key)
                found.append((len(about), Disagreement(about, a, b)))
    found.sort(key=lambda x: -x[0])
    return [d for _, d in found[:max_items]]


def _agreed(a: Claim, b: Claim, claims: list[Claim]) -> bool:
    """One side also states the other's value about the same thing: a second figure, not a
    contradiction (Akazawa's "1-2% of the $550 billion" does not dispute the $550 billion)."""
    return _states(b, a.quantity, claims, exclude=a) or _states(a, b.quantity, claims, exclude=b)


def _states(side: Claim, q: Quantity, claims: list[Claim], exclude: Claim) -> bool:
    return any(
        c is not exclude
        and c.source == side.source
        and c.voice == side.voice
        and c.quantity.unit == q.unit
        and not differ(c.quantity, q)
        and c.quantity.keywords & q.keywords
        for c in claims
    )


def compare_sources(docs: list[StoryDoc]) -> SourceComparison:
    """Coverage, unique sentences and disagreeing numbers for the articles of one story."""
    return SourceComparison(coverage(docs), unique_sentences(docs), disagreements(docs))
