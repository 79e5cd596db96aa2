"""The topic taxonomy (``storyline/data/taxonomy.json``) and matching text against it.

Topics are the pillars of Japan's Economic Security Promotion Act and their neighbours (security
clearance, export and investment screening), critical materials, infrastructure sectors,
technology areas and diplomacy topics. Each has an ``id`` ("material.rare_earths"), a ``label``,
a CamelCase ``hashtag`` without '#' ("RareEarths"), a ``parent`` id, ``synonyms`` (other spellings of
the hashtag: "EconSecurity") and ``patterns``: lower-case
phrases matched after a light lemmatisation of both sides (case, plural/singular, possessives,
hyphens), so "rare-earth exports" matches "rare earth". Bilateral relations are generated from
country pairs: :func:`bilateral_topic` ("JPN", "KOR") -> ``relations.JPN-KOR`` /
"JapanSouthKoreaRelations".

``match_topics(text, title=None) -> [(topic_id, score, evidence)]``, best first; the score counts
pattern hits (title hits x3, multi-word patterns x1.5). The same loader serves watchlists and web
sections later (``load_taxonomy().topics``).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storyline.text.sentences import split_spans

DATA = Path(__file__).resolve().parents[1] / "data" / "taxonomy.json"

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    hashtag: str
    parent: str | None
    patterns: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()  # other spellings of the hashtag ("EconSecurity")


@dataclass(slots=True)
class Taxonomy:
    topics: dict[str, Topic]
    bilateral: dict
    index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    country_regex: re.Pattern[str] | None = None
    country_alias: dict[str, str] = field(default_factory=dict)

    def get(self, topic_id: str) -> Topic | None:
        """A topic by id; ``relations.AAA-BBB`` ids are generated on demand."""
        if topic_id in self.topics:
            return self.topics[topic_id]
        prefix = self.bilateral.get("id_prefix", "relations.")
        if topic_id.startswith(prefix) and "-" in topic_id:
            a, b = topic_id[len(prefix):].split("-", 1)
            return bilateral_topic(a, b, self)
        return None

    def children(self, topic_id: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.parent == topic_id]


# ------------------------------------------------------------------------ lemmatising


def lemma(word: str) -> str:
    """Lower-case singular form of one token ("Tariffs" -> "tariff", "batteries" -> "battery")."""
    w = word.lower().rstrip(".").replace(".", "")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        return w[:-1]
    return w


def lemmas(text: str) -> list[str]:
    """Lemmatised tokens of ``text`` (hyphens and apostrophes split words; "U.S." stays one token)."""
    text = text.replace("’", "'").replace("'s ", " ").replace("-", " ").replace("–", " ")
    return [lemma(t) for t in _TOKEN.findall(text)]


def _spans(text: str) -> list[tuple[str, int, int]]:
    norm = text.replace("’", "'").replace("-", " ").replace("–", " ")
    out = []
    for m in _TOKEN.finditer(norm):
        out.append((lemma(m.group(0)), m.start(), m.end()))
    return out


# ------------------------------------------------------------------------ loading


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Read the taxonomy JSON (default: the packaged one) and index its patterns."""
    raw = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    topics = {
        t["id"]: Topic(t["id"], t["label"], t["hashtag"], t.get("parent"), tuple(t.get("patterns", ())),
                       tuple(t.get("synonyms", ())))
        for t in raw["topics"]
    }
    tax = Taxonomy(topics=topics, bilateral=raw.get("bilateral", {}))
    for topic in topics.values():
        for pattern in topic.patterns:
            toks = tuple(lemmas(pattern))
            if toks:
                tax.index.setdefault(toks[0], []).append((toks, topic.id))
    tax.country_regex, tax.country_alias = _country_patterns(tax.bilateral)
    return tax


def _country_patterns(bilateral: dict) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the taxonomy's country aliases plus pycountry names, and alias -> ISO code."""
    alias_iso: dict[str, str] = {}
    for iso, names in bilateral.get("aliases", {}).items():
        for name in names:
            alias_iso.setdefault(name.lower(), iso)
    try:
        import pycountry

        for c in pycountry.countries:
            for name in (getattr(c, "common_name", None), c.name):
                if name and "," not in name and "(" not in name:
                    alias_iso.setdefault(name.lower(), c.alpha_3)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    names = sorted(alias_iso, key=len, reverse=True)
    regex = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return regex, alias_iso


