"""Person names the NER mis-spans or mis-types when a title stands before them.

The small spaCy model reads a title and the name after it as one thing: "Nvidia CFO Colette
Kress" as one ORG, "Meta CFO" as a PERSON beside "Susan Li", and leaves "Queen Elizabeth II"
untagged. The general pattern used here: an office head (``offices.json``) right before a run of
capitalised name words makes that run a person's name; what stands before the office head inside
the same span is the organisation ("Nvidia"). A Roman regnal numeral after a name belongs to it
("Elizabeth II", "Charles III"). A title with its scope before the name ("Secretary of the Interior
Deb Haaland", "Minister of Foreign Affairs Jane Doe") is often read as one ORG, or as nothing: the
capitalised run after "<office head> of|for [the]" then ends in the person's name when the NER reads
those last words, set alone in a neutral sentence, as a PERSON, tags the same words as a PERSON
elsewhere in the document, or the last word stands alone elsewhere as the subject of a speech verb
("Haaland said") (:func:`_scoped_names`). Capitalised words set off by an apposition that holds an office
("Cronin, the spokesman for ...") are a name when they are untagged or typed as something else, and the NER reads
them as a PERSON in a neutral sentence (:func:`_named_by_apposition`). :func:`titled_spans` returns the NER spans so
repaired, for ``entities`` to read in place of ``doc.ents``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from storyline.enrich import gazetteer, names
from storyline.enrich.nlp import get_nlp, span_text
from storyline.enrich.role_phrases import head_at, is_office_head
from storyline.enrich.role_titles import title_after, title_before

_REGNAL = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3}|XIX|XX)$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_MAX_NAME = 4
# Rank words that also open company and league names ("General Motors", "Major League Baseball").
_COMPANY_RANKS = frozenset({"general", "major", "marshal", "admiral", "captain", "commander"})


def _name_word(tok) -> bool:
    return tok.is_alpha and tok.is_title and tok.pos_ == "PROPN" or bool(_INITIALS.match(tok.text))


def _name_end(doc, i: int, limit: int) -> int:
    """End of a run of capitalised name words starting at ``i`` (a regnal numeral may close it)."""
    r = i
    while r < limit and r - i < _MAX_NAME and _name_word(doc[r]):
        r += 1
    if i + 1 <= r < limit and _REGNAL.match(doc[r].text):
        r += 1
    return r


def _head_start(doc, lo: int, k: int) -> int | None:
    """Start of the office head (one to four words) ending right before token ``k``, not before ``lo``."""
    for j in range(max(lo, k - 4), k):
        if is_office_head(span_text(doc, j, k).replace(" - ", "-")):
            return j
    return None


def _clean_name(doc, s: int, e: int) -> bool:
    text = names.strip_possessive(doc[s:e].text)
    return e - s >= 2 and names.clean_person(text) == text


def _split(doc, ent) -> list[Span] | None:
    """"Nvidia CFO Colette Kress" (one span) -> ORG "Nvidia" + PERSON "Colette Kress"; "Meta CFO"
    (a PERSON ending in an office head) -> ORG "Meta". None when the span needs no repair."""
    for k in range(ent.start + 1, ent.end - 1):
        j = _head_start(doc, ent.start, k)
        if j is None or not _clean_name(doc, k, ent.end) or title_before(doc, k) is None:
            continue
        if j == ent.start and ent.label_ != "PERSON" and doc[j].lower_ in _COMPANY_RANKS:
            return None  # "General Motors Corporation": a rank word opening an organisation's name
        out = [Span(doc, k, ent.end, label="PERSON")]
        s = ent.start + (doc[ent.start].lower_ == "the")
        if s < j and doc[s].is_title:
            out.insert(0, Span(doc, s, j, label="ORG"))
        return out
    if ent.label_ == "PERSON" and ent.end < len(doc) and _name_word(doc[ent.end]):
        j = _head_start(doc, ent.start, ent.end)
        if j is not None:  # "Meta CFO" right before a name: a title, not a person
            return [Span(doc, ent.start, j, label="ORG")] if j > ent.start else []
    return None


def _continues_title(doc, i: int, e: int) -> bool:
    """The words from ``i`` on finish a longer office head begun before ``i`` ("Chief" + "Executive Officer")."""
    lo = max(doc[i].sent.start, i - 4)
    return any((j := head_at(doc, k, lo)) is not None and j < i for k in range(i + 1, e + 1))


def _headline_case(sent) -> bool:
    """A sentence in title case ("Why The President Could Lose Big"): capitals there mark no names. Judged on the
    words the tagger reads as no proper noun, after the first, when there are a few: a sentence full of names and
    titles ("... Commissioner Jeff Travillion and former Travis County Democratic Party Chair Dyana Limon") keeps
    its verbs and function words in lower case; a headline capitalises them."""
    words = [t for t in sent if t.is_alpha]
    common = [t for t in words[1:] if t.pos_ != "PROPN"]
    if len(common) >= 3:
        words = common
    return len(words) > 3 and sum(t.is_title for t in words) * 5 > len(words) * 3


def titled_spans(doc) -> list[Span]:
    """``doc.ents`` with titled names repaired and untagged titled names added (module docstring)."""
    out: list[Span] = []
    tagged = set()
    for ent in doc.ents:
        tagged.update(range(ent.start, ent.end))
        parts = _split(doc, ent) if len(ent) >= 2 else None
        if parts is not None:
            out.extend(parts)
        elif ent.label_ == "PERSON" and ent.end < len(doc) and _REGNAL.match(doc[ent.end].text):
            out.append(Span(doc, ent.start, ent.end + 1, label="PERSON"))  # "Elizabeth" + "II"
        elif ent.label_ in _MISTYPED and len(ent) <= _MAX_NAME and all(_name_word(t) for t in ent) and (
                _named_by_apposition(doc, ent.start, ent.end)
                or ent.label_ in _MISC and _clean_name(doc, ent.start, ent.end) and title_before(doc, ent.start)):
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))  # "Asher Seyum, the ... representative"
        else:
            out.append(ent)
    for tok in doc:  # "Queen Elizabeth II", untagged after its title
        i = tok.i
        if i == 0 or i in tagged or not _name_word(tok) or not doc[i - 1].is_alpha:
            continue
        limit = next((r for r in range(i, min(len(doc), i + _MAX_NAME + 1)) if r in tagged), len(doc))
        e = _name_end(doc, i, limit)
        if e in tagged or not _clean_name(doc, i, e) or _headline_case(tok.sent) or title_before(doc, i) is None \
                or _continues_title(doc, i, e):
            continue
        out.append(Span(doc, i, e, label="PERSON"))
        tagged.update(range(i, e))
    for tok in doc:  # "Cronin, the spokesman for ...", untagged before an apposition
        i = tok.i
        if i in tagged or not _name_word(tok) or i > tok.sent.start and _name_word(doc[i - 1]):
            continue
        limit = next((r for r in range(i, min(len(doc), i + _MAX_NAME + 1)) if r in tagged), len(doc))
        e = _name_end(doc, i, limit)
        if e < limit and _named_by_apposition(doc, i, e):
            out.append(Span(doc, i, e, label="PERSON"))
            tagged.update(range(i, e))
    return _with_scoped_names(doc, sorted(out, key=lambda s: s.start))


# Labels the small NER gives a name it does not know: "Asher Seyum" read as a WORK_OF_ART. Names typed as places or
# organisations right after a title are retyped by ``entities``; the others (_MISC) here.
_MISC = frozenset({"WORK_OF_ART", "PRODUCT", "NORP", "EVENT", "LAW"})
_MISTYPED = frozenset({"ORG", "GPE", "LOC", "FAC"}) | _MISC


def _named_by_apposition(doc, s: int, e: int) -> bool:
    """Capitalised words set off by an apposition that holds an office ("Cronin, the spokesman for the Center ...")
    are a person's name when they are a clean name, no gazetteer entry, and the NER reads them alone as a PERSON."""
    text = names.strip_possessive(doc[s:e].text)
    title = title_after(doc, e)
    if title is None or title.office.lower() in _BODY_OFFICES or names.clean_person(text) != text \
            or gazetteer.load().lookup(text) is not None:
        return False
    return any(_person_in(frame, text) for frame in _FRAMES)


