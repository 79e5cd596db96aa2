"""Numbers with units in news text, with the words around them and who said them.

``quantities(text)`` finds money ("$550 billion", "¥81 trillion", "211 billion yen"), percentages
("90%", "about 1%-2%", "15 percent") and counts of things ("100 Boeing aircraft" -> unit
``n:aircraft``). Each carries its sentence, the content words near it (what it is *about*) and the
sentence's voice: the speaker a reporting verb attributes it to ("Trump asserted that...",
"..., Akazawa said"), else ``None`` (the outlet's own voice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.text.sentences import sentences
from storyline.text.times import MONTH_NAMES
from storyline.text.tokens import content_words

_NUM = r"\d[\d,]*(?:\.\d+)?"
_MULT = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY_SIGN = {"$": "USD", "us$": "USD", "¥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW"}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "yen": "JPY",
    "euro": "EUR",
    "euros": "EUR",
    "won": "KRW",
    "yuan": "CNY",
    "pounds": "GBP",
    "rupees": "INR",
}
_MONTHS = MONTH_NAMES
_Q = re.compile(
    rf"(?P<sign>US\$|\$|¥|€|£|₩)?\s?(?P<lo>{_NUM})(?P<pct1>\s?%)?"
    rf"(?:\s?(?:-|–)\s?(?P<sign2>US\$|\$|¥|€|£|₩)?(?P<hi>{_NUM}))?"
    rf"(?:\s?(?P<mult>thousand|million|billion|trillion|bn|mn|tn)\b)?"
    rf"(?P<pct>\s?%|\s(?:percent|per cent)\b)?"
    rf"(?:\s(?P<cur>dollars?|yen|euros?|won|yuan|pounds|rupees)\b)?"
    rf"(?:\s(?P<noun>(?:[A-Z][\w-]+\s)?[a-z][a-z-]{{2,}}))?"
)
_SPEECH = (
    r"said|says|say|asserted|asserts|stated|states|claimed|claims|clarified|specified|announced|"
    r"emphasized|emphasised|countered|told|added|insisted|noted|argued|maintained|explained|estimated"
)
_VOICE_BEFORE = re.compile(
    rf"(?P<who>(?:the\s)?[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*)*)(?:\s[a-z]+)?\s(?:{_SPEECH})\b"
)
_VOICE_AFTER = re.compile(rf"[,'\"”’]\s*(?:{_SPEECH})\s(?P<who>(?:the\s)?[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*)*)")
_ACCORDING = re.compile(r"\baccording to (?P<who>(?:the\s)?[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*)*)")


@dataclass(slots=True)
class Quantity:
    low: float
    high: float
    unit: str  # "USD", "JPY", "%", "n:aircraft"
    text: str  # as written
    sentence: str
    keywords: set[str] = field(default_factory=set)
    voice: str | None = None
    kind: str = "level"  # what is measured: "change", "share", "stock", "duration", "level" (see kind_of)


def voice_of(sentence: str) -> str | None:
    """Who a sentence attributes its claim to, from a reporting verb; ``None`` if nobody."""
    for rx in (_VOICE_AFTER, _VOICE_BEFORE, _ACCORDING):
        m = rx.search(sentence)
        if m:
            who = re.sub(r"^(?:the|The)\s", "", m.group("who")).strip(" .")
            if who and who.split()[0] not in {
                "It",
                "This",
                "That",
                "He",
                "She",
                "They",
                "We",
                "I",
                "Meanwhile",
                "However",
                "But",
                "And",
            }:
                return who
            if who.startswith(("Meanwhile ", "However ", "But ")):
                return who.split(" ", 1)[1]
    return None


_KINDS = (
    (
        "change",
        re.compile(
            r"\b(rise|rises|rose|risen|increase[sd]?|up|down|fell|fall|falls|drop(?:ped|s)?|declin(?:e|ed|es)|"
            r"jump(?:ed|s)?|surg(?:e|ed|es)|gr[eo]w(?:n|s)?|growth|gain(?:ed|s)?|cut|higher|lower|hike[sd]?|"
            r"climb(?:ed|s)?|slump(?:ed)?|plung(?:e|ed)|soar(?:ed)?|by)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "share",
        re.compile(
            r"\b(share|account(?:s|ed)? for|stake|majority|of (?:the |all |global |world |its |their )?"
            r"[a-z]+)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "stock",
        re.compile(
            r"\b(stockpiles?|reserves?|inventor(?:y|ies)|stocks?|supply|supplies|enough|worth of|"
            r"on hand|last)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            r"\b(process(?:ing)?|approv(?:al|e)|review|wait(?:ing)?|takes?|took|within|deadline|"
            r"licen[cs](?:e|es|ing)|permits?|delay)\b",
            re.IGNORECASE,
        ),
    ),
)


def kind_of(sentence: str, start: int, end: int, unit: str) -> str:
    """What kind of measure a number is, from the words right around it: a change ("prices rose 12%",
    "up 12%"), a share ("90% of global output"), a stock ("a stockpile of 100 days"), a duration
    ("licences take 45 days to process"), else a level. Numbers of different kinds never disagree."""
    left, right = sentence[max(0, start - 60) : start], sentence[end : end + 40]
    allowed = {"change", "share"} if unit == "%" else {"stock", "duration"} if unit.startswith("n:") else {"change"}
    for name, rx in _KINDS:
        reach = 25 if name in ("change", "share") else 40  # "stockpiles of dysprosium and terbium to 100 days"
        if name in allowed and (rx.search(left[-reach:]) or rx.search(right[:30])):
            return name
    return "level"


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _unit(m: re.Match) -> str | None:
    if m.group("pct") or m.group("pct1"):
        return "%"
    sign = (m.group("sign") or m.group("sign2") or "").lower()
    if sign:
        return _CURRENCY_SIGN.get(sign, sign)
    if m.group("cur"):
        return _CURRENCY_WORD[m.group("cur").lower()]
    noun = m.group("noun")
    if noun:
        words = content_words(noun)
        if words and not m.group("mult"):
            return "n:" + words[-1]
    return None


def quantities(text: str) -> list[Quantity]:
    """Every number with a unit in ``text`` (years, dates and bare numbers are left out)."""
    out: list[Quantity] = []
    for sent in sentences(text):
        voice = voice_of(sent)
        for m in _Q.finditer(sent):
            before = sent[max(0, m.start() - 12) : m.start()].lower().split()
            if before and before[-1].strip(".,") in _MONTHS:
                continue  # "July 29"
            unit = _unit(m)
            lo = _value(m.group("lo"))
            if unit is None or (unit.startswith("n:") and 1900 <= lo <= 2100 and "," not in m.group("lo")):
                continue
            hi = _value(m.group("hi")) if m.group("hi") else lo
            mult = _MULT.get((m.group("mult") or "").lower(), 1.0)
            left, right = sent[max(0, m.start() - 70) : m.start()], sent[m.end() : m.end() + 70]
            left = left.split(" ", 1)[-1] if m.start() > 70 else left  # whole words only
            right = right.rsplit(" ", 1)[0] if m.end() + 70 < len(sent) else right
            near = content_words(f"{left} {m.group(0)} {right}")
            keywords = {w for w in near if not any(c.isdigit() for c in w) and w not in _MULT}
            kind = kind_of(sent, m.start(), m.end(), unit)
            out.append(Quantity(lo * mult, hi * mult, unit, m.group(0).strip(), sent, keywords, voice, kind))
    return out


def differ(a: Quantity, b: Quantity, tolerance: float = 0.1) -> bool:
    """True when two quantities of one unit and one kind cannot both be right (their ranges are
    apart by more than ``tolerance`` of the larger value)."""
    if a.unit != b.unit or a.kind != b.kind:
        return False
    gap = max(a.low, b.low) - min(a.high, b.high)
    return gap > tolerance * max(abs(a.high), abs(b.high), 1e-9)
