"""Typed events from one article: who did what with whom, where, when, and how sure we are.

For each sentence of the parsed body, :mod:`event_types` finds trigger words ("met", "talks",
"phone call", "warned", "restructuring"); the dependency parse gives each trigger its
participants (subject, object, with/between/to phrases, possessives of a trigger noun, the
subject of the verb a trigger noun hangs on) among the article's entity mentions; an office
named in their place ("the foreign ministers of Spain and Chile", "the two defence ministers")
stands for the people the article's roles give that office. A meeting that extends another
("The talks between A and B were complemented by a trilateral discussion involving C") is a
separate meeting of A, B and C, dated by the article when its sentence has no date. Place is a
city or country after "in"/"at", else the article's dateline; status is planned/reported/
happened from the sentence's wording; date is the sentence's time expression resolved against
the publication time (:mod:`timex`), else one from a neighbouring sentence about the same
participants, else unresolved with a note. Mentions of one event across sentences merge into
one :class:`Event` per (type, participants, date), keeping the best evidence sentence.

Questions, hypotheticals, template placeholders and articles flagged as filler give no events;
nor do triggers in a "since ..." clause, participant-less look-backs ("The reorganization comes
as ...") and fights against abstract foes ("fights against aggression"). Measures (export
controls, sanctions, tariffs) are dated when they take effect ("from Dec. 1"); a date borrowed
from a neighbouring sentence is shifted by "two days after ..." in the evidence sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from storyline.enrich import event_model
from storyline.enrich import event_types as et
from storyline.enrich.ev_args import (
    MEASURE_TYPES,
    Slots,
    office_participants,
    participants_of,
    resolve_pronouns,
    speaker_of,
)
from storyline.enrich.roles import extract_roles
from storyline.enrich.timex import FUTURE_CUES, tag_sentence
from storyline.models import Article, Entity, Event, Mention, Role

NEEDS_TWO = frozenset({"meeting", "phone_call", "negotiation"})
NO_PARTICIPANT_OK = frozenset({"reorganization", "appointment", "dismissal", "summit"})
_PLANNED = re.compile(
    r"\b(will|shall|'ll|is due to|are due to|due to (?:be|hold|meet|visit|travel|come|take|start|begin)|scheduled|"
    r"is set to|are set to|plans? to|planned|is to|are to|to be held|expected to|upcoming|"
    r"intends? to|would)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(reportedly|it was learned|it has been learned|sources? (?:said|say|familiar)|"
    r"according to (?:\w+ )?sources|is said to|are said to|is believed to|are believed to|"
    r"were believed to|was believed to|people familiar with)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"^\s*(if|unless|should|suppose|imagine|what if|whether)\b|\bwould have\b|"
    r"\b(could|might) (?:potentially )?(?:meet|hold|sign|visit)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"\[[^\]]*(insert|name|research needed|placeholder)[^\]]*\]|\{\{|\}\}|lorem ipsum", re.IGNORECASE
)
_NOT_A_DATE_BEFORE = re.compile(r"\b(since|until|till|through|by|from)\s+(the\s+)?$", re.IGNORECASE)


class _Sentences(NamedTuple):
    spans: list  # the article's sentences (``split_lines``)
    usable: list[int]  # indexes of those that can report an event (``usable_sentence``), ascending


@dataclass(slots=True)
class _Candidate:
    event: Event
    sentence_index: int
    score: float
    evidence: list[str] = field(default_factory=list)


def extract_events(
    article: Article,
    doc,
    mentions: list[Mention],
    entities: list[Entity],
    roles: list[Role] | None = None,
    *,
    quality_flags: list[str] | None = None,
) -> list[Event]:
    """Events of one article, one per (type, participants, date), each citing its evidence sentence.

    ``roles`` (the article's office holders, from :mod:`roles`) let "the two foreign ministers"
    stand for the people the article names as such; when not given they are read here.
    """
    # A quality-flagged article's events are still extracted: the store marks them flagged and
    # leaves them out of event counts and timelines by default (kept, never silently lost).
    if doc is None:
        return []
    slots = Slots(doc, mentions, entities)
    slots.roles = _article_roles(article, doc, mentions) if roles is None else roles
    anchor = article.published
    spans = list(split_lines(doc))
    sentences = _Sentences(spans, [j for j, s in enumerate(spans) if usable_sentence(s.text)])
    candidates: list[_Candidate] = []
    for index in sentences.usable:
        sent = spans[index]
        triggers = et.find_triggers(sent)
        for trig in _event_triggers(sent, triggers):
            base = _extended_meeting(sent, trig, triggers)
            extra = _people(sent, base, slots) if base else []
            cand = _build(article, sent, index, trig, slots, anchor, sentences, triggers, extra)
            if cand:
                candidates.append(cand)
    events = [c.event for c in _merge(candidates)]
    for event in events:
        if event.place is None and article.dateline:
            event.place, event.attrs["place_from"] = article.dateline, "dateline"
    return events


def split_lines(doc):
    """spaCy's sentences, cut again at line breaks: a headline or dateline is never one sentence
    with the paragraph below it."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text_with_ws and tok.i + 1 < sent.end:
                if tok.i + 1 > start:
                    yield doc[start : tok.i + 1]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start : sent.end]


