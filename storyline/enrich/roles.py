"""Officials' roles: who holds which office for which country or body, as of the article.

Read from the parse and the title lexicon (``data/gazetteer/offices.json``), in four shapes:

* a title before the name: "[former] [Japanese|Japan's|NATO] [portfolio] <office head> <Name>"
  ("Chinese Foreign Ministry spokesman Guo Jiakun", "economic revitalization minister Ryosei
  Akazawa", "Land, Infrastructure, Transport and Tourism Minister Hiromasa Nakano");
* an apposition: "Takeshi Iwaya, Japan's foreign minister", "the foreign minister, Takeshi Iwaya";
* "... his South Korean counterpart Cho Hyun": the office of the other official in the sentence;
* the extractor's "Key Participants" table (``article.extra["facts_table"]``).

The country comes from the title's qualifier, a following "of <country>", else the article's
most-named country that has such an office (Japan has no president, so "President Lee" in a
Japan-Korea story goes to South Korea). Offices are normalised ("Minister of Foreign Affairs"
== "Foreign Minister") and title-cased.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.enrich import gazetteer, names
from storyline.models import Article, Mention, Role

_SMALL = {"of", "and", "the", "for", "to", "on", "in"}


@dataclass(slots=True)
class Title:
    office: str  # normalised, title-cased
    start: int  # first token of the whole title (status word included)
    org_key: str | None = None
    org_name: str | None = None
    status: str = "current"
    counterpart: bool = False
    anchored: bool = False  # tied to something named ("GM spokesman", "president of Acme"): no context guess


def _lex():
    off = gazetteer.load().offices
    if "_heads" not in off:
        off["_heads"] = {h.lower() for h in off["heads"]} | set(off["counterpart"])
        off["_maxlen"] = max(len(h.split()) for h in off["_heads"]) + 2
    return off


def is_office_head(word: str) -> bool:
    """True for a single-word office head ("minister", "secretary", "president")."""
    return word.lower() in _lex()["_heads"]


def normalize_office(text: str) -> str:
    """"Minister of Foreign Affairs" -> "Foreign Minister"; "secretary-general" -> "Secretary General"."""
    off = _lex()
    t = " ".join(text.replace(" - ", "-").replace("-", " - ").split()).replace(" - ", "-").lower()
    t = t.strip(" ,")
    t = off["normalize"].get(t, t)
    for prefix in ("minister of ", "minister for ", "ministry of "):
        if t.startswith(prefix) and t not in off["_heads"]:
            rest = t[len(prefix):].removeprefix("the ")
            t = off["normalize"].get(f"{rest} minister", f"{rest} minister")
    t = off["normalize"].get(t, t)
    words = t.split()
    return " ".join(w if (w in _SMALL and i) else _cap(w) for i, w in enumerate(words))


_ACRONYMS = {"ceo": "CEO", "cfo": "CFO", "coo": "COO", "cto": "CTO", "un": "UN", "eu": "EU"}


def _cap(word: str) -> str:
    if word in _ACRONYMS:
        return _ACRONYMS[word]
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _head_at(doc, end: int, lo: int) -> int | None:
    """Start of the longest office head ending right before token ``end`` (not before ``lo``)."""
    off = _lex()
    for j in range(max(lo, end - off["_maxlen"]), end):
        if doc[j:end].text.lower().replace(" - ", "-") in off["_heads"]:
            return j
    return None


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


def _status(doc, k: int, lo: int) -> tuple[str, int]:
    """"former", "then(-)", "ex-" -> former; "new", "newly appointed", "incoming" -> new/incoming;
    looked for just before the title (and its qualifier). Returns (status, new title start)."""
    off = _lex()
    s = k - 1
    while s >= lo and doc[s].text in ("-", "the", "his", "her", "its", "their"):
        s -= 1
    if s >= lo and doc[s].lower_ in _VERB_OF_OFFICE and s - 1 >= lo:
        s -= 1  # "newly appointed", "recently elected"
    word = doc[s].lower_.rstrip("-") if s >= lo else ""
    if word in off["former"]:
        return "former", s
    if word in off["new"] or word in ("recently", "just"):
        return ("incoming" if word == "incoming" else "new"), s
    return "current", k


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
    office = normalize_office(doc[j:i].text) if not counterpart else ""
    entry, k = _qualifier(doc, j, lo)
    status, k = _status(doc, k, lo)
    t = Title(office, k, status=status, counterpart=counterpart)
    if entry:
        t.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
        t.org_name = entry.name
    else:
        _named_before(doc, j, lo, t)
    return t


def _org_ref(text: str, label: str) -> tuple[str, str]:
    """Key and name for a named non-gazetteer organisation or place, as entities.py keys it."""
    entry = gazetteer.load().lookup(text)
    if entry is not None:
        return (f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key), entry.name
    prefix = "org" if label == "ORG" else "loc"
    return f"{prefix}:{gazetteer.slug(text)}", text


def _named_before(doc, j: int, lo: int, t: Title) -> None:
    """"Sony CEO X", "GM spokesman X", "Gaza Health Ministry spokesman X": the named thing
    right before the title is its organisation."""
    pos = j - 1 if j - 1 >= lo and doc[j - 1].text in ("'s", "\u2019s") else j
    for ent in doc.ents:
        if ent.end == pos and ent.start >= lo and ent.label_ in ("ORG", "GPE", "LOC", "FAC"):
            t.org_key, t.org_name = _org_ref(ent.text.removeprefix("the "), ent.label_)
            t.anchored = True
            return
    start = pos
    while start - 1 >= lo and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ not in ("DATE", "TIME"):
        start -= 1
    if start < pos and doc[start:pos].text[:1].isupper():  # an untagged name: "Facebook CEO"
        t.org_key, t.org_name = _org_ref(doc[start:pos].text, "ORG")
        t.anchored = True
    elif pos - 1 >= lo and (doc[pos - 1].ent_type_ in ("ORG", "GPE", "LOC", "FAC")):
        t.anchored = True  # inside a longer name ("Gaza Health Ministry spokesman")


def _appos_title(doc, span) -> Title | None:
    """"X, Japan's foreign minister," or "the foreign minister, X": office in an apposition."""
    root = span.root
    cands = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        cands.append(root.head)
    for noun in cands:
        if noun.i in range(span.start, span.end):
            continue
        title = title_before(doc, noun.i + 1)
        if title and not title.counterpart:
            if not title.org_key:
                for c in noun.children:  # "of Japan" inside the apposition
                    _of_country(c, title)
            return title
    return None


def _of_country(prep, title: Title) -> None:
    """"... of South Korea", "president of Acme Corp": the organisation after the title or name."""
    g = gazetteer.load()
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "for"):
        return
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        text = obj.doc[obj.left_edge.i:obj.i + 1].text.removeprefix("the ").removeprefix("The ")
        entry = g.lookup(text)
        if entry and entry.type in ("COUNTRY", "INTL_ORG") and prep.lower_ == "of":
            title.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
            title.org_name = entry.name
        elif obj.ent_type_ == "ORG" and prep.lower_ in ("of", "at"):
            ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
            if ent is not None:
                title.org_key, title.org_name = _org_ref(ent.text.removeprefix("the "), "ORG")
        title.anchored = True  # "vice president of programs at X": not a national office


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


def _person_names(mentions: list[Mention]) -> dict[str, str]:
    """Person key -> the first full form seen (a surname-only mention borrows it)."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.entity_key.startswith("person:"):
            full = len(m.text.split()) > 1
            if m.entity_key not in out or (full and len(out[m.entity_key].split()) == 1):
                out[m.entity_key] = names.strip_possessive(m.text)
    return out


