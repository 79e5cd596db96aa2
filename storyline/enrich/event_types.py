"""Event triggers: which words in a parsed sentence announce an event, and of which type.

Types come in two grains: PLOVER's 18 event types (AGREE, CONSULT, DEMAND, ...), the shared
vocabulary of political event data, and our finer types for foreign-policy news (meeting,
phone_call, visit, summit, agreement, statement, reorganization, tariff, export_control, ...).
The lexicon (``storyline/data/event_lexicon.json``) maps lemmas and lemma phrases to both.

:func:`sentence_plover` picks the trigger that governs a sentence: the one nearest the root of
the dependency tree, skipping reporting verbs ("said"), letting control verbs decide the clause
they govern ("threatened to impose sanctions" is THREATEN) and flipping under negation
("refused to meet", "did not agree" are REJECT).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "event_lexicon.json"
PLOVER_TYPES = ("AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE",
                "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
_MAX_PHRASE = 5


@dataclass(slots=True)
class Trigger:
    """A word or phrase announcing an event: token span in the doc, types, and how it was found."""

    start: int  # token index of the first word
    end: int  # token index after the last word
    head: int  # token index of the syntactic head of the trigger
    type: str
    plover: str | None
    kind: str  # "phrase", "verb", "noun"
    weak: bool = False
    negated: bool = False


_OVERRIDE: list[dict[str, Any]] = []


def lexicon() -> dict[str, Any]:
    """The trigger lexicon (loaded once), or the one :func:`without_triggers` put in its place."""
    return _OVERRIDE[-1] if _OVERRIDE else _shipped_lexicon()


@contextmanager
def without_triggers(words: set[str]):
    """The lexicon without the trigger entries that contain any of ``words`` (lemmas), for the
    duration of a ``with`` block: cross-validation scores a lexicon as if those entries had never
    been written (:mod:`evals.plover`)."""
    full = _shipped_lexicon()
    data = dict(full)
    data["phrases"] = {k: v for k, v in full["phrases"].items() if not set(k) & words}
    for key in ("verbs", "nouns", "nouns_in_context"):
        data[key] = {k: v for k, v in full.get(key, {}).items() if k not in words}
    _OVERRIDE.append(data)
    try:
        yield data
    finally:
        _OVERRIDE.pop()


@lru_cache(maxsize=1)
def _shipped_lexicon() -> dict[str, Any]:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["phrases"] = {tuple(k.split()): v for k, v in data["phrases"].items()}
    # The tokenizer splits a hyphenated compound ("sit-in", "shake-up") into word, "-", word, so an
    # entry written as one word could never match a token: it is also read as that three-token phrase.
    for key in ("verbs", "nouns"):
        for word, entry in data[key].items():
            if "-" in word.strip("-"):
                parts = tuple(p for part in word.split("-") for p in (part, "-"))[:-1]
                data["phrases"].setdefault(parts, entry)
    for key in ("control", "reporting", "weak", "intent", "background_nouns", "conditional_threat", "negating_control"):
        data[key] = frozenset(data.get(key, ()))
    return data


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _phrase_head(span) -> int:
    """Head of a multi-word trigger: the token whose head lies outside the phrase."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok.i
    return span.start


def find_triggers(sent) -> list[Trigger]:
    """All triggers in a spaCy sentence span (or doc), phrases before single words."""
    lex = lexicon()
    toks = list(sent)
    lemmas = [_lemma(t) for t in toks]
    covered: set[int] = set()
    out: list[Trigger] = []
    for n in range(_MAX_PHRASE, 1, -1):
        for i in range(len(toks) - n + 1):
            key = tuple(lemmas[i:i + n])
            if key in lex["phrases"] and not covered.intersection(range(i, i + n)):
                typ, plover = lex["phrases"][key]
                span = toks[i].doc[toks[i].i:toks[i + n - 1].i + 1]
                out.append(Trigger(span.start, span.end, _phrase_head(span), typ, plover, "phrase"))
                covered.update(range(i, i + n))
    for i, tok in enumerate(toks):
        if i in covered:
            continue
        lem = lemmas[i]
        table = lex["verbs"] if tok.pos_ in {"VERB", "AUX"} else lex["nouns"] if tok.pos_ in {"NOUN", "PROPN"} else None
        ctx = lex.get("nouns_in_context", {}).get(lem) if tok.pos_ == "NOUN" else None
        if ctx and (table is None or lem not in table) and set(ctx["context"]) & set(lemmas):
            typ, plover = ctx["event"]
            out.append(Trigger(tok.i, tok.i + 1, tok.i, typ, plover, "noun"))
            continue
        if table is None or lem not in table:
            continue
        typ, plover = table[lem]
        kind = "verb" if table is lex["verbs"] else "noun"
        out.append(Trigger(tok.i, tok.i + 1, tok.i, typ, plover, kind, weak=lem in lex["weak"]))
    out = _drop_light_verbs(sent.doc, out)
    for trig in out:
        trig.negated = _negated(sent.doc[trig.head])
    return out


