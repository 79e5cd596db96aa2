"""Lead actors: the names a report opens with (its headline and first sentence), to tell apart two
events of the same kind by different principal actors.

Why: news of one beat and week often brings the same kind of event by different actors (three
central banks deciding on rates, one country's tariffs and another's retaliation). Their wording
is alike, so a similarity of words can join them; who acts is said at the top of each report.
Two reports of one happening, or a follow-up to it, name at least one actor in common there (the
body that decided, the ministers who met, the country whose rule others react to); two reports of
different actors' doings of one kind name none. :func:`share_actor` tests exactly that.

A lead actor is a run of capitalised words (joined by "of", "for", "the", "de") in the headline or
the body's first sentence: "Bank of England", "Federal Reserve", "South Korea", "Han Ji-won". A
dateline ("TOKYO — ") is not an actor; neither is a lone capitalised function word, a weekday or a
month. A headline in title case (most of its words capitalised) names nothing reliably and is
left out. Two names match when one is a run of the other's words ("Court of International Trade"
in "US Court of International Trade", "Vaalgren" in "Henrik Vaalgren"), so an outlet that adds a
first name or a country still matches, and "Bank of England" does not match "Bank of Japan".

Names are kept hashed (:func:`storyline.stories.vectors.feature`), as packed int32 bytes: the full
names and every run of their words, a few dozen numbers per article.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

from storyline.stories.vectors import feature
from storyline.text.times import MONTH_NAMES, WEEKDAYS
from storyline.text.tokens import STOPWORDS

_LEAD_CHARS = 400  # the first sentence is read from the first few hundred characters
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’()-]*[A-Z)]\s*[—–-]+\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z])")
_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'’\-]*)"
_NAME = re.compile(rf"{_TOKEN}(?:\s+(?:(?:of|for|the|de)\s+)?{_TOKEN})*")
_CALENDAR = MONTH_NAMES | {d for d in WEEKDAYS if d.endswith("day")}
_LINKS = frozenset({"of", "for", "the", "de"})
_SPLIT_COMPOUND = re.compile(r"-(?=[A-Z])")  # "Japan-South Korea" names two actors; "Jae-hoon" one


def first_sentence(body: str) -> str:
    """The body's first sentence, without a dateline."""
    lead = _DATELINE.sub("", body[:_LEAD_CHARS].strip(), count=1)
    return _SENTENCE_END.split(lead, maxsplit=1)[0]


def _title_case(title: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def actor_names(title: str | None, body: str) -> set[tuple[str, ...]]:
    """The lead actors of a report: capitalised names of its headline (unless in title case) and
    first sentence, each as a tuple of lower-cased words."""
    texts = [first_sentence(body)]
    if title and not _title_case(title):
        texts.append(title)
    out: set[tuple[str, ...]] = set()
    for text in texts:
        for match in _NAME.findall(_SPLIT_COMPOUND.sub(", ", text)):
            words = [w.removesuffix("'s").removesuffix("’s").replace(".", "") for w in match.split()]
            while words and words[0].lower() in _LINKS:  # "The Bank of Japan": the article is not a name
                words = words[1:]
            if len(words) == 1 and not _is_name(words[0]):
                continue
            if words:
                out.add(tuple(w.lower() for w in words))
    return out


def _is_name(word: str) -> bool:
    low = word.lower()
    if word.isupper() and len(word) >= 2:
        return True  # an acronym ("US", "BOJ", "EU"), even when the lower-cased word is a stop word
    return len(low) > 1 and low not in STOPWORDS and low not in _CALENDAR


def actor_cues(title: str | None, body: str) -> tuple[bytes, bytes]:
    """(hashed lead actors, hashed runs of their words) as packed int32 bytes."""
    names = actor_names(title, body)
    full = {_hash(n) for n in names}
    runs = {_hash(n[i:j]) for n in names for i in range(len(n)) for j in range(i + 1, len(n) + 1)
            if n[i] not in _LINKS and n[j - 1] not in _LINKS}
    return _pack(full), _pack(runs)


def share_actor(names: bytes, runs: bytes, others: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether a report (its :func:`actor_cues`) and a group of others name a lead actor in common:
    a name of one is a run of words of a name of the other. True when either side names none (no
    evidence either way)."""
    other_names: set[int] = set()
    other_runs: set[int] = set()
    for n, r in others:
        other_names.update(array("i", n))
        other_runs.update(array("i", r))
    if not names or not other_names:
        return True
    return not other_runs.isdisjoint(array("i", names)) or not other_names.isdisjoint(array("i", runs))


def _hash(words: tuple[str, ...]) -> int:
    return feature("^" + " ".join(words))


def _pack(hashes: set[int]) -> bytes:
    return array("i", sorted(hashes)).tobytes()


__all__ = ["actor_cues", "actor_names", "first_sentence", "share_actor"]
