"""Polite, bounded HTTP fetching: one :class:`Fetcher` per ingest run.

Every hop (the first request and each redirect) is checked the same way before any byte is
sent: http/https only, no private/loopback/link-local address (see ``netguard``), robots.txt
allows it, and the per-host delay has passed. The default client (``guarded.guarded_client``)
checks again the address the socket connects to and pins it (no DNS rebinding). Each hop has one
overall deadline of ``fetch_timeout`` seconds for connect, headers and body together. Bodies are
streamed and abandoned at ``max_page_bytes``; redirects are followed by hand up to ``max_redirects``.

A ``304 Not Modified`` answer to a conditional request is returned as a page with
``status=304`` and empty content: the caller decides what "nothing new" means.
Failures raise ``FetchError`` (kinds ``timeout``, ``connect-error``, ``http-error``,
``too-many-redirects``), ``BlockedError`` (``robots``, ``blocked-address``, ``blocked-scheme``)
or ``TooLargeError`` (``too-large``). An ``http-error`` carries the body in ``exc.content``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from storyline.config import Settings
from storyline.errors import BlockedError, FetchError, TooLargeError
from storyline.ingest.common import charset_of
from storyline.ingest.guarded import deadline, guarded_client
from storyline.ingest.netguard import Resolver, check_url, resolve_host
from storyline.models import FetchedPage

ROBOTS_MAX_BYTES = 500_000  # RFC 9309 lets crawlers stop reading at 500 KiB
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay above this is not honoured in full


class Fetcher:
    """Fetch URLs under the run's settings. ``clock``/``sleep``/``resolver`` are injectable for tests."""

    def __init__(
        self,
        settings: Settings,
        client: httpx.Client | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolver: Resolver = resolve_host,
    ):
        self.settings = settings
        self.client = client or guarded_client(settings, resolver)
        self.clock, self.sleep, self.resolver = clock, sleep, resolver
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    # ------------------------------------------------------------------ public

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchedPage:
        """GET ``url`` following redirects by hand; every hop is re-checked."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current, seen = url, [url]
        for _hop in range(self.settings.max_redirects + 1):
            self._check(current)
            status, headers, body, final = self._get(current, conditional, self.settings.max_page_bytes)
            location = headers.get("location") if status in (301, 302, 303, 307, 308) else None
            if not location:
                return self._page(url, final, status, headers, body)
            current = urljoin(current, location.strip())
            if current in seen:
                raise FetchError(f"{url}: redirect loop via {current}", source=url, kind="too-many-redirects")
            seen.append(current)
        raise FetchError(
            f"{url}: more than {self.settings.max_redirects} redirects (last: {current})",
            source=url, kind="too-many-redirects",
        )

    def allowed_by_robots(self, url: str) -> bool:
        """True when robots.txt of the URL's host lets our user agent fetch it (cached per host)."""
        if not self.settings.respect_robots:
            return True
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ hops

    def _check(self, url: str) -> None:
        check_url(url, self.settings, self.resolver)
        if not self.allowed_by_robots(url):
            raise BlockedError(
                f"{url}: disallowed by robots.txt for {self.settings.user_agent!r}", source=url, kind="robots"
            )

    def _get(self, url: str, extra: dict[str, str], cap: int) -> tuple[int, dict[str, str], bytes, str]:
        """One GET, no redirects: (status, lower-cased headers, body up to ``cap``, url)."""
        self._wait_turn(url)
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate", **extra}
        limit = self.settings.fetch_timeout
        timeout = httpx.Timeout(limit)
        end = time.monotonic() + limit
        try:
            with deadline(limit), self.client.stream(
                "GET", url, headers=headers, timeout=timeout, follow_redirects=False
            ) as resp:
                head = {k.lower(): v for k, v in resp.headers.items()}
                body = b"" if 300 <= resp.status_code < 400 else self._read(resp, url, cap, end)
                return resp.status_code, head, body, str(resp.url)
        except BlockedError as exc:  # the connection-time guard (a name re-resolved to a refused address)
            raise BlockedError(f"{url}: {exc}", source=url, kind=exc.kind) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"{url}: timed out after {self.settings.fetch_timeout}s ({type(exc).__name__})",
                source=url, kind="timeout",
            ) from exc
        except httpx.HTTPError as exc:  # connect errors, protocol errors, bad content encoding
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}", source=url, kind="connect-error") from exc

    def _read(self, resp: httpx.Response, url: str, cap: int, end: float) -> bytes:
        """Stream the body, giving up once it passes ``cap`` bytes (declared or actual) or time ``end``."""
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLargeError(f"{url}: declares {declared} bytes, over the {cap}-byte cap", source=url)
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise TooLargeError(f"{url}: body passed the {cap}-byte cap; abandoned", source=url)
            if time.monotonic() > end:  # also for an injected client without the guarded transport
                raise FetchError(f"{url}: body still arriving after the time limit", source=url, kind="timeout")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        """Sleep until ``per_host_delay`` (or a larger robots Crawl-delay) has passed for this host."""
        host = _host_key(url)
        delay = self.settings.per_host_delay
        parser = self._robots.get(host)
        crawl_delay = parser.crawl_delay(self.settings.user_agent) if parser else None
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    # ------------------------------------------------------------------ robots

    def _robots_for(self, url: str) -> RobotFileParser | None:
        host = _host_key(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host + "/robots.txt")
        return self._robots[host]

    def _load_robots(self, robots_url: str) -> RobotFileParser | None:
        """RFC 9309: 4xx or unreachable -> no rules (None); 5xx -> everything disallowed."""
        current = robots_url
        for _hop in range(5):
            try:
                check_url(current, self.settings, self.resolver)
                status, headers, body, _ = self._get(current, {}, ROBOTS_MAX_BYTES)
            except (FetchError, BlockedError, TooLargeError):
                return None
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            parser = RobotFileParser(robots_url)
            if status >= 500:
                parser.disallow_all = True
            elif status >= 400:
                return None
            else:
                parser.parse(body.decode("utf-8", "replace").splitlines())
            return parser
        return None

    # ------------------------------------------------------------------ result

    def _page(self, url: str, final: str, status: int, headers: dict[str, str], body: bytes) -> FetchedPage:
        if status >= 400:
            exc = FetchError(f"{url}: HTTP {status}", source=url, kind="http-error")
            exc.content = body  # type: ignore[attr-defined]  # kept so nothing is lost
            exc.retry_after = retry_after_seconds(headers.get("retry-after"))  # type: ignore[attr-defined]
            raise exc
        content_type = headers.get("content-type")
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        return FetchedPage(
            source=url,
            content=body,
            fetched_at=datetime.now(UTC),
            url=final,
            status=status,
            content_type=content_type,
            kind="text" if mime == "text/plain" else "html",
            encoding=charset_of(content_type),
            headers=headers,
        )


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now; None when absent or bad."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
