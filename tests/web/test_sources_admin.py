"""The sources page: subscriptions with their fetch state; admins subscribe, import/export OPML, pause,
refresh and remove; the status page shows the scheduler's health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from storyline.queries.sources import scheduler_health
from tests.web.conftest import csrf_of, register

OPML = (b'<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed.xml"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss"/></body></opml>')


def _admin(app, store) -> TestClient:
    client = TestClient(app)
    register(client, "boss")
    store.update_user(store.get_user_by_name("boss")["id"], is_admin=True)
    return client


def test_admin_manages_subscriptions(app, store):
    with _admin(app, store) as admin:
        token = csrf_of(admin, "/sources")
        resp = admin.post("/sources/subscribe", data={"url": "https://wire.example/rss.xml", "minutes": 15,
                                                      "csrf_token": token}, follow_redirects=True)
        assert resp.status_code == 200 and "Subscribed to https://wire.example/rss.xml" in resp.text
        (sub,) = store.list_subscriptions()
        assert sub["interval_s"] == 900 and not sub["paused"]
        resp = admin.post("/sources/import", files={"file": ("feeds.opml", OPML, "text/xml")},
                          data={"minutes": 60, "csrf_token": token}, follow_redirects=True)
        assert "Imported 2 new" in resp.text
        assert {s["url"] for s in store.list_subscriptions()} == {
            "https://wire.example/rss.xml", "https://a.example/feed.xml", "https://b.example/rss"}
        assert admin.post(f"/sources/{sub['id']}/pause", data={"csrf_token": token}).status_code == 200
        assert store.get_subscription(sub["id"])["paused"]
        page = admin.get("/sources").text
        assert "paused" in page and "Export subscriptions as OPML" in page
        admin.post(f"/sources/{sub['id']}/refresh", data={"csrf_token": token})
        sub = store.get_subscription(sub["id"])
        assert not sub["paused"] and sub["next_check_at"] <= datetime.now(UTC)
        opml = admin.get("/sources.opml")
        assert opml.status_code == 200 and b'xmlUrl="https://b.example/rss"' in opml.content
        assert admin.post(f"/sources/{sub['id']}/remove", data={"csrf_token": token}).status_code == 200
        assert store.get_subscription(sub["id"]) is None
        assert admin.post("/sources/999/remove", data={"csrf_token": token}).status_code == 404
        bad = admin.post("/sources/subscribe", data={"url": "http://10.1.2.3/feed", "minutes": 15,
                                                     "csrf_token": token})
        assert bad.status_code == 422 and "non-public" in bad.text


def test_non_admins_cannot_manage_subscriptions(app, store):
    store.create_user("first", "not-a-real-hash", is_admin=True)  # the first account is the admin
    with TestClient(app) as visitor:
        token = csrf_of(visitor, "/login")
        assert visitor.post("/sources/subscribe", data={"url": "https://x.example/f", "csrf_token": token}
                            ).status_code == 401
        register(visitor, "reader")
        token = csrf_of(visitor, "/me")
        assert visitor.post("/sources/subscribe", data={"url": "https://x.example/f", "csrf_token": token}
                            ).status_code == 403
        assert visitor.get("/sources.opml").status_code == 403
        assert visitor.post("/sources/subscribe", data={"url": "https://x.example/f", "csrf_token": "forged"}
                            ).status_code == 403
    assert store.list_subscriptions() == []


def test_status_shows_a_stalled_scheduler_and_sources_in_error(client, store):
    sub_id, _ = store.add_subscription("https://down.example/rss", interval_s=600)
    (claimed,) = store.claim_due_subscriptions("sched-a", limit=5, lease_s=60)
    store.finish_subscription_check(sub_id, "sched-a", status="error", error="https://down.example/rss: HTTP 503",
                                    new_articles=0, next_check_at=datetime.now(UTC) + timedelta(seconds=600),
                                    errors_in_a_row=1)
    store.save_scheduler_state("sched-a", state="idle", poll_s=15.0, pid=1, hostname="h")
    health = scheduler_health(store)
    assert health["running"] == 1 and health["stalled"] == 0 and len(health["in_error"]) == 1
    later = datetime.now(UTC) + timedelta(seconds=2 * 15 + 91)
    assert scheduler_health(store, later)["stalled"] == 1
    page = client.get("/status").text
    assert "Scheduler" in page and "HTTP 503" in page and "1 running" in page
    store.save_scheduler_state("sched-a", state="stopped", poll_s=15.0)
    assert scheduler_health(store)["running"] == 0
    assert "not running" in client.get("/status").text
    del claimed
