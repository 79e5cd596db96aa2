"""ingest: sources in, raw pages (:class:`FetchedPage`) or named problems (:class:`IngestProblem`) out.

:func:`iter_inputs` reads local files and folders (HTML, ``.txt`` page dumps, JSONL, WARC, feeds,
OPML, sitemaps, any of them gzipped) and http(s) URLs. It never raises for one bad input: that
input becomes an ``IngestProblem`` with a stable ``kind`` slug and the run goes on.

Problem kinds: ``not-found``, ``empty``, ``binary``, ``bad-gzip``, ``too-large``, ``malformed-feed``,
``malformed-opml``, ``malformed-jsonl``, ``malformed-warc``, ``malformed-sitemap``, ``unsupported``,
``timeout``, ``connect-error``, ``http-error``, ``robots``, ``blocked-address``, ``blocked-scheme``,
``bad-url`` (not parseable as a URL), ``too-many-redirects``, ``empty-feed`` (a valid feed with no
items), ``unreadable`` (permissions, I/O errors), ``too-deep`` (feed/sitemap nesting bound),
``not-modified`` (a feed answered HTTP 304 to a conditional GET: nothing new, not a failure) and
``internal-error`` (a bug, reported).

Times: a local file's pages carry the file's modification time unless ``fetched_at`` is given;
a JSONL/WARC record's own time (``fetched_at`` / ``WARC-Date``) wins over both.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import httpx

from storyline.config import Settings
from storyline.ingest.dispatch import Ingest
from storyline.ingest.feeds import FeedState, MemoryFeedState
from storyline.ingest.http import Fetcher
from storyline.models import FetchedPage, IngestProblem

__all__ = ["FeedState", "Fetcher", "MemoryFeedState", "iter_inputs"]


def iter_inputs(
    inputs: list[str],
    settings: Settings,
    *,
    fetched_at: datetime | None = None,
    client: httpx.Client | None = None,
    feed_state: FeedState | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[FetchedPage | IngestProblem]:
    """Pages and problems from each input in turn (folders recursively, in sorted order).

    ``client`` is used for every HTTP request (tests pass a mock or a 127.0.0.1 one);
    ``fetcher`` replaces the whole fetcher (e.g. one with an injected clock or resolver);
    ``feed_state`` turns feed refreshes into conditional GETs.
    """
    ingest = Ingest(settings, fetched_at=fetched_at, client=client, feed_state=feed_state, fetcher=fetcher)
    yield from ingest.run(list(inputs))
