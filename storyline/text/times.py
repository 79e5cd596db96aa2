"""Month and weekday names, and the "24h / 7d" spans users type, parsed once.

``parse_duration`` and ``parse_when`` raise :class:`storyline.errors.InvalidValueError` on bad
input everywhere (the CLI turns it into a usage error, the API and web into a 422 / 400), so
a mistyped ``--since`` never drops a filter silently.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from storyline.errors import InvalidValueError

# month name or abbreviation -> 1..12 ("sept" too)
MONTHS: dict[str, int] = {
    m: i + 1
    for i, names in enumerate([
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
        ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
        ("oct", "october"), ("nov", "november"), ("dec", "december"),
    ])
    for m in names
}
MONTH_NAMES = frozenset(MONTHS)
# weekday name or abbreviation -> 0 (Monday) .. 6
WEEKDAYS: dict[str, int] = {
    d: i
    for i, names in enumerate([
        ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
        ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"),
    ])
    for d in names
}

_SPAN = re.compile(r"\s*(\d+)\s*([mhdw])\s*")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
SPAN_HELP = "a span back from now (90m, 24h, 7d, 2w)"
MAX_SPAN = timedelta(days=36_500)  # further back than a century is not a span anyone means


def parse_duration(value: str | None) -> timedelta:
    """'90m', '24h', '7d', '2w' -> timedelta; anything else raises InvalidValueError."""
    m = _SPAN.fullmatch(value or "")
    if not m:
        raise InvalidValueError(f"{value!r} is not a duration; use {SPAN_HELP}")
    try:
        span = timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
    except OverflowError:
        span = MAX_SPAN + MAX_SPAN
    if span > MAX_SPAN:
        raise InvalidValueError(f"{value!r} reaches back more than a century; use {SPAN_HELP}")
    return span


def parse_when(value: str | None, now: datetime | None = None) -> datetime | None:
    """'24h' / '7d' back from ``now`` (default: the current time), or a date / ISO time (UTC if no
    zone) -> aware datetime; empty -> None; anything else raises InvalidValueError."""
    if value is None or not str(value).strip():
        return None
    if _SPAN.fullmatch(value):
        try:
            return (now or datetime.now(UTC)) - parse_duration(value)
        except OverflowError:
            raise InvalidValueError(f"{value!r} reaches before year 1; use {SPAN_HELP}") from None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValueError(f"{value!r} is not a date (use 2025-07-30, an ISO time, or {SPAN_HELP})") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def as_utc(value: Any) -> datetime | None:
    """A stored time as an aware datetime: ISO strings parsed, naive values taken as UTC; anything
    else (None, a bad string, another type) is None."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
