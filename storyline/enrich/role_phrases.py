"""The title lexicon and the phrases around a title: office heads, normalised offices, portfolios and organisations.

Helpers of :mod:`roles`: :func:`head_at` finds an office head (from ``data/gazetteer/offices.json``, plus
any C-suite "chief ... officer"), :func:`normalize_office` gives its canonical form, :func:`portfolio_after`
reads "minister of health" / "vice president of sales" and :func:`of_country` the organisation in "president
of Acme Corp" or "Prime Minister of Canada".
"""

from __future__ import annotations

import re

from storyline.enrich import gazetteer
from storyline.enrich.nlp import ent_at, span_text

SMALL = {"of", "and", "the", "for", "to", "on", "in"}


def lexicon():
    off = gazetteer.load().offices
    if "_heads" not in off:
        off["_heads"] = {h.lower() for h in off["heads"]} | set(off["counterpart"])
        off["_maxlen"] = max(len(h.split()) for h in off["_heads"]) + 2
    return off


def is_office_head(word: str) -> bool:
    """True for a single-word office head ("minister", "secretary", "president")."""
    return word.lower() in lexicon()["_heads"]


def normalize_office(text: str) -> str:
    """"Minister of Foreign Affairs" -> "Foreign Minister"; "secretary-general" -> "Secretary General"."""
    off = lexicon()
    t = " ".join(text.replace(" - ", "-").replace("-", " - ").split()).replace(" - ", "-").lower()
    t = singular(t.strip(" ,"))
    t = off["normalize"].get(t, t)
    for prefix in ("minister of ", "minister for ", "ministry of "):
        if t.startswith(prefix) and t not in off["_heads"]:
            rest = t[len(prefix):].removeprefix("the ")
            t = off["normalize"].get(f"{rest} minister", f"{rest} minister")
    t = off["normalize"].get(t, t)
    words = t.split()
    return " ".join(w if (w in SMALL and i) else _cap(w) for i, w in enumerate(words))


_ACRONYMS = {
    "u.s.": "U.S.",
    "mp": "MP",
    "ceo": "CEO",
    "cmo": "CMO",
    "cio": "CIO",
    "co-ceo": "Co-CEO",
    "cfo": "CFO",
    "coo": "COO",
    "cto": "CTO",
    "un": "UN",
    "eu": "EU",
}


def _cap(word: str) -> str:
    if word in _ACRONYMS:
        return _ACRONYMS[word]
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def singular(text: str) -> str:
    """A plural office head in the singular ("senators" -> "senator", "sens." -> "sen.", "co-founders" ->
    "co-founder"); any other text unchanged. Only the last word changes, and only into a head of the lexicon."""
    heads = lexicon()["_heads"]
    low = text.lower()
    last = low.rsplit(" ", 1)[-1]
    for plural, one in (("s.", "."), ("s", "")):
        if last.endswith(plural) and last not in heads and low not in heads and (
                last[: -len(plural)] + one in heads or low[: -len(plural)] + one in heads):
            return text[: -len(plural)] + one
    return text


def head_at(doc, end: int, lo: int) -> int | None:
    """Start of the longest office head ending right before token ``end`` (not before ``lo``); a plural head counts
    ("Senators X and Y", "Airbnb's co-founders")."""
    off = lexicon()
    for j in range(max(lo, end - off["_maxlen"]), end):
        text = span_text(doc, j, end).lower().replace(" - ", "-")
        if text in off["_heads"] or _C_SUITE.fullmatch(text) or singular(text) in off["_heads"]:
            return j
    return None


# Any C-suite title, lexicon or not: "chief investment officer", "chief human resources officer".
_C_SUITE = re.compile(r"chief(?: [a-z&-]+){1,3} officer")


def org_ref(text: str, label: str) -> tuple[str, str]:
    """Key and name for a named non-gazetteer organisation or place, as entities.py keys it (a dash or comma the
    tagger ran the span into is dropped)."""
    text = re.sub(r"(?<=s)['\u2019]$", "", text.strip(" -,;:\u2013\u2014"))  # "General Motors'"
    entry = gazetteer.load().lookup(text)
    if entry is not None:
        return (f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key), entry.name
    prefix = "org" if label == "ORG" else "loc"
    return f"{prefix}:{gazetteer.slug(text)}", text


HEAD_OF = frozenset({"head", "director", "chief"})
# Heads that take a portfolio after "of": "minister of health", "vice president of sales and marketing". Besides
# HEAD_OF, "of the ..." names an organisation for them ("president of the union"), except for a ministry's portfolio
# ("Minister of the Interior", "Secretary of the Air Force").
_OF_PORTFOLIO = frozenset({"minister", "secretary", "undersecretary", "president", "commissioner", "manager"})
_OF_THE_PORTFOLIO = frozenset({"minister", "secretary", "undersecretary"})


