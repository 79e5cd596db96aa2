"""Event arguments: which entity mentions fill a trigger's participant slots, and where it happened.

A slot is a dependency subtree (the subject, the object, a with/between/to phrase, a trigger
noun's possessive): its mentions, pruned of relative clauses and place/time phrases, are the
participants. Inside one slot, people win over the countries that only describe them
("Japanese Foreign Minister Iwaya" is Iwaya, not Japan). Metonyms ("Seoul said") come from
entities already resolved to their country.
"""

from __future__ import annotations

from storyline.enrich.anaphora import definite_refs
from storyline.enrich.role_phrases import is_office_head, normalize_office
from storyline.models import Entity, Mention, Role

PARTICIPANT_TYPES = frozenset({"PERSON", "COUNTRY", "ORG", "GOV_BODY", "INTL_ORG"})
PLACE_TYPES = frozenset({"CITY", "COUNTRY", "LOC"})
_PREFIX_TYPE = {"person": "PERSON", "country": "COUNTRY", "org": "ORG", "city": "CITY", "gov": "GOV_BODY",
                "intl": "INTL_ORG", "loc": "LOC"}
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "poss", "compound", "npadvmod", "appos"})
_ARG_PREPS = frozenset({"with", "between", "to", "by", "against", "among", "from", "on", "for"})
_PRUNE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "parataxis"})
_PRUNE_PREPS = frozenset({"in", "at", "on", "during", "since", "after", "before", "over", "amid", "for", "from",
                          "ahead", "until", "about", "regarding", "including", "as", "under", "into", "across"})
_PLURAL_REFS = frozenset({"they", "their", "them", "both", "two", "sides", "leaders", "ministers", "countries"})
_SINGULAR_REFS = frozenset({"he", "she", "his", "her", "him"})
_INVOLVE = frozenset({"involve", "include", "feature", "bring"})
_LIGHT_VERBS = frozenset({"hold", "have", "attend", "host", "conduct", "begin", "start", "make", "receive", "join",
                          "end", "wrap", "open", "launch"})


class Slots:
    """Mentions of one article indexed by token, with the entity type of each key."""

    def __init__(self, doc, mentions: list[Mention], entities: list[Entity]):
        self.doc = doc
        self.types = {e.key: e.type for e in entities}
        self.roles: list[Role] = []  # the article's office holders, for "the two foreign ministers"
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.by_token[tok.i] = m
        for i, m in definite_refs(doc, mentions, entities).items():  # "the ministry" named earlier
            self.by_token.setdefault(i, m)

    def type_of(self, key: str) -> str:
        return self.types.get(key) or _PREFIX_TYPE.get(key.split(":", 1)[0], "MISC")

    def keys_in(self, span) -> set[str]:
        return {self._key(m) for i in range(span.start, span.end) if (m := self.by_token.get(i))}

    def _key(self, m: Mention) -> str:
        return m.entity_key

    def slot_keys(self, root) -> list[str]:
        """Participants in one slot (a subtree): people if any, else countries and organisations.
        Possessives inside the slot only describe ("Yoon's successor, Lee") and are left out."""
        found: list[tuple[str, bool]] = []  # (key, reached through a possessive)
        stack = [(root, False)]
        while stack:
            tok, via_poss = stack.pop()
            m = self.by_token.get(tok.i)
            if m is not None:
                key = self._key(m)
                if key not in {k for k, _ in found} and (self.type_of(key) in PARTICIPANT_TYPES or m.metonym):
                    found.append((key, via_poss))
            for child in tok.children:
                if child.dep_ in _PRUNE_DEPS or (child.dep_ == "prep" and child.lower_ in _PRUNE_PREPS):
                    continue
                stack.append((child, via_poss or child.dep_ == "poss"))
        people = [k for k, poss in found if self.type_of(k) == "PERSON" and not poss]
        if people:
            return people
        people = [k for k, _ in found if self.type_of(k) == "PERSON"]
        return people or [k for k, _ in found]

    def place(self, sent, trig, people: list[str], owned=None) -> tuple[str | None, str | None]:
        """A city (else country) after "in"/"at" in the sentence, nearest the trigger; ``owned(tok)``
        may refuse places that belong to another event of the sentence."""
        best = None
        head = sent.doc[trig.head]
        for tok in sent:
            m = self.by_token.get(tok.i)
            if m is None or m.metonym or self.type_of(m.entity_key) not in PLACE_TYPES or m.entity_key in people:
                continue
            prep = _governing_prep(tok)
            if prep is None or prep.lower_ not in {"in", "at"} or (owned is not None and not owned(tok)):
                continue
            rank = (self.type_of(m.entity_key) != "CITY", abs(tok.i - head.i))
            if best is None or rank < best[0]:
                best = (rank, m)
        return (best[1].text, best[1].entity_key) if best else (None, None)


