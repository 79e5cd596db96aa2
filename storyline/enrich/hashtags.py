"""Topic hashtags for one article: a small ranked set (3-8), one tag per topic.

``tag_article(article, entities, mentions, events) -> (hashtags, keyphrases, topics)``

Candidates, each with a score, come from four places:

* taxonomy topics matched in the title and body (``taxonomy.match_topics``): #EconomicSecurity,
  #RareEarths, #Tariffs ...; generic roots (#Diplomacy) count for less;
* bilateral relations between two countries that are both salient and named together (in one
  sentence or one event): #JapanSouthKoreaRelations. Country entities are used when the
  entity component found them, else country names found in the text;
* salient organisations (named at least twice, or in the title): #NationalSecuritySecretariat;
* repeated multi-word keyphrases (``keyphrases.extract_keyphrases``): #HostNationSupport.

Every candidate goes through :func:`normalize_hashtag`, so spellings of one topic collapse to
its canonical tag ("#EconSecurity", "economic security", "#economic-security" ->
"EconomicSecurity"; "#RareEarth" -> "RareEarths"; "#KoreaJapanRelations" ->
"JapanSouthKoreaRelations"), and the best-scoring spelling of each tag is kept once.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from storyline.enrich.keyphrases import extract_keyphrases, tidy_keyphrases
from storyline.enrich.taxonomy import (
    MIN_PAIR_WEIGHT,
    Taxonomy,
    bilateral_topic,
    camel,
    lemma,
    load_taxonomy,
    match_topics,
    pair_weights,
)
from storyline.models import Article, Entity, Event, Mention

MIN_TAGS, MAX_TAGS = 3, 8
ORG_TYPES = {"ORG", "GOV_BODY", "INTL_ORG"}
ROOT_DISCOUNT = 0.4  # generic roots (#Diplomacy) rank below specific topics
_ABBREVIATIONS = {
    "econ": "economic", "natsec": "national security", "govt": "government", "gov": "government",
    "intl": "international", "infra": "infrastructure", "mil": "military", "sec": "security",
}
_RELATION_WORDS = {"relation", "tie", "relationship"}
_SPLIT = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_WEB_WORDS = {"http", "https", "www", "html", "amzn", "email", "click", "link"}
_ENTITY_COUNTRY = {"org:eu": "EUU", "org:european union": "EUU", "org:nato": "NAT"}  # partners like countries


# ------------------------------------------------------------------------ normalising


def split_tag(tag: str) -> list[str]:
    """Words of a tag: "#JapanSouthKoreaRelations" -> [Japan, South, Korea, Relations]; "AIRules" -> [AI, Rules]."""
    text = tag.strip().lstrip("#").replace(".", "").replace("'", "").replace("’", "")
    return _SPLIT.findall(text)


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        out.extend(_ABBREVIATIONS.get(w.lower(), w.lower()).split())
    return out


def tag_key(tag: str) -> str:
    """Case-, plural- and abbreviation-folded identity of a tag ("#EconSecurities" -> "economicsecurity")."""
    return "".join(lemma(w) for w in _expand(split_tag(tag)))


_INDEXES: dict[int, dict[str, str]] = {}


def _index(tax: Taxonomy) -> dict[str, str]:
    """Tag key -> canonical hashtag, from each topic's hashtag, label and synonyms.

    Patterns are evidence for a topic, not other names of its tag: "NATO" is evidence of
    #Alliance but stays #NATO, "host nation support" stays #HostNationSupport.
    """
    if id(tax) in _INDEXES:
        return _INDEXES[id(tax)]
    index = _INDEXES[id(tax)] = {}
    for topic in tax.topics.values():
        for value in (topic.hashtag, topic.label, *topic.synonyms):
            key = tag_key(value)
            if key:
                index.setdefault(key, topic.hashtag)
    return index


def _bilateral_tag(words: list[str], tax: Taxonomy) -> str | None:
    """"Korea Japan Relations" -> JapanSouthKoreaRelations when both halves name countries."""
    if len(words) < 3 or lemma(words[-1]) not in _RELATION_WORDS:
        return None
    names = [w.lower() for w in words[:-1]]
    if names and names[-1] in {"bilateral"}:
        names = names[:-1]
    for i in range(1, len(names)):
        a = tax.country_alias.get(" ".join(names[:i])) or _short_name_iso(" ".join(names[:i]), tax)
        b = tax.country_alias.get(" ".join(names[i:])) or _short_name_iso(" ".join(names[i:]), tax)
        if a and b and a != b:
            return bilateral_topic(a, b, tax).hashtag
    return None


def _short_name_iso(name: str, tax: Taxonomy) -> str | None:
    for iso, short in tax.bilateral.get("names", {}).items():
        if short.lower() == name:
            return iso
    return None


def normalize_hashtag(tag: str, tax: Taxonomy | None = None) -> str:
    """The canonical form of a hashtag, without '#'.

    Taxonomy topics map to their own tag (label, synonyms, plurals, case and abbreviations folded);
    "<country><country>Relations" maps to the generated bilateral tag; anything else becomes
    CamelCase with acronyms kept ("national security secretariat" -> "NationalSecuritySecretariat").
    """
    tax = tax or load_taxonomy()
    words = split_tag(tag)
    if not words:
        return ""
    key = "".join(lemma(w) for w in _expand(words))
    canonical = _index(tax).get(key)
    if canonical:
        return canonical
    bilateral = _bilateral_tag(words, tax)
    if bilateral:
        return bilateral
    return camel(" ".join(words))


# ------------------------------------------------------------------------ candidates


def _country_iso(entity_key: str) -> str | None:
    if entity_key in _ENTITY_COUNTRY:
        return _ENTITY_COUNTRY[entity_key]
    if entity_key.startswith("country:"):
        iso = entity_key.split(":", 1)[1].upper()
        return iso if len(iso) == 3 else None
    return None


def _bilateral_from_entities(title: str, mentions: list[Mention], events: list[Event],
                             tax: Taxonomy) -> list[tuple[str, float, str]]:
    """(topic id, score, evidence) for pairs of salient countries named together or in one event."""
    counts: Counter = Counter()
    by_sentence: dict[str, set[str]] = defaultdict(set)
    in_title: set[str] = set()
    for m in mentions:
        iso = _country_iso(m.entity_key)
        if iso:
            counts[iso] += 1
            by_sentence[m.sentence].add(iso)
            if title and m.text in title:
                in_title.add(iso)
    salient = {iso for iso, n in counts.items() if n >= 2 or iso in in_title}
    pairs = pair_weights([(present, sentence) for sentence, present in by_sentence.items()], keep=salient)
    for event in events:
        present = sorted({iso for iso in map(_country_iso, event.participants) if iso})
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                pairs[(a, b)] += 2.0
    out = []
    for (a, b), weight in pairs.items():
        if weight < MIN_PAIR_WEIGHT:
            continue
        score = weight * math.sqrt(max(1, min(counts[a], counts[b]))) + 2 * len({a, b} & in_title)
        topic = bilateral_topic(a, b, tax)
        out.append((topic.id, score, f"{topic.label}: named together (weight {weight:.1f})"))
    return out


def _keep_bilateral(hits: list[tuple[str, float, str]], prefix: str, most: int = 3) -> list[tuple[str, float, str]]:
    """At most ``most`` bilateral topics, each at least half as strong as the strongest."""
    bilateral = sorted((h for h in hits if h[0].startswith(prefix)), key=lambda h: -h[1])
    top = bilateral[0][1] if bilateral else 0.0
    keep = {h[0] for h in bilateral[:most] if h[1] >= 0.5 * top}
    return [h for h in hits if not h[0].startswith(prefix) or h[0] in keep]


def _entity_candidates(title: str, entities: list[Entity], mentions: list[Mention]) -> list[tuple[str, float]]:
    """(name, score) of organisations named twice or more, or in the title; people only when central."""
    counts = Counter(m.entity_key for m in mentions)
    out = []
    for entity in entities:
        n = counts.get(entity.key, 0)
        named_in_title = bool(title) and any(
            alias and alias.lower() in title.lower() for alias in [entity.name, *entity.aliases])
        if entity.type in ORG_TYPES and (n >= 2 or named_in_title) and len(entity.name) > 3:
            out.append((entity.name, 1.5 * n + (4 if named_in_title else 0)))
        elif entity.type == "PERSON" and named_in_title and n >= 3:
            out.append((entity.name, 1.0 * n))
    return out


_NOT_A_HEAD = re.compile(r"(?:ly|al|ive|ous|ful|ic|ing|ed|able)$")


def _keyphrase_candidates(body: str, keyphrases: list[str], tax: Taxonomy) -> list[tuple[str, float]]:
    """Repeated lower-case multi-word keyphrases ending in a noun-like word ("host nation support").

    Capitalised phrases are names: they reach the tags through entities, whole, not as fragments.
    Phrases that are evidence of a taxonomy topic ("outer space") are already counted there.
    """
    low = body.lower()
    out = []
    for rank, phrase in enumerate(keyphrases[:12]):
        words = phrase.split()
        if len(words) < 2 or phrase != phrase.lower() or low.count(phrase) < 2:
            continue
        if any(w.endswith("ly") for w in words) or _NOT_A_HEAD.search(words[-1]):
            continue
        if match_topics(phrase, tax=tax, min_score=0.0):
            continue
        out.append((phrase, 3.0 * (1 - rank / 14)))
    return out


_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][a-z]+)+")
_ORG_HEADS = {
    "secretariat", "ministry", "council", "agency", "bureau", "office", "commission", "committee", "department",
    "organization", "organisation", "union", "bank", "fund", "forum", "institute", "association", "party",
    "court", "parliament", "assembly", "guard", "force", "forces", "authority", "administration", "alliance",
}


def _name_candidates(title: str, body: str) -> list[tuple[str, float]]:
    """Organisation names written out in full (a capitalised run ending in "Secretariat", "Ministry"...),
    for articles the entity component has not seen: "National Security Secretariat"."""
    counts = Counter(m.group(0) for m in _NAME_RUN.finditer(body))
    out = []
    for name, n in counts.items():
        if name.split()[-1].lower() not in _ORG_HEADS or len(name.split()) < 2:
            continue
        in_title = name.lower() in title.lower()
        if n >= 2 or in_title:
            out.append((name, 1.5 * n + (4 if in_title else 0)))
    return out


# ------------------------------------------------------------------------ tagging


def _length_norm(body: str) -> float:
    """Longer articles repeat more: divide raw counts by this."""
    return 1.0 + len(body.split()) / 400


def _topic_candidates(body: str, title: str, mentions: list[Mention], events: list[Event],
                      tax: Taxonomy) -> list[tuple[str, float, str]]:
    """(topic id, score, evidence) from taxonomy patterns and bilateral country pairs."""
    hits = match_topics(body, title=title, tax=tax, min_score=1.0)
    prefix = tax.bilateral.get("id_prefix", "relations.")
    if any(_country_iso(m.entity_key) for m in mentions):  # the entity component knows better
        hits = [h for h in hits if not h[0].startswith(prefix)]
        hits += _bilateral_from_entities(title, mentions, events, tax)
    hits = _keep_bilateral(hits, prefix)
    out = []
    for topic_id, score, evidence in hits:
        topic = tax.get(topic_id)
        if topic is not None and topic.parent is None:
            score *= ROOT_DISCOUNT
        out.append((topic_id, score, evidence))
    return sorted(out, key=lambda h: -h[1])


def tag_article(article: Article, entities: list[Entity], mentions: list[Mention],
                events: list[Event]) -> tuple[list[str], list[str], list[str]]:
    """Ranked hashtags (3-8, no '#'), ranked keyphrases and ranked taxonomy topic ids for one article."""
    tax = load_taxonomy()
    title, body = article.title or "", article.body or ""
    norm = _length_norm(body)
    keyphrases = extract_keyphrases(body, title=title or None, top=30)
    topics = _topic_candidates(body, title, mentions, events, tax)
    scored: list[tuple[float, str]] = []
    for topic_id, score, _ in topics:
        topic = tax.get(topic_id)
        if topic is not None:
            scored.append((score / norm, topic.hashtag))
    names = _entity_candidates(title, entities, mentions) if entities else _name_candidates(title, body)
    scored += [(score / norm, name) for name, score in names]
    scored += [(score, phrase) for phrase, score in _keyphrase_candidates(body, keyphrases, tax)]
    tidy = tidy_keyphrases(keyphrases, top=12)
    # last resort, to reach MIN_TAGS on articles outside the taxonomy: the article's own keyphrases
    fallback = [p for p in tidy if len(p) >= 4 and p.lower() not in _WEB_WORDS and _fallback_ok(p, body)][:MIN_TAGS + 2]
    scored += [(0.01 * (10 - rank), phrase) for rank, phrase in enumerate(fallback)]
    hashtags = select_hashtags(scored, tax=tax)
    topic_ids = [t for t, score, _ in topics if score / norm >= TOPIC_MIN][:12]
    return hashtags, tidy, topic_ids


def _fallback_ok(phrase: str, body: str) -> bool:
    """A one-word fallback tag must be a name the body capitalises mid-sentence and never writes in
    lower case ("Hakata" yes; "End", "Gaming", "Operations" no): a lone common word is no topic."""
    if " " in phrase.strip():
        return True
    word = phrase.strip()
    if re.search(rf"\b{re.escape(word.lower())}\b", body):
        return False
    return bool(re.search(rf"[\w,;)] {re.escape(word[:1].upper() + word[1:])}\b", body))


TAG_MIN = 1.5  # a candidate below this joins only to reach MIN_TAGS
TOPIC_MIN = 1.0


def select_hashtags(scored: list[tuple[float, str]], *, tax: Taxonomy | None = None,
                    low: int = MIN_TAGS, high: int = MAX_TAGS) -> list[str]:
    """Normalise, merge duplicates (best score wins) and keep ``low``..``high`` tags, best first."""
    tax = tax or load_taxonomy()
    best: dict[str, float] = {}
    for score, raw in scored:
        tag = normalize_hashtag(raw, tax)
        if tag and score > best.get(tag, -1.0):
            best[tag] = score
    ranked = sorted(best, key=lambda t: (-best[t], t))
    strong = [t for t in ranked if best[t] >= TAG_MIN]
    return (strong if len(strong) >= low else ranked[:low])[:high]