# Offices a company or a party may hold as well as a person ("Zynga, the social gaming leader").
_BODY_OFFICES = frozenset({"leader", "owner", "head", "representative", "founder", "co-founder"})
# Neutral sentences in which the NER is asked whether a name is a person's.
_FRAMES = ("{} said.", '"We will win," said {}.', "According to {}, the plan failed.")


@lru_cache(maxsize=4096)
def _person_in(frame: str, name: str) -> bool:
    doc = get_nlp()(frame.format(name))
    return any(e.label_ == "PERSON" and e.text == name for e in doc.ents)


_SCOPE_LINKS = frozenset({"of", "for", "to"})  # "Ambassador to Azerbaijan Bilal Hayee"
_SCOPE_GLUE = frozenset({"and", "&", "the", "of"})


def _scoped_names(doc) -> list[tuple[int, int, int]]:
    """(scope start, name start, name end) for each "<office head> of|for|to [the] <Scope words> <Name>" in ``doc``."""
    found = []
    for p, tok in enumerate(doc):
        if tok.lower_ not in _SCOPE_LINKS or p == 0 or _head_start(doc, tok.sent.start, p) is None:
            continue
        a = p + 1 + (p + 1 < len(doc) and doc[p + 1].lower_ == "the")
        b = a
        while b < len(doc) and b - a < 9 and (
                doc[b].is_title and doc[b].is_alpha or doc[b].is_upper and doc[b].is_alpha
                or doc[b].lower_ in _SCOPE_GLUE and b + 1 < len(doc) and doc[b + 1].is_title):
            b += 1
        for n in (3, 2):
            s = b - n
            if (
                s - a < 1
                or not all(_name_word(t) for t in doc[s:b])
                or not _clean_name(doc, s, b)
                or doc[s - 1].lower_ in _SCOPE_GLUE
            ):
                continue
            if _person_alone(doc[s:b].text) or (
                n == 2 and (_person_elsewhere(doc, s, b) or _surname_speaks(doc, s, b))
            ):
                found.append((a, s, b))
                break
    return found