_LIGHT = frozenset({"strike", "give", "lodge", "host", "open", "launch", "stage", "reach", "mount", "conduct", "make",
                    "issue", "hold", "have", "begin", "start", "resume", "carry", "send", "call"})


def _drop_light_verbs(doc, triggers: list[Trigger]) -> list[Trigger]:
    """"struck a deal", "staged a protest", "launched an attack": the noun names the event."""
    nouns = {t.head for t in triggers if t.kind in {"noun", "phrase"}}
    return [t for t in triggers if not (t.kind == "verb" and _lemma(doc[t.head]) in _LIGHT and any(
        c.dep_ in {"dobj", "attr"} and c.i in nouns for c in doc[t.head].children))]


def _negated(tok) -> bool:
    """Is this word negated ("did not agree", "never met", "no agreement")?"""
    if any(c.dep_ == "neg" or c.lower_ in {"no", "never"} for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.i != tok.i and _lemma(head) in lexicon()["negating_control"]:
        return True  # "failed to agree": the act did not happen
    return tok.dep_ in {"xcomp", "dobj"} and any(c.dep_ == "neg" for c in head.children) and head.i != tok.i


def _trigger_depth(tok, trig: Trigger) -> float:
    """Depth in the tree; a noun after a light verb ("staged protests", "held talks") counts as the verb."""
    depth = _depth(tok)
    if trig.kind == "noun" and tok.dep_ in {"dobj", "nsubj", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
        return depth - 1
    return depth + 0.5 if trig.kind == "noun" else depth


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def effective_plover(trig: Trigger) -> str | None:
    """PLOVER type after negation ("refused" stays REJECT; "did not agree" becomes REJECT)."""
    if trig.plover and trig.negated:
        return lexicon()["negated"].get(trig.plover, trig.plover)
    return trig.plover


def governing_trigger(sent, triggers: list[Trigger] | None = None) -> Trigger | None:
    """The trigger that decides the sentence's event type: nearest the root, weak words last."""
    triggers = find_triggers(sent) if triggers is None else triggers
    lex = lexicon()
    doc = sent.doc
    best, best_score = None, None
    for trig in triggers:
        if not trig.plover:
            continue
        head = doc[trig.head]
        score = _trigger_depth(head, trig) + (2.5 if trig.weak else 0)
        if head.lemma_.lower() in lex["control"]:
            score -= 0.5
        if best_score is None or score < best_score:
            best, best_score = trig, score
    return best


COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
HOSTILE = frozenset({"SANCTION", "COERCE", "FIGHT", "ASSAULT", "MOBILIZE"})
_MODALS = frozenset({"will", "would", "may", "might", "could", "shall", "'ll"})


def _intended(tok) -> bool:
    """Is the action only intended or conditional ("will visit", "is willing to send", "plans to ban")?"""
    lex = lexicon()
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in {"xcomp", "ccomp", "advcl"} and head.i != tok.i:
        return head.lemma_.lower() in lex["intent"] or (
            head.pos_ == "AUX" and any(c.lemma_.lower() in lex["intent"] for c in head.children if c.dep_ == "acomp"))
    return False


def _obliged(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in tok.children)


_ARMED = frozenset({"force", "army", "troop", "soldier", "aircraft", "military",
                    "navy", "artillery", "jet", "drone", "warplane", "tank", "predator"})


def _armed_agent(tok) -> bool:
    """Is the agent an armed force? Violence by armed forces against armed forces is FIGHT."""
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "agent"}]
    return any(w.lemma_.lower() in _ARMED for s in subj for w in s.subtree)


# PLOVER ASSAULT is violence against non-combatants or by irregular attackers; FIGHT is armed force against armed force.
_UNARMED = frozenset({"civilian", "village", "villager", "demonstrator", "protester", "journalist", "reporter",
                      "school", "hospital", "clinic", "worker", "resident", "student", "worshipper", "church", "mosque",
                      "market", "passenger", "child", "woman", "refugee", "pilgrim", "family", "unarmed", "shopper"})
