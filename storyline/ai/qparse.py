"""Reading a question: what is asked (a role holder, a date, the outlets, or anything else),
about whom (entities resolved against the store), which office, which time.

Not string matching of known questions: the kind comes from the question word and what the
question names (an office in the store's role facts, two or more entities, a word for
"outlets"); entities are the longest capitalised spans the store knows by name or alias
("Iwaya", "Japan's", "South Korean"); offices are the store's own office names found as whole
words ("foreign minister"); times are months, days or years ("in October 2025").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from storyline.text.tokens import content_words

_WH = {"who", "whom", "when", "which", "what", "where", "how", "why", "did", "does", "do", "is", "was",
       "were", "are", "has", "have", "had", "in", "on", "the", "a", "an", "as", "of"}
_OUTLET_WORDS = re.compile(
    r"\b(outlets?|sources?|media|newspapers?|papers?|publications?|sites?|broadcasters?)\b", re.IGNORECASE
)
_REPORT_WORDS = re.compile(
    r"\b(report(?:ed|s|ing)?|cover(?:ed|s|ing)?|carr(?:ied|y|ies)|wrote|publish(?:ed|es)?)\b", re.IGNORECASE
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_DAY = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE
)
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"\b(19|20)(\d{2})\b")
_VERB_TYPES = {
    "meet": ("meeting", "summit", "talks"),
    "met": ("meeting", "summit", "talks"),
    "talk": ("meeting", "phone_call", "talks"),
    "call": ("phone_call",),
    "phone": ("phone_call",),
    "visit": ("visit",),
    "sign": ("agreement",),
    "agree": ("agreement",),
    "announce": ("statement",),
    "sanction": ("sanction",),
}


@dataclass(slots=True)
class Question:
    text: str
    kind: str = "general"  # role, person_role, event_date, outlets, general
    entities: list[dict] = field(default_factory=list)  # store entity rows (id, key, name, type)
    office: str | None = None
    period: tuple[datetime, datetime] | None = None
    period_text: str | None = None
    event_types: tuple[str, ...] = ()
    topic: list[str] = field(default_factory=list)  # content words not used by the parts above


def parse_period(text: str) -> tuple[tuple[datetime, datetime] | None, str | None]:
    """The time span a question names: a day, a month or a year (UTC), with its words.

    A date that does not exist ("2026-00", "February 31, 2026", year 0) names no period.
    """
    try:
        return _period(text)
    except ValueError:  # calendar.IllegalMonthError is one too
        return None, None


def _period(text: str) -> tuple[tuple[datetime, datetime] | None, str | None]:
    utc = UTC
    if m := _DAY.search(text):
        d = datetime(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)), tzinfo=utc)
        return (d, d + timedelta(days=1) - timedelta(microseconds=1)), m.group(0)
    if m := _ISO.search(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if d:
            start = datetime(y, mo, int(d), tzinfo=utc)
            return (start, start + timedelta(days=1) - timedelta(microseconds=1)), m.group(0)
        last = calendar.monthrange(y, mo)[1]
        return (datetime(y, mo, 1, tzinfo=utc), datetime(y, mo, last, 23, 59, 59, tzinfo=utc)), m.group(0)
    if m := _MONTH.search(text):
        y, mo = int(m.group(2)), _MONTHS[m.group(1).lower()]
        last = calendar.monthrange(y, mo)[1]
        return (datetime(y, mo, 1, tzinfo=utc), datetime(y, mo, last, 23, 59, 59, tzinfo=utc)), m.group(0)
    if m := _YEAR.search(text):
        y = int(m.group(0))
        return (datetime(y, 1, 1, tzinfo=utc), datetime(y, 12, 31, 23, 59, 59, tzinfo=utc)), m.group(0)
    return None, None


def _spans(text: str) -> list[str]:
    """Capitalised word runs and their sub-runs, longest first ("Cho Hyun", "Japan's" -> "Japan")."""
    tokens = re.findall(r"[A-Z][\w.\-]*(?:'s|’s)?|[a-z][\w\-]*|\S", text)
    runs, cur = [], []
    for i, t in enumerate(tokens):
        base = re.sub(r"(?:'s|’s)$", "", t)
        if base[:1].isupper() and not (i == 0 and base.lower() in _WH):
            cur.append(base)
            if base != t:  # possessive ends the run
                runs.append(cur)
                cur = []
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        for n in range(len(run), 0, -1):
            out.extend(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
    return sorted(dict.fromkeys(out), key=lambda s: -len(s.split()))


def resolve_entities(store, text: str) -> tuple[list[dict], set[str]]:
    """Entities named in ``text`` and the words they used up."""
    found: list[dict] = []
    used: set[str] = set()
    for span in _spans(text):
        words = set(span.lower().split())
        if words & used:
            continue
        rows = store.find_entities(span, limit=5)
        exact = [r for r in rows if r["name"].lower() == span.lower()]
        if not exact and len(rows) > 1:
            rows = [r for r in rows if r["type"] == "PERSON"] or rows[:1]
        pick = (exact or rows)[:1]
        if pick and (exact or len(span) >= 4):
            if pick[0]["key"] not in {f["key"] for f in found}:
                found.append(pick[0])
            used |= words
    return found, used


def known_offices(store) -> list[str]:
    """Distinct office names in the store's (unflagged) role facts, longest first."""
    offices = {r["office"] for r in store.list_roles(limit=100000)}
    return sorted(offices, key=lambda o: -len(o))


def find_office(store, text: str) -> str | None:
    low = " " + re.sub(r"[^\w]+", " ", text.lower()) + " "
    for office in known_offices(store):
        if " " + re.sub(r"[^\w]+", " ", office.lower()).strip() + " " in low:
            return office
    return None


def parse_question(store, text: str) -> Question:
    q = Question(text.strip())
    first = (re.findall(r"\w+", q.text.lower()) or [""])[0]
    q.period, q.period_text = parse_period(q.text)
    rest = q.text.replace(q.period_text, " ") if q.period_text else q.text
    q.entities, used = resolve_entities(store, rest)
    q.office = find_office(store, rest)
    office_words = set(content_words(q.office)) if q.office else set()
    verbs = [w for w in re.findall(r"[a-z]+", rest.lower()) if w in _VERB_TYPES]
    q.event_types = tuple(t for v in verbs for t in _VERB_TYPES[v])
    q.topic = [
        w
        for w in content_words(rest)
        if w not in office_words
        and w not in used
        and not _OUTLET_WORDS.fullmatch(w)
        and not _REPORT_WORDS.fullmatch(w)
        and not any(w in n.lower() for n in used)
    ]
    if (
        _OUTLET_WORDS.search(rest)
        and (first in {"which", "what", "who"} or _REPORT_WORDS.search(rest))
        or (first == "who" and _REPORT_WORDS.search(rest) and not q.office)
    ):
        q.kind = "outlets"
    elif first in {"who", "whom"} and q.office:
        q.kind = "role"
    elif (
        first in {"who", "what"}
        and not q.office
        and len(q.entities) == 1
        and q.entities[0]["type"] == "PERSON"
        and re.match(r"^(who|what)\s+(is|was)\b", q.text.lower())
    ):
        q.kind = "person_role"
    elif first == "when" and q.entities:
        q.kind = "event_date"
    return q