def usable_sentence(text: str) -> bool:
    """False for questions, hypotheticals and template placeholders: they report no event."""
    text = text.strip()
    return bool(text) and not text.endswith("?") and not _HYPOTHETICAL.search(text) and not _PLACEHOLDER.search(text)


def _event_triggers(sent, triggers: list[et.Trigger]) -> list[et.Trigger]:
    """Triggers worth an event: the governing one, plus strong ones not buried in a modifier."""
    main = et.governing_trigger(sent, triggers)
    out, seen = [], set()
    for trig in triggers:
        tok = sent.doc[trig.head]
        background = trig.kind == "noun" and tok.lemma_.lower() in et.lexicon()["background_nouns"]
        if trig is not main and (trig.weak or background or (trig.kind == "noun" and tok.dep_ in {"compound", "amod"})):
            continue
        if trig.type in seen and not _extended_meeting(sent, trig, triggers):
            continue
        if trig.negated or _conditional(tok) or _background_clause(tok) or _figurative(tok, trig):
            continue
        seen.add(trig.type)
        out.append(trig)
    return out


def _status(sent, trig: et.Trigger) -> str:
    """planned / reported / happened, from the words around the trigger and its governing verb."""
    text = sent.text
    tok = sent.doc[trig.head]
    verb = tok
    for _ in range(8):  # the verb the trigger hangs on ("as part of a restructuring" -> "will set up")
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    near = (
        " ".join(c.text for c in verb.children if c.dep_ in {"aux", "auxpass"})
        + " "
        + " ".join(c.text for c in tok.children)
    )
    top = verb
    for _ in range(3):  # "is set to establish", "plans to open": the controlling verb's wording
        if top.dep_ != "xcomp" or top.head.i == top.i:
            break
        top = top.head
    if top.i != verb.i:
        first = min([c.i for c in top.children if c.dep_ in {"aux", "auxpass"}] + [top.i])
        near += " " + sent.doc[first : verb.i + 1].text
    at = tok.idx - sent.start_char
    if (
        _PLANNED.search(near)
        or _PLANNED.search(text[max(0, at - 40) : at + 60])
        or verb.tag_ == "VB"
        and any(c.lower_ in {"will", "shall", "'ll"} for c in verb.children)
    ):
        return "planned"
    if _REPORTED.search(text):
        return "reported"
    return "happened"


def _article_roles(article, doc, mentions) -> list[Role]:
    """The article's roles when the caller has none at hand (a failure leaves office words unresolved)."""
    try:
        return extract_roles(article, doc, mentions)
    except Exception:  # noqa: BLE001 - roles are a help here, never a reason to lose the events
        return []


def _people(sent, trig, slots: Slots) -> list[str]:
    """A trigger's participants: named ones, office holders ("the two foreign ministers"), pronouns."""
    people = participants_of(sent, trig, slots)
    people += [k for k in office_participants(sent, trig, slots, slots.roles) if k not in people]
    return resolve_pronouns(sent, trig, slots, people)