def _governing_prep(tok):
    """The preposition a (possibly multi-word) name hangs from, if any."""
    while tok.dep_ in {"compound", "amod", "flat", "nmod"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return tok.head
    return None


def _arg_roots(tok):
    """Dependents of a trigger word that can hold participants ("talks involving X": X too)."""
    for child in tok.children:
        if child.dep_ == "acl" and tok.pos_ in {"NOUN", "PROPN"} and child.lemma_.lower() in _INVOLVE:
            for obj in child.children:
                if obj.dep_ == "dobj":
                    yield obj
                    yield from obj.conjuncts
        elif child.dep_ in _ARG_DEPS:
            yield child
            yield from (c for c in child.conjuncts)
        elif child.dep_ in {"prep", "agent"} and (child.lower_ in _ARG_PREPS or child.dep_ == "agent"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
                    yield from obj.conjuncts


def _subjects(verb) -> list:
    """A verb's subjects; for "agreed to cooperate" the controller's subject is the subject."""
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj or verb.dep_ not in {"xcomp", "conj", "advcl"} or verb.head.i == verb.i:
            return subj
        verb = verb.head
    return []


def participants_of(sent, trig, slots: Slots) -> list[str]:
    """Entity keys filling the trigger's slots, in order of appearance."""
    doc = sent.doc
    head = doc[trig.head]
    roots = list(_arg_roots(head))
    if head.pos_ in {"NOUN", "PROPN"}:  # "held talks with", "during their meeting": the verb's subject too
        verb = head.head
        if head.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        if verb.i != head.i and verb.pos_ in {"VERB", "AUX"}:
            roots += _subjects(verb)
            if verb.lemma_.lower() in _LIGHT_VERBS or head.dep_ == "pobj":
                roots += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                          for o in c.children if o.dep_ == "pobj"]
    elif not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
        roots += _subjects(head)
    keys: list[str] = []
    for root in sorted(set(roots), key=lambda t: t.i):
        for key in slots.slot_keys(root):
            if key not in keys:
                keys.append(key)
    if (not keys and head.pos_ in {"NOUN", "PROPN"} and trig.type in MEASURE_TYPES
            and head.dep_ not in {"compound", "amod"}):
        keys = _measure_actor(head, slots)
    return keys


MEASURE_TYPES = frozenset({"export_control", "sanction", "tariff"})


def _measure_actor(head, slots: Slots) -> list[str]:
    """ "China will require exporters ... to obtain licences": a measure noun buried in clauses takes
    the first named subject up its chain of verbs (at most eight steps, within the sentence)."""
    tok = head
    for _ in range(8):
        if tok.head.i == tok.i:
            return []
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            for subj in (c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}):
                keys = list(dict.fromkeys(slots.slot_keys(subj)))
                if keys:
                    return keys
    return []


def resolve_pronouns(sent, trig, slots: Slots, people: list[str]) -> list[str]:
    """Fill "he"/"they"/"the two" in the trigger's slots from the nearest people named before it.

    A subject or object "he"/"she" adds one person; "they"/"their"/"the two"/"both" fills the
    event up to two people. A possessive "his"/"her" is the subject's and adds no one.
    """
    doc = sent.doc
    head = doc[trig.head]
    roots = list(_arg_roots(head))
    if head.pos_ in {"NOUN", "PROPN"}:
        verb = head.head.head if head.dep_ == "pobj" else head.head
        roots += [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    singles = sum(1 for r in roots if r.lower_ in _SINGULAR_REFS and r.dep_ != "poss")
    plural = any(t.lower_ in _PLURAL_REFS for r in roots for t in r.subtree)
    if not singles and not plural:
        return people
    stop = max(trig.start, sent.start) if plural else sent.start  # "their" may point back inside the sentence
    earlier = [slots.by_token[i] for i in range(max(0, sent.start - 120), stop) if i in slots.by_token]
    persons: list[str] = []
    for m in reversed(earlier):
        if slots.type_of(m.entity_key) == "PERSON" and m.entity_key not in persons and m.entity_key not in people:
            persons.append(m.entity_key)
    have = sum(slots.type_of(k) == "PERSON" for k in people)
    need = max(singles, 2 - have if plural else 0)
    return people + persons[:need]


def speaker_of(sent, trig, slots: Slots, reporting: frozenset[str]) -> list[str]:
    """Who voiced a statement: the subject of the reporting verb ("said", "told") above the trigger."""
    tok = sent.doc[trig.head]
    for _ in range(6):
        if tok.head.i == tok.i or tok.dep_ not in {"ccomp", "advcl", "xcomp", "conj", "parataxis"}:
            break
        tok = tok.head
        if tok.lemma_.lower() in reporting:
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subj and tok.dep_ in {"advcl", "conj"}:  # ", saying ..." hangs on the main verb
                return speaker_of(sent, type(trig)(tok.i, tok.i + 1, tok.i, "", None, "verb"), slots, reporting) or [
                    k for c in tok.head.children if c.dep_ == "nsubj" for k in slots.slot_keys(c)
                ]
            return [k for c in subj for k in slots.slot_keys(c)]
    return []


_NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}


