"""The scheduler against feed servers on 127.0.0.1 whose content changes between rounds."""

from __future__ import annotations

import itertools
import multiprocessing
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from storyline.config import Settings
from storyline.errors import SchedulerError
from storyline.queries.watch import follow
from storyline.scheduler import Scheduler, export_opml, next_check, subscribe
from storyline.store import open_store
from tests.scheduler.feedserver import FeedServer, article_html, rss

TOPICS = [
    ("Japan tightens export controls on chipmaking tools",
     [("Tokyo said on Thursday it would require licences for exports of advanced lithography equipment, "
       "widening controls first announced last year."),
      ("The trade ministry said the rules take effect next month and cover 23 categories of equipment "
       "used to make logic and memory chips."),
      "Industry groups asked for a transition period so that contracts already signed can be honoured."]),
    ("Australia and Indonesia sign maritime security pact",
     [("Canberra and Jakarta signed an agreement on Friday to share coast-guard patrol data in the "
       "waters between the two countries."),
      "The defence ministers said joint exercises would begin in the first quarter of next year.",
      "Analysts said the accord reflects concern over illegal fishing and smuggling routes."]),
    ("EU opens anti-subsidy probe into electric ferries",
     [("The European Commission opened an investigation into state support for electric ferry builders, "
       "officials in Brussels said."),
      "The probe will examine loans and tax breaks given to three shipyards over the past five years.",
      "Shipbuilders in Norway and Finland had complained about prices well below their costs."]),
    ("India raises tariffs on imported solar glass",
     ["New Delhi raised import duties on solar glass to 30 percent, the finance ministry announced.",
      "The measure aims to support domestic manufacturers who have expanded capacity this year.",
      "Developers warned that project costs could rise by several percent as a result."]),
]


class Clock:
    def __init__(self):
        self.now = datetime.now(UTC)

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def settings(**extra) -> Settings:
    base = {"allowed_hosts": "127.0.0.1", "per_host_delay": 0.0, "fetch_timeout": 5.0, "enrich": False,
            "respect_robots": False, "scheduler_concurrency": 3}
    base.update(extra)
    return Settings(**base)


def publish(server: FeedServer, feed: str, topics: list[int], *, edited: set[int] = frozenset()) -> None:
    items = []
    for i in topics:
        title, paras = TOPICS[i]
        paras = paras + (["An updated version adds that talks with partners will continue next week."]
                         if i in edited else [])
        server.set(f"/a/{i}", body=article_html(title, paras))
        items.append((f"/a/{i}", title))
    server.set(feed, body=rss(server.base, items), content_type="application/rss+xml")


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "sched.db"))
    yield s
    s.close()


def test_new_entries_stored_and_alerted_once_edits_become_versions(store):
    clock = Clock()
    with FeedServer() as server:
        publish(server, "/feed.xml", [0, 1])
        sub_id, _ = store.add_subscription(f"{server.base}/feed.xml", interval_s=600, now=clock())
        sched = Scheduler(store, settings(), clock=clock)
        report = sched.run_once()
        assert report.claimed == 1 and report.new_articles == 2
        assert store.count_articles() == 2
        sub = store.get_subscription(sub_id)
        assert sub["last_status"] == "ok" and sub["title"] == "Test Wire"
        assert sub["next_check_at"] == clock() + timedelta(seconds=600)

        # Not due yet: nothing is fetched.
        clock.advance(599)
        assert sched.run_once().claimed == 0

        # One interval later: one new entry, one edited entry.
        publish(server, "/feed.xml", [0, 1, 2], edited={1})
        clock.advance(1)
        report = sched.run_once()
        assert report.claimed == 1
        assert report.new_articles == 2  # entry 2 new, entry 1 a new version
        assert store.count_articles() == 3
        assert server.count("/a/0") == 2  # fetched again, unchanged: nothing stored twice

        # Same content again: nothing new, nothing doubled.
        clock.advance(600)
        assert sched.run_once().new_articles == 0
        assert store.count_articles() == 3