_IRREGULAR = frozenset({"gunman", "gunmen", "militant", "attacker", "assailant", "kidnapper", "mob", "bomber",
                        "terrorist", "extremist"})
_ARMED_TARGET = _ARMED | {"post", "base", "position", "checkpoint", "convoy", "fighter", "rebel", "garrison"}


def _targets(tok) -> list:
    """Words of the attacked party: the object, or the object of "on"/"against"."""
    out = []
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            out += list(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in {"on", "against"}:
            out += [w for p in c.children if p.dep_ == "pobj" for w in p.subtree]
    return out


def _against_unarmed(tok) -> bool:
    """Violence against non-combatants ("attacked a village", "opened fire on demonstrators"), or by irregular
    attackers against a target that is no armed force ("gunmen shot a journalist")."""
    words = _targets(tok)
    target = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    if target & _UNARMED:
        return True
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "agent"}]
    irregular = any(w.lemma_.lower() in _IRREGULAR or w.lower_ in _IRREGULAR for s in subj for w in s.subtree)
    return irregular and not target & _ARMED_TARGET


def _future_or_conditional(tok) -> bool:
    """Does the clause under this verb speak of a future or conditional act ("warned that it would strike",
    "warned of sanctions if ...", "warned he was prepared to ...")?"""
    for c in tok.children:
        if c.dep_ in {"ccomp", "xcomp", "prep", "advcl", "dobj"}:
            for t in c.subtree:
                if (t.dep_ == "aux" and t.lower_ in _MODALS) or (t.dep_ == "mark" and t.lower_ in {"if", "unless"}):
                    return True
                if t.lemma_.lower() in {"prepared", "ready"} and t.dep_ == "acomp":
                    return True
    return False


def plover_of(sent, trig: Trigger) -> str | None:
    """PLOVER type of one trigger in context, with the codebook's conventions: a cooperative act
    stated as future or intended is AGREE, a hostile one THREATEN; "X must do Y" is DEMAND; a warning
    of a future or conditional act is THREATEN (CAMEO 13), other warnings keep the lexicon's type."""
    plover = effective_plover(trig)
    tok = sent.doc[trig.head]
    if plover is None or trig.negated:
        return plover
    if _lemma(tok) in lexicon()["conditional_threat"] and _future_or_conditional(tok):
        return "THREATEN"
    if _obliged(tok) and plover not in {"DEMAND", "THREATEN"}:
        return "DEMAND"
    lemma = tok.lemma_.lower()
    if lemma in lexicon()["intent"]:  # "vowed to fight" takes its polarity from the act it governs, not from an
        # adverbial clause beside it ("offer support as it fights aggression")
        acts = [t for t in find_triggers(sent) if t.plover and sent.doc[t.head].head.i == tok.i and t is not trig
                and sent.doc[t.head].dep_ in {"xcomp", "ccomp", "dobj"}]
        if acts:
            inner = effective_plover(acts[0])
            return "THREATEN" if inner in HOSTILE else "AGREE" if inner in COOPERATIVE else plover
    if plover == "ASSAULT" and _armed_agent(tok):
        plover = "FIGHT"
    elif plover == "FIGHT" and _against_unarmed(tok):
        plover = "ASSAULT"
    elif plover == "PROTEST" and trig.kind == "verb" and lemma == "strike" and _armed_agent(tok):
        plover = "FIGHT"  # "warplanes struck targets": a military strike, not a labour strike
    if trig.kind != "verb" and tok.dep_ in {"dobj", "nsubjpass", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
        tok = tok.head  # "will impose a blockade": the verb carries the modality
        if _obliged(tok) and plover not in {"DEMAND", "THREATEN"}:
            return "DEMAND"
    if (plover in COOPERATIVE or plover in HOSTILE) and _intended(tok):
        return "AGREE" if plover in COOPERATIVE else "THREATEN"
    return plover


def sentence_plover(sent) -> str | None:
    """The PLOVER type of a sentence's main event, or ``None`` when no trigger is found."""
    trig = governing_trigger(sent)
    if trig is None:  # "X said Y must ...": an obligation laid on someone is a demand
        return "DEMAND" if any(_obliged(t) and t.dep_ in {"ccomp", "ROOT"} for t in sent) else None
    return plover_of(sent, trig)
