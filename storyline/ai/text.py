"""Sentences with their character offsets, content words, and near-duplicate tests.

Every sentence the AI layer shows carries ``(article_id, index, start, end)`` so a reader can
find it in the stored body. Splitting is a fast rule-based splitter (no model load): it breaks
after ``.!?`` before a capital, digit or quote, but not after abbreviations ("U.S.", "Mr.",
"Jan.") or initials ("S. Korean").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from storyline.stories.text import content_words

_BREAK = re.compile(r"""[.!?。]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])""")
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "etc", "p.m", "a.m", "approx", "dept", "est", "fig"]
)
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


def _is_abbrev(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial, not a sentence."""
    m = re.search(r"([\w.]+)$", text[:dot])
    if not m:
        return False
    token = m.group(1).lower().rstrip(".")
    return token in _ABBREV or (len(token) == 1 and token.isalpha())


def split_spans(body: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` for each sentence of ``body``; line breaks also end a sentence."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in (body or "").splitlines(keepends=True):
        start = pos
        for m in _BREAK.finditer(line):
            if line[m.start()] == "." and _is_abbrev(line, m.start()):
                continue
            _add(out, line, start - pos, m.start() + 1 + len(m.group(0).rstrip()) - 1, pos)
            start = pos + m.end()
        _add(out, line, start - pos, len(line), pos)
        pos += len(line)
    return out


def _add(out: list, line: str, a: int, b: int, base: int) -> None:
    piece = line[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        s = base + a + lead
        out.append((s, s + len(stripped), stripped))


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
