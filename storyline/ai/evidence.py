"""What the store knows about each sentence: its events (with dates) and the entities it names.

Summaries rank and order sentences by these facts, so they are looked up once per set of
articles: events through ``Store.list_events(article_ids=...)`` (quality-flagged sources left
out), entity mentions through ``Store.article_mentions`` (character offsets -> sentence).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from storyline.ai.text import Sentence, overlap
from storyline.models import normalize_text
from storyline.text.tokens import content_words


@dataclass(slots=True)
class SentenceFacts:
    entities: set[str] = field(default_factory=set)  # entity keys named in the sentence
    events: list[dict] = field(default_factory=list)  # stored event rows reported by the sentence

    @property
    def event_date(self) -> str | None:
        """The most specific date among the sentence's events (full dates before months)."""
        dates = sorted((len(e["date"]) * -1, e["date"]) for e in self.events if e.get("date"))
        return dates[0][1] if dates else None


def _same_sentence(event_sentence: str, sent: Sentence) -> bool:
    a, b = normalize_text(event_sentence), normalize_text(sent.text)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return overlap(content_words(event_sentence), sent.words) >= 0.85


def sentence_facts(store, sentences: list[Sentence]) -> dict[tuple[int, int], SentenceFacts]:
    """``(article_id, index) -> SentenceFacts`` for the given sentences."""
    out: dict[tuple[int, int], SentenceFacts] = {(s.article_id, s.index): SentenceFacts() for s in sentences}
    by_article: dict[int, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_article[s.article_id].append(s)
    ids = sorted(by_article)
    if not ids:
        return out
    for ev in store.list_events(article_ids=ids, limit=5000):
        for src in ev["sources"]:
            for s in by_article.get(src["article_id"], []):
                if _same_sentence(src["sentence"], s):
                    out[(s.article_id, s.index)].events.append(ev)
                    break
    for aid in ids:
        sents = by_article[aid]
        for m in store.article_mentions(aid):
            if m.get("label") == "headline":  # offsets into the title, not the body
                continue
            for s in sents:
                if s.start <= m["start"] < s.end:
                    out[(aid, s.index)].entities.add(m["entity_key"])
                    break
    return out