# ------------------------------------------------------------------------ bilateral


def country_name(iso: str, tax: Taxonomy | None = None) -> str:
    """Short English name used in labels and hashtags ("KOR" -> "South Korea")."""
    tax = tax or load_taxonomy()
    names = tax.bilateral.get("names", {})
    if iso in names:
        return names[iso]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso)
        if c is not None:
            return getattr(c, "common_name", None) or c.name
    except (ImportError, LookupError):  # pragma: no cover
        pass
    return iso


def camel(text: str) -> str:
    """"South Korea" -> "SouthKorea"; keeps acronyms ("US", "EU") as they are."""
    words = re.findall(r"[A-Za-z0-9]+", text.replace("'", ""))
    return "".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)


def pair_order(a: str, b: str, tax: Taxonomy | None = None) -> tuple[str, str]:
    """Order two ISO codes: the taxonomy's ``order`` list first (Japan leads), then by name."""
    tax = tax or load_taxonomy()
    order = tax.bilateral.get("order", [])

    def rank(iso: str) -> tuple[int, str]:
        return (order.index(iso) if iso in order else len(order), country_name(iso, tax))

    return tuple(sorted((a, b), key=rank))  # type: ignore[return-value]


def bilateral_topic(a: str, b: str, tax: Taxonomy | None = None) -> Topic:
    """The generated topic for relations between two countries (ISO alpha-3 codes)."""
    tax = tax or load_taxonomy()
    a, b = pair_order(a.upper(), b.upper(), tax)
    bil = tax.bilateral
    name_a, name_b = country_name(a, tax), country_name(b, tax)
    return Topic(
        id=f"{bil.get('id_prefix', 'relations.')}{a}-{b}",
        label=f"{name_a}{bil.get('label_joiner', '–')}{name_b} relations",
        hashtag=f"{camel(name_a)}{camel(name_b)}{bil.get('hashtag_suffix', 'Relations')}",
        parent=bil.get("parent"),
        patterns=(),
    )


def country_hits(text: str, tax: Taxonomy | None = None) -> list[tuple[str, int]]:
    """(ISO code, offset) of every country name, demonym or capital in ``text``.

    Names must be capitalised; aliases of four letters or fewer ("US", "U.S.", "EU", "ROK") must be
    upper-case, so "us" and "eu" in running text never count.
    """
    tax = tax or load_taxonomy()
    out = []
    for m in tax.country_regex.finditer(text):
        s = m.group(0)
        bare = s.replace(".", "").replace(" ", "")
        if not s[0].isupper() or (len(bare) <= 4 and bare.upper() != bare):
            continue
        out.append((tax.country_alias[s.lower()], m.start()))
    return out


def find_countries(text: str, tax: Taxonomy | None = None) -> Counter:
    """Mentions per ISO code of country names, demonyms and capitals in ``text``."""
    return Counter(iso for iso, _ in country_hits(text, tax))


# ------------------------------------------------------------------------ matching


def _inside_name(text: str, spans: list[tuple[str, int, int]], i: int, j: int) -> bool:
    """True when tokens i..j are capitalised and run on into a capitalised word: part of a longer
    name ("national security" in "National Security Secretariat") rather than the topic itself."""
    if j + 1 >= len(spans) or text[spans[j + 1][1]:spans[j + 1][1] + 1].islower():
        return False
    words = [text[spans[k][1]:spans[k][2]] for k in range(i, j + 2)]
    return all(w[:1].isupper() for w in words) and not text[spans[j][2]:spans[j + 1][1]].strip()


def _match(text: str, spans: list[tuple[str, int, int]], tax: Taxonomy) -> list[tuple[str, int, int, int]]:
    """(topic_id, n_tokens, start, end) of every pattern hit that is not part of a longer name."""
    hits = []
    toks = [s[0] for s in spans]
    for i, tok in enumerate(toks):
        for pat, topic_id in tax.index.get(tok, ()):
            j = i + len(pat) - 1
            if tuple(toks[i:j + 1]) == pat and not _inside_name(text, spans, i, j):
                hits.append((topic_id, len(pat), spans[i][1], spans[j][2]))
    return hits


