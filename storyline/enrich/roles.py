"""Officials' roles: who holds which office for which country or body, as of the article.

Read from the parse and the title lexicon (``data/gazetteer/offices.json``), in these shapes:

* a title before the name: "[former] [Japanese|Japan's|NATO] [portfolio] <office head> <Name>"
  ("Chinese Foreign Ministry spokesman Guo Jiakun", "economic revitalization minister Ryosei
  Akazawa", "Land, Infrastructure, Transport and Tourism Minister Hiromasa Nakano");
* an apposition: "Takeshi Iwaya, Japan's foreign minister", "the foreign minister, Takeshi Iwaya";
* a comma before the name, however parsed: "President of the Senate, Bukola Saraki";
* a post before a rank, or before a conjunct that is no title: "police spokesman Officer X", "Co-Owner and Lead
  Planner X";
* a verb of office: "X was named chief executive of Y", "X, who served as mayor" (former);
* "... his South Korean counterpart Cho Hyun": the office of the other official in the sentence;
* the extractor's "Key Participants" table (``article.extra["facts_table"]``).

The country comes from the title's qualifier, a following "of <country>", else the article's
likely home country that has such an office (:mod:`home`: mentions, national bodies, cities, the
dateline and the outlet's name; Japan has no president, so "President Lee" in a Japan-Korea story
goes to South Korea). Two holders of one office in one sentence ("Foreign Minister A and his South
Korean counterpart B") never share a guessed country. Status words ("new", "former", "acting",
"retired") are never an organisation; "X replaces former minister Y" gives Y the office of X;
"Y, the minister in charge of space policy" reads as "Space Policy Minister". Offices are
normalised ("Minister of Foreign Affairs" == "Foreign Minister") and title-cased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.enrich import gazetteer
from storyline.enrich.home import home_ranking, title_countries
from storyline.enrich.nlp import ent_at, ent_ending_at
from storyline.enrich.role_merge import facts_roles, inherit_successor_office, person_names, prune
from storyline.enrich.role_phrases import SMALL as _SMALL
from storyline.enrich.role_phrases import head_at as _head_at
from storyline.enrich.role_phrases import (
    is_ministry_head,
    is_portfolio_head,
    normalize_office,
    portfolio_office,
)
from storyline.enrich.role_phrases import lexicon as _lex
from storyline.enrich.role_phrases import of_country as _of_country
from storyline.enrich.role_phrases import org_ref as _org_ref
from storyline.models import Article, Mention, Role


@dataclass(slots=True)
class Title:
    office: str  # normalised, title-cased
    start: int  # first token of the whole title (status word included)
    org_key: str | None = None
    org_name: str | None = None
    status: str = "current"
    counterpart: bool = False
    anchored: bool = False  # tied to something named ("GM spokesman", "president of Acme"): no context guess
    head: int | None = None  # token index of the office's head noun


def _qualifier(doc, i: int, lo: int):
    """Country or body right before token ``i``: "Japanese", "Japan 's", "NATO". -> (entry, start)."""
    g = gazetteer.load()
    j = i - 1
    if j >= lo and doc[j].text in ("'s", "\u2019s"):
        j -= 1
    for width in (4, 3, 2, 1):
        k = j - width + 1
        if k < lo:
            continue
        entry = g.surfaces.get(doc[k:j + 1].text)
        if entry and entry.type in ("COUNTRY", "INTL_ORG", "GOV_BODY"):
            return entry, k
    return None, i


def _portfolio(doc, j: int, lo: int) -> int:
    """Extend a title left over its portfolio words ("Economic Revitalization", "Land, ..., and Tourism")."""
    off = _lex()
    g = gazetteer.load()
    stop = set(off["adj_stop"])
    k, has_and, lower = j, False, 0
    while k - 1 >= lo and j - k < 8:
        tok = doc[k - 1]
        if tok.text in g.surfaces or (k - 2 >= lo and doc[k - 2:k].text in g.surfaces) or tok.lower_ in stop \
                or tok.pos_ in ("DET", "PRON", "NUM"):
            break
        if tok.lower_ in ("and", "&") and k - 2 >= lo and doc[k - 2].is_title:
            has_and = True
        elif tok.text == ",":
            if not (has_and and k - 2 >= lo and doc[k - 2].is_title):
                break
        elif tok.is_title and tok.is_alpha and tok.ent_type_ not in ("PERSON", "DATE", "GPE", "NORP"):
            pass
        elif tok.is_lower and tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod") and lower < 3:
            lower += 1
        else:
            break
        k -= 1
    while k < j and (doc[k].text == "," or doc[k].lower_ in ("and", "&")):
        k += 1
    return k


_VERB_OF_OFFICE = {"appointed", "named", "elected", "installed", "minted", "sworn", "designated"}


def _in_name(doc, k: int) -> bool:
    """"New" in "New York City Mayor" is part of a name, not a status word: a capitalised word inside a named entity."""
    return doc[k].is_title and doc[k].ent_type_ in ("GPE", "ORG", "LOC", "FAC") and doc[k].ent_iob_ == "B" \
        and k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I"


def _status(doc, k: int, lo: int) -> tuple[str, int]:
    """"former", "then(-)", "ex-" -> former; "new", "newly appointed", "incoming" -> new/incoming;
    looked for just before the title (and its qualifier). Returns (status, new title start)."""
    off = _lex()
    s = k - 1
    while s >= lo and doc[s].text in ("-", "the", "his", "her", "its", "their"):
        s -= 1
    if s >= lo and doc[s].lower_ in _VERB_OF_OFFICE and s - 1 >= lo:
        s -= 1  # "newly appointed", "recently elected"
    word = doc[s].lower_.rstrip("-") if s >= lo and not _in_name(doc, s) else ""
    if word in off["former"]:
        return "former", s
    if word in off["new"] or word in ("recently", "just"):
        return ("incoming" if word == "incoming" else "new"), s
    return "current", k


# A rank word before an office names another office: "Deputy Governor", "Vice-Chancellor", "Assistant Director".
_RANK_WORDS = frozenset({"deputy", "vice", "assistant", "associate"})


# Military and police ranks: a rank is held alongside a post ("Colonel X, an army spokesman").
_RANKS = frozenset({"colonel", "lieutenant colonel", "major", "captain", "lieutenant", "sergeant", "general",
                    "major general", "lieutenant general", "brigadier general", "admiral", "commander",
                    "inspector", "chief inspector", "superintendent", "detective inspector", "detective sergeant"})


def _rank_prefix(doc, j: int, lo: int) -> int:
    """Extend a title left over rank words ("Deputy Governor" is not a Governor of "Deputy")."""
    while j - 1 >= lo:
        k = j - 2 if doc[j - 1].text == "-" and j - 2 >= lo else j - 1
        if doc[k].lower_ not in _RANK_WORDS:
            break
        j = k
    return j


def title_before(doc, i: int) -> Title | None:
    """The title right before the name starting at token ``i``, or None."""
    off = _lex()
    if i <= 0 or i > len(doc):
        return None
    lo = doc[i - 1].sent.start
    j = _head_at(doc, i, lo)
    if j is None:
        return None
    head = doc[j:i].text.lower()
    counterpart = head in off["counterpart"]
    if head.split()[-1] in off["portfolio_heads"] and not counterpart:
        j = _portfolio(doc, j, lo)
    if not counterpart:
        j = _rank_prefix(doc, j, lo)
    office = normalize_office(doc[j:i].text) if not counterpart else ""
    entry, k = _qualifier(doc, j, lo)
    status, k = _status(doc, k, lo)
    t = Title(office, k, status=status, counterpart=counterpart, head=i - 1)
    if entry:
        t.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
        t.org_name = entry.name
    else:
        org_start = _named_before(doc, j, lo, t)
        if org_start < j and status == "current":  # "a retired Army general", "former Sony CEO"
            t.status, t.start = _status(doc, org_start, lo)
    return t


# "Lt." in "Lt. Gen. X", "Maj." in "Maj. Gen.": an abbreviated rank word, never an organisation.
_ABBREVIATED_RANK = re.compile(r"^[A-Z][a-z]{0,3}\.$")


def _named_before(doc, j: int, lo: int, t: Title) -> int:
    """"Sony CEO X", "GM spokesman X", "Gaza Health Ministry spokesman X": the named thing
    right before the title is its organisation. Status words ("New", "Former", "Acting") are
    never part of it. Returns the token where the organisation starts (``j`` if none)."""
    pos = j - 1 if j - 1 >= lo and doc[j - 1].text in ("'s", "\u2019s") else j
    off = _lex()
    status_words = {*off["former"], *off["new"], *off["adj_stop"], "acting", "retired"}
    lo = max([lo] + [k + 1 for k in range(lo, pos)
                     if doc[k].lower_.rstrip("-") in status_words and not _in_name(doc, k)])
    if pos == j and pos - 1 >= lo and _head_at(doc, pos, pos - 1) is not None and doc[pos - 1].lower_ not in (
            "general", "major"):
        return j  # another title right before this one ("Committee Chairman Rep. X"), not an organisation
    ent = ent_ending_at(doc, pos)
    if ent is not None and ent.start >= lo and ent.label_ in ("ORG", "GPE", "LOC", "FAC"):
        t.org_key, t.org_name = _org_ref(ent.text.removeprefix("the "), ent.label_)
        t.anchored = True
        return ent.start
    start = pos
    while (
        start - 1 >= lo
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].ent_type_ not in ("DATE", "TIME")
        and doc[start - 1].text != "."
        and not _ABBREVIATED_RANK.match(doc[start - 1].text)
    ):
        start -= 1
    if start < pos and doc[start:pos].text[:1].isupper():  # an untagged name: "Facebook CEO"
        t.org_key, t.org_name = _org_ref(doc[start:pos].text, "ORG")
        t.anchored = True
        return start
    if pos - 1 >= lo and (doc[pos - 1].ent_type_ in ("ORG", "GPE", "LOC", "FAC")):
        t.anchored = True  # inside a longer name ("Gaza Health Ministry spokesman")
    return j


def _title_further_before(doc, i: int) -> Title | None:
    """A title one step further left of the name: over rank words ("D.C. police spokesman Officer X"), over a
    bare title ("Committee Chairman Rep. X") or over a conjunct that is no title of the lexicon ("Estera Events
    Co-Owner and Lead Planner X"): title-case words only, one to three, none a name, after "and" and the title."""
    lo = doc[i - 1].sent.start if i > 0 else 0
    r = i
    while r - 1 >= lo and doc[r - 1].is_title and doc[r - 1].lower_ in _lex()["rank_words"]:
        r -= 1
    first = title_before(doc, i) if r == i else None
    if first is not None and not first.counterpart and first.start == _head_at(doc, i, lo):
        r = first.start  # "House Natural Resources Committee Chairman Rep. X": a title right before a title
    if r < i:
        title = title_before(doc, r)
        return title if title is not None and not title.counterpart and title.office else None
    r = i
    while r - 1 >= lo and i - r < 3 and doc[r - 1].is_title and doc[r - 1].is_alpha \
            and doc[r - 1].ent_type_ != "PERSON":
        r -= 1
    if r == i or r - 1 < lo or doc[r - 1].lower_ != "and" or title_before(doc, i) is not None:
        return None
    title = title_before(doc, r - 1)
    return title if title is not None and not title.counterpart and title.office else None


def _appos_title(doc, span) -> Title | None:
    """ "X, Japan's foreign minister," or "the foreign minister, X": office in an apposition."""
    root = span.root
    cands = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        cands.append(root.head)
        prep = root.head.head
        if root.head.dep_ == "pobj" and prep.lower_ in ("of", "at", "for") and prep.head.i < prep.i \
                and prep.head.dep_ != "pobj":  # not "the wife of the mayor of Paris, X"
            cands.append(prep.head)  # "the head of Qeshm's free-trade zone, X": the name hangs on the body
    cands += [c for n in cands for c in n.children if c.dep_ == "conj"]  # "X, a biodiversity expert and director of Y"
    for noun in cands:
        if noun.i in range(span.start, span.end):
            continue
        title = title_before(doc, noun.i + 1)
        if title and not title.counterpart and not (noun.i < span.start
                                                    and _after_person_comma(doc, title.start, span.sent.start)):
            title.head = noun.i
            fuller = portfolio_office(title.office, noun)
            title.office = fuller or title.office
            if not title.org_key:
                for c in noun.children:  # "of Japan" inside the apposition; not the portfolio's own "of"
                    if not (fuller and c.lower_ in ("of", "for", "in")):
                        _of_country(c, title)
            return title
    return None


# Words that carry a title's scope up to the comma before the name: "Senator representing Yobe North, X".
_SCOPE_WORDS = frozenset({"of", "for", "at", "from", "representing"})
_AFTER_APPOS = frozenset({",", ".", ";", ":", "(", ")", "and", "who", "\u2014", "-"})


def _comma_title(doc, span) -> Title | None:
    """A title set off by a comma before the name, whatever the parse made of it ("the Inspector-General
    of Police, X,", "President of the Senate, X", "Senator representing Yobe North, X"). The name must
    close the apposition (then "," "." "and" "who" or the sentence end): not "met the minister, Smith said"."""
    comma = span.start - 1
    lo = span.sent.start
    if comma - 1 < lo or doc[comma].text != ",":
        return None
    if span.end < span.sent.end and doc[span.end].text.lower() not in _AFTER_APPOS:
        return None
    title = title_before(doc, comma)
    if title is not None and _after_person_comma(doc, title.start, lo):
        return None  # "John McCain, senior vice president, HP Services": a signature; the last part is the body
    if title is not None and not title.counterpart and _opens_phrase(doc, title.start, lo):
        return title
    for k in range(comma - 1, max(lo, comma - 7), -1):  # "<title> of|representing <Name words>, <Name>"
        if doc[k].lower_ not in _SCOPE_WORDS:
            continue
        scope = doc[k + 1 : comma]
        if (
            not scope
            or not all(t.is_title or t.is_upper or t.lower_ in _SMALL or t.text in "&-" for t in scope)
            or not any(t.is_title or t.is_upper for t in scope)
        ):
            return None
        title = title_before(doc, k)
        if title is None or title.counterpart or not _opens_phrase(doc, title.start, lo):
            return None
        _scope_org(doc, title, k, scope)
        return title
    return None


def _after_person_comma(doc, k: int, lo: int) -> bool:
    """Token ``k`` opens a title (with its coordinated titles) that follows "<Person>,"."""
    while k - 1 >= lo and (doc[k - 1].is_lower or doc[k - 1].lower_ in _lex()["_heads"]) and doc[k - 1].is_alpha:
        k -= 1
    return k - 2 >= lo and doc[k - 1].text == "," and doc[k - 2].ent_type_ == "PERSON"


def _scoped_title_before(doc, span) -> Title | None:
    """A title whose scope comes between it and the name: "Secretary of the Navy X", "Ambassador to the UN X",
    "the vice president and chairman of Borden Inc. X", "Head of Instagram X". The scope is capitalised
    words (with "of", "the", "and") and the title opens its phrase."""
    lo = span.sent.start
    for k in range(span.start - 1, max(lo, span.start - 7), -1):
        if doc[k].lower_ not in ("of", "to", "for"):
            own = ent_at(doc, k)  # the NER's PERSON span may run from the scope over the name ("Instagram Adam X")
            if doc[k].text in (",", ";", ":", "(", ")") or doc[k].ent_type_ == "PERSON" and own.end <= span.start:
                return None
            continue
        scope = doc[k + 1 : span.start]
        if (
            not scope
            or not all(t.is_title or t.is_upper or t.lower_ in _SMALL or t.text in "&-." for t in scope)
            or not any(t.is_title or t.is_upper for t in scope)
        ):
            return None
        title = title_before(doc, k)
        if title is None or title.counterpart or not title.office or not _opens_phrase(doc, title.start, lo):
            return None
        _scope_org(doc, title, k, scope)
        return title
    return None


def _opens_phrase(doc, start: int, lo: int) -> bool:
    """A title opening its own noun phrase (sentence start, after a determiner, preposition, verb...)."""
    if start <= lo:
        return True
    prev = doc[start - 1]
    return prev.pos_ in ("DET", "ADP", "VERB", "AUX", "CCONJ", "SCONJ", "PUNCT", "PRON") or prev.lower_ in (
        "the",
        "said",
    )


def _scope_org(doc, title: Title, k: int, scope) -> None:
    """ "<title> of <body>": the body is its organisation; "President of the Senate" = "Senate President"."""
    text = scope.text.removeprefix("the ").removeprefix("The ")
    entry = gazetteer.load().lookup(text)
    if doc[k].lower_ != "of" and doc[k].lower_ not in ("at", "for"):
        title.anchored = True  # "representing Yobe North": a seat, not an organisation
        return
    if entry is not None and entry.type in ("COUNTRY", "INTL_ORG"):
        title.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
        title.org_name = entry.name
    elif (
        doc[k].lower_ == "of"
        and entry is None
        and is_portfolio_head(title.office)
        and not any(
            t.ent_type_
            in (("GPE", "LOC", "NORP") if is_ministry_head(title.office) else ("ORG", "GPE", "LOC", "NORP", "FAC"))
            for t in scope
        )
    ):
        title.office = normalize_office(f"{title.office} of {scope.text}")  # "Minister of Industry": a portfolio
    else:
        title.org_key, title.org_name = _org_ref(text, "ORG")
        if f"{text} {title.office}".lower() in _lex()["_heads"]:
            title.office = normalize_office(f"{text} {title.office}")
    title.anchored = True


def _relcl_title(doc, span) -> Title | None:
    """ "Steve Lederer, who is Napa County Public Works Director": the office in a relative clause."""
    for clause in span.root.children:
        if clause.dep_ != "relcl" or clause.lemma_ != "be":
            continue
        for attr in clause.children:
            if attr.dep_ == "attr":
                title = title_before(doc, attr.i + 1)
                if title and not title.counterpart:
                    title.head = attr.i
                    for c in attr.children:
                        _of_country(c, title)
                    return title
    return None


# Verbs that give their subject an office: "X was named CEO of Y", "X became mayor", "X serves as head of Y".
_OFFICE_VERBS = {
    **dict.fromkeys(("name", "appoint", "elect", "promote", "tap", "install", "choose", "select", "nominate"), "new"),
    "become": "current",
    "serve": "current",
    "remain": "current",
    "be": "current",
}


def _predicate_title(doc, span) -> Title | None:
    """The office a verb of office gives its subject ("X was named CEO of Y", "X, who served as head of Y")."""
    root = span.root
    verbs = [root.head] if root.dep_ in ("nsubj", "nsubjpass") else []
    verbs += [
        c
        for c in root.children
        if c.dep_ == "relcl"  # "X, who was named ..."
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that") for g in c.children)
    ]
    for verb in verbs:
        title = _office_of_verb(doc, verb)
        if title is not None:
            return title
    return None


def _office_of_verb(doc, verb) -> Title | None:
    status = _OFFICE_VERBS.get(verb.lemma_.lower())
    if status is None:
        return None
    nouns = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj") and c.pos_ in ("NOUN", "PROPN")]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        nouns += [c for c in prep.children if c.dep_ == "pobj"]
    for noun in nouns:
        title = title_before(doc, noun.i + 1)
        if title is None or title.counterpart:
            continue
        title.head = noun.i
        if verb.lemma_.lower() in ("serve", "be") and verb.tag_ == "VBD":
            status = "former"
        if title.status == "current":
            title.status = status
        for c in noun.children:
            _of_country(c, title)
        return title
    return None


def _coordinated(doc, title: Title) -> list[Title]:
    """Further offices joined to a title by "and": "founder and former CEO", "vice president and
    head of engineering at Shopify" (one fact per office, sharing the organisation)."""
    if title.head is None:
        return []
    head = doc[title.head]
    nouns = [c for c in head.children if c.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
    out = []
    for noun in nouns:
        other = title_before(doc, noun.i + 1)
        if other is None or other.counterpart or not other.office or other.office == title.office:
            continue
        other.office = portfolio_office(other.office, noun) or other.office
        for c in noun.children:
            _of_country(c, other)
        if not other.org_key and title.org_key:
            other.org_key, other.org_name, other.anchored = title.org_key, title.org_name, True
        elif other.org_key and not title.org_key:
            title.org_key, title.org_name, title.anchored = other.org_key, other.org_name, True
        out.append(other)
    return out


def _blocked(iso3: str, office: str) -> bool:
    return gazetteer.load().blocked(iso3, office, _lex()["office_exceptions"])


def _context_org(office: str, ranking: list[str]) -> tuple[str | None, str | None]:
    """The article's most-named country that has ``office`` (only for national offices)."""
    words, markers = _lex()["national_words"], _lex()["national_markers"]
    low = office.lower()
    if not any(low == w or low.endswith(" " + w) for w in words) and not set(low.split()) & set(markers):
        return None, None
    for iso in ranking:
        if not _blocked(iso, office):
            return f"country:{iso}", gazetteer.load().country_name(iso)
    return None, None


def extract_roles(article: Article, doc, mentions: list[Mention]) -> list[Role]:
    """Roles stated in one article (see the module docstring for the shapes read)."""
    ranking = home_ranking(
        (m.entity_key for m in mentions), article.dateline, article.outlet, title_countries(article.title)
    )
    display = person_names(mentions)
    roles: list[Role] = []
    seen = set()
    explicit_keys: set[int] = set()
    for m in mentions:
        if not m.entity_key.startswith("person:"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        before = title_before(doc, span.start) or _scoped_title_before(doc, span)
        further = _title_further_before(doc, span.start)
        first = (
            before
            or further
            or _appos_title(doc, span)
            or _comma_title(doc, span)
            or _relcl_title(doc, span)
            or _predicate_title(doc, span)
        )
        if first is None:
            continue
        if not first.org_key:
            for c in span.root.children:
                _of_country(c, first)
        titles = [first, *_coordinated(doc, first)]
        if further is not None and further is not first and further.office not in {t.office for t in titles}:
            titles.append(further)  # "U.S. Marshals spokesman Inspector X": the rank, held in the post's body
            if further.org_key and not first.org_key:
                first.org_key, first.org_name = further.org_key, further.org_name
        after = (_appos_title(doc, span) or _relcl_title(doc, span)) if before is not None else None
        if after is not None and after.office not in {t.office for t in titles}:  # "General X, head of Y"
            titles += [after, *_coordinated(doc, after)]
        for title in titles:
            _add_role(roles, seen, explicit_keys, m, span, title, article, display, ranking)
    for r in facts_roles(article):
        if (r.person_key, r.office, r.organization_key) not in seen:
            seen.add((r.person_key, r.office, r.organization_key))
            roles.append(r)
            explicit_keys.add(id(r))
    _not_the_other_side(roles, explicit_keys, ranking)
    inherit_successor_office(roles, mentions)
    return prune(roles, explicit_keys)


def _add_role(
    roles: list[Role],
    seen: set,
    explicit_keys: set[int],
    m: Mention,
    span,
    title: Title,
    article: Article,
    display: dict[str, str],
    ranking: list[str],
) -> None:
    """One stated office of the person mentioned at ``m`` (a counterpart takes the other official's office)."""
    if title.counterpart:
        prev = [r for r in roles if r.person_key != m.entity_key]
        same = [r for r in prev if r.sentence == span.sent.text] or prev
        if not same:
            return
        title.office = same[-1].office
    if not title.office:
        return
    explicit = title.org_key is not None
    if not explicit and not title.anchored:
        title.org_key, title.org_name = _context_org(title.office, ranking)
    sig = (m.entity_key, title.office, title.org_key)
    if sig in seen:
        return
    seen.add(sig)
    roles.append(
        Role(
            m.entity_key,
            display.get(m.entity_key, m.text),
            title.office,
            title.org_key,
            title.org_name,
            article.published,
            title.status,
            span.sent.text,
        )
    )
    if explicit:
        explicit_keys.add(id(roles[-1]))


def _not_the_other_side(roles: list[Role], explicit: set[int], ranking: list[str]) -> None:
    """Two holders of one office in one sentence serve different countries: "Foreign Minister
    Kenta Aoyagi and his South Korean counterpart Han Ji-won", "Foreign Minister Han and Japanese
    Foreign Minister Aoyagi". A context-guessed country that another holder states outright in
    that sentence is replaced by the next likely country."""
    for r in roles:
        if id(r) in explicit or r.organization_key is None or not r.organization_key.startswith("country:"):
            continue
        taken = {
            o.organization_key
            for o in roles
            if o is not r
            and id(o) in explicit
            and o.sentence == r.sentence
            and o.office == r.office
            and o.person_key != r.person_key
        }
        if r.organization_key not in taken:
            continue
        rest = [iso for iso in ranking if f"country:{iso}" not in taken]
        key, name = _context_org(r.office, rest)
        r.organization_key, r.organization = key, name