_EXTENDING_VERBS = frozenset({"complement", "supplement", "follow", "accompany", "extend", "expand"})
_MEETING_TYPES = frozenset({"meeting", "summit", "negotiation"})


def _extended_meeting(sent, trig, triggers):
    """The meeting this one extends: "The talks between A and B were complemented by a trilateral
    discussion involving C" makes the discussion A, B and C's. The two meeting nouns are the
    subject and the by-/object phrase of one verb of following or extending."""
    if trig.type not in _MEETING_TYPES or trig.kind == "verb":
        return None
    tok = sent.doc[trig.head]
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ in {"agent", "prep"} else tok.head
    if tok.dep_ not in {"pobj", "dobj"} or verb.lemma_.lower() not in _EXTENDING_VERBS:
        return None
    for other in triggers:
        head = sent.doc[other.head]
        if (
            other is not trig
            and other.type in _MEETING_TYPES
            and head.head.i == verb.i
            and head.dep_ in {"nsubj", "nsubjpass"}
        ):
            return other
    return None


def _build(
    article, sent, index, trig, slots: Slots, anchor, sentences: _Sentences, triggers, extra=()
) -> _Candidate | None:
    people = _people(sent, trig, slots)
    people = list(extra) + [k for k in people if k not in extra]
    speakers = speaker_of(sent, trig, slots, et.lexicon()["reporting"]) if trig.type == "statement" else []
    people = _people_first(people + [k for k in speakers if k not in people], trig.type, slots.type_of)
    need = 0 if trig.type in NO_PARTICIPANT_OK else 2 if trig.type in NEEDS_TWO else 1
    if len(people) < need:
        return None
    head = sent.doc[trig.head]
    if not people and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children):
        return None  # "The reorganization comes as ...": a look back at an event already reported
    status = _status(sent, trig)
    date, date_text, note = _date(sent, trig, anchor, status, triggers)
    if trig.type in MEASURE_TYPES and date and anchor and date > anchor.date().isoformat():
        status = "planned"  # takes effect after the report
    if date is None and note and "no date" in note and status != "planned" and len(people) >= 2:
        found = _neighbour_date(sentences, index, people, slots, anchor, status, article)
        if found:
            date, date_text, note = _offset_from_neighbour(sent, trig, found) or (date, date_text, note)
    if date is None and extra and anchor and status != "planned":
        date, note = anchor.date().isoformat(), "date of the article's dateline: the extended meeting is undated"
    place, place_key = slots.place(
        sent, trig, people, lambda tok: _owner(sent, tok.idx - sent.start_char, triggers) in {None, trig.head}
    )
    event = Event(
        type=trig.type,
        participants=people,
        sentence=sent.text.strip(),
        date=date,
        date_text=date_text,
        date_note=note,
        place=place,
        place_key=place_key,
        status=status,
        plover=event_model.plover_in_context(sent, trig),  # the learned sentence decision for the governing trigger
        attrs={
            "trigger": sent.doc[trig.start : trig.end].text,
            **({"speaker": speakers} if speakers else {}),
            **({"extends": [k for k in extra if k in people]} if extra else {}),
        },
    )
    score = (2 if date else 0) + len(people) * 0.5 + (1 if place_key else 0) - index * 0.01
    return _Candidate(event, index, score, [event.sentence])


def _people_first(keys: list[str], typ: str, type_of) -> list[str]:
    """Two or more people make the event theirs: the countries and bodies they speak for drop out
    (a statement keeps its target country)."""
    persons = [k for k in keys if type_of(k) == "PERSON"]
    return persons if len(persons) >= 2 and typ != "statement" else keys