def match_topics(text: str, *, title: str | None = None, min_score: float = 1.0,
                 tax: Taxonomy | None = None) -> list[tuple[str, float, str]]:
    """Taxonomy topics found in ``text`` (and ``title``) as ``(topic_id, score, evidence)``, best first.

    Bilateral ``relations.*`` topics are added for country pairs that are each named at least
    twice and together in one sentence.
    """
    tax = tax or load_taxonomy()
    scores: Counter = Counter()
    evidence: dict[str, str] = {}
    for part, weight in ((title or "", 3.0), (text, 1.0)):
        for topic_id, n, start, end in _match(part, _spans(part), tax):
            scores[topic_id] += weight * (1.5 if n > 1 else 1.0)
            evidence.setdefault(topic_id, part[start:end])
    for topic_id, score, ev in _bilateral_matches(f"{title or ''}\n{text}", tax):
        scores[topic_id] += score
        evidence[topic_id] = ev
    ranked = sorted(((t, round(s, 2), evidence[t]) for t, s in scores.items() if s >= min_score),
                    key=lambda x: (-x[1], x[0]))
    return ranked


_RELATION_CUE = re.compile(
    r"\b(?:between|bilateral|relations?|ties|talks|met|meet(?:s|ing)?|summit|counterpart|agreed|agreement|"
    r"deal|alliance|visit(?:s|ed|ing)?|call(?:ed)?|cooperat\w*|negotiat\w*|partnership|dialogue|tension)\b",
    re.IGNORECASE,
)


MIN_PAIR_WEIGHT = 2.5  # e.g. one co-mention with a relation cue and one without


def pair_weights(groups: list[tuple[set[str], str]], keep: set[str] | None = None) -> Counter:
    """Weight of each country pair over sentences: 1/(k-1) for k countries in a sentence, x2 with a
    relation cue ("talks", "met", "between"...). Only pairs of countries in ``keep`` (if given) count,
    but every country in the sentence dilutes the weight: a list of five names is not a relation."""
    pairs: Counter = Counter()
    for present, sentence in groups:
        if len(present) < 2:
            continue
        weight = (2.0 if _RELATION_CUE.search(sentence) else 1.0) / (len(present) - 1)
        ordered = sorted(present if keep is None else present & keep)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pairs[(a, b)] += weight
    return pairs


def _alias_iso(name: str, tax: Taxonomy) -> str | None:
    """ISO code of a capitalised name ("South Korea", "U.S."), trying it whole, then its first word."""
    for candidate in (name, name.split(" ")[0]):
        iso = tax.country_alias.get(candidate.lower())
        if iso:
            return iso
    return None


def _bilateral_matches(text: str, tax: Taxonomy) -> list[tuple[str, float, str]]:
    hits = country_hits(text, tax)
    counts = Counter(iso for iso, _ in hits)
    frequent = {iso for iso, n in counts.items() if n >= 2}
    if len(frequent) < 2:
        return []
    ends = [end for _, end, _ in split_spans(text)][:-1]  # the one splitter; the last runs to the end
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for iso, offset in hits:
        by_sentence[bisect.bisect_right(ends, offset)].add(iso)
    starts = [0, *ends]
    groups = [(present, text[starts[k]:ends[k] if k < len(ends) else len(text)]) for k, present in by_sentence.items()]
    pairs = pair_weights(groups, keep=frequent)
    for m in re.finditer(r"([A-Z][\w.]*(?: [A-Z]\w*)?)[-–]([A-Z][\w.]*(?: [A-Z]\w*)?)\b", text):  # "Japan-U.S."
        a, b = (_alias_iso(x, tax) for x in m.groups())
        if a and b and a != b:
            pairs[tuple(sorted((a, b)))] += 1.0
    out = []
    for (a, b), weight in pairs.items():
        if a not in frequent or b not in frequent or weight < MIN_PAIR_WEIGHT:
            continue
        topic = bilateral_topic(a, b, tax)
        score = weight * math.sqrt(min(counts[a], counts[b]))
        names = " and ".join(country_name(x, tax) for x in pair_order(a, b, tax))
        out.append((topic.id, round(score, 2), f"{names} named together (weight {weight:.1f})"))
    return out
