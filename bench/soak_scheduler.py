"""Soak the scheduler: N local feeds on several loopback hosts for M minutes while entries appear.

    python -m bench.soak_scheduler [--feeds 200] [--minutes 10] [--interval 30] [--no-write]

Feeds are served from 127.0.0.1-127.0.0.4 (four hosts: one fetch thread each) with ETags; every few
seconds some feeds gain an entry whose page is a real article text (the Zyte DEV bodies in
../shared, else the bundled samples) under a new title; now and then an entry's page is edited.
The scheduler runs as ``storyline serve`` runs it: its own process, full pipeline (extract, enrich,
stories, store). Its memory is sampled throughout. At the end every published entry must be stored
exactly once (edits as new versions), and nothing else. Traffic goes to loopback only; the run is
bounded by --minutes plus one drain interval.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.report import write_section
from storyline.scheduler import start_daemon_process
from storyline.store import open_store
from storyline.store.schema import article_versions, articles
from tests.scheduler.feedserver import FeedServer, article_html, rss

HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]
KEEP = 20  # entries a feed lists (older ones fall off, as on real feeds)


def texts() -> list[list[str]]:
    """Paragraph lists of real article texts."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    gold = shared / "eval" / "article_extraction_zyte" / "ground-truth.json"
    out = []
    if gold.is_file():
        for item in json.loads(gold.read_text(encoding="utf-8")).values():
            paras = [p.strip() for p in (item.get("articleBody") or "").split("\n") if len(p.strip()) > 40]
            if len(paras) >= 3:
                out.append(paras[:12])
    if not out:
        raise SystemExit(f"no article texts at {gold}; run from a checkout with ../shared beside it")
    return out


def vm_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


