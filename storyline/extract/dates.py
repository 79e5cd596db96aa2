"""Reading the times a news page shows: relative ages ("4 hours ago") and absolute stamps.

Pages print times in many shapes ("Jul 30, 2025 16:20 (JST)", "12:57 JST, July 3, 2023",
"05-05-2025", ISO 8601). Our own patterns read the common English shapes exactly, zone
included; ``dateparser`` is a guarded fallback for the rest. Unknown stays unknown: a value we
cannot read, or a numeric date whose day and month could be swapped, gives ``None``.
:mod:`storyline.extract.meta` re-exports the public functions.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

from storyline.text.times import MONTHS

_H = 3600
# Zone abbreviations pages print, as fixed UTC offsets in seconds (a real-world table).
ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "WET": 0,
    "BST": _H,
    "CET": _H,
    "CEST": 2 * _H,
    "EET": 2 * _H,
    "EEST": 3 * _H,
    "MSK": 3 * _H,
    "IST": 5 * _H + 1800,
    "ICT": 7 * _H,
    "WIB": 7 * _H,
    "HKT": 8 * _H,
    "SGT": 8 * _H,
    "PHT": 8 * _H,
    "AWST": 8 * _H,
    "JST": 9 * _H,
    "KST": 9 * _H,
    "AEST": 10 * _H,
    "AEDT": 11 * _H,
    "NZST": 12 * _H,
    "NZDT": 13 * _H,
    "EST": -5 * _H,
    "EDT": -4 * _H,
    "CST": -6 * _H,
    "CDT": -5 * _H,
    "MST": -7 * _H,
    "MDT": -6 * _H,
    "PST": -8 * _H,
    "PDT": -7 * _H,
    "AKST": -9 * _H,
    "HST": -10 * _H,
}
_MONTHS = MONTHS
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ZONE = r"(?P<zone>" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")"
_OFFSET = r"(?P<off>(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2})"
_TIME = r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_TZ = rf"\(?(?:{_OFFSET}|{_ZONE})\)?"

_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_MDY = re.compile(
    rf"(?<![A-Za-z]){_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
)
_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
)
_NUM = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/.-])")
_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})(?:[/.]|年\s*)(?P<m>\d{1,2})(?:[/.]|月\s*)(?P<d>\d{1,2})日?(?!\d)")
_TIME_RE = re.compile(rf"(?<![\d:]){_TIME}(?![\d:])", re.IGNORECASE)
_TZ_RE = re.compile(rf"(?<![A-Za-z]){_TZ}(?![A-Za-z])")

_AGE = re.compile(
    r"(?:(?<![A-Za-z0-9])|(?<=time))(?P<n>\d+|an?|one)\s*(?P<unit>sec(?:ond)?|min(?:ute)?|hour|hr|day|week|wk|month|mo|year|yr|h|m|d|w|y)s?\s+ago\b",
    re.IGNORECASE,
)
_AGE_WORD = re.compile(r"\b(?P<w>yesterday|just now)\b", re.IGNORECASE)
_UNITS = {
    "sec": 1,
    "second": 1,
    "min": 60,
    "minute": 60,
    "hour": _H,
    "hr": _H,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
}
_UNIT_NAMES = {
    "sec": "second",
    "min": "minute",
    "hr": "hour",
    "h": "hour",
    "m": "minute",
    "d": "day",
    "w": "week",
    "wk": "week",
    "mo": "month",
    "y": "year",
    "yr": "year",
}


def _age_match(text: str) -> re.Match | None:
    """The first relative-age match; one-letter units ("4h ago") only after a number."""
    for m in _AGE.finditer(text or ""):
        if m.group("n").isdigit() or len(m.group("unit")) > 1:
            return m
    return None


def find_relative_age(text: str) -> str | None:
    """The age a page shows, normalised: "time3 days ago" -> "3 days ago", "an hour ago"."""
    m = _age_match(text)
    if m:
        n = m.group("n").lower()
        unit = _UNIT_NAMES.get(m.group("unit").lower(), m.group("unit").lower())
        plural = "" if n in ("a", "an", "one", "1") else "s"
        return f"{n} {unit}{plural} ago"
    w = _AGE_WORD.search(text or "")
    return w.group("w").lower() if w else None


MAX_AGE_SECONDS = 200 * 365 * 86400


def resolve_relative_age(age: str, fetched_at: datetime) -> datetime | None:
    """``fetched_at`` minus the age ("4 hours ago"); ``None`` when the age cannot be read.

    Months count 30 days and years 365: an age is a rounded figure anyway.
    """
    if fetched_at is None or not age:
        return None
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    low = age.strip().lower()
    if low == "just now":
        return fetched_at
    if low == "yesterday":
        return fetched_at - timedelta(days=1)
    m = _age_match(low)
    if not m:
        return None
    n = m.group("n")
    count = 1 if n in ("a", "an", "one") else int(n)
    unit = _UNIT_NAMES.get(m.group("unit"), m.group("unit"))
    seconds = count * _UNITS[unit]
    if seconds > MAX_AGE_SECONDS:  # "4444444444 days ago" is no publication time (and overflows)
        return None
    return fetched_at - timedelta(seconds=seconds)


def _zone_of(text: str) -> timezone | None:
    m = _TZ_RE.search(text)
    if not m:
        return None
    if m.group("zone"):
        return timezone(timedelta(seconds=ZONES[m.group("zone")]))
    raw = re.sub(r"^(?:UTC|GMT)\s?", "", m.group("off"))
    sign = -1 if raw.startswith("-") else 1
    digits = raw[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14 or minutes >= 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _clock(text: str) -> tuple[int, int, int] | None:
    m = _TIME_RE.search(text)
    if not m:
        return None
    hh, mi, ss = int(m.group("hh")), int(m.group("mi")), int(m.group("ss") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    return (hh, mi, ss) if hh < 24 and mi < 60 and ss < 60 else None


def _build(y: int, mo: int, d: int, rest: str) -> tuple[datetime | None, str]:
    """A datetime from a found date plus any clock time and zone in the rest of the text."""
    clock = _clock(rest)
    tz = _zone_of(rest)
    try:
        if clock:
            return datetime(y, mo, d, *clock, tzinfo=tz or UTC), "minute"
        return datetime(y, mo, d, tzinfo=tz or UTC), "day"
    except ValueError:
        return None, "none"


def _iso(m: re.Match) -> tuple[datetime | None, str]:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if m.group("hh") is None:
        return _build(y, mo, d, "")
    tz = UTC
    try:
        if m.group("tz") and m.group("tz") != "Z":
            raw = m.group("tz").replace(":", "")
            sign = -1 if raw[0] == "-" else 1
            # an offset of 24 h or more (+4921) is no zone: ValueError, no date
            tz = timezone(sign * timedelta(hours=int(raw[1:3]), minutes=int(raw[3:5])))
        return datetime(
            y, mo, d, int(m.group("hh")), int(m.group("mi")), int(m.group("ss") or 0), tzinfo=tz
        ), "minute"
    except ValueError:
        return None, "none"


def _numeric(m: re.Match, rest: str) -> tuple[datetime | None, str]:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a == b or a > 12 or b > 12:
        day, month = (a, b) if a > 12 or a == b else (b, a)
        return _build(y, month, day, rest)
    return None, "none"  # 05-06-2025: day and month could be swapped; do not guess


@lru_cache(maxsize=4096)
def parse_absolute_time_ex(text: str) -> tuple[datetime | None, str]:
    """``(datetime, precision)``; precision is "minute", "day" or "none".

    A date-only value is midnight in the zone the text names, else UTC.
    """
    if not text or not isinstance(text, str) or len(text) > 400:
        return None, "none"
    text = text.strip()
    m = _ISO.search(text)
    if m:
        return _iso(m)
    for pattern in (_MDY, _DMY):
        m = pattern.search(text)
        if m:
            rest = text[: m.start()] + " " + text[m.end() :]
            return _build(int(m.group("y")), _MONTHS[m.group("mon").lower()], int(m.group("d")), rest)
    m = _YMD.search(text)
    if m:
        return _build(
            int(m.group("y")), int(m.group("m")), int(m.group("d")), text[: m.start()] + " " + text[m.end() :]
        )
    m = _NUM.search(text)
    if m:
        return _numeric(m, text[: m.start()] + " " + text[m.end() :])
    return _dateparser_fallback(text)


# Languages the fallback may read; naming them keeps dateparser from trying all ~200 (slow).
FALLBACK_LANGUAGES = ["en", "ja", "ko", "zh", "fr", "de", "es"]
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}|月")


def load_fallback() -> None:
    """Import dateparser and load its data for ``FALLBACK_LANGUAGES`` now (about half a second at
    the first call otherwise)."""
    _dateparser_fallback("Warm 1 2024")  # a date in none of them: every language is tried


def _dateparser_fallback(text: str) -> tuple[datetime | None, str]:
    """dateparser for other languages and shapes, only on short text holding a 4-digit year,
    another number and a word that could name a month.

    The guards stop it from reading dates into random words ("may", "sun", "second") and keep
    it fast: on text with no month-like word dateparser can spend seconds trying languages.
    """
    year = _YEAR.search(text)
    if len(text) > 80 or not year or not _MONTH_WORD.search(text):
        return None, "none"
    if not re.search(r"\d", text[: year.start()] + text[year.end() :]):
        return None, "none"
    try:
        import dateparser

        value = dateparser.parse(
            text,
            languages=FALLBACK_LANGUAGES,
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": True,
                "TIMEZONE": "UTC",
            },
        )
    except (ValueError, TypeError, OverflowError, KeyError, IndexError, AttributeError):
        # dateparser raises assorted errors on odd input; unknown stays unknown
        return None, "none"
    if value is None:
        return None, "none"
    precision = "minute" if _clock(text) else "day"
    return value, precision


def parse_absolute_time(text: str) -> datetime | None:
    """A tz-aware datetime for the first absolute time in ``text``, else ``None``."""
    return parse_absolute_time_ex(text)[0]
