"""Entities and mentions: spaCy NER merged with the gazetteers, resolved to canonical keys.

Candidate spans come from three places: gazetteer surfaces (countries with demonyms and press
short forms, capitals, cities, international and Japanese bodies; case-sensitive), generic
ministries qualified by a country ("Japan's Foreign Ministry", "the Japanese foreign ministry",
"Ministry of Foreign Affairs of Japan" -> ``org:jpn-foreign-ministry``), and spaCy's NER.
Overlaps are settled longest-first, a gazetteer span beating an NER span of the same length.
Then capitals used as actors become metonym mentions of their country (``ent_metonym``),
surname-only mentions link to the one full name they match in the article, and mentions are
grouped into :class:`Entity` records (display-name rule in ``names.py``). NER spans that are
page furniture (wire credits, headings, placeholders, hashtags, site names) are refused by
``ent_junk``; the ministry country guess uses the home ranking of ``home``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate

from storyline.enrich import gazetteer, names
from storyline.enrich.ent_junk import junk_reason, retype
from storyline.enrich.ent_metonym import is_metonym
from storyline.enrich.ent_titled import titled_spans
from storyline.enrich.home import home_ranking, title_countries
from storyline.enrich.nlp import doc_text, get_nlp
from storyline.enrich.role_phrases import is_office_head
from storyline.enrich.role_titles import title_before
from storyline.models import Article, Entity, Mention

_NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
              "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC"}
_NOISE = {"hashtags", "comments", "related articles", "share", "photo", "video", "advertisement", "pool",
          "reuters", "kyodo", "ap", "afp", "jiji press", "read more", "subscribe", "login", "tweet"}
_DATE_WORDS = re.compile(
    r"^(mon|tues|wednes|thurs|fri|satur|sun)day$|^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|"
    r"^(january|february|march|april|june|july|august|september|october|november|december)$", re.IGNORECASE)
_PREFIXES = ("the ", "The ")
_NOT_NAME = {"Program", "Programme", "Act", "Law", "Policy", "Strategy", "Initiative", "Plan", "Agreement",
             "Treaty", "Forum", "Summit", "Security", "Economic", "Promotion", "Improvement", "Facilities",
             "Council", "Committee", "Ministry", "Office", "Bureau", "Division", "Department", "Party", "Fund"}
_ORG_TAILS = {
    "Shimbun",
    "Agency",
    "Journal",
    "Herald",
    "Tribune",
    "Inc",
    "Inc.",
    "N.V.",
    "AG",
    "PLC",
    "plc",
    "LLC",
    "Corp",
    "Corp.",
    "Co.",
    "Ltd",
    "Ltd.",
    "Group",
    "University",
}


@dataclass(slots=True)
class _Cand:
    start: int  # char offsets in the body
    end: int
    key: str
    name: str
    type: str
    label: str
    sent: object  # spaCy Span of the sentence
    prio: int  # 1 = gazetteer, 0 = NER
    metonym: bool = False
    span: object = None
    titled: bool = False


# ---------------------------------------------------------------------------- matchers

_MATCHERS: dict[int, tuple] = {}


def _matchers(nlp_vocab, make_doc):
    """PhraseMatchers for gazetteer surfaces (ORTH) and ministry aliases (LOWER), built once."""
    cached = _MATCHERS.get(id(nlp_vocab))
    if cached:
        return cached
    from spacy.matcher import PhraseMatcher

    g = gazetteer.load()
    surf = PhraseMatcher(nlp_vocab, attr="ORTH")
    for s in g.surfaces:  # one label per surface: the match id names the surface
        surf.add(s, [make_doc(s)])
    mini = PhraseMatcher(nlp_vocab, attr="LOWER")
    for s in g.ministries:
        mini.add(s, [make_doc(s)])
    _MATCHERS[id(nlp_vocab)] = (surf, mini)
    return surf, mini


def _make_doc(doc):
    nlp = get_nlp()
    if nlp.vocab is doc.vocab:
        return nlp.make_doc
    import spacy

    return spacy.blank("en").make_doc


# ---------------------------------------------------------------------------- candidates


def _country_before(doc, i: int):
    """Country qualifying the token run that starts at ``i``: "Japanese", "Japan 's", "the Japanese"."""
    g = gazetteer.load()
    j = i - 1
    if j >= 0 and doc[j].text in ("'s", "\u2019s", "'"):
        j -= 1
    for width in (3, 2, 1):
        lo = j - width + 1
        if lo < 0:
            continue
        entry = g.surfaces.get(doc[lo : j + 1].text)
        if entry and entry.type == "COUNTRY":
            return entry, lo
    return None, i


def _country_after(doc, j: int):
    """ "... of Japan" right after token ``j``."""
    g = gazetteer.load()
    if j + 1 < len(doc) and doc[j + 1].lower_ == "of":
        k = j + 2
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        for width in (3, 2, 1):
            entry = g.surfaces.get(doc[k : k + width].text) if k + width <= len(doc) else None
            if entry and entry.type == "COUNTRY" and not entry.adjective:
                return entry, k + width
    return None, j + 1


def _gaz_cands(doc, surf) -> list[_Cand]:
    g = gazetteer.load()
    out = []
    for match_id, s, e in surf(doc):
        span = doc[s:e]
        entry = g.surfaces[doc.vocab.strings[match_id]]
        out.append(
            _Cand(
                span.start_char, span.end_char, entry.key, entry.name, entry.type, "gazetteer", span.sent, 1, span=span
            )
        )
    return out


def _ministry_cands(doc, mini, ranking: list[str]) -> list[_Cand]:
    g = gazetteer.load()
    out = []
    for match_id, s, e in mini(doc):
        span = doc[s:e]
        rec = g.ministries[doc.vocab.strings[match_id]]
        before, lo = _country_before(doc, s)
        after, hi = (None, e) if before else _country_after(doc, e - 1)
        qual = before or after
        if not qual and not any(t.text[:1].isupper() for t in span):
            continue  # "the ministry" talk in lower case with no country: not a name
        ctx = next((c for c in ranking if not g.blocked(c, "ministry")), None)
        iso = rec["country"] or (qual.country if qual else None) or ctx
        key = f"org:{iso.lower()}-{rec['slug']}" if iso else f"org:{rec['slug']}"
        name = f"{rec['name']} ({g.country_name(iso)})" if iso and not rec["country"] else rec["name"]
        full = doc[lo:hi] if qual else span
        out.append(_Cand(full.start_char, full.end_char, key, name, "GOV_BODY", "ministry", span.sent, 2, span=full))
    return out


def _hyphen_cands(doc) -> list[_Cand]:
    """Country pairs glued into one token: "U.S.-China" -> two country mentions."""
    g = gazetteer.load()
    out = []
    for tok in doc:
        if "-" not in tok.text or tok.ent_type_ == "PERSON":
            continue
        pos = tok.idx
        for part in tok.text.split("-"):
            entry = g.surfaces.get(part)
            if entry and entry.type == "COUNTRY":
                out.append(_Cand(pos, pos + len(part), entry.key, entry.name, entry.type, "gazetteer", tok.sent, 1))
            pos += len(part) + 1
    return out


def _ner_cands(doc, site_names: set[str] = frozenset()) -> list[_Cand]:
    g = gazetteer.load()
    out = []
    spans = titled_spans(doc)
    titles = []  # token ranges of titles before PERSON spans: their words are no ORG
    for ent in spans:
        if ent.label_ == "PERSON":
            t = title_before(doc, ent.start)
            if t is not None:
                titles.append((t.start, ent.start))
    in_titles = {i for s, e in titles for i in range(s, e)}
    for ent in spans:
        typ = _NER_TYPES.get(ent.label_)
        if not typ:
            continue
        text = names.strip_possessive(ent.text)
        if ent.label_ != "PERSON" and text.startswith(_PREFIXES):
            text = text[4:]
        if not text or text.lower() in _NOISE or not (text[0].isupper() or text[0].isdigit()):
            continue
        if _DATE_WORDS.match(text) or "\n" in text or len(text) > 80:
            continue
        start = ent.start_char + ent.text.find(text)
        end = start + len(text)
        entry = g.lookup(text)
        if entry:
            out.append(_Cand(start, end, entry.key, entry.name, entry.type, ent.label_, ent.sent, 0, span=ent))
            continue
        if "-" in text and all(p in g.surfaces for p in text.split("-")):
            continue  # "U.S.-China": the hyphen pass makes two country mentions
        if junk_reason(text, typ, ent, site_names):
            continue
        typ = retype(text, typ, ent)
        if typ != "PERSON" and (_part_of_title(doc, ent) or any(i in in_titles for i in range(ent.start, ent.end))):
            continue
        if typ in ("ORG", "LOC") and len(ent) > 1 and names.clean_person(text) and _titled(doc, ent):
            typ = "PERSON"  # "Takeshi Iwaya, Japan's foreign minister" tagged ORG
        if typ == "PERSON" and text.split()[-1] in _ORG_TAILS:
            typ = "ORG"  # "Asahi Shimbun"
        elif typ == "PERSON" and _NOT_NAME & set(text.split()):
            typ = "MISC"  # "Facilities Improvement Program"
        if typ == "PERSON":
            body = doc_text(doc)
            end = _extend_hyphen(doc, ent, end)
            start = _surname_word_before(doc, ent, start)
            clean = names.clean_person(body[start:end])
            if not clean:
                continue
            found = body.find(clean, start, end)
            if found < 0:  # the name ran over a line break: keep the span as printed
                clean = body[start:end]
            else:
                start, end = found, found + len(clean)
            out.append(
                _Cand(
                    start,
                    end,
                    names.person_key(clean),
                    clean,
                    "PERSON",
                    "PERSON",
                    ent.sent,
                    0,
                    span=ent,
                    titled=_titled(doc, ent),
                )
            )
            continue
        prefix = {"ORG": "org", "LOC": "loc", "MISC": "misc"}[typ]
        out.append(_Cand(start, end, f"{prefix}:{gazetteer.slug(text)}", text, typ, ent.label_, ent.sent, 0, span=ent))
    return out


_TITLE_FIRST = {"minister", "secretary", "president", "premier", "chancellor", "spokesman", "spokeswoman"}
_TITLE_NEXT = {"minister", "secretary", "ministry", "spokesman", "spokeswoman", "spokesperson"}


def _part_of_title(doc, ent) -> bool:
    """NER spans that are pieces of an office title: "Secretary of [State]", "[Indian External
    Affairs] Minister", "[Minister of Foreign Affairs of Japan]"."""
    if ent.end < len(doc) and doc[ent.end].lower_ in _TITLE_NEXT:
        return True

    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and is_office_head(doc[ent.start - 2].lower_):
        return True
    first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
    return first.lower_ in _TITLE_FIRST


