"""Offices a verb gives: "X was named CEO of Y", "X became mayor", "X, who served as mayor" (former), "X took over as
CEO" (new), "X replaces Y as CEO" (new), "X stepped down as chairman" (former), "X, who heads Microsoft" (Head of
Microsoft). A verb of naming gives its subject an office only in the passive ("X was appointed chief of staff"): in
"X appointed a special prosecutor" the office is the object's.

A helper of :mod:`roles`: :func:`predicate_title` reads the verb whose subject is the name (or the relative clause
"who ..." on it).
"""

from __future__ import annotations

from storyline.enrich.nlp import ent_at
from storyline.enrich.role_phrases import of_country as _of_country
from storyline.enrich.role_phrases import org_ref as _org_ref
from storyline.enrich.role_titles import Title, title_at

# Verbs that give their subject an office: "X was named CEO of Y", "X became mayor", "X serves as head of Y".
# ("instal": the lemmatizer's lemma of "installed")
_NAMING = ("name", "appoint", "elect", "promote", "tap", "install", "instal", "choose", "select", "nominate")
_OFFICE_VERBS = {
    **dict.fromkeys(_NAMING, "new"),
    "become": "current",
    "serve": "current",
    "remain": "current",
    "be": "current",
}


def predicate_title(doc, span) -> Title | None:
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
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _APPOINTING:
        return _office_of_object(doc, root.head, span)
    return None


# Verbs that give their object an office: "Acme appointed X as its chief executive", "Biden nominated X to be
# ambassador to Japan", "the board made X chair".
_APPOINTING = frozenset({*_NAMING, "hire", "recruit", "make", "designate"})


def _office_of_object(doc, verb, span) -> Title | None:
    nouns = [c for c in verb.children if c.dep_ in ("oprd", "attr") and c.pos_ in _NOUNS]
    nouns += [a for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be" for a in c.children
              if a.dep_ == "attr"]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
              if p.dep_ == "pobj"]
    for noun in nouns:
        if span.start <= noun.i < span.end:
            continue
        title = title_at(doc, noun)
        if title is None or title.counterpart or not title.office:
            continue
        title.head = noun.i
        if title.status == "current":
            title.status = "new"
        for c in noun.children:
            _of_country(c, title)
        return title
    return None


# Verbs that give their subject the office after "as" (and only there): "X took over as CEO", "X stepped down as
# chairman" (former), "X joined Acme as CFO"; a particle, when named, must be there.
_AS_VERBS = {
    ("take", "over"): "new",
    ("step", "in"): "new",
    ("join", None): "new",
    ("hire", None): "new",
    ("return", None): "new",
    ("replace", None): "new",  # "X replaces Y as chief executive"
    ("succeed", None): "new",
    ("step", "down"): "former",
    ("resign", None): "former",
    ("retire", None): "former",
    ("quit", None): "former",
    ("stay", "on"): "current",
    ("continue", None): "current",
    ("act", None): "current",
}


def _as_status(verb) -> str | None:
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return next((st for (v, prt), st in _AS_VERBS.items() if v == lemma and (prt is None or prt in particles)), None)


# Verbs that are an office held over their object: "X, who heads Microsoft", "X chairs the Senate Finance Committee",
# "X, who chairs the Treasury committee".
_HEADING_VERBS = {"head": "Head", "chair": "Chair"}


def _heading_title(verb) -> Title | None:
    """ "X heads|chairs <body>": the office is the verb's, the body its object (a name)."""
    office = _HEADING_VERBS.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if office else None
    named = obj is not None and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children)
    if obj is None or not (obj.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or obj.pos_ == "PROPN" or named):
        return None  # a named body only: "X heads the ball into the net" holds no office
    title = Title(office, verb.i, anchored=True, head=verb.i)
    ent = ent_at(verb.doc, obj.i)
    if ent is not None and ent.label_ in ("ORG", "GPE", "FAC"):
        title.org_key, title.org_name = _org_ref(ent.text.removeprefix("the "), ent.label_)
    elif named:  # "X chairs the Treasury committee": a body named by its proper-noun modifier
        first = min(c.i for c in obj.children if c.dep_ == "compound")
        title.org_key, title.org_name = _org_ref(verb.doc[first : obj.i + 1].text, "ORG")
    if verb.tag_ == "VBD":
        title.status = "former"
    return title


_NOUNS = ("NOUN", "PROPN")


def _passive(verb) -> bool:
    """ "X was named CEO", "X, who was appointed ...", "X elected chairman" (a headline's bare participle)."""
    return verb.tag_ == "VBN" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _office_of_verb(doc, verb) -> Title | None:
    heading = _heading_title(verb)
    if heading is not None:
        return heading
    status = _OFFICE_VERBS.get(verb.lemma_.lower())
    if verb.lemma_.lower() in _NAMING and not _passive(verb):
        return None  # "X appointed a special prosecutor": the office is the object's, not the subject's
    nouns = []
    if status is not None:
        nouns = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj") and c.pos_ in _NOUNS]
    else:
        status = _as_status(verb)
        if status is None:
            return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and verb.lemma_ != "be"):
        nouns += [c for c in prep.children if c.dep_ == "pobj"]  # not "X was under attack as a new leader"
    for noun in nouns:
        title = title_at(doc, noun)
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