def is_ministry_head(office: str) -> bool:
    """A minister's or secretary's office: what follows "of" is its ministry ("Secretary of the Navy")."""
    low = office.lower()
    return low.split()[-1] in _OF_THE_PORTFOLIO and not any(low.endswith(w) for w in _NOT_MINISTRY)


# Secretaries of a body, not of a ministry: "general secretary of Unite", "press secretary".
_NOT_MINISTRY = (
    "general secretary",
    "press secretary",
    "executive secretary",
    "party secretary",
    "permanent secretary",
)


def is_portfolio_head(office: str) -> bool:
    """An office that may take a portfolio after "of": "Minister", "Director", "Deputy Secretary" (a ministry's
    portfolio is part of the office), not "Vice President" ("of sales": a department)."""
    low = office.lower()
    return (
        " of " not in low and low.split()[-1] in HEAD_OF | _OF_PORTFOLIO and (" " not in low or is_ministry_head(low))
    )


def portfolio_office(office: str, noun) -> str | None:
    """The office with the portfolio that follows its head noun ("Minister" + "of Health" -> "Health Minister",
    "Vice President" + "of sales and marketing" -> "Vice President of Sales and Marketing"), or None."""
    low = office.lower()
    if low.split()[-1] != noun.lower_ or " of " in low or " for " in low:
        return None
    found = portfolio_after(noun)
    if found is None:
        return None
    link, portfolio = found
    if " " in low and (link != "of" or not is_ministry_head(low)):
        return None  # "Associate Administrator for Exploration", "Senior Vice President of Sales": a department
    return normalize_office(f"{low} {link} {portfolio}")


def portfolio_after(noun) -> tuple[str, str] | None:
    """ "minister for economic revitalization", "the minister in charge of space policy", "head of
    research": the portfolio after a bare office head, or None when what follows names a country or body
    (a spokesman speaks for a body: "spokesman for the army" has no portfolio)."""
    if noun.lower_.startswith("spokes"):
        return None
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        target = prep
        if prep.lower_ == "in":  # "in charge of"
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ == "charge"), None)
            target = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None) if obj else None
        elif prep.lower_ != "for" and not (prep.lower_ == "of" and noun.lower_ in HEAD_OF | _OF_PORTFOLIO):
            continue
        if target is None:
            continue
        obj = next((c for c in target.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        words = obj.doc[obj.left_edge.i : _portfolio_end(obj) + 1]
        own = ent_at(noun.doc, noun.i)  # "Minister of Finance" tagged ORG as a whole is still a title
        inside = range(own.start, own.end) if own is not None else range(0)
        blocking = ("GPE", "NORP", "PERSON") if is_ministry_head(noun.lower_) else ("GPE", "ORG", "NORP", "PERSON")
        if any(t.ent_type_ in blocking and t.i not in inside for t in words) or len(words) > 4:
            return None
        if prep.lower_ == "of" and noun.lower_ not in _OF_THE_PORTFOLIO and words[0].pos_ in ("DET", "PRON"):
            return None  # "president of the union", "head of the team": an organisation, not a portfolio
        link = (
            "of" if prep.lower_ == "in" or (prep.lower_ == "of" and noun.lower_ in HEAD_OF | _OF_PORTFOLIO) else "for"
        )
        return link, words.text.removeprefix(
            "the "
        ) if noun.lower_ not in _OF_THE_PORTFOLIO or link != "of" else words.text
    return None


def _portfolio_end(obj) -> int:
    """Last token of a portfolio: its head plus coordinated nouns ("sales and marketing"), no further phrase."""
    end = obj.i
    for c in obj.children:
        if c.dep_ == "conj" and c.i == end + 2 and obj.doc[end + 1].lower_ in ("and", "&"):
            end = c.i
    return end


def of_country(prep, title) -> None:
    """ "... of South Korea", "president of Acme Corp": the organisation after the title or name."""
    g = gazetteer.load()
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "for"):
        return
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        text = obj.doc[obj.left_edge.i : obj.i + 1].text.removeprefix("the ").removeprefix("The ")
        entry = g.lookup(text)
        if entry and entry.type in ("COUNTRY", "INTL_ORG") and prep.lower_ == "of":
            title.org_key = f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key
            title.org_name = entry.name
        elif prep.lower_ in ("of", "at", "for") and (
            obj.ent_type_ == "ORG"
            or (obj.pos_ == "PROPN" and obj.ent_type_ not in ("PERSON", "DATE", "GPE", "NORP", "LOC"))
        ):
            ent = ent_at(obj.doc, obj.i)
            if ent is not None and ent.start <= prep.head.i:  # "Minister of Finance" tagged ORG: a portfolio
                title.anchored = True
                continue
            name = ent.text if ent is not None else obj.doc[obj.left_edge.i : obj.i + 1].text  # "CEO of Vectara"
            title.org_key, title.org_name = org_ref(name.removeprefix("the "), "ORG")
        title.anchored = True  # "vice president of programs at X": not a national office
