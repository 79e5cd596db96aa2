"""Is an NER span a plausible name? General rules that keep page furniture out of entities.

spaCy tags whatever looks capitalised: wire credits glued to a dateline ("CANBERRA (Pacific
Wire)-- Australia"), subheadings ("Significance of Economic Security", "Looking Ahead: What
Comes Next"), template placeholders ("[Insert Minister's Name]"), site names and hashtags
("NewsMesh", "EconomicSecurity"), sentence-initial common nouns ("Operations partly resumed")
and title phrases ("the Foreign Ministers of Japan"). :func:`junk_reason` names the rule a
span breaks, or returns None for a plausible name; :func:`retype` fixes two common label
slips (a place tagged PERSON or ORG). Gazetteer matches never come through here.
"""

from __future__ import annotations

import re

from storyline.enrich.nlp import doc_lower, doc_text
from storyline.enrich.role_phrases import is_office_head

_CREDIT = re.compile(r"--|\u2014|\u2013 |[()\[\]{}|<>#@\"\u201c\u201d?!]|\n|https?:|www\.")
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # "NewsMesh", "EconomicSecurity"
_CAMEL_OK = re.compile(r"^(Mc|Mac|De|Di|Du|Da|La|Le|Van|Von|Fitz|O)[A-Z]")  # McCain, DeSantis, LaGuardia
_UI_WORDS = {  # page-chrome and editor verbs that NER takes for names when capitalised
    "insert", "summarise", "summarize", "click", "share", "subscribe", "read", "watch", "listen",
    "follow", "download", "print", "email", "save", "copy", "edit", "advertisement", "sponsored",
    "related", "menu", "search", "login", "signup", "update", "updated", "note", "source", "sources",
}
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
_PLACE_NOUNS = {"port", "prefecture", "city", "island", "islands", "airport", "region", "province",
                "county", "district", "harbor", "harbour", "bay", "peninsula", "strait", "village", "town"}
_LAW_TAILS = {"Act", "Law", "Bill", "Treaty", "Accord", "Convention", "Code", "Ordinance"}


def _line_of(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo:hi if hi >= 0 else len(text)]


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Inside "[ ... ]" on its line: an editor's placeholder, not prose."""
    line_lo = text.rfind("\n", 0, start) + 1
    opened = text.rfind("[", line_lo, start)
    return opened >= 0 and "]" not in text[opened:start] and "]" in _line_of(text, start, end)[end - line_lo:]


def _tag_like(text: str, ent) -> bool:
    """A CamelCase token used as a hashtag or site label, not a company name like "WorldCom":
    written after "#", spelled out as words elsewhere on the page ("economic security"), or on
    a line holding other CamelCase tokens (a tag list)."""
    body = doc_text(ent.doc)
    if ent.start_char > 0 and body[ent.start_char - 1] == "#":
        return True
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    if spaced.lower() in doc_lower(ent.doc):
        return True
    line = _line_of(body, ent.start_char, ent.end_char)
    return sum(1 for w in re.findall(r"[#\w]+", line) if _CAMEL.match(w.lstrip("#"))) >= 2


def _is_heading(line: str, text: str) -> bool:
    """A span that is (most of) a short line with no closing punctuation: a subheading."""
    line = line.strip()
    if line.strip(" .,;") == text:
        return True
    if not line or line[-1] in ".!?\"\u201d\u2019')" or len(line.split()) > 12:
        return False
    return len(text.split()) * 2 >= len(line.split())


def _title_phrase(ent) -> bool:
    """"Foreign Ministers of Japan": an office head before "of" inside the span."""
    words = [t.lower_ for t in ent]
    if "of" not in words:
        return False
    before = words[:words.index("of")]
    return any(is_office_head(w) or is_office_head(w.rstrip("s")) for w in before)


def junk_reason(text: str, typ: str, ent, site_names: set[str] = frozenset()) -> str | None:
    """Why the span ``text`` (an NER span ``ent`` typed ``typ``) is no entity, or None."""
    body = doc_text(ent.doc)
    if _CREDIT.search(text):
        return "credit-or-markup"
    if _in_brackets(body, ent.start_char, ent.end_char):
        return "placeholder"
    if text.lower() in site_names:
        return "site-name"
    words = text.split()
    if ":" in text:
        return "heading"
    if len(words) == 1:
        if _CAMEL.match(text) and not _CAMEL_OK.match(text) and _tag_like(text, ent):
            return "camel-case"
        if text.lower() in _UI_WORDS or text.lower() in _COMPASS:
            return "common-word"
        if typ != "PERSON" and len(ent) == 1 and ent[0].tag_ in ("NN", "NNS") and text.isalpha() \
                and text[1:].islower():
            return "common-noun"
    if len(words) >= 2 and any(w.islower() for w in words) \
            and _is_heading(_line_of(body, ent.start_char, ent.end_char), text):
        return "heading"
    if typ != "PERSON" and _title_phrase(ent):
        return "title-phrase"
    return None


def retype(text: str, typ: str, ent) -> str:
    """Fix a place tagged PERSON ("plants in Hiroshima and Kumamoto") or ORG ("Hakata port"),
    and a law tagged ORG ("Economic Security Promotion Act")."""
    root = ent.root
    if typ == "ORG" and text.split()[-1] in _LAW_TAILS:
        return "MISC"
    if typ in ("PERSON", "ORG") and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in _PLACE_NOUNS \
            and ent.doc[ent.end].is_lower:
        return "LOC"
    if typ == "PERSON" and len(ent) == 1:
        if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC"):
            return "LOC"  # "in Hiroshima and Kumamoto"
        if root.dep_ == "pobj" and root.head.lower_ in ("in", "near") and root.head.head.pos_ != "VERB":
            return "LOC"  # "plants in Kumamoto"
    return typ
