"""The title right before a name: "[former] [Japanese|Japan's|NATO] [portfolio] <office head> [honorific] <Name>".

Helpers of :mod:`roles` (and of the name repairs in :mod:`ent_titled`): :func:`title_before` reads the office head
ending right before a token, the portfolio words and rank words before it ("Economic Revitalization Minister",
"Deputy Governor"), the country or body qualifying it ("Japanese", "Japan's", "NATO", "Sony"), and its status
("former", "new"). An honorific between the title and the name ("leader Sir Menzies Campbell") belongs to neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.enrich import gazetteer
from storyline.enrich.nlp import ent_ending_at
from storyline.enrich.role_phrases import head_at as _head_at
from storyline.enrich.role_phrases import lexicon as _lex
from storyline.enrich.role_phrases import normalize_office, singular
from storyline.enrich.role_phrases import org_ref as _org_ref


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
    plural: bool = False  # "Senators X and Y": the office of each name in the coordination


# A possessive: "Japan's", "Airbus' CEO" (a bare apostrophe after a name ending in "s").
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


def _qualifier(doc, i: int, lo: int):
    """Country or body right before token ``i``: "Japanese", "Japan 's", "NATO". -> (entry, start)."""
    g = gazetteer.load()
    j = i - 1
    if j >= lo and doc[j].text in _POSSESSIVE:
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



def _rank_prefix(doc, j: int, lo: int) -> int:
    """Extend a title left over rank words ("Deputy Governor" is not a Governor of "Deputy")."""
    while j - 1 >= lo:
        k = j - 2 if doc[j - 1].text == "-" and j - 2 >= lo else j - 1
        if doc[k].lower_ not in _RANK_WORDS:
            break
        j = k
    return j


# Honorifics that may stand between a title and the name; they are part of neither.
HONORIFICS = frozenset({"Sir", "Dame", "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Lord", "Lady", "Rev.",
                         "Sheikh", "Baroness", "Baron"})


def title_before(doc, i: int) -> Title | None:
    """The title right before the name starting at token ``i``, or None."""
    off = _lex()
    if i <= 0 or i > len(doc):
        return None
    lo = doc[i - 1].sent.start
    while i - 1 > lo and doc[i - 1].text in HONORIFICS:
        i -= 1  # "Lib Dem leader Sir Menzies Campbell": an honorific stands between the title and the name
    j = _head_at(doc, i, lo)
    if j is None:
        return None
    head = doc[j:i].text.lower()
    counterpart = head in off["counterpart"]
    plural = not counterpart and head not in off["_heads"] and singular(head) in off["_heads"]
    if plural and (doc[i - 1].ent_type_ in ("ORG", "GPE", "FAC", "LOC") or j - 1 >= lo and doc[j - 1].lower_ == "of"):
        return None  # "House of Representatives": a body's name, not a plural title
    head = singular(head)
    if head.split()[-1] in off["portfolio_heads"] and not counterpart:
        j = _portfolio(doc, j, lo)
    if not counterpart:
        j = _rank_prefix(doc, j, lo)
    office = normalize_office(doc[j:i].text) if not counterpart else ""
    entry, k = _qualifier(doc, j, lo)
    status, k = _status(doc, k, lo)
    t = Title(office, k, status=status, counterpart=counterpart, head=i - 1, plural=plural)
    if entry:
        t.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
        t.org_name = entry.name
    else:
        org_start = _named_before(doc, j, lo, t)
        if org_start < j and status == "current":  # "a retired Army general", "former Sony CEO"
            t.status, t.start = _status(doc, org_start, lo)
    if office.lower() in MONARCHS and not (t.org_key or "").startswith("country:") and _modified(doc, j, lo):
        return None  # "burlesque queen X", "pinup queen X": a crown over no country is a figure of speech
    if _a_players_title(doc, j, i, lo):
        return None
    return t


# Bodies whose "captain" is a rank: "police captain X", "Army captain X".
_RANKED_BODIES = frozenset({"police", "army", "navy", "guard", "marine", "marines", "force", "fire", "ship"})
# Words before a head that make it a craft, a task or a promotion, not an office: "film director X", "study leader X",
# "brand ambassador X".
_NOT_AN_OFFICE = {
    "director": frozenset({"film", "movie", "theatre", "theater", "stage", "opera", "porn", "music", "documentary",
                           "casting", "photography"}),
    "leader": frozenset({"study", "team", "project", "research", "market", "industry", "tour", "squad", "cheer"}),
    "ambassador": frozenset({"brand"}),
}


def _a_players_title(doc, j: int, i: int, lo: int) -> bool:
    """A team's captain, a craft or a task, not an office: "Pakistan captain X", "United captain X", "team captain
    X" (a lower-case "captain" after a qualifier that is no police or armed body; the rank is written "Capt." or
    "Captain"), "the league's scoring leader, X" (a leader qualified by a gerund), "theatre director X", "study
    leader X", "brand ambassador X"."""
    head = doc[j:i].text
    prev = doc[j - 1] if j - 1 >= lo else None
    if prev is None:
        return False
    if head == "captain":
        return prev.is_alpha and prev.lower_ not in _RANKED_BODIES and prev.pos_ in ("PROPN", "NOUN")
    before = {t.lower_ for t in doc[max(lo, j - 2) : i - 1]}  # the portfolio words and the word before them
    if "turned" in before or before & _NOT_AN_OFFICE.get(doc[i - 1].lower_, frozenset()):
        return True  # "theatre director X", "painter-turned-director X"
    return head.lower() == "leader" and prev.tag_ == "VBG"


