"""Related articles: the closest articles from *other* stories, each with the reasons why.

Analysts follow threads across stories ("Japan–South Korea relations", everything on one
minister), so an article's related list leaves out its own story and says why each item is there:
shared entities (by name, rarest first), shared hashtags, and a shared bilateral thread when both
articles are about the same pair of countries.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.models import normalize_text
from storyline.stories.doc import StoryDoc
from storyline.stories.vectors import TermStats, dot, term_counts


@dataclass(slots=True)
class Related:
    article_id: int
    score: float
    reasons: list[str] = field(default_factory=list)
    shared_entities: list[str] = field(default_factory=list)  # entity keys
    shared_hashtags: list[str] = field(default_factory=list)
    thread: str | None = None


def country_name(key: str, names: dict[str, str]) -> str:
    """Display name of a ``country:XXX`` key: the enrichment's name, else pycountry's."""
    if key in names:
        return names[key]
    code = key.split(":", 1)[1]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        return getattr(c, "common_name", None) or c.name if c else code
    except (ImportError, LookupError, AttributeError):
        return code


def thread_of(a: StoryDoc, b: StoryDoc, names: dict[str, str]) -> str | None:
    """A bilateral thread both articles share: exactly two of their shared countries are named in
    their headlines ("Japanese, South Korean ministers..." names Japan and South Korea)."""
    shared = sorted(k for k in a.entity_keys & b.entity_keys if k.startswith("country:"))
    if len(shared) < 2:
        return None
    titles = normalize_text(f"{a.title or ''} | {b.title or ''}")
    shared = [k for k in shared if normalize_text(country_name(k, names)) in titles]
    if len(shared) != 2:
        return None
    first, second = sorted(country_name(k, names) for k in shared)
    return f"{first}–{second} relations"


def related_articles(
    target: StoryDoc,
    pool: Iterable[StoryDoc],
    story_of: dict[int, int],
    *,
    entity_names: dict[str, str] | None = None,
    k: int = 5,
    min_score: float = 0.15,
) -> list[Related]:
    """Top ``k`` articles of ``pool`` outside ``target``'s story, scored by rare shared entities,
    shared hashtags, a shared bilateral thread and (a little) wording; each with its reasons.

    ``pool`` is the candidate set the caller fetched (e.g. recent articles sharing an entity or a
    hashtag with the target); rarity is measured within it. ``story_of`` maps article ids to
    story ids; ``entity_names`` maps entity keys to display names.
    """
    names = entity_names or {}
    docs = [d for d in pool if d.article_id != target.article_id]
    own = story_of.get(target.article_id)
    df = Counter(key for d in docs for key in d.entity_keys)
    n = len(docs) + 1
    stats = TermStats()
    counts = {d.article_id: term_counts(d.title, d.body[:1500]) for d in [target, *docs]}
    for c in counts.values():
        stats.observe(c)
    tvec = stats.vector(counts[target.article_id])
    out: list[Related] = []
    for d in docs:
        if own is not None and story_of.get(d.article_id) == own:
            continue
        rel = _score_pair(target, d, df, n, names)
        rel.score += 0.5 * dot(tvec, stats.vector(counts[d.article_id]))
        if rel.score >= min_score and (rel.reasons or rel.score >= 2 * min_score):
            if not rel.reasons:
                rel.reasons.append("similar wording")
            out.append(rel)
    return sorted(out, key=lambda r: (-r.score, r.article_id))[:k]


def _score_pair(a: StoryDoc, b: StoryDoc, df: Counter, n: int, names: dict[str, str]) -> Related:
    rel = Related(b.article_id, 0.0)
    shared = sorted(a.entity_keys & b.entity_keys, key=lambda key: (df[key], key))

    def weight(key: str) -> float:  # rare keys count most
        return math.log((n + 1) / (df[key] + 1))

    specific = [key for key in shared if not key.startswith("country:")]
    rel.shared_entities = shared
    rel.score += (
        sum(weight(key) for key in shared) / max(1.0, sum(weight(key) for key in a.entity_keys)) * 1.5
    )
    if specific:
        shown = [names.get(key) or key.split(":", 1)[-1].replace("-", " ").title() for key in specific[:4]]
        rel.reasons.append("shared entities: " + ", ".join(shown))
    tags = sorted(set(a.hashtags) & set(b.hashtags))
    if tags:
        rel.shared_hashtags = tags
        rel.score += 0.2 * min(3, len(tags))
        rel.reasons.append("shared hashtag: " + ", ".join("#" + t for t in tags[:3]))
    thread = thread_of(a, b, names)
    if thread:
        rel.thread = thread
        rel.score += 0.3
        rel.reasons.append(f"same thread: {thread}")
    return rel
