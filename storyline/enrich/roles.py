"""Officials' roles: who holds which office for which country or body, as of the article.

Read from the parse and the title lexicon (``data/gazetteer/offices.json``), in these shapes:

* a title before the name: "[former] [Japanese|Japan's|NATO] [portfolio] <office head> <Name>"
  ("Chinese Foreign Ministry spokesman Guo Jiakun", "economic revitalization minister Ryosei
  Akazawa", "Land, Infrastructure, Transport and Tourism Minister Hiromasa Nakano");
* an apposition: "Takeshi Iwaya, Japan's foreign minister", "the foreign minister, Takeshi Iwaya";
* a comma before the name, however parsed: "President of the Senate, Bukola Saraki";
* a post before a rank, or before a conjunct that is no title: "police spokesman Officer X", "Co-Owner and Lead
  Planner X";
* an apposition read on the surface, when the parse hangs it elsewhere, past a party tag or an age and over a
  list of descriptions: "X, D-N.Y., the majority leader", "X, a lecturer at MIT and head of machine learning at Y";
* a title with a lower-case department before the name: "head of product development X";
* a plural title shared by coordinated names: "Senators X and Y", "X and Y, Airbnb's co-founders";
* a verb of office (:mod:`role_verbs`): "X was named chief executive of Y", "X, who served as mayor" (former),
  "X took over as CEO", "X stepped down as chairman" (former), "Acme appointed X as its CEO", "X, who heads Acme";
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

from storyline.enrich import gazetteer
from storyline.enrich.home import home_ranking, title_countries
from storyline.enrich.nlp import ent_at
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
from storyline.enrich.role_titles import HONORIFICS, MONARCHS, Title, title_after, title_before
from storyline.enrich.role_verbs import predicate_title
from storyline.models import Article, Mention, Role


def _title_further_before(doc, i: int) -> Title | None:
    """A title one step further left of the name: over rank words ("D.C. police spokesman Officer X"), over a
    bare title ("Committee Chairman Rep. X"), over a title joined by "and" ("Acme President and CEO X") or over a
    conjunct that is no title of the lexicon ("Estera Events Co-Owner and Lead Planner X"): title-case words only,
    one to three, none a name, after "and" and the title."""
    lo = doc[i - 1].sent.start if i > 0 else 0
    r = i
    while r - 1 >= lo and doc[r - 1].is_title and doc[r - 1].lower_ in _lex()["rank_words"]:
        r -= 1
    first = title_before(doc, i) if r == i else None
    if first is not None and not first.counterpart and first.start - 1 > lo and doc[first.start - 1].lower_ == "and":
        title = title_before(doc, first.start - 1)  # "Acme President and CEO X": a title joined to the title
        return title if title is not None and not title.counterpart and title.office else None
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
        if noun.i in range(span.start, span.end) or any(t.tag_ in _WH for t in doc[span.end : noun.i]):
            continue  # past a relative clause the noun is the clause's: "X, the employee who Acme's founder hired"
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


_WH = frozenset({"WP", "WDT", "WP$", "WRB"})
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
        if scope and all(t.text in HONORIFICS for t in scope):
            return None  # "a spokesman for Mr X": X is the one spoken for, not the spokesman
        function = doc[k].lower_ == "of" and _a_function(scope)
        if not function and (
            not scope
            or not all(t.is_title or t.is_upper or t.lower_ in _SMALL or t.text in "&-." for t in scope)
            or not any(t.is_title or t.is_upper for t in scope)
        ):
            return None
        title = title_before(doc, k)
        if title is None or title.counterpart or not title.office or not _opens_phrase(doc, title.start, lo):
            return None
        if function:  # "vice-president of worldwide product marketing Phil Schiller": a department of the office
            title.office = normalize_office(f"{title.office} of {scope.text}")
            title.anchored = True
        else:
            _scope_org(doc, title, k, scope)
        return title
    return None


def _a_function(scope) -> bool:
    """Lower-case nouns (and adjectives) with no determiner: a function or department ("product development",
    "worldwide marketing"), not a named body."""
    return 0 < len(scope) <= 4 and all(
        t.is_lower and t.is_alpha and (t.pos_ in ("NOUN", "ADJ") or t.lower_ == "and") for t in scope
    ) and scope[-1].pos_ == "NOUN"


def _opens_phrase(doc, start: int, lo: int) -> bool:
    """A title opening its own noun phrase (sentence start, after a determiner, preposition, verb...)."""
    if start <= lo:
        return True
    prev = doc[start - 1]
    if prev.tag_ == "POS":  # "Ouattara's prime minister, X": the possessor's phrase opens the title's
        k = start - 1
        while k - 1 >= lo and doc[k - 1].pos_ == "PROPN":
            k -= 1
        return k < start - 1 and _opens_phrase(doc, k, lo)
    return prev.pos_ in ("DET", "ADP", "VERB", "AUX", "CCONJ", "SCONJ", "PUNCT", "PRON") or prev.lower_ in (
        "the",
        "said",
    )


# A scope the NER reads as a name is a body, not a portfolio: "Head of Instagram" (the tagger may run a PERSON span
# from "Instagram" over the name after it), "Director of the FBI"; "Head of Research" is a department.
_NAMED_SCOPE = ("ORG", "GPE", "LOC", "NORP", "FAC", "PERSON", "PRODUCT")


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
            in (("GPE", "LOC", "NORP") if is_ministry_head(title.office) else _NAMED_SCOPE)
            for t in scope
        )
    ):
        title.office = normalize_office(f"{title.office} of {scope.text}")  # "Minister of Industry": a portfolio
    else:
        title.org_key, title.org_name = _org_ref(text, "ORG")
        if f"{text} {title.office}".lower() in _lex()["_heads"]:
            title.office = normalize_office(f"{text} {title.office}")
    title.anchored = True


def _title_after(doc, span) -> Title | None:
    """ "X, the spokesman for the Center for Science" read on the surface (:func:`title_after`), with the body the
    head noun's "of"/"for"/"at" phrase names."""
    title = title_after(doc, span.end)
    if title is None:
        return None
    fuller = portfolio_office(title.office, doc[title.head])  # "head of machine learning"
    title.office = fuller or title.office
    if not title.org_key:
        for c in doc[title.head].children:
            if not (fuller and c.lower_ in ("of", "for", "in")):
                _of_country(c, title)
    return title


