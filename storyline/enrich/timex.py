"""Time expressions: find them in a sentence and resolve them against an anchor time.

News reports date events relative to their own publication ("on Tuesday", "last week",
"earlier this month", "July 29"); the anchor is the article's publication time. With no anchor
a relative expression stays unresolved with a note saying why - we never guess a year.

Values follow TimeML/ISO: ``2025-07-29`` (day), ``2025-W31`` (week), ``2025-07`` (month),
``2025-SU`` (season), ``2025`` (year), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, durations
``P3D``/``PXW``/``PT1H``. ``tense`` decides which way a bare weekday or month points: ``"past"``
(a report of what happened: the Tuesday on or before the anchor) or ``"future"`` (a plan: the
Tuesday on or after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from storyline.text.times import MONTHS, WEEKDAYS

_MONTHS = MONTHS
_DAYS = WEEKDAYS
_NUMS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
         "thirty": 30}
_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "hour": "H", "minute": "MIN"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
FUTURE_CUES = re.compile(r"\b(will|would|is to|are to|due to|scheduled|set to|plans? to|planned|to be held|"
                         r"expected to|next|upcoming|later this|ahead of)\b", re.IGNORECASE)

_MONTH_RE = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?\.?|july?\.?|"
             r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NUM_RE = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
_UNIT_RE = r"(?:day|week|month|year|decade|hour|minute)s?"
_MOD_RE = r"(?:(?:early|mid|late|the end of|the beginning of|the start of)[- ]?)"

# (kind, pattern); matched case-insensitively, longest non-overlapping wins.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    (
        "mdy",
        (
            rf"\b(?:{_DAY_RE}\s*,?\s+)?(?P<mod>{_MOD_RE})?(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:\s*,?\s+(?P<y>(?:19|20)\d\d)\b)?"
        ),
    ),
    ("dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?:\s*,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("my", rf"\b(?P<mod>{_MOD_RE})?(?P<rel>last |next |this )?(?P<mon>{_MONTH_RE})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("weekday", rf"\b(?P<rel>last |next |this )?(?P<wd>{_DAY_RE})(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("ago", rf"\b(?P<n>{_NUM_RE}|several|a few)\s+(?P<u>{_UNIT_RE})\s+(?:ago|earlier)\b"),
    (
        "relunit",
        (
            r"\b(?P<mod>(?:earlier|later|early|late) )?(?P<rel>last|next|this|past|previous|coming)\s+"
            r"(?P<fiscal>fiscal )?(?P<u>week|month|year|summer|spring|autumn|fall|winter|weekend)\b"
        ),
    ),
    (
        "deictic",
        (
            r"\b(?P<w>today|yesterday|tomorrow|tonight|the previous day|the day before|the next day|"
            r"the following day|this morning|this afternoon|this evening)\b"
        ),
    ),
    ("ref", r"\b(?P<w>now|currently|recently|the past|at the time|in the future|the future)\b"),
    (
        "duration",
        rf"\b(?:(?:almost|about|nearly|more than|a mere|the) )?(?:(?:past|last|next) )?(?P<n>{_NUM_RE}|several|a "
        rf"few|recent)[- ](?P<u>{_UNIT_RE})(?:'|\b)",
    ),
    ("year", rf"\b(?P<mod>{_MOD_RE})?(?P<y>(?:19|20)\d\d)(?P<s>s)?\b(?![-/.]\d|\s*(?:%|percent|yen|dollars))"),
]
_COMPILED = [(k, re.compile(p, re.IGNORECASE)) for k, p in _PATTERNS]


@dataclass(slots=True)
class Timex:
    """One time expression: its text and span, TimeML type, normalised value and precision."""

    text: str
    start: int
    end: int
    kind: str
    type: str = "DATE"  # DATE, TIME, DURATION
    value: str | None = None
    precision: str | None = None  # day, week, month, season, year, decade, century, ref, duration
    note: str | None = None


def find_time_expressions(sentence: str) -> list[tuple[str, int, int]]:
    """Spans of time expressions in ``sentence`` as ``(text, start, end)``, in order."""
    return [(t.text, t.start, t.end) for t, _ in _scan(sentence)]


def _scan(sentence: str) -> list[tuple[Timex, re.Match]]:
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(sentence):
            if m.end() > m.start() and _plausible(kind, m, sentence):
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[Timex, re.Match]] = []
    last_end = -1
    for start, end, kind, m in found:
        if start >= last_end:
            out.append((Timex(sentence[start:end], start, end, kind), m))
            last_end = end
    return out


def _plausible(kind: str, m: re.Match, sentence: str) -> bool:
    """Refuse matches that are words, not dates ("may", "march", "sun", "a day" as a measure)."""
    text = m.group(0)
    if kind == "my":
        mon = m.group("mon").lower().rstrip(".")
        if mon in {
            "may",
            "march",
            "mar",
            "jan",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "feb",
            "apr",
        } and not (m.group("y") or m.group("rel") or m.group("mod")):
            # Bare "May"/"March" is usually the verb; abbreviations alone are rarely dates.
            return mon != "may" and mon != "march" and text[0].isupper() and len(mon) > 3
        return text[0].isupper() or bool(m.group("rel") or m.group("mod"))
    if kind in {"mdy", "dmy"}:
        return m.group("mon")[0].isupper()
    if kind == "weekday":
        return m.group("wd")[0].isupper()
    return True


def tense_of(sentence: str) -> str:
    """``"future"`` when the sentence speaks of a plan ("will", "is due to", "scheduled"), else ``"past"``."""
    return "future" if FUTURE_CUES.search(sentence) else "past"


def tag_sentence(sentence: str, anchor: datetime | date | None, *, tense: str | None = None) -> list[Timex]:
    """Find and resolve every time expression in one sentence.

    "the previous day" / "the next day" are resolved against the preceding expression in the
    sentence when there is one (a report's own timeline), else against the anchor.
    """
    tense = tense or tense_of(sentence)
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    out = []
    ref: date | None = None
    for t, m in _scan(sentence):
        _resolve(t, m, day, tense, ref)
        if t.precision == "day" and t.value:
            ref = date.fromisoformat(t.value[:10])
        out.append(t)
    return out


def resolve_date(text: str, anchor: datetime | date | None, *, tense: str = "past") -> tuple[str | None, str | None]:
    """Resolve the first time expression in ``text`` to an ISO value.

    Returns ``(value, note)``: ``("2025-07-29", None)`` for a day, ``("2025-07", "precision: month")``
    for coarser values, ``(None, "unresolved: ...")`` when the anchor is unknown or ``text`` holds
    no date.
    """
    found = tag_sentence(text, anchor, tense=tense)
    dates = [t for t in found if t.type in {"DATE", "TIME"} and t.precision not in {"ref"}]
    if not dates:
        return None, f"unresolved: no date expression (text: {text.strip()!r})"
    t = dates[0]
    if t.value is None:
        return None, t.note
    if t.precision != "day":
        return t.value, f"precision: {t.precision}"
    return t.value[:10], t.note


# ------------------------------------------------------------------------------ resolution


def _num(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMS.get(word)


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _pick_year(mon: int, d: int, anchor: date, tense: str) -> date | None:
    """The year for a month/day: the latest on or before the anchor (a week's slack) for reports,
    the earliest on or after it for plans."""
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(date(y, mon, d))
        except ValueError:
            continue
    if not cands:
        return None
    slack = timedelta(days=7)
    if tense == "past":
        return max((c for c in cands if c <= anchor + slack), default=cands[0])
    return min((c for c in cands if c >= anchor - slack), default=cands[-1])


def _unresolved(t: Timex, precision: str) -> None:
    t.precision = precision
    t.note = f"unresolved: publication time unknown (text: {t.text!r})"


def _resolve(t: Timex, m: re.Match, anchor: date | None, tense: str, ref: date | None) -> None:
    g = {k: (v or "") for k, v in m.groupdict().items()}
    kind = t.kind
    if kind == "iso":
        t.value, t.precision = f"{g['y']}-{g['m']}-{g['d']}", "day"
    elif kind in {"mdy", "dmy"}:
        _resolve_mdy(t, g, anchor, tense)
    elif kind == "my":
        _resolve_month(t, g, anchor, tense)
    elif kind == "weekday":
        _resolve_weekday(t, g, anchor, tense)
    elif kind == "ago":
        _resolve_ago(t, g, anchor)
    elif kind == "relunit":
        _resolve_relunit(t, g, anchor)
    elif kind == "deictic":
        _resolve_deictic(t, g["w"].lower(), anchor, ref)
    elif kind == "ref":
        w = g["w"].lower()
        t.precision = "ref"
        t.value = "PRESENT_REF" if w in {"now", "currently"} else "FUTURE_REF" if "future" in w else "PAST_REF"
    elif kind == "duration":
        n = _num(g["n"]) if g["n"].lower() not in {"several", "a few", "recent"} else None
        u = _UNIT[g["u"].lower().rstrip("s")]
        t.type, t.precision = "DURATION", "duration"
        t.value = ("PT" if u in {"H", "MIN"} else "P") + ("X" if n is None else str(n)) + ("M" if u == "MIN" else u)
    elif kind == "year":
        y = g["y"]
        t.value, t.precision = (y[:3], "decade") if g["s"] else (y, "year")


def _resolve_mdy(t: Timex, g: dict, anchor: date | None, tense: str) -> None:
    mon, d = _month(g["mon"]), int(g["d"])
    if g["y"]:
        try:
            t.value, t.precision = date(int(g["y"]), mon, d).isoformat(), "day"
        except ValueError:
            t.note = f"unresolved: no such day (text: {t.text!r})"
        return
    if anchor is None:
        return _unresolved(t, "day")
    picked = _pick_year(mon, d, anchor, tense)
    if picked:
        t.value, t.precision = picked.isoformat(), "day"


def _resolve_month(t: Timex, g: dict, anchor: date | None, tense: str) -> None:
    mon = _month(g["mon"])
    t.precision = "month"
    if g["y"]:
        t.value = f"{g['y']}-{mon:02d}"
        return
    if anchor is None:
        return _unresolved(t, "month")
    rel = g["rel"].strip().lower()
    y = anchor.year
    if rel == "last" or (not rel and tense == "past"):
        y = anchor.year if mon < anchor.month or (mon == anchor.month and rel != "last") else anchor.year - 1
    elif rel == "next" or (not rel and tense == "future"):
        y = anchor.year if mon > anchor.month or (mon == anchor.month and rel != "next") else anchor.year + 1
    t.value = f"{y}-{mon:02d}"


def _resolve_weekday(t: Timex, g: dict, anchor: date | None, tense: str) -> None:
    if g["part"]:
        t.type = "TIME"
    if anchor is None:
        return _unresolved(t, "day")
    wd = _DAYS[g["wd"].lower()]
    rel = g["rel"].strip().lower()
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if rel == "last":
        day = anchor - timedelta(days=back or 7)
    elif rel == "next":
        day = anchor + timedelta(days=fwd or 7)
    elif tense == "future":
        day = anchor + timedelta(days=fwd)
    else:
        day = anchor - timedelta(days=back)
    t.value, t.precision = day.isoformat(), "day"
    if g["part"]:
        t.value += "T" + _PARTS[g["part"].lower()]


def _resolve_ago(t: Timex, g: dict, anchor: date | None) -> None:
    u = _UNIT[g["u"].lower().rstrip("s")]
    n = _num(g["n"]) if g["n"].lower() not in {"several", "a few"} else None
    if anchor is None:
        return _unresolved(t, "day")
    if n is None:
        t.value, t.precision = "PAST_REF", "ref"
    elif u == "D":
        t.value, t.precision = (anchor - timedelta(days=n)).isoformat(), "day"
    elif u == "W":
        t.value, t.precision = _week(anchor - timedelta(weeks=n)), "week"
    elif u == "M":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        t.value, t.precision = f"{y}-{mo + 1:02d}", "month"
    elif u == "Y":
        t.value, t.precision = str(anchor.year - n), "year"
    else:
        t.value, t.precision = anchor.isoformat(), "day"


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _resolve_relunit(t: Timex, g: dict, anchor: date | None) -> None:
    unit, rel = g["u"].lower(), g["rel"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    t.precision = {"week": "week", "weekend": "week", "month": "month", "year": "year"}.get(unit, "season")
    if anchor is None:
        return _unresolved(t, t.precision)
    if unit in {"week", "weekend"}:
        t.value = _week(anchor + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        t.value = f"{y}-{mo + 1:02d}"
    elif unit == "year":
        t.value = str(anchor.year + step)
    else:
        t.value = f"{anchor.year + step}-{_SEASONS[unit]}"


def _resolve_deictic(t: Timex, w: str, anchor: date | None, ref: date | None) -> None:
    t.precision = "day"
    if w in {"the previous day", "the day before", "the next day", "the following day"}:
        base = ref or anchor
        if base is None:
            return _unresolved(t, "day")
        shift = -1 if w in {"the previous day", "the day before"} else 1
        t.value = (base + timedelta(days=shift)).isoformat()
        if ref is None:
            t.note = "relative to the publication day (no other date in the sentence)"
        return
    if anchor is None:
        return _unresolved(t, "day")
    shift = {"yesterday": -1, "tomorrow": 1}.get(w, 0)
    t.value = (anchor + timedelta(days=shift)).isoformat()
    part = {"tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV"}.get(w)
    if part:
        t.type, t.value = "TIME", t.value + "T" + part
