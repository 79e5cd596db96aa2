"""Adding subscriptions (URLs, or every feed of an OPML file) and writing them back as OPML."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from storyline.config import Settings
from storyline.errors import IngestError, SchedulerError
from storyline.ingest.feeds import parse_opml
from storyline.ingest.netguard import check_url
from storyline.store import Store

MIN_INTERVAL_S = 60  # politeness floor for a subscription's own interval


@dataclass
class SubscribeResult:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "input: why"


def _check(url: str, settings: Settings) -> None:
    """http(s) with a host; a literal address must be one we may fetch. Names are resolved (and
    checked) at every fetch, so a subscription made offline is not refused for a name."""
    parts = urlsplit(url)
    host = (parts.hostname or "") if parts.scheme.lower() in ("http", "https") else ""
    if not host:
        raise SchedulerError(f"{url}: not an http(s) URL with a host", source=url, kind="bad-url")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return
    check_url(url, settings)


def subscribe(store: Store, inputs: list[str], *, interval_s: int | None = None, title: str | None = None,
              settings: Settings | None = None, min_interval_s: int = MIN_INTERVAL_S) -> SubscribeResult:
    """Subscribe to each URL, and to every feed of each OPML file (path or bytes given as a path)."""
    settings = settings or Settings()
    interval = int(interval_s if interval_s is not None else settings.poll_interval)
    if interval < min_interval_s:
        raise SchedulerError(f"an interval of {interval}s is too short; the least is {min_interval_s}s",
                             source=str(interval), kind="bad-interval")
    result = SubscribeResult()
    for item in inputs:
        path = Path(item)
        if not item.startswith(("http://", "https://")) and path.is_file():
            try:
                urls = parse_opml(path.read_bytes(), item)
            except (OSError, IngestError) as exc:
                result.refused.append(f"{item}: {exc}")
                continue
            for url in urls:
                _one(store, url, None, interval, settings, result)
        else:
            _one(store, item, title, interval, settings, result)
    return result


def subscribe_opml_bytes(store: Store, data: bytes, name: str, *, interval_s: int,
                         settings: Settings | None = None) -> SubscribeResult:
    """The same for an uploaded OPML document."""
    result = SubscribeResult()
    try:
        urls = parse_opml(data, name)
    except IngestError as exc:
        result.refused.append(f"{name}: {exc}")
        return result
    for url in urls:
        _one(store, url, None, interval_s, settings or Settings(), result)
    return result


def _one(store: Store, url: str, title: str | None, interval: int, settings: Settings,
         result: SubscribeResult) -> None:
    url = url.strip()
    try:
        _check(url, settings)
    except (IngestError, SchedulerError) as exc:
        result.refused.append(str(exc) if str(exc).startswith(url) else f"{url}: {exc}")
        return
    _, created = store.add_subscription(url, title=title, interval_s=interval)
    (result.added if created else result.existing).append(url)


def export_opml(store: Store, title: str = "Storyline subscriptions") -> str:
    """Every subscription as an OPML 2.0 document (paused ones included, marked)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_escape(title)}</title></head>", "  <body>"]
    for sub in store.list_subscriptions():
        text = sub["title"] or sub["url"]
        extra = ' storylinePaused="true"' if sub["paused"] else ""
        lines.append(f'    <outline type="rss" text={quoteattr(text)} title={quoteattr(text)} '
                     f'xmlUrl={quoteattr(sub["url"])} storylineInterval="{int(sub["interval_s"])}"{extra}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
