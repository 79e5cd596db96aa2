"""Extractive summaries that cite every sentence: one article, one story, or what changed.

A story summary reads all of the story's clean articles (quality-flagged ones are never quoted)
and picks the most informative sentences across outlets:

- score = centrality (mean TF-IDF cosine to the other sentences, LexRank-style)
  + cross-outlet support (how many other articles say something close)
  + entity density (distinct entities named) + event density (a dated event counts most)
  + lead position (newswriting puts the news first), damped for fragments and run-ons;
- no sentence is said twice: sentences that are near-duplicates (cosine >= 0.5 or most content
  words shared) form one group, the most informative version (most entities and words) is kept,
  and the others are listed as ``also`` (corroborating sources);
- the chosen sentences are ordered by event order: the event's date, else the article's
  publication time, else position in the article.

Each :class:`SummarySentence` carries its article id, sentence index and character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from storyline.ai.evidence import SentenceFacts, sentence_facts
from storyline.ai.participants import Participant, key_participants
from storyline.ai.text import Sentence, article_sentences, is_clean, overlap
from storyline.ai.vectors import tfidf_matrix
from storyline.errors import NotFoundError

DUP_COSINE = 0.5
DUP_OVERLAP = 0.75


@dataclass(slots=True)
class SummarySentence:
    sentence: Sentence
    score: float
    date: str | None = None  # ISO date of the event it reports, if any
    also: list[dict] = field(default_factory=list)  # near-duplicates in other articles

    @property
    def when_text(self) -> str:
        """'July 29, 2025' (event date), else 'reported July 30, 2025', else ''."""
        if self.date:
            return human_date(self.date)
        pub = self.sentence.published
        return f"reported {pub.strftime('%B')} {pub.day}, {pub.year}" if pub else ""

    def as_dict(self) -> dict:
        return {**self.sentence.citation(), "date": self.date, "when": self.when_text,
                "score": round(self.score, 4), "also": self.also}


@dataclass(slots=True)
class Summary:
    title: str | None
    sentences: list[SummarySentence] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    story_id: int | None = None

    @property
    def text(self) -> str:
        """One line per sentence: 'July 29, 2025 — sentence [article 2]'."""
        lines = []
        for s in self.sentences:
            src = s.sentence.outlet or "outlet unknown"
            prefix = f"{s.when_text} — " if s.when_text else ""
            lines.append(f"{prefix}{s.sentence.text} [{src}, article {s.sentence.article_id}]")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"title": self.title, "story_id": self.story_id, "article_ids": self.article_ids,
                "text": self.text, "sentences": [s.as_dict() for s in self.sentences],
                "participants": [p.as_dict() for p in self.participants]}


def human_date(iso: str) -> str:
    """'2025-07-29' -> 'July 29, 2025'; '2025-06' -> 'June 2025'; '2022' -> '2022'."""
    try:
        if len(iso) >= 10:
            d = datetime.strptime(iso[:10], "%Y-%m-%d")
            return f"{d.strftime('%B')} {d.day}, {d.year}"
        if len(iso) == 7:
            return datetime.strptime(iso, "%Y-%m").strftime("%B %Y")
    except ValueError:
        pass
    return iso


def _scores(sents: list[Sentence], facts: dict, sims: np.ndarray) -> np.ndarray:
    n = len(sents)
    if n == 1:
        return np.ones(1)
    cent = (sims.sum(axis=1) - 1.0) / (n - 1)
    arts = np.array([s.article_id for s in sents])
    support = np.array([len(set(arts[(sims[i] >= 0.35) & (arts != arts[i])])) for i in range(n)], dtype=float)
    ents = np.array([len(facts[(s.article_id, s.index)].entities) for s in sents], dtype=float)
    evs = np.array([_event_weight(facts[(s.article_id, s.index)]) for s in sents])
    pos = np.array([1.0 / (1.0 + s.index) for s in sents])
    length = np.array([1.0 if 8 <= len(s.text.split()) <= 45 else 0.6 for s in sents])

    def norm(x: np.ndarray) -> np.ndarray:
        return x / x.max() if x.max() > 0 else x

    score = 0.3 * norm(cent) + 0.15 * norm(support) + 0.2 * norm(ents) + 0.15 * evs + 0.2 * pos
    return score * length


def _event_weight(f: SentenceFacts) -> float:
    if not f.events:
        return 0.0
    return 1.0 if f.event_date and len(f.event_date) >= 10 else 0.6


def _informative(s: Sentence, facts: dict) -> tuple:
    f = facts[(s.article_id, s.index)]
    return (len(f.entities) + (1 if f.event_date else 0), len(set(s.words)), -s.index)


def select(sents: list[Sentence], facts: dict, k: int) -> list[SummarySentence]:
    """The ``k`` best sentences, one per near-duplicate group, in event order."""
    if not sents:
        return []
    matrix = tfidf_matrix([s.words for s in sents])
    sims = (matrix @ matrix.T).toarray()
    score = _scores(sents, facts, sims)
    used = np.zeros(len(sents), dtype=bool)
    chosen: list[SummarySentence] = []
    for i in np.argsort(-score, kind="stable"):
        if used[i] or len(chosen) >= k:
            continue
        group = [j for j in range(len(sents)) if not used[j] and
                 (sims[i, j] >= DUP_COSINE or overlap(sents[i].words, sents[j].words) >= DUP_OVERLAP)]
        group = group or [i]
        best = max(group, key=lambda j: _informative(sents[j], facts))
        used[group] = True
        also = [{"article_id": sents[j].article_id, "outlet": sents[j].outlet, "sentence": sents[j].text}
                for j in group if j != best and sents[j].article_id != sents[best].article_id]
        date = facts[(sents[best].article_id, sents[best].index)].event_date
        chosen.append(SummarySentence(sents[best], float(score[i]), date, also))
    return sorted(chosen, key=_event_order)


def _event_order(s: SummarySentence) -> tuple:
    pub = s.sentence.published
    day = s.date[:10] if s.date else (pub.date().isoformat() if pub else "9999")
    return (day, pub.timestamp() if pub else float("inf"), s.sentence.article_id, s.sentence.index)


def summarize_articles(store, rows: list[dict], *, max_sentences: int = 6, title: str | None = None,
                       story_id: int | None = None, participants: bool = True) -> Summary:
    """Summary of a set of stored article rows; flagged articles are dropped first."""
    rows = [r for r in rows if is_clean(r)]
    sents = [s for r in rows for s in article_sentences(r)]
    facts = sentence_facts(store, sents)
    ids = [r["id"] for r in rows]
    people = key_participants(store, ids) if participants else []
    return Summary(title, select(sents, facts, max_sentences), people, ids, story_id)


def summarize_article(store, article_id: int, *, max_sentences: int = 3) -> Summary:
    row = store.get_article(article_id)
    if row is None:
        raise NotFoundError(f"article {article_id} not found")
    return summarize_articles(store, [row], max_sentences=max_sentences, title=row.get("title"))


def summarize_story(store, story_id: int, *, max_sentences: int = 6) -> Summary:
    story = store.get_story(story_id)
    if story is None:
        raise NotFoundError(f"story {story_id} not found")
    return summarize_articles(store, story["articles"], max_sentences=max_sentences, title=story["title"],
                              story_id=story_id)