@lru_cache(maxsize=2048)
def _person_alone(name: str) -> bool:
    """The NER reads ``name`` as one PERSON when it stands alone as a sentence's subject."""
    doc = get_nlp()(f"{name} said.")
    return any(e.label_ == "PERSON" and e.text == name for e in doc.ents)


def _person_elsewhere(doc, s: int, e: int) -> bool:
    """The same words tagged as a PERSON elsewhere in the document."""
    text = doc[s:e].text
    return any(ent.label_ == "PERSON" and ent.text == text and not (s <= ent.start < e) for ent in doc.ents)


_SPEECH = frozenset({"say", "tell", "add", "announce", "note", "explain", "write", "insist", "warn"})


def _surname_speaks(doc, s: int, e: int) -> bool:
    """The name's last word stands alone elsewhere as the subject of a speech verb ("Haaland said"): a person's
    surname, as a scope word ("Affairs", "Security") never is."""
    last = doc[e - 1].text
    if gazetteer.load().lookup(last) is not None:
        return False
    return any(
        t.text == last
        and t.dep_ == "nsubj"
        and t.head.lemma_ in _SPEECH
        and not s <= t.i < e
        and (t.i == t.sent.start or not doc[t.i - 1].is_title)
        and (t.i + 1 >= len(doc) or not doc[t.i + 1].is_title)
        for t in doc
    )


def _with_scoped_names(doc, spans: list[Span]) -> list[Span]:
    """``spans`` with the names of :func:`_scoped_names` made PERSON spans; a span that ran over a name keeps
    only its part inside the scope ("Commerce" of "Commerce Gina Raimondo"), never the office words; a PERSON span
    that ran from the scope over the name ("Head of [Instagram Adam Mosseri]") keeps the scope as an ORG."""
    for a, s, e in _scoped_names(doc):
        over = [sp for sp in spans if sp.start < e and sp.end > s]
        if any(sp.end > e or sp.label_ == "PERSON" and not a <= sp.start < s for sp in over):
            continue
        kept = [Span(doc, sp.start, s, label="ORG" if sp.label_ == "PERSON" else sp.label_)
                for sp in over if sp.start >= a and sp.start < s]
        spans = [sp for sp in spans if sp not in over] + kept + [Span(doc, s, e, label="PERSON")]
    return sorted(spans, key=lambda sp: sp.start)