class Publisher:
    def __init__(self, servers: list[FeedServer], feeds: int, pool: list[list[str]], seed: int = 7):
        self.servers, self.pool, self.rng = servers, pool, random.Random(seed)
        self.entries: dict[int, list[tuple[str, str]]] = {i: [] for i in range(feeds)}
        self.published: set[str] = set()
        self.edits = 0
        self.counter = 0

    def server(self, feed: int) -> FeedServer:
        return self.servers[feed % len(self.servers)]

    def feed_path(self, feed: int) -> str:
        return f"/feed/{feed}.xml"

    def write_feed(self, feed: int) -> None:
        server = self.server(feed)
        items = self.entries[feed][-KEEP:]
        self.counter += 1
        server.set(self.feed_path(feed), body=rss(server.base, items, title=f"Soak feed {feed}"),
                   content_type="application/rss+xml", etag=f'"{feed}-{self.counter}"')

    def add_entry(self, feed: int) -> None:
        server = self.server(feed)
        n = len(self.published)
        paras = self.pool[n % len(self.pool)]
        title = f"Soak report {n}: {paras[0][:60]}"
        path = f"/entry/{feed}/{n}"
        server.set(path, body=article_html(title, [f"Report {n} from feed {feed}."] + paras))
        self.entries[feed].append((path, title))
        self.published.add(server.base + path)
        self.write_feed(feed)

    def edit_entry(self, feed: int) -> None:
        if not self.entries[feed]:
            return
        path, title = self.entries[feed][-1]
        n = int(path.rsplit("/", 1)[1])
        paras = self.pool[n % len(self.pool)]
        self.server(feed).set(path, body=article_html(title, [f"Report {n} from feed {feed}."] + paras
                                                       + ["Correction: an earlier version misstated a date."]))
        self.edits += 1
        self.write_feed(feed)  # a new ETag, so the feed is read (and its entries fetched) again


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--interval", type=int, default=30, help="each subscription's interval, seconds")
    ap.add_argument("--rate", type=float, default=0.5, help="new entries per second across all feeds")
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = ap.parse_args(argv)

    pool = texts()
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    db = str(tmp / "soak.db")
    servers = [FeedServer(host) for host in HOSTS]
    for s in servers:
        s.__enter__()
    pub = Publisher(servers, args.feeds, pool)
    store = open_store(db)
    for feed in range(args.feeds):
        pub.add_entry(feed)
        store.add_subscription(pub.server(feed).base + pub.feed_path(feed), interval_s=args.interval)
    settings = {"allowed_hosts": ",".join(HOSTS), "per_host_delay": 0.02, "respect_robots": False,
                "scheduler_tick": 2.0, "scheduler_concurrency": len(HOSTS), "scheduler_batch": 100}
    proc, stop = start_daemon_process(db, settings=settings)
    samples: list[tuple[float, int]] = []
    start = time.monotonic()
    end = start + args.minutes * 60
    next_sample, next_pub = start, start
    try:
        while time.monotonic() < end:
            now = time.monotonic()
            if now >= next_pub:
                feed = pub.rng.randrange(args.feeds)
                if pub.rng.random() < 0.1:
                    pub.edit_entry(feed)
                else:
                    pub.add_entry(feed)
                next_pub = now + 1.0 / args.rate
            if now >= next_sample:
                samples.append((round(now - start), vm_rss(proc.pid)))
                print(f"{samples[-1][0]:>5}s  scheduler RSS {samples[-1][1]} MB  published {len(pub.published)}",
                      flush=True)
                next_sample = now + 15
            time.sleep(0.05)
        # Drain: every feed checked twice more after the last change (the second check's fetch
        # surely began after publishing stopped).
        before = {sub["id"]: sub["checks"] for sub in store.list_subscriptions()}
        deadline = time.monotonic() + args.interval * 4 + 120
        while time.monotonic() < deadline:
            if all(sub["checks"] >= before[sub["id"]] + 2 for sub in store.list_subscriptions()):
                break
            time.sleep(1)
    finally:
        stop.set()
        proc.join(60)
        if proc.is_alive():
            proc.terminate()
        for s in servers:
            s.__exit__(None, None, None)

    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.url, func.count()).group_by(articles.c.url)).all()
        versions = conn.execute(select(func.count()).select_from(article_versions)
                                .where(article_versions.c.version > 1)).scalar_one()
    stored = {url for url, _ in rows}
    doubled = sum(1 for _, n in rows if n > 1)
    missed = len(pub.published - stored)
    extra = len(stored - pub.published)
    subs = store.list_subscriptions()
    errors = sum(s["consecutive_errors"] > 0 for s in subs)
    checks = sum(s["checks"] for s in subs)
    first = next((mb for t, mb in samples if t >= 60), samples[0][1] if samples else 0)
    peak = max(mb for _, mb in samples) if samples else 0
    last = samples[-1][1] if samples else 0
    table = (
        "| feeds | minutes | entries published | edits | stored articles | missed | doubled | extra | "
        "checks | sources in error | scheduler RSS at 1 min / end / peak |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
        f"| {args.feeds} | {args.minutes:g} | {len(pub.published)} | {pub.edits} | {len(stored)} | {missed} | "
        f"{doubled} | {extra} | {checks} | {errors} | {first} / {last} / {peak} MB |\n"
    )
    curve = ", ".join(f"{t}s {mb} MB" for t, mb in samples[:: max(1, len(samples) // 12)])
    body = (
        f"`python -m bench.soak_scheduler --feeds {args.feeds} --minutes {args.minutes:g} --interval "
        f"{args.interval}`: {args.feeds} local RSS feeds on {len(HOSTS)} loopback hosts, each polled every "
        f"{args.interval} s by the scheduler process (full pipeline: extract, enrich, stories, store, "
        f"watchlists); about {args.rate:g} new entries/s, 1 in 10 changes an edit of an entry's page.\n\n"
        + table + f"\nScheduler memory over the run: {curve}.\n\nArticle versions recorded for edits: {versions}."
    )
    print(body)
    if not args.no_write:
        write_section("Scheduler soak", body)
    store.close()
    return 0 if missed == 0 and doubled == 0 and extra == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