def test_watchlist_alerts_fire_by_themselves_once(store):
    posted: list[bytes] = []
    webhook = httpx.Client(transport=httpx.MockTransport(lambda r: posted.append(r.read()) or httpx.Response(204)))
    clock = Clock()
    uid = store.create_user("watcher", "not-a-real-hash", is_admin=False)
    with FeedServer() as server:
        publish(server, "/f.xml", [0])
        store.add_subscription(f"{server.base}/f.xml", interval_s=300, now=clock())
        follow(store, uid, "search", "export controls")
        (watchlist,) = store.list_watchlists(uid)
        store.update_watchlist(watchlist["id"], webhook_url="http://93.184.216.34/hook")  # a public address
        sched = Scheduler(store, settings(), webhook_client=webhook, clock=clock)
        report = sched.run_once()
        assert report.new_articles == 1 and report.matched == 1
        assert len(posted) == 1 and b"export controls" in posted[0].lower()
        clock.advance(300)
        publish(server, "/f.xml", [0, 3])  # a tariff story: matches nothing
        report = sched.run_once()
        assert report.new_articles == 1 and report.matched == 0 and len(posted) == 1


def test_failing_source_backs_off_then_recovers(store):
    clock = Clock()
    with FeedServer() as server:
        server.set("/down.xml", status=500, body=b"oops")
        sub_id, _ = store.add_subscription(f"{server.base}/down.xml", interval_s=100, now=clock())
        sched = Scheduler(store, settings(max_backoff=350), clock=clock)
        waits = []
        for _ in range(4):
            sched.run_once()
            sub = store.get_subscription(sub_id)
            assert sub["last_status"] == "error" and "HTTP 500" in sub["last_error"]
            waits.append((sub["next_check_at"] - clock()).total_seconds())
            clock.now = sub["next_check_at"]
        assert waits == [100, 200, 350, 350]  # doubled per error, capped
        assert store.get_subscription(sub_id)["consecutive_errors"] == 4
        publish(server, "/down.xml", [2])
        sched.run_once()
        sub = store.get_subscription(sub_id)
        assert sub["last_status"] == "ok" and sub["consecutive_errors"] == 0 and sub["last_error"] is None
        assert (sub["next_check_at"] - clock()).total_seconds() == 100
        assert store.count_articles() == 1


def test_retry_after_is_honoured(store):
    clock = Clock()
    with FeedServer() as server:
        server.set("/busy.xml", status=429, body=b"slow down", headers={"Retry-After": "3600"})
        sub_id, _ = store.add_subscription(f"{server.base}/busy.xml", interval_s=120, now=clock())
        Scheduler(store, settings(), clock=clock).run_once()
        sub = store.get_subscription(sub_id)
        assert sub["last_status"] == "error"
        assert (sub["next_check_at"] - clock()).total_seconds() == 3600


def test_not_modified_keeps_state_and_counts_as_success(store):
    clock = Clock()
    with FeedServer() as server:
        publish(server, "/e.xml", [1])
        server.answers["/e.xml"].etag = '"v1"'
        sub_id, _ = store.add_subscription(f"{server.base}/e.xml", interval_s=60, now=clock())
        sched = Scheduler(store, settings(), clock=clock)
        sched.run_once()
        assert store.get_feed_state(f"{server.base}/e.xml")[0] == '"v1"'
        clock.advance(60)
        sched.run_once()
        sub = store.get_subscription(sub_id)
        assert sub["last_status"] == "not-modified" and sub["checks"] == 2
        assert server.count("/a/1") == 1  # the 304 fetched no entry again


def test_next_check_rules():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    sub = {"interval_s": 60}
    assert next_check(sub, "ok", 0, None, now, 1000) == now + timedelta(seconds=60)
    assert next_check(sub, "error", 3, None, now, 1000) == now + timedelta(seconds=240)
    assert next_check(sub, "error", 10, None, now, 1000) == now + timedelta(seconds=1000)
    assert next_check(sub, "error", 1, 30, now, 1000) == now + timedelta(seconds=60)
    assert next_check(sub, "error", 1, 5000, now, 1000) == now + timedelta(seconds=1000)


def test_subscribe_urls_and_opml_and_export_round_trip(store, tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline text="A" xmlUrl="https://a.example/feed.xml"/>'
                    '<outline text="B" xmlUrl="https://b.example/rss"/>'
                    '<outline text="private" xmlUrl="http://10.0.0.5/rss"/></body></opml>')
    result = subscribe(store, ["https://c.example/atom.xml", str(opml), "ftp://x.example/f"], interval_s=900)
    assert sorted(result.added) == ["https://a.example/feed.xml", "https://b.example/rss",
                                    "https://c.example/atom.xml"]
    assert len(result.refused) == 2  # the private address and the ftp URL, each with its reason
    again = subscribe(store, ["https://c.example/atom.xml"], interval_s=900)
    assert again.existing == ["https://c.example/atom.xml"] and not again.added
    with pytest.raises(SchedulerError):
        subscribe(store, ["https://d.example/"], interval_s=5)
    out = tmp_path / "out.opml"
    out.write_text(export_opml(store))
    other = open_store(str(tmp_path / "other.db"))
    assert sorted(subscribe(other, [str(out)], interval_s=900).added) == sorted(result.added)
    other.close()


