"""Japanese date expressions resolved against a publication time.

``2025年7月30日``, ``２０２５年７月３０日`` (full-width), ``令和7年7月30日`` (era years: 令和 2019-,
平成 1989-2019, 昭和 1926-1989; ``元年`` = year 1), ``7月30日午後`` (month-day: the year of the
anchor, or the year before when that puts it more than ~2 months after the anchor in a past
report), ``30日`` (day only: the anchor's month, or the month before when the day is after the
anchor's day), ``きょう``/``今日``/``本日``, ``きのう``/``昨日``, ``あす``/``明日``, ``おととい``/``一昨日``,
and ``令和7年`` alone (year precision). Used for article times (extract) and event dates (enrich).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from storyline.text.japanese import nfkc

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
_NUM = r"(\d{1,4}|元)"
DATE_RE = re.compile(
    rf"(?:(?P<era>令和|平成|昭和|大正)\s*(?P<ey>{_NUM})\s*年|(?P<y>\d{{4}})\s*年)?\s*"
    r"(?:(?P<m>\d{1,2})\s*月)?\s*(?:(?P<d>\d{1,2})\s*日)?"
    r"(?:\s*[(（](?P<wd>[月火水木金土日])(?:曜日?)?[)）])?"
    r"(?:\s*(?P<ampm>午前|午後|朝|夜|夕方|未明|深夜))?"
    r"(?:\s*(?P<hh>\d{1,2})\s*時(?:\s*(?P<mm>\d{1,2})\s*分|(?P<half>半))?)?"
)
_DEICTIC = {"きょう": 0, "今日": 0, "本日": 0, "きのう": -1, "昨日": -1, "あす": 1, "明日": 1, "あした": 1,
            "おととい": -2, "一昨日": -2, "あさって": 2, "明後日": 2}
_DEICTIC_RE = re.compile("|".join(sorted(_DEICTIC, key=len, reverse=True)))


@dataclass(slots=True)
class JaDate:
    text: str
    start: int
    end: int
    value: date | None
    precision: str  # day, month, year
    hour: int | None = None
    minute: int | None = None


def _year(g: dict) -> int | None:
    if g.get("era"):
        n = g["ey"]
        return ERAS[g["era"]] + (1 if n == "元" else int(n))
    return int(g["y"]) if g.get("y") else None


def _day_near(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve(g: dict, anchor: date | None) -> tuple[date | None, str]:
    y, m, d = _year(g), g.get("m"), g.get("d")
    m = int(m) if m else None
    d = int(d) if d else None
    if y and not m:
        return date(y, 1, 1), "year"
    if y and m and not d:
        return _day_near(y, m, 1), "month"
    if y and m and d:
        return _day_near(y, m, d), "day"
    if m and d:
        if anchor is None:
            return None, "day"
        found = _day_near(anchor.year, m, d)
        if found and (found - anchor).days > 62:  # "12月28日" in a January report: last year
            found = _day_near(anchor.year - 1, m, d)
        elif found and (anchor - found).days > 300:  # "1月5日" in a late-December preview: next year
            found = _day_near(anchor.year + 1, m, d)
        return found, "day"
    if m and not d:
        return (_day_near(anchor.year, m, 1), "month") if anchor else (None, "month")
    if d:
        if anchor is None:
            return None, "day"
        if d <= anchor.day:
            return _day_near(anchor.year, anchor.month, d), "day"
        prev = anchor.replace(day=1) - timedelta(days=1)  # "30日" in a report of the 2nd: last month
        return _day_near(prev.year, prev.month, d), "day"
    return None, "day"


def _hour(g: dict) -> tuple[int | None, int | None]:
    if not g.get("hh"):
        return None, None
    h = int(g["hh"])
    if g.get("ampm") in ("午後", "夜", "夕方") and h < 12:
        h += 12
    minute = int(g["mm"]) if g.get("mm") else (30 if g.get("half") else 0)
    return (h, minute) if h < 24 and minute < 60 else (None, None)


def find_ja_dates(text: str, anchor: datetime | date | None = None) -> list[JaDate]:
    """Every Japanese date expression in ``text`` with its resolved date (None when it cannot be
    resolved, e.g. a bare "30日" with no anchor). Offsets are in ``text`` (NFKC keeps lengths for
    full-width digits, which is all we fold before matching)."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    folded = nfkc(text)
    if len(folded) != len(text):  # NFKC changed lengths (ligatures...): fold digits only
        folded = text.translate({0xFF10 + i: 0x30 + i for i in range(10)})
    out: list[JaDate] = []
    for m in DATE_RE.finditer(folded):
        g = m.groupdict()
        if not (g["y"] or g["era"] or g["m"] or g["d"]):
            continue
        if g["y"] and not (g["m"] or g["d"]) and not g["era"] and not 1900 <= int(g["y"]) <= 2100:
            continue
        if g["d"] and not g["m"] and folded[m.end():m.end() + 1] in ("間", "付"):
            continue  # "3日間" is a duration
        value, precision = _resolve(g, anchor)
        hour, minute = _hour(g)
        out.append(JaDate(text[m.start():m.end()].strip(), m.start(), m.end(), value, precision, hour, minute))
    for m in _DEICTIC_RE.finditer(text):
        value = anchor + timedelta(days=_DEICTIC[m.group()]) if anchor else None
        out.append(JaDate(m.group(), m.start(), m.end(), value, "day"))
    return sorted(out, key=lambda j: j.start)


def parse_ja_date(text: str, anchor: datetime | date | None = None) -> date | None:
    """The first resolvable date in ``text`` (``"2025年7月30日午後"`` -> 2025-07-30)."""
    return next((d.value for d in find_ja_dates(text, anchor) if d.value), None)


def parse_ja_datetime(text: str, anchor: datetime | date | None = None) -> datetime | None:
    """Date and clock time when given (``"2025年7月30日 午後3時15分"`` -> 2025-07-30 15:15, naive;
    the caller knows the zone, JST for Japanese outlets)."""
    for d in find_ja_dates(text, anchor):
        if d.value and d.precision == "day":
            return datetime(d.value.year, d.value.month, d.value.day, d.hour or 0, d.minute or 0)
    return None
