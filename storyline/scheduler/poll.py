"""One polling round: claim due subscriptions, fetch them in parallel, ingest them one at a time.

    store.claim_due_subscriptions (a lease per subscription: never polled twice at once)
      -> fetch, one thread per host (bounded; one host's sources in turn, so per-host politeness holds)
      -> Pipeline.ingest_pages in this thread (the one writer: extract -> enrich -> stories -> store)
      -> conditional-GET state saved only after the pages are stored (a crash refetches, never skips)
      -> next check: the interval, or a capped exponential back-off after errors, never before a
         server's Retry-After
      -> watchlists matched and alerts delivered once per round with new articles
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from storyline.config import Settings
from storyline.ingest.dispatch import Ingest
from storyline.ingest.http import Fetcher
from storyline.models import FetchedPage, IngestProblem
from storyline.pipeline import Pipeline
from storyline.queries.watch import run_watch_round
from storyline.store import Store

log = logging.getLogger(__name__)
Record = FetchedPage | IngestProblem
WATCH_EVERY = 60.0  # seconds between watchlist rounds when no poll brought anything new


def utcnow() -> datetime:
    return datetime.now(UTC)


class DeferredFeedState:
    """Conditional-GET state read from the store; new values held until the pages are stored."""

    def __init__(self, store: Store):
        self.store = store
        self.pending: dict[str, tuple[str | None, str | None]] = {}

    def get(self, feed_url: str):
        return self.store.get_feed_state(feed_url)

    def set(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.pending[feed_url] = (etag, last_modified)

    def commit(self) -> None:
        for url, (etag, modified) in self.pending.items():
            self.store.set_feed_state(url, etag, modified)
        self.pending.clear()


@dataclass
class Check:
    """What one check of one subscription found."""

    subscription: dict
    records: list[Record] = field(default_factory=list)
    feed_state: DeferredFeedState | None = None
    crashed: str | None = None  # an unexpected error while fetching (a bug, recorded, not raised)

    @property
    def url(self) -> str:
        return self.subscription["url"]

    def own_problem(self) -> IngestProblem | None:
        """The problem of the subscription's own URL (not of one of its entries), if any."""
        return next((r for r in self.records if isinstance(r, IngestProblem) and r.source == self.url), None)

    def feed_title(self) -> str | None:
        for rec in self.records:
            if isinstance(rec, FetchedPage) and rec.feed_entry and rec.feed_entry.get("feed_title"):
                return str(rec.feed_entry["feed_title"])[:300]
        return None


@dataclass
class RoundReport:
    claimed: int = 0
    checked: list[dict] = field(default_factory=list)  # one row per subscription
    new_articles: int = 0
    matched: int = 0
    deliveries: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"claimed": self.claimed, "new_articles": self.new_articles, "matched": self.matched,
                "errors": sum(1 for c in self.checked if c["status"] == "error"),
                "deliveries": len(self.deliveries), "at": utcnow().isoformat()}


def next_check(sub: dict, status: str, errors_in_a_row: int, retry_after: float | None, now: datetime,
               max_backoff: float) -> datetime:
    """The interval after a success; after errors the interval doubled per error in a row, capped at
    ``max_backoff``; never earlier than the server's Retry-After (itself capped at ``max_backoff``)."""
    interval = max(1, int(sub["interval_s"]))
    if status != "error":
        wait = float(interval)
    else:
        wait = min(float(max_backoff), interval * 2.0 ** max(0, errors_in_a_row - 1))
    if retry_after is not None:
        wait = max(wait, min(float(retry_after), float(max_backoff)))
    return now + timedelta(seconds=wait)