def office_participants(sent, trig, slots: Slots, roles: list[Role] | None) -> list[str]:
    """People named by their office in the trigger's slots, resolved through the article's roles:
    "the foreign ministers of Spain and Chile", "the two defence ministers", "Peru's trade minister".

    An office phrase is a slot word that is an office head ("minister", "secretaries") holding no
    named person. Its countries come from its own subtree (possessive, "of ...", nationality
    adjective) and, for a plural, from countries joined to it ("ministers of Spain and Chile" is
    often parsed with Chile as a conjunct of "ministers"). Each country gives its holder of that
    office; with no country, the office's holders are taken only when their number is the one
    stated ("the two ...", "both ...", or one for a singular).
    """
    if not roles:
        return []
    doc = sent.doc
    head = doc[trig.head]
    roots = list(_arg_roots(head))
    if head.pos_ in {"NOUN", "PROPN"}:
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if verb.i != head.i and verb.pos_ in {"VERB", "AUX"}:
            roots += _subjects(verb)
    elif not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
        roots += _subjects(head)
    out: list[str] = []
    for root in sorted(set(roots), key=lambda t: t.i):
        for tok in _office_words(root, slots):
            out += [k for k in _office_holders(tok, slots, roles) if k not in out]
    return out


def _office_words(root, slots: Slots) -> list:
    """Candidate office words in one slot: the root and the words its slot reaches ("held talks with
    Canada's trade minister"), not through possessives, clauses, place/time phrases or named people."""
    found, stack = [], [root]
    while stack:
        tok = stack.pop()
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in slots.by_token and is_office_head(_singular(tok.lower_)):
            found.append(tok)  # its own phrase ("of Brazil and Portugal") is read by _office_holders
            continue
        if tok.i in slots.by_token and slots.type_of(slots.by_token[tok.i].entity_key) == "PERSON":
            continue
        stack.extend(
            c
            for c in tok.children
            if c.dep_ not in _PRUNE_DEPS
            and c.dep_ not in {"poss", "conj"}
            and not (c.dep_ == "prep" and c.lower_ in _PRUNE_PREPS)
        )
    return sorted(found, key=lambda t: t.i)


def _office_holders(tok, slots: Slots, roles: list[Role]) -> list[str]:
    """Holders of the office one slot word names, or [] when it names none (or names a person)."""
    word = tok.lower_
    singular = _singular(word)
    if tok.pos_ not in {"NOUN", "PROPN"} or not is_office_head(singular) or tok.i in slots.by_token:
        return []
    if any(slots.type_of(k) == "PERSON" for k in slots.slot_keys(tok)):
        return []
    plural = singular != word
    words = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.i not in slots.by_token]
    office = normalize_office(" ".join([w.lower_ for w in words] + [singular]))
    countries = [k for k in _subtree_keys(tok, slots) if slots.type_of(k) == "COUNTRY"]
    if plural:
        countries += [
            k
            for c in tok.conjuncts
            for k in slots.keys_in(c.doc[c.i : c.i + 1])
            if slots.type_of(k) == "COUNTRY" and k not in countries
        ]
    holders = [r for r in roles if r.status in {"current", "new"} and _same_office(r.office, office, singular)]
    if countries:
        found = []
        for country in countries:
            keys = list(dict.fromkeys(r.person_key for r in holders if r.organization_key == country))
            if len(keys) == 1 and keys[0] not in found:
                found.append(keys[0])
        return found
    keys = list(dict.fromkeys(r.person_key for r in holders))
    stated = next((_NUMBER_WORDS.get(c.lower_) for c in tok.children if c.lower_ in _NUMBER_WORDS), None)
    wanted = stated or (None if plural else 1)
    return keys if wanted and len(keys) == wanted else []


def _singular(word: str) -> str:
    """ "ministers" -> "minister", "secretaries" -> "secretary"; an office head stays as it is."""
    if not word.endswith("s") or is_office_head(word):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _same_office(held: str, named: str, head: str) -> bool:
    """ "Foreign Minister" is "Foreign Minister"; a bare "minister" matches any minister."""
    held, named = held.lower(), named.lower()
    return held == named or (named == head and head in held.split())


def _subtree_keys(tok, slots: Slots) -> list[str]:
    """Entity keys in a word's subtree, in order (relative clauses left out)."""
    keys: list[str] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        m = slots.by_token.get(t.i)
        if m is not None and m.entity_key not in keys:
            keys.append(m.entity_key)
        stack.extend(c for c in t.children if c.dep_ not in _PRUNE_DEPS and c.dep_ != "conj")
    return keys