def _date(sent, trig, anchor, status, triggers=None) -> tuple[str | None, str | None, str | None]:
    """The time expression nearest the trigger in its sentence, resolved against the anchor.

    Expressions that belong to another event of the sentence (their nearest trigger above them in
    the tree is not this one) or that bound a "since ..." clause are skipped. A plan ("will",
    "to be held" just before the expression) resolves forward, a report backward.
    """
    past = tag_sentence(sent.text, anchor, tense="past")
    future = tag_sentence(sent.text, anchor, tense="future")
    if trig.type in MEASURE_TYPES:  # "licences required from Dec. 1": the date the measure takes effect
        for f in future:
            if (
                f.type == "DATE"
                and f.precision == "day"
                and f.value
                and re.search(r"\b(from|starting|effective)\s+$", sent.text[: f.start], re.IGNORECASE)
            ):
                return f.value.split("T")[0], f.text, None
    timexes = []
    for p, f in zip(past, future):
        if p.type not in {"DATE", "TIME"} or p.precision in {"ref", "duration", None}:
            continue
        before = sent.text[: p.start]
        if re.search(r"\d[-\u2013]$", before) or re.match(r"[-\u2013]\d", sent.text[p.end :]):
            continue  # one end of a span of years ("its 1910-1945 colonial rule"): no event date
        effective = trig.type in MEASURE_TYPES and re.search(r"\b(from|starting|effective)\s+$", before, re.IGNORECASE)
        if (_NOT_A_DATE_BEFORE.search(before) and not effective) or _in_since_clause(sent, p.start):
            continue
        if triggers and _owner(sent, p.start, triggers) not in {None, trig.head}:
            continue
        ahead = status == "planned" or et_future(sent.text[max(0, p.start - 40) : p.start])
        timexes.append(f if ahead else p)
    if not timexes:
        return None, None, "unresolved: no date in the evidence sentence"
    offset = sent.doc[trig.head].idx - sent.start_char
    best = min(timexes, key=lambda t: (t.precision != "day", abs(t.start - offset)))
    if best.value is None:
        return None, best.text, best.note
    value = best.value.split("T")[0]
    note = None if best.precision == "day" else f"precision: {best.precision}"
    return value, best.text, note or best.note


def et_future(text: str) -> bool:
    return bool(FUTURE_CUES.search(text))


def _owner(sent, offset: int, triggers) -> int | None:
    """Head index of the nearest trigger at or above the word at ``offset`` in the tree."""
    span = sent.doc.char_span(sent.start_char + offset, sent.start_char + offset + 1, alignment_mode="expand")
    if span is None:
        return None
    heads = {t.head for t in triggers}
    tok = span[0]
    for _ in range(30):
        if tok.i in heads:
            return tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _in_since_clause(sent, offset: int) -> bool:
    """Does the time expression sit in a "since ..."/"until ..." clause (a bound, not the event's date)?"""
    span = sent.doc.char_span(sent.start_char + offset, sent.start_char + offset + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    for _ in range(12):
        if any(c.dep_ in {"mark", "prep"} and c.lower_ in {"since", "until", "till"} for c in tok.children) or (
            tok.dep_ == "prep" and tok.lower_ in {"since", "until", "till"}
        ):
            return True
        if tok.head.i == tok.i or tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"advcl", "pcomp", "pobj"}:
            return False
        tok = tok.head
    return False


_ABSTRACT_FOES = frozenset(
    {
        "aggression",
        "corruption",
        "terrorism",
        "terror",
        "inflation",
        "poverty",
        "crime",
        "disinformation",
        "misinformation",
        "climate",
        "pandemic",
        "virus",
        "disease",
        "extremism",
        "racism",
        "discrimination",
        "impunity",
        "fraud",
        "smuggling",
        "trafficking",
        "hunger",
        "injustice",
        "protectionism",
        "coercion",
    }
)


def _figurative(tok, trig) -> bool:
    """ "fights against Russian aggression", "the fight against corruption": a cause, not combat."""
    if trig.type != "fight":
        return False
    for prep in tok.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in {"against", "on"}
            and any(o.dep_ == "pobj" and o.lemma_.lower() in _ABSTRACT_FOES for o in prep.children)
        ):
            return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _ABSTRACT_FOES for c in tok.children)


def _background_clause(tok) -> bool:
    """A trigger inside a "since ..." clause ("her first visit since she took office in
    September") is background for the main event, not a new one."""
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            return True
        if tok.head.i == tok.i or tok.dep_ not in {"advcl", "xcomp", "conj", "aux", "auxpass", "dobj", "pobj", "prep"}:
            return False
        tok = tok.head
    return False