class Scheduler:
    """Polls the store's due subscriptions. Several schedulers (processes) may share one store."""

    def __init__(self, store: Store, settings: Settings | None = None, *, client: httpx.Client | None = None,
                 webhook_client: httpx.Client | None = None, base_url: str = "http://127.0.0.1:8000",
                 owner: str | None = None, clock: Callable[[], datetime] = utcnow):
        self.store = store
        self.settings = settings or Settings()
        self.client, self.webhook_client, self.base_url = client, webhook_client, base_url
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.clock = clock

    # -- one round
    def run_once(self) -> RoundReport:
        report = RoundReport()
        claimed = self.store.claim_due_subscriptions(
            self.owner, limit=int(self.settings.scheduler_batch), lease_s=float(self.settings.scheduler_lease),
            now=self.clock())
        report.claimed = len(claimed)
        if not claimed:
            self.heartbeat("idle")
            return report
        self.heartbeat("polling")
        pipeline = Pipeline(self.store, self.settings)
        with ThreadPoolExecutor(max(1, int(self.settings.scheduler_concurrency))) as pool:
            futures = [pool.submit(self._fetch_host, subs) for subs in _by_host(claimed)]
            for future in futures:
                for check in future.result():
                    report.checked.append(self._ingest(pipeline, check))
                    self.heartbeat("polling")
        report.new_articles = sum(c["new_articles"] for c in report.checked)
        if report.new_articles:
            self._alert(report)
        self.heartbeat("idle", last_batch=report.as_dict())
        return report

    def heartbeat(self, state: str, last_batch: dict | None = None) -> None:
        self.store.save_scheduler_state(self.owner, state=state, poll_s=float(self.settings.scheduler_tick),
                                        pid=os.getpid(), hostname=socket.gethostname(), last_batch=last_batch)

    # -- stages
    def _fetch_host(self, subs: list[dict]) -> list[Check]:
        """One host's subscriptions in turn through one fetcher, so its per-host delay holds."""
        fetcher = Fetcher(self.settings, self.client)
        try:
            return [self._fetch(sub, fetcher) for sub in subs]
        finally:
            if self.client is None:
                fetcher.close()

    def _fetch(self, sub: dict, fetcher: Fetcher) -> Check:
        check = Check(sub, feed_state=DeferredFeedState(self.store))
        ingest = Ingest(self.settings, feed_state=check.feed_state, fetcher=fetcher)
        try:
            check.records = list(ingest.run([sub["url"]]))
        except Exception as exc:
            log.exception("fetching %s failed", sub["url"])
            check.crashed = f"{exc.__class__.__name__}: {exc}"
        return check

    def _ingest(self, pipeline: Pipeline, check: Check) -> dict:
        sub, now = check.subscription, self.clock()
        summary = pipeline.ingest_pages(check.records, label=f"poll {check.url}")
        own = check.own_problem()
        if check.crashed or (own is not None and own.kind != "not-modified"):
            status = "error"
            error = check.crashed or own.message  # type: ignore[union-attr]
        else:
            status, error = ("not-modified" if own is not None else "ok"), None
        if status != "error" and check.feed_state is not None:
            check.feed_state.commit()  # only now: the pages it vouches for are stored
        errors = sub["consecutive_errors"] + 1 if status == "error" else 0
        retry_after = own.retry_after if own is not None else None
        due = next_check(sub, status, errors, retry_after, now, float(self.settings.max_backoff))
        new = summary.articles_new + summary.articles_versions
        kept = self.store.finish_subscription_check(
            sub["id"], self.owner, status=status, error=error, new_articles=new, next_check_at=due,
            errors_in_a_row=errors, title=check.feed_title(), now=now)
        if not kept:
            log.warning("lease on %s expired during its check; another scheduler may have it now", sub["url"])
        return {"id": sub["id"], "url": sub["url"], "status": status, "error": error, "new_articles": new,
                "next_check_at": due.isoformat(), "retry_after": retry_after}

    def _alert(self, report: RoundReport) -> None:
        try:
            result = run_watch_round(self.store, client=self.webhook_client, base_url=self.base_url,
                                     settings=self.settings)
        except Exception:
            log.exception("watchlist round failed")
            return
        report.matched, report.deliveries = result["matched"], result["deliveries"]

    # -- the loop
    def seconds_until_due(self) -> float:
        due = self.store.next_subscription_due()
        if due is None:
            return float(self.settings.scheduler_tick)
        return max(0.0, min(float(self.settings.scheduler_tick), (due - self.clock()).total_seconds()))

    def run_forever(self, stop) -> None:
        """Poll until ``stop`` (a threading or multiprocessing Event) is set. Watchlists are also matched
        every ``WATCH_EVERY`` seconds, for articles that other processes (`storyline ingest`) stored."""
        self.heartbeat("idle")
        last_watch = time.monotonic()
        try:
            while not stop.is_set():
                try:
                    report = self.run_once()
                    if report.new_articles:
                        last_watch = time.monotonic()
                    elif time.monotonic() - last_watch >= WATCH_EVERY:
                        self._alert(report)
                        last_watch = time.monotonic()
                except Exception:
                    log.exception("scheduler round failed")
                    report = RoundReport()
                if report.claimed < int(self.settings.scheduler_batch):
                    stop.wait(self.seconds_until_due())
        finally:
            self.heartbeat("stopped")


def _by_host(subs: list[dict]) -> list[list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for sub in subs:
        groups[urlsplit(sub["url"]).netloc.lower()].append(sub)
    return list(groups.values())
