"""One story across languages: the signal that lets a Japanese report join the English story of
the same happening (and an English report join a Japanese one), kept apart from the monolingual
clusterer (:mod:`cluster`), whose word vectors cannot compare two languages.

For a doc and a story holding articles in another language, five features:

* ``entities`` - IDF-free, type-weighted share of the doc's canonical entity keys that the story
  has (people 3, bodies 2, cities 1, countries 0.5; Japanese enrichment gives the English keys,
  so 岩屋毅 and Takeshi Iwaya are one key). Hyphens and spaces are folded (Ji-won == ジウォン);
* ``event_types`` - share of the doc's event types the story has (statement/cooperate ignored);
* ``event_dates`` - 1 when one (type, date) pair is shared;
* ``terms`` - cosine of translated-term concepts (``data/ja_en_terms.json``: レアアース and
  "rare earth" are one concept) between the doc and the story's members;
* ``gap`` - days between the doc and the story's nearest member (publication, else fetch time).

A logistic model over these (coefficients in ``data/crosslang_model.json``, fitted on the tune
split of the bilingual gold by ``storyline eval bilingual --fit``) gives the join probability;
a doc joins the best story at or above the model's threshold when the monolingual clusterer did
not find a story of its own language.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from storyline.stories.doc import StoryDoc
from storyline.text.japanese import is_japanese

DATA = Path(__file__).resolve().parents[1] / "data"
FEATURES = ("entities", "event_types", "event_dates", "terms", "gap")
_TYPE_WEIGHT = {"person": 3.0, "org": 2.0, "city": 1.0, "country": 0.5}
_WEAK_EVENTS = {"statement", "cooperate"}


@lru_cache(maxsize=1)
def _concepts() -> tuple[list[tuple[str, list[str]]], list[tuple[str, tuple[str, ...], re.Pattern]]]:
    data = json.loads((DATA / "ja_en_terms.json").read_text(encoding="utf-8"))["concepts"]
    ja = [(c, sorted(s, key=len, reverse=True)) for c, (s, _) in data.items() if s]
    en = [
        (
            c,
            tuple(words),
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")(?:s|es)?(?![\w-])"
            ),
        )
        for c, (_, words) in data.items()
        if words
    ]
    return ja, en


def concepts(text: str, language: str) -> set[str]:
    """Translated-term concepts named in ``text`` (Japanese surfaces, or English words).

    An English concept's pattern runs only when one of its words is in the text at all (a
    substring test, which any match passes): the same concepts at a seventh of the cost."""
    ja, en = _concepts()
    if language == "ja":
        return {c for c, surfaces in ja if any(s in text for s in surfaces)}
    low = text.lower()
    return {c for c, words, pat in en if any(w in low for w in words) and pat.search(low)}


def language_of(doc: StoryDoc) -> str:
    return "ja" if is_japanese(f"{doc.title or ''}\n{doc.body[:2000]}") else "en"


def fold_key(key: str) -> str:
    return key.replace("-", "").replace(" ", "") if key.startswith("person:") else key


def _weight(key: str) -> float:
    if ":ja:" in key:
        return 0.0  # a name only the Japanese side spells this way: no evidence either way
    return _TYPE_WEIGHT.get(key.split(":", 1)[0], 0.5)


@dataclass(slots=True)
class Model:
    coef: dict[str, float]
    intercept: float
    threshold: float = 0.5
    max_gap_days: float = 4.0

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def load_model(path: Path = DATA / "crosslang_model.json") -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        coef=data["coef"],
        intercept=data["intercept"],
        threshold=data["threshold"],
        max_gap_days=data.get("max_gap_days", 4.0),
    )


@dataclass(slots=True)
class Profile:
    """What the cross-language signal keeps per story."""

    languages: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    event_types: Counter = field(default_factory=Counter)
    event_dates: set = field(default_factory=set)
    concepts: Counter = field(default_factory=Counter)
    times: list = field(default_factory=list)
    size: int = 0


@dataclass(slots=True)
class DocFacts:
    language: str
    entities: set[str]
    event_types: set[str]
    event_dates: set[tuple[str, str]]
    concepts: set[str]
    time: datetime | None


def doc_facts(doc: StoryDoc, events: set[tuple[str, str | None]] = frozenset()) -> DocFacts:
    """The doc as the signal sees it; ``events`` are its (type, ISO date or None) pairs."""
    lang = language_of(doc)
    return DocFacts(
        lang,
        {fold_key(k) for k in doc.entity_keys},
        {t for t, _ in events if t not in _WEAK_EVENTS},
        {(t, d) for t, d in events if d and t not in _WEAK_EVENTS},
        concepts(f"{doc.title or ''}\n{doc.body}", lang),
        doc.when,
    )


def features(d: DocFacts, p: Profile) -> dict[str, float]:
    total = sum(_weight(k) for k in d.entities)
    shared = sum(_weight(k) for k in d.entities if k in p.entities)
    ents = shared / total if total else 0.0
    types = len(d.event_types & set(p.event_types)) / len(d.event_types) if d.event_types and p.event_types else 0.0
    dates = 1.0 if d.event_dates & p.event_dates else 0.0
    if d.concepts and p.concepts:
        dotp = sum(p.concepts[c] for c in d.concepts)
        norm = math.sqrt(len(d.concepts) * sum(v * v for v in p.concepts.values()))
        terms = dotp / norm if norm else 0.0
    else:
        terms = 0.0
    gap = min((abs((d.time - t).total_seconds()) / 86400 for t in p.times), default=30.0) if d.time else 30.0
    return {"entities": ents, "event_types": types, "event_dates": dates, "terms": terms, "gap": min(gap, 30.0)}


class CrossLingual:
    """Per-story, per-language profiles and the join decision. ``observe`` every assignment;
    ``best`` proposes a story for a doc by comparing it with that story's members in other
    languages only (members of its own language are the monolingual clusterer's business);
    ``merge`` follows story merges."""

    def __init__(self, model: Model | None = None):
        self.model = model or load_model()
        self.stories: dict[int, dict[str, Profile]] = {}
        self.postings: dict[str, set[int]] = {}  # entity key -> stories (candidate lookup)

    def observe(self, d: DocFacts, story_id: int) -> None:
        p = self.stories.setdefault(story_id, {}).setdefault(d.language, Profile())
        p.languages[d.language] += 1
        p.entities.update(d.entities)
        p.event_types.update(d.event_types)
        p.event_dates |= d.event_dates
        p.concepts.update(d.concepts)
        if d.time:
            p.times.append(d.time)
        p.size += 1
        for k in d.entities:
            if _weight(k) >= 1.0:
                self.postings.setdefault(k, set()).add(story_id)

    def forget(self, story_ids: set[int]) -> None:
        """Drop the profiles of stories that left the time window, and their postings."""
        if not story_ids:
            return
        for sid in story_ids:
            self.stories.pop(sid, None)
        for key in list(self.postings):
            self.postings[key] -= story_ids
            if not self.postings[key]:
                del self.postings[key]

    def best(self, d: DocFacts) -> tuple[int, float] | None:
        """The story whose members in another language this doc reports, with the probability."""
        found = None
        cands = set().union(*(self.postings.get(k, ()) for k in d.entities)) if d.entities else set()
        for sid in sorted(cands):
            for lang, p in self.stories.get(sid, {}).items():
                if lang == d.language:
                    continue
                f = features(d, p)
                if f["gap"] > self.model.max_gap_days:
                    continue
                prob = self.model.probability(f)
                if prob >= self.model.threshold and (found is None or prob > found[1]):
                    found = (sid, prob)
        return found

    def merge(self, src: int, into: int) -> None:
        moved = self.stories.pop(src, None)
        if moved is None:
            return
        target = self.stories.setdefault(into, {})
        for lang, a in moved.items():
            b = target.setdefault(lang, Profile())
            b.languages += a.languages
            b.entities += a.entities
            b.event_types += a.event_types
            b.event_dates |= a.event_dates
            b.concepts += a.concepts
            b.times += a.times
            b.size += a.size
        for ids in self.postings.values():
            if src in ids:
                ids.discard(src)
                ids.add(into)

    def prune(self, older_than: datetime) -> int:
        """Forget stories whose newest member is older than ``older_than``."""
        old = [
            sid
            for sid, profiles in self.stories.items()
            if all(p.times and max(p.times) < older_than for p in profiles.values())
        ]
        for sid in old:
            del self.stories[sid]
        for ids in self.postings.values():
            ids.difference_update(old)
        return len(old)


# ---------------------------------------------------------------------------- bilingual aliases

_READING_IN_NAME = re.compile(r"\(([A-Za-z][A-Za-z \-]+)\)$")


def _name_tokens(text: str) -> frozenset[str]:
    return frozenset(t.replace("-", "").replace(".", "").lower() for t in text.split() if t)


def _same_name(english: str, reading: str) -> bool:
    """Name tokens alike up to romanisation (Sung-min / ソンミン -> Sonmin): same count, and the
    sorted tokens at least 75 % similar; candidates are only the story's people the Japanese side does not name)."""
    a, b = sorted(_name_tokens(english)), sorted(_name_tokens(reading))
    return len(a) == len(b) and difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.75


def learn_aliases(people: list[dict]) -> list[tuple[str, str, str]]:
    """Aliases from bilingual co-occurrence in one story: ``(script_key, english_key, why)``.

    A person the Japanese side could only name in its own script (``person:ja:朴成民``) is the
    English side's person when (1) the reading printed beside the name (``朴成民（パク・ソンミン）``,
    romanised ``Park Sungmin``) has the same name tokens, hyphens folded, as exactly one English
    person (``Park Sung-min``); or (2) both sides give them the same office for the same country
    or body and exactly one English person holds it (楊明外相 of China == Chinese Foreign Minister
    Yang Ming)."""
    script = {p["key"]: p for p in people if p["key"].startswith("person:ja:")}
    ja_articles = {p["article_id"] for p in script.values()}
    named_in_ja = {p["key"] for p in people if p["article_id"] in ja_articles}
    latin = [
        p
        for p in people
        if p["key"].startswith("person:") and not p["key"].startswith("person:ja:") and p["key"] not in named_in_ja
    ]  # the Japanese side already names them otherwise
    out = []
    for key, p in script.items():
        m = _READING_IN_NAME.search(p["name"] or "")
        if m:
            hits = {q["key"] for q in latin if _same_name(q["key"].removeprefix("person:"), m.group(1))}
            if len(hits) == 1:
                out.append((key, next(iter(hits)), f"reading {m.group(1)}"))
                continue
        offices = {(r["office"], r["org_key"]) for r in people if r["key"] == key and r["office"]}
        holders = {q["key"] for q in latin if q["office"] and (q["office"], q["org_key"]) in offices}
        if len(holders) == 1:
            office, org = next(iter(offices))
            out.append((key, next(iter(holders)), f"same office: {office} ({org})"))
    return out