def _conditional(tok) -> bool:
    """Is the trigger inside an "if"/"unless" clause ("if they can work together")?"""
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _neighbour_date(sentences: _Sentences, index: int, people, slots: Slots, anchor, status, article):
    """A date from a nearby sentence (two before, three after, questions skipped) naming two of the
    same participants: reports often date an event once and describe it in the next lines."""
    usable = sentences.usable
    at = bisect_left(usable, index)
    if at == len(usable) or usable[at] != index:  # not itself usable: look around it all the same
        usable = usable[:at] + [index] + usable[at:]
    order = []
    for step in (1, 2, 3):
        for k in (at - step, at + step):
            if 0 <= k < len(usable) and (k > at or step <= 2):
                order.append(usable[k])
    for j in order:
        sent = sentences.spans[j]
        if len(set(people) & slots.keys_in(sent)) < 2:
            continue
        date, text, note = _date(sent, _pseudo_trigger(sent), anchor, status)
        if date and note is None:
            return date, text, f"date from a neighbouring sentence: {sent.text.strip()[:120]!r}"
    return None


_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_OFFSET = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week)s?\s+"
    r"(after|before)\b",
    re.IGNORECASE,
)


def _offset_from_neighbour(sent, trig, found):
    """A neighbour's date, shifted when the evidence sentence says "two days after <the event>"
    ("They came two days after the ministers met in Tokyo": the meeting is two days before the
    talks the neighbour dates). With the offset on the other side of the trigger the sentence is
    about something else's timing, and no date is borrowed."""
    from datetime import date as _d
    from datetime import timedelta

    m = _OFFSET.search(sent.text)
    if not m:
        return found
    at = sent.doc[trig.head].idx - sent.start_char
    if at < m.end():
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).lower()]
    days = n * (7 if m.group(2).lower() == "week" else 1)
    value = found[0]
    try:
        day = _d.fromisoformat(value)
    except ValueError:
        return None
    shifted = day - timedelta(days=days) if m.group(3).lower() == "after" else day + timedelta(days=days)
    return shifted.isoformat(), m.group(0), f"{m.group(0)} the date of a neighbouring sentence ({value})"


def _pseudo_trigger(sent) -> et.Trigger:
    root = sent.root
    return et.Trigger(root.i, root.i + 1, root.i, "", None, "verb")


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per (type, participants, date): same type with equal or nested participants and
    compatible dates (equal, or one unknown) are one event; the best-scored sentence is kept."""
    merged: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: c.sentence_index):
        ev = cand.event
        for other in merged:
            oe = other.event
            a, b = set(ev.participants), set(oe.participants)
            nested = a == b if "extends" in ev.attrs or "extends" in oe.attrs else (a <= b or b <= a)
            if (
                oe.type == ev.type
                and nested
                and (ev.date == oe.date or not ev.date or not oe.date)
                and (ev.status == oe.status or not ev.date or not oe.date)
            ):
                _absorb(other, cand)
                break
        else:
            merged.append(cand)
    return merged


def _absorb(keep: _Candidate, new: _Candidate) -> None:
    ke, ne = keep.event, new.event
    evidence = keep.evidence + new.evidence
    participants = sorted(set(ke.participants) | set(ne.participants), key=(ke.participants + ne.participants).index)
    if new.score > keep.score:
        keep.event, keep.score, keep.sentence_index = ne, new.score, new.sentence_index
    ev = keep.event
    other = ne if ev is ke else ke
    ev.participants = (
        participants
        if ev.type == "statement"
        else _people_first(participants, ev.type, lambda k: "PERSON" if k.startswith("person:") else "")
    )
    for attr in ("date", "place", "place_key"):
        if getattr(ev, attr) is None and getattr(other, attr) is not None:
            setattr(ev, attr, getattr(other, attr))
            if attr == "date":
                ev.date_text, ev.date_note = other.date_text, other.date_note
    keep.evidence = evidence
    ev.attrs["evidence"] = list(dict.fromkeys(evidence))