def _poll_for(db: str, seconds: float, base: str) -> int:
    store = open_store(db)
    sched = Scheduler(store, settings())
    rounds, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        sched.run_once()
        rounds += 1
        time.sleep(0.05)
    store.close()
    return rounds


def test_two_processes_never_poll_one_source_at_once(tmp_path):
    db = str(tmp_path / "two.db")
    store = open_store(db)
    with FeedServer() as server:
        for i in range(6):
            server.set(f"/slow{i}.xml", body=rss(server.base, []), content_type="application/rss+xml", delay=0.3)
            store.add_subscription(f"{server.base}/slow{i}.xml", interval_s=1)
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(2) as pool:
            rounds = pool.starmap(_poll_for, [(db, 6.0, server.base)] * 2)
        assert all(r > 0 for r in rounds)
        hits = sorted(server.hits)
    store.close()
    by_path: dict[str, list[tuple[float, float]]] = {}
    for path, start, end in hits:
        by_path.setdefault(path, []).append((start, end))
    assert len(by_path) == 6 and sum(len(v) for v in by_path.values()) >= 12
    for path, spans in by_path.items():
        for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
            assert s2 >= e1, f"{path} polled twice at once"


def test_digest_watchlists_wait_for_their_period(store):
    from storyline.queries.watch import deliver_webhooks, digest_due, match_watchlists

    posted: list[bytes] = []
    webhook = httpx.Client(transport=httpx.MockTransport(lambda r: posted.append(r.read()) or httpx.Response(204)))
    uid = store.create_user("digest", "not-a-real-hash", is_admin=False)
    follow(store, uid, "search", "solar")
    (wl,) = store.list_watchlists(uid)
    store.update_watchlist(wl["id"], webhook_url="http://93.184.216.34/hook")
    store.set_watchlist_digest(wl["id"], "hourly")
    with pytest.raises(SchedulerError):
        store.set_watchlist_digest(wl["id"], "weekly-ish")
    now = datetime.now(UTC)
    assert digest_due({"digest": "hourly", "last_delivered_at": None}, now)
    assert not digest_due({"digest": "hourly", "last_delivered_at": now - timedelta(minutes=59)}, now)
    assert digest_due({"digest": "daily", "last_delivered_at": now - timedelta(days=1)}, now)
    clock = Clock()
    with FeedServer() as server:
        publish(server, "/s.xml", [3])
        store.add_subscription(f"{server.base}/s.xml", interval_s=60, now=clock())
        Scheduler(store, settings(), webhook_client=webhook, clock=clock).run_once()
        assert len(posted) == 1  # the first digest goes out at once
        publish(server, "/s.xml", [3, 2])
        server.set("/a/2", body=article_html("Solar glass makers expand", TOPICS[3][1][1:] + TOPICS[2][1]))
        clock.advance(60)
        Scheduler(store, settings(), webhook_client=webhook, clock=clock).run_once()
        assert match_watchlists(store) == 0 and len(posted) == 1  # matched, held for the hour
        store.mark_watchlist_delivered(wl["id"], datetime.now(UTC) - timedelta(hours=2))
        assert deliver_webhooks(store, client=webhook)[0]["ok"] and len(posted) == 2


@pytest.mark.postgres
def test_rounds_and_leases_on_postgres(pg_url):
    store = open_store(pg_url)
    clock = Clock()
    try:
        with FeedServer() as server:
            publish(server, "/pg.xml", [0, 1])
            sub_id, _ = store.add_subscription(f"{server.base}/pg.xml", interval_s=60, now=clock())
            # A lease held by another scheduler keeps this one off the source until it expires.
            claimed = store.claim_due_subscriptions("other", limit=5, lease_s=30, now=clock())
            assert [s["id"] for s in claimed] == [sub_id]
            sched = Scheduler(store, settings(), clock=clock)
            assert sched.run_once().claimed == 0
            clock.advance(31)
            report = sched.run_once()
            assert report.claimed == 1 and report.new_articles == 2
            sub = store.get_subscription(sub_id)
            assert sub["lease_owner"] is None and sub["last_status"] == "ok"
            assert not store.finish_subscription_check(
                sub_id, "other", status="ok", error=None, new_articles=0, next_check_at=clock(), errors_in_a_row=0
            )
    finally:
        store.close()
