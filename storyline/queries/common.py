"""Small shared pieces: pagination, time parsing, reference time, optional writes, a TTL cache."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import annotated_types

from storyline.text.times import as_utc, parse_when  # noqa: F401 - re-exported: the web and API parse spans here

log = logging.getLogger(__name__)

MAX_LIMIT = 100
MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) store
MAX_OFFSET = 1_000_000  # deeper pages are not served: narrow the filters instead
MAX_SPAN_DAYS = 36_500  # "since=…d" further back than a century reads as not a date
# Integer parameters of the web pages and the API, bounded so no value reaches the database unchecked
# (an unbounded one overflowed SQLite's INTEGER: a 500 and a dropped connection). Out of range: 422.
Id = Annotated[int, annotated_types.Interval(ge=0, le=MAX_ID)]
Offset = Annotated[int, annotated_types.Interval(ge=0, le=MAX_OFFSET)]


@dataclass
class Page:
    """One page of a list: the items, the total when known, and where the next page starts."""

    items: list[dict] = field(default_factory=list)
    total: int | None = None
    limit: int = 20
    offset: int = 0

    @property
    def next_offset(self) -> int | None:
        if self.total is not None:
            return self.offset + self.limit if self.offset + self.limit < self.total else None
        return self.offset + self.limit if len(self.items) >= self.limit else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def clamp(limit: int | None, offset: int | None, default: int = 20) -> tuple[int, int]:
    limit = default if limit is None else max(1, min(MAX_LIMIT, int(limit)))
    return limit, max(0, min(MAX_OFFSET, int(offset or 0)))


def article_when(row: dict) -> datetime | None:
    return as_utc(row.get("published")) or as_utc(row.get("fetched_at"))


def reference_time(store) -> datetime:
    """'Now' for ranking: the present, or the newest article's time when the corpus is older."""
    now = datetime.now(UTC)
    latest = as_utc(store.latest_article_time())
    if latest is None or latest > now:
        return now
    return latest if now - latest > timedelta(days=2) else now


def optional_write(what: str, write: Callable[..., Any], *args, **kwargs) -> bool:
    """A write a page view may do but never needs (read counts, new watchlist matches).

    A read-only, locked or damaged store makes it fail: the failure is logged and the page is
    served all the same. Returns whether the write went through.
    """
    try:
        write(*args, **kwargs)
        return True
    except Exception as exc:  # noqa: BLE001 - reading must not depend on writing
        log.warning("skipped %s: %s", what, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return False


class TTLCache:
    """A small per-process cache for expensive read paths, keyed by a version value.

    An entry is served while its version matches the caller's (``Store.data_version()``: changed
    explicitly by every ingest batch, and by any new article or story update) and it is younger
    than ``seconds``; at most ``entries`` are kept (the oldest go first), so distinct queries
    cannot grow it without bound."""

    def __init__(self, seconds: float = 30.0, entries: int = 256):
        self.seconds = seconds
        self.entries = entries
        self._data: dict[Any, tuple[float, Any, Any]] = {}

    def get(self, key, version, make: Callable[[], Any]):
        hit = self._data.get(key)
        if hit and hit[1] == version and time.monotonic() - hit[0] < self.seconds:
            return hit[2]
        value = make()
        self._data.pop(key, None)
        self._data[key] = (time.monotonic(), version, value)
        while len(self._data) > self.entries:
            self._data.pop(next(iter(self._data)))
        return value

    def __len__(self) -> int:
        return len(self._data)


def cached_read(seconds: float = 60.0, entries: int = 256):
    """Cache a read path ``fn(store, *args, **kwargs)`` per store and arguments until the store's
    data version changes (see :class:`TTLCache`). The result is shared between requests: callers
    build their own dicts around it and never change it."""

    def wrap(fn):
        cache = TTLCache(seconds, entries)

        @functools.wraps(fn)
        def read(store, *args, **kwargs):
            key = (store.db, id(store), args, tuple(sorted(kwargs.items())))
            return cache.get(key, store.data_version(), lambda: fn(store, *args, **kwargs))

        read.cache = cache
        read.uncached = fn
        return read

    return wrap