MONARCHS = frozenset({"king", "queen", "emperor", "empress", "prince", "princess", "crown prince"})


def _modified(doc, j: int, lo: int) -> bool:
    """A content word (no status word, determiner or possessive) right before the title at ``j``."""
    off = _lex()
    prev = doc[j - 1] if j - 1 >= lo else None
    return prev is not None and prev.is_alpha and prev.pos_ in ("NOUN", "PROPN", "ADJ") \
        and prev.lower_ not in {*off["former"], *off["new"], *off["adj_stop"]}


def title_at(doc, noun) -> Title | None:
    """The title whose head is the noun ``noun`` (an apposition, a verb's complement): the office head may run on
    past the noun over "of" or "for" ("was appointed chief of staff", "X, secretary of state"), else it ends there."""
    if noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("of", "for"):
        lo = noun.sent.start
        for end in range(min(noun.i + 5, noun.sent.end), noun.i + 2, -1):
            j = _head_at(doc, end, lo)
            if j is not None and j <= noun.i:
                return title_before(doc, end)
    return title_before(doc, noun.i + 1)


# "Lt." in "Lt. Gen. X", "Maj." in "Maj. Gen.": an abbreviated rank word, never an organisation.
_ABBREVIATED_RANK = re.compile(r"^[A-Z][a-z]{0,3}\.$")


def _named_before(doc, j: int, lo: int, t: Title) -> int:
    """"Sony CEO X", "GM spokesman X", "Gaza Health Ministry spokesman X": the named thing
    right before the title is its organisation. Status words ("New", "Former", "Acting") are
    never part of it. Returns the token where the organisation starts (``j`` if none)."""
    pos = j - 1 if j - 1 >= lo and doc[j - 1].text in _POSSESSIVE else j
    off = _lex()
    status_words = {*off["former"], *off["new"], *off["adj_stop"], "acting", "retired"}
    lo = max([lo] + [k + 1 for k in range(lo, pos)
                     if doc[k].lower_.rstrip("-") in status_words and not _in_name(doc, k)])
    if pos == j and pos - 1 >= lo and doc[pos - 1].lower_ in off["_heads"] and doc[pos - 1].lower_ not in (
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


# A party tag or an age between the name and its apposition.
_TAG = re.compile(r"^(?:[DRI]-[A-Z][\w.-]*|\d{1,3})$")
_WH = frozenset({"WP", "WDT", "WP$", "WRB"})
_PHRASE_END = frozenset({",", ".", ";", ":", "(", ")", "and", "who", "in", "of", "for", "at", "\u2014"})


def title_after(doc, e: int) -> Title | None:
    """An apposition right after a name that ends in an office head, read on the surface (the parse often hangs it
    elsewhere): "X, the spokesman for Y", "X, the Jewish Agency for Israel representative in Ethiopia". Token ``e``
    is the comma after the name. The apposition may list several descriptions, joined by "," or "and" ("X, a
    lecturer at MIT and head of machine learning at Kensho", "X, NYU graduate, general manager of Y"): each is
    read in turn up to the first office head. Only noun-phrase words stand in it (a verb or a relative pronoun ends
    the search: the office in "X, the first employee who Acme's founder hired" is another person's); a
    description whose common noun takes a phrase of its own names no office of X ("X, a fan of the mayor"); a
    description of proper nouns alone is another name in a list, which ends the search too."""
    if e >= len(doc) or doc[e].text not in (",", "-", "\u2013", "\u2014"):
        return None  # a comma, or a dash opening an aside ("X - now chairman of Y - said")
    end = doc[e].sent.end
    nxt = next((c for c in range(e + 1, min(end, e + 6)) if doc[c].text == ","), None)
    if nxt is not None and _TAG.match(doc[e + 1 : nxt].text.replace(" ", "")):
        e = nxt  # "Sen. X, D-N.Y., the majority leader", "X, 55, the head of Y": past a party tag or an age
    start, blocked = e + 1, False
    for k in range(e + 2, min(end, e + 25) + 1):
        tok = doc[k - 1]
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text not in ("-", ",") or tok.tag_ in _WH:
            return None  # a verb, or a relative clause ("X, the first employee who Acme's founder hired")
        if tok.text == "," or tok.lower_ == "and" and k - 1 > start:
            if not any(t.pos_ == "NOUN" for t in doc[start : k - 1]):
                return None  # "X, Y, the mayor": a list of names
            start, blocked = k, False
            continue
        if tok.pos_ == "ADP" and doc[k - 2].pos_ == "NOUN":
            blocked = True  # "a fan of the mayor", "a lecturer at MIT": this description holds no office
        if blocked or k < end and doc[k].lower_ not in _PHRASE_END:
            continue
        title = title_before(doc, k)
        if title is not None and not title.counterpart and title.office and title.start >= start:
            title.head = k - 1
            return title
    return None