def _facts_roles(article: Article) -> list[Role]:
    """Roles from a "Key Participants" table: [[name, "South Korea, Minister of Foreign Affairs"]]."""
    g = gazetteer.load()
    out = []
    for row in article.extra.get("facts_table") or []:
        if len(row) < 2 or not names.clean_person(str(row[0])):
            continue
        parts = [p.strip() for p in str(row[1]).split(",") if p.strip()]
        org = next((g.surfaces[p] for p in parts if p in g.surfaces), None)
        rest = ", ".join(p for p in parts if org is None or p not in g.surfaces)
        if not rest:
            continue
        name = names.clean_person(str(row[0]))
        key = None if org is None else (f"country:{org.country}" if org.type == "COUNTRY" else org.key)
        out.append(Role(names.person_key(name), name, normalize_office(rest), key, org.name if org else None,
                        article.published, "current", f"{row[0]}: {row[1]}"))
    return out


def extract_roles(article: Article, doc, mentions: list[Mention]) -> list[Role]:
    """Roles stated in one article (see the module docstring for the shapes read)."""
    from storyline.enrich.entities import context_countries

    ranking = context_countries(m.entity_key for m in mentions)
    display = _person_names(mentions)
    roles: list[Role] = []
    seen = set()
    explicit_keys: set[int] = set()
    for m in mentions:
        if not m.entity_key.startswith("person:"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        title = title_before(doc, span.start) or _appos_title(doc, span)
        if title is None:
            continue
        if not title.org_key:
            for c in span.root.children:
                _of_country(c, title)
        if title.counterpart:
            prev = [r for r in roles if r.person_key != m.entity_key]
            same = [r for r in prev if r.sentence == span.sent.text] or prev
            if not same:
                continue
            title.office = same[-1].office
        if not title.office:
            continue
        explicit = title.org_key is not None
        if not explicit and not title.anchored:
            title.org_key, title.org_name = _context_org(title.office, ranking)
        sig = (m.entity_key, title.office, title.org_key)
        if sig in seen:
            continue
        seen.add(sig)
        roles.append(Role(m.entity_key, display.get(m.entity_key, m.text), title.office, title.org_key,
                          title.org_name, article.published, title.status, span.sent.text))
        if explicit:
            explicit_keys.add(id(roles[-1]))
    for r in _facts_roles(article):
        if (r.person_key, r.office, r.organization_key) not in seen:
            seen.add((r.person_key, r.office, r.organization_key))
            roles.append(r)
            explicit_keys.add(id(r))
    return _prune(roles, explicit_keys)


def _prune(roles: list[Role], explicit: set[int]) -> list[Role]:
    """Drop guesses a stated role makes redundant: a context-inferred country when the same
    person's country is stated elsewhere, and a bare office ("Minister Cho") when a fuller one
    ("Foreign Minister") is known."""
    stated = {r.person_key for r in roles if id(r) in explicit}
    out = []
    for r in roles:
        if id(r) not in explicit and r.person_key in stated:
            continue
        fuller = any(o.person_key == r.person_key and o is not r and o.office.lower().endswith(" " + r.office.lower())
                     for o in roles)
        if not fuller:
            out.append(r)
    return out