def _surname_word_before(doc, ent, start: int) -> int:
    """ "spokesperson He Yalan": a capitalised surname that is also an English word ("He", "Ma",
    "An") stays out of NER spans; mid-sentence, right after a lower-case word, it is the name's."""
    i = ent.start - 1
    if (
        i >= 1
        and doc[i].text in ("He", "Ma", "An", "Hu", "Li", "Wu")
        and doc[i].pos_ == "PROPN"
        and doc[i - 1].is_lower
        and doc[i - 1].is_alpha
        and doc[i].sent.start != i
    ):
        return doc[i].idx
    return start


def _extend_hyphen(doc, ent, end: int) -> int:
    """ "Yoon Suk" + "-yeol": NER sometimes stops at a hyphen inside a name."""
    i = ent.end
    while (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i].whitespace_
        and doc[i - 1].whitespace_ == ""
        and doc[i + 1].is_alpha
        and doc[i + 1].idx == doc[i].idx + 1
    ):
        end = doc[i + 1].idx + len(doc[i + 1].text)
        i += 2
    return end


def _titled(doc, ent) -> bool:
    """A person span introduced by a title ("Foreign Minister X") or an apposition, either way
    round ("X, the German chancellor", "the prime minister, X,")."""
    root = ent.root
    return (
        title_before(doc, ent.start) is not None
        or any(c.dep_ == "appos" and is_office_head(c.lower_) for c in root.children)
        or (root.dep_ == "appos" and root.head.i < ent.start and is_office_head(root.head.lower_))
    )


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest span first, gazetteer before NER; no two chosen spans overlap."""
    taken: list[tuple[int, int]] = []  # chosen spans, sorted; they never overlap, so their ends are sorted too
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        i = bisect_left(taken, (c.end, -1))  # spans starting before c ends: the last one ends last
        if i and taken[i - 1][1] > c.start:
            continue
        insort(taken, (c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def context_countries(keys) -> list[str]:
    """ISO3 codes of the countries an article names, most mentioned first."""
    counts: Counter = Counter()
    for key in keys:
        if key.startswith("country:"):
            counts[key[8:]] += 1
    return [iso for iso, _ in counts.most_common()]


def _apply_metonymy(cands: list[_Cand]) -> None:
    g = gazetteer.load()
    for c in cands:
        if c.type == "CITY" and c.span is not None:
            entry = g.surfaces.get(c.span.text)
            if entry and entry.capital and is_metonym(c.span):
                c.key, c.name, c.type, c.metonym = (
                    f"country:{entry.country}",
                    g.country_name(entry.country),
                    "COUNTRY",
                    True,
                )


def _link_surnames(doc, cands: list[_Cand]) -> list[_Cand]:
    """Surname-only mentions ("Iwaya said", "Cho responded") -> the full name they match.

    A single capitalised token that equals one token of exactly one multi-token person in the
    article links to that person, whether spaCy called it PERSON, ORG, GPE or nothing at all.
    """
    by_token: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.type == "PERSON" and len(c.name.split()) > 1:
            for t in c.name.split():
                if len(t) > 1:
                    by_token[t].add(c.key)
    if not by_token:
        return cands
    in_orgs = {t for c in cands if c.type != "PERSON" and len(c.name.split()) > 1 for t in c.name.split()}
    for c in cands:
        if (
            c.prio == 0
            and len(c.name.split()) == 1
            and len(by_token.get(c.name, ())) == 1
            and (c.type == "PERSON" or c.name not in in_orgs)
        ):
            key = next(iter(by_token[c.name]))
            c.key, c.type, c.label = key, "PERSON", c.label + "+surname"
    covered = sorted((c.start, c.end) for c in cands)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))  # furthest end of the spans starting so far
    extra = []
    lower = {t.text for t in doc if t.is_lower}
    for tok in doc:
        if (
            (tok.pos_ == "PROPN" or _surname_as_subject(tok, lower))
            and len(by_token.get(tok.text, ())) == 1
            and not ((i := bisect_right(starts, tok.idx)) and reach[i - 1] > tok.idx)
        ):
            key = next(iter(by_token[tok.text]))
            extra.append(_Cand(tok.idx, tok.idx + len(tok.text), key, tok.text, "PERSON", "surname", tok.sent, 0))
    return sorted(cands + extra, key=lambda c: c.start)


def _surname_as_subject(tok, lower: set[str]) -> bool:
    """A known surname the tagger read as a common noun ("Jeffs, 55, is head of ..." opening a sentence): the
    subject of its clause, capitalised, and never written in lower case in the article."""
    return tok.pos_ == "NOUN" and tok.is_title and tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in lower


def _entities(cands: list[_Cand]) -> list[Entity]:
    g = gazetteer.load()
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        groups[c.key].append(c)
    out = []
    for key, cs in groups.items():
        surfaces = list(dict.fromkeys(c.name if c.type == "PERSON" else _surface(c) for c in cs if not c.metonym))
        if key.startswith("person:"):
            name = names.choose_display([(c.name, c.titled) for c in cs])
            typ = "PERSON"
        else:
            typ = next((c.type for c in cs if not c.metonym), cs[0].type)
            name = cs[0].name if cs[0].prio else Counter(c.name for c in cs).most_common(1)[0][0]
            if key.startswith("country:"):
                name, typ = g.country_name(key[8:]), "COUNTRY"
        attrs = {"mentions": len(cs)}
        if any(c.metonym for c in cs):
            attrs["metonym_mentions"] = sum(c.metonym for c in cs)
        out.append(Entity(key=key, name=name, type=typ, aliases=[s for s in surfaces if s != name], attrs=attrs))
    return out


def _surface(c: _Cand) -> str:
    return c.span.text if c.span is not None and c.label in ("gazetteer", "ministry") else c.name


def resolve_name(text: str) -> str | None:
    """The canonical key a bare name resolves to with no context: gazetteer, else a person key."""
    entry = gazetteer.load().lookup(names.strip_possessive(text))
    if entry is not None:
        return entry.key
    clean = names.clean_person(text)
    return names.person_key(clean) if clean and len(clean.split()) > 1 else None


def extract_entities(article: Article, doc) -> tuple[list[Entity], list[Mention]]:
    """Entities and mentions of one article; ``doc`` is the spaCy parse of ``article.body``."""
    surf, mini = _matchers(doc.vocab, _make_doc(doc))
    gaz = _gaz_cands(doc, surf) + _hyphen_cands(doc)
    ctx = home_ranking([c.key for c in gaz], article.dateline, article.outlet, 2 * title_countries(article.title))
    sites = {n.lower().removeprefix("the ") for n in (article.outlet, article.wire) if n}
    sites |= {f"the {n}" for n in sites}
    cands = _select(gaz + _ministry_cands(doc, mini, ctx) + _ner_cands(doc, sites))
    _apply_metonymy(cands)
    cands = _link_surnames(doc, cands)
    body = doc_text(doc)
    mentions = [
        Mention(
            entity_key=c.key,
            text=body[c.start : c.end],
            start=c.start,
            end=c.end,
            # the sentence's text cut from the doc's (Span.text would rebuild it token by token per mention)
            sentence=body[c.sent.start_char : c.sent.end_char] if c.sent is not None else "",
            label=c.label,
            metonym=c.metonym,
        )
        for c in cands
    ]
    return _entities(cands), mentions