def _plural_title(doc, span) -> Title | None:
    """A plural title shared by coordinated names: "Senators X and Y" (before the first name), "X and Y, Airbnb's
    co-founders" (after the last)."""
    root = span.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    last = root
    while (nxt := next((c for c in last.children if c.dep_ == "conj" and c.i > last.i), None)) is not None:
        last = nxt
    if first is root and last is root:
        return _plural_title_on_surface(doc, span)
    start = min([c.i for c in first.children if c.dep_ in ("compound", "flat") and c.i < first.i] + [first.i])
    title = title_before(doc, start) if first is not root else None
    if (title is None or not title.plural) and last is not root:
        title = _title_after(doc, doc[last.i : last.i + 1])
    return title if title is not None and title.plural else _plural_title_on_surface(doc, span)


def _plural_title_on_surface(doc, span) -> Title | None:
    """ "Sens. Harry Reid, D-Nev., and Lindsey Graham, R-S.C.", "Governors A of California and B of New York": a
    later name of a list set off by commas, when the parse does not coordinate it, takes the plural title of the
    list's first name. Between them stand only names, places, party tags, commas, "and" and "of"."""
    lo = span.sent.start
    if span.start - 1 < lo or doc[span.start - 1].lower_ not in ("and", ","):
        return None
    for p in range(span.start - 1, max(lo, span.start - 20) - 1, -1):
        tok = doc[p]
        if not (tok.is_punct or tok.is_title or tok.is_upper or tok.lower_ in ("and", "of")):
            return None  # a word of another phrase: no list
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            title = title_before(doc, p)
            if title is not None:  # a list set off by commas; a bare "A and B" the parse would have coordinated
                return title if title.plural and any(t.text == "," for t in doc[p : span.start]) else None
    return None


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


def _distinct(titles: list[Title]) -> list[Title]:
    """One office per stretch of words: a title whose head noun lies inside a longer title already read is a piece
    of it ("Kremlin chief" inside "Kremlin chief of staff"), not a second office."""
    out: list[Title] = []
    for t in titles:
        last = t.office.lower().split()[-1] if t.office else ""
        if t.head is not None and any(o.head is not None and o.start <= t.head < o.head
                                      and last in o.office.lower().split() for o in out):
            continue
        out.append(t)
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
            or predicate_title(doc, span)
            or _title_after(doc, span)
            or _plural_title(doc, span)
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
        after = (_appos_title(doc, span) or _relcl_title(doc, span) or _title_after(doc, span)
                 or predicate_title(doc, span)) if before is not None else None  # "Col. X was named CEO"
        if after is not None and after.office not in {t.office for t in titles}:  # "General X, head of Y"
            titles += [after, *_coordinated(doc, after)]
        for title in _distinct(titles):
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
    if title.office.lower() in MONARCHS and title.org_key and not title.org_key.startswith("country:"):
        return  # "pinup queen X", "the King of Pop": a crown held over no country is a figure of speech
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
