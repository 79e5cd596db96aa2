"""Unsupervised keyphrases for one article: frequent, rare-in-English words and phrases, early ones first.

Candidates are the content words of the text and, up to ``max_words``, the runs of content words
between stopwords and punctuation (RAKE-style chunks, no tagger needed, so it runs at hundreds of
articles per second). Each candidate, grouped by its stemmed form, scores

    (1 + ln tf) ** 3  x  rarity  x  (1 + 0.5 x earliness)  x  capitalised  x  in title

where ``rarity`` is ``7 - zipf`` frequency of the word in general English (the ``wordfreq``
package; a flat rarity when it is absent), ``earliness`` is 1 at the start of the text and 0 at
the end, capitalised-mid-sentence words (names) get x1.3 and title words x1.5. A phrase of
several words needs to occur twice, unless it is a run of capitalised words (a name), and
scores by its own frequency and the mean rarity of its words.

On 500N-KPCrowd (DEV) this gives F1@10 0.20 against 0.08 for YAKE's defaults (0.18 for YAKE
restricted to single words): see ``storyline eval keyphrases``.
"""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache

from storyline.enrich.taxonomy import lemma

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*|[^\sA-Za-z0-9]")
_SENTENCE_END = set('.!?"“”')
# spaCy's English stop list (MIT), inlined so this module does not import spaCy, plus reporting verbs.
_STOP = frozenset("""
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst amount an and another any anyhow anyone anything anyway anywhere are
    around as at back be became because become becomes becoming been before beforehand behind being
    below beside besides between beyond both bottom but by ca call can cannot could did do does
    doing done down due during each eight either eleven else elsewhere empty enough even ever every
    everyone everything everywhere except few fifteen fifty first five for former formerly forty
    four from front full further get give go had has have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i if in indeed into is it its itself
    just keep last latter latterly least less made make many may me meanwhile might mine more
    moreover most mostly move much must my myself name namely neither never nevertheless next nine
    no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own part per perhaps please put quite rather re
    really regarding same say see seem seemed seeming seems serious several she should show side
    since six sixty so some somehow someone something sometime sometimes somewhere still such take
    ten than that the their them themselves then thence there thereafter thereby therefore therein
    thereupon these they third this those though three through throughout thru thus to together too
    top toward towards twelve twenty two under unless until up upon us used using various very via
    was we well were what whatever when whence whenever where whereafter whereas whereby wherein
    whereupon wherever whether which while whither who whoever whole whom whose why will with within
    without would yet you your yours yourself yourselves
    said says mr mrs ms dr like
""".split())

TF_POWER = 3.0
EARLY_BONUS = 0.5
CAPITAL_BONUS = 1.3
TITLE_BONUS = 1.5
RARITY_CEILING = 7.0


@lru_cache(maxsize=1)
def _stemmer():
    """Porter stemmer from ``snowballstemmer`` (light to import), else plural folding."""
    try:
        import snowballstemmer

        return snowballstemmer.stemmer("porter").stemWord
    except ImportError:  # optional: plural folding is nearly as good
        return lemma


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lower-case word, else its singular form."""
    return _stemmer()(word)


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How unusual ``word`` is in general English: 7 - Zipf frequency, floored at 0.5."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return 3.0
    return max(0.5, RARITY_CEILING - zipf_frequency(word, "en"))


def _is_title_case(line: str) -> bool:
    """A headline-style line ("Feds Investigate Seattle Police"): its capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z]+", line) if w.lower() not in _STOP]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _chunks(text: str) -> list[list[tuple[str, str, int, bool]]]:
    """Runs of content words as (surface, lower, token index, capitalised mid-sentence)."""
    chunks: list[list[tuple[str, str, int, bool]]] = []
    current: list[tuple[str, str, int, bool]] = []
    index = 0
    for line in text.splitlines():
        caps_mean_names = not _is_title_case(line)
        sentence_start = True
        for tok in _TOKEN.findall(line):
            index += 1
            if not tok[0].isalnum():
                if current:
                    chunks.append(current)
                    current = []
                sentence_start = tok in _SENTENCE_END
                continue
            low = tok.lower()
            if low.endswith("'s"):
                tok, low = tok[:-2], low[:-2]
            if low in _STOP or len(low) < 3 or not low[0].isalpha() or "'" in low:
                if current:
                    chunks.append(current)
                    current = []
            else:
                capital = caps_mean_names and tok[0].isupper() and not sentence_start
                current.append((tok.strip("-"), low.strip("-"), index, capital))
            sentence_start = False
        if current:
            chunks.append(current)
            current = []
    return chunks


def score_candidates(text: str, *, title: str | None = None, max_words: int = 3) -> dict[str, float]:
    """Score every candidate phrase of ``text``; keys are surface forms (one per stemmed form)."""
    text = html.unescape(text or "").replace("’", "'").replace("‘", "'")
    title_stems = {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", html.unescape(title or ""))}
    chunks = _chunks(text)
    last = max((c[-1][2] for c in chunks), default=1) or 1
    stats: dict[str, list] = {}
    for chunk in chunks:
        stems = [stem(w[1]) for w in chunk]  # each word stemmed once, not once per n-gram holding it
        for a in range(len(chunk)):
            for b in range(a + 1, min(len(chunk), a + max_words) + 1):
                gram = chunk[a:b]
                key = " ".join(stems[a:b])
                entry = stats.get(key)
                if entry is None:
                    entry = stats[key] = [0, gram[0][2] / last, 0, gram, 0]
                entry[0] += 1
                entry[4] += any(w[0][:1].islower() for w in gram)
                if all(w[3] for w in gram):
                    entry[2] += 1
                    entry[3] = gram  # a capitalised (mid-sentence) surface form, if any
    scores: dict[str, float] = {}
    for key, (tf, first, capitals, gram, lower_seen) in stats.items():
        if len(gram) > 1 and tf < 2 and not capitals:
            continue
        value = (1 + math.log(tf)) ** TF_POWER * (sum(rarity(w[1]) for w in gram) / len(gram))
        value *= (1 + EARLY_BONUS * (1 - first)) * (CAPITAL_BONUS if capitals else 1.0)
        if any(s in title_stems for s in key.split()):
            value *= TITLE_BONUS
        name_like = capitals * 2 >= tf or not lower_seen  # mostly or always capitalised: a name
        surface = " ".join(w[0] if name_like and w[0][:1].isupper() else w[1] for w in gram)
        scores[surface] = value
    return scores


def extract_keyphrases(text: str, *, title: str | None = None, top: int = 10, max_words: int = 3) -> list[str]:
    """The ``top`` keyphrases of ``text``, best first (names keep their capitals, other words are lower-case)."""
    scores = score_candidates(text, title=title, max_words=max_words)
    return sorted(scores, key=lambda s: (-scores[s], s))[:top]


def tidy_keyphrases(phrases: list[str], top: int = 10) -> list[str]:
    """Readable keyphrases for people: a multi-word name replaces the single capitalised words it
    contains ("South Korea" instead of "Korea", "South"), at the rank of its best part. The raw
    ranking (single words included) is what the keyphrase benchmark scores."""
    multi = [p for p in phrases if " " in p and all(w[:1].isupper() for w in p.split())]
    out: list[str] = []
    for phrase in phrases:
        if " " not in phrase and phrase[:1].isupper():
            container = next((m for m in multi if phrase.lower() in m.lower().split()), None)
            phrase = container or phrase
        if phrase.lower() not in {o.lower() for o in out} and not any(
                phrase.lower() in o.lower().split() for o in out if " " in o):
            out.append(phrase)
    return out[:top]
