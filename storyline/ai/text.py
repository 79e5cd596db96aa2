"""Sentences with their character offsets, content words, and near-duplicate tests.

Every sentence the AI layer shows carries ``(article_id, index, start, end)`` so a reader can
find it in the stored body. Sentences come from the one splitter, :mod:`storyline.text.sentences`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storyline.text.sentences import split_spans
from storyline.text.tokens import content_words

MIN_WORDS = 5


@dataclass(slots=True)
class Sentence:
    """One sentence of one stored article, with where it sits in the body."""

    article_id: int
    index: int  # position among the article's sentences, from 0
    start: int  # character offsets in the article body
    end: int
    text: str
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    words: list[str] = field(default_factory=list)

    def citation(self) -> dict:
        return {"article_id": self.article_id, "sentence": self.text, "sentence_index": self.index,
                "start": self.start, "end": self.end, "outlet": self.outlet, "title": self.title}


def article_sentences(row: dict, min_words: int = MIN_WORDS) -> list[Sentence]:
    """Sentences of a stored article row (``id``, ``body``, ``outlet``...), short fragments left out."""
    out = []
    for i, (s, e, text) in enumerate(split_spans(row.get("body") or "")):
        toks = content_words(text)
        if len(text.split()) < min_words or not toks:
            continue
        out.append(Sentence(row["id"], i, s, e, text, row.get("outlet"), row.get("title"),
                            row.get("published"), toks))
    return out


def overlap(a: list[str], b: list[str]) -> float:
    """Share of the smaller sentence's content words found in the other (0..1)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def is_clean(row: dict) -> bool:
    """An article we may quote: no quality flag (filler, placeholders, chrome, empty)."""
    return not (row.get("quality_flags") or [])
