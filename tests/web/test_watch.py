"""Watchlists: follow, new matches after an ingest (each naming its rule), personal feed, webhooks."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import feedparser
import pytest

from storyline.queries import watch
from tests.web.conftest import csrf_of, register
from tests.web.corpus import JPN, add


@pytest.fixture
def receiver():
    """A webhook receiver on 127.0.0.1 that records each POSTed JSON body."""
    got: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", got
    server.shutdown()
    server.server_close()


def follow(client, kind: str, value: str, label: str = ""):
    token = csrf_of(client, "/")
    return client.post(
        "/follow",
        data={"kind": kind, "value": value, "label": label, "csrf_token": token},
        follow_redirects=False,
    )


def test_follow_tag_then_new_article_matches(client, store, ids):
    register(client)
    assert follow(client, "tag", "RareEarths").status_code == 303
    assert "Following" in client.get("/tags/RareEarths").text
    me = client.get("/me").text
    assert "Nothing new yet" in me  # existing articles are not "new"
    aid = add(
        store,
        "Japan and EU agree rare-earth partnership",
        "Japan and the EU agreed a partnership.",
        outlet="Kanto Herald",
        hours_ago=0.5,
        ents=[JPN],
        tags=["RareEarths"],
    )
    me = client.get("/me").text
    assert f'/articles/{aid}"' in me and "matched tag <strong>#RareEarths</strong>" in me
    assert watch.match_watchlists(store) == 0  # idempotent: nothing newer


def test_follow_entity_and_saved_search(client, store, ids):
    register(client)
    follow(client, "entity", str(ids["country:JPN"]))
    follow(client, "search", "q=stockpile", "stockpile")
    aid = add(
        store,
        "Japan expands stockpile",
        "Japan expands its stockpile of magnets.",
        outlet="Asia Current",
        hours_ago=0.2,
        ents=[JPN],
        tags=["Stockpiles"],
    )
    me = client.get("/me").text
    assert me.count(f'/articles/{aid}"') == 2
    assert "matched entity <strong>Japan</strong>" in me and "matched search <strong>stockpile</strong>" in me
    rule = [
        r
        for r in store.list_watchlists(store.get_user_by_name("alice")["id"])[0]["rules"]
        if r["kind"] == "search"
    ][0]
    saved = feedparser.parse(client.get(f"/saved/{rule['id']}.atom").content)
    assert saved.feed.title == "Saved search: stockpile" and saved.entries


def test_personal_feed_says_which_rule_matched(client, store, ids):
    register(client)
    follow(client, "tag", "Diplomacy")
    add(
        store,
        "Diplomats meet",
        "Diplomats met again.",
        outlet="Pacific Wire",
        hours_ago=0.1,
        tags=["Diplomacy"],
    )
    client.get("/me")
    token = store.get_user_by_name("alice")["feed_token"]
    parsed = feedparser.parse(client.get(f"/me/feed.atom?token={token}").content)
    assert not parsed.bozo and parsed.entries[0].title == "Diplomats meet"
    assert "matched #Diplomacy" in parsed.entries[0].summary


@pytest.fixture
def local_hooks(store, ids):
    """The app with the test receiver's host (127.0.0.1) explicitly allowed, as an operator would."""
    from fastapi.testclient import TestClient

    from storyline.config import Settings
    from storyline.web.server import create_app

    settings = Settings(secret_key="test-secret", allowed_hosts="127.0.0.1")
    with TestClient(create_app(store, settings)) as c:
        yield c, settings


def test_webhook_delivered_to_local_receiver(local_hooks, store, receiver):
    client, settings = local_hooks
    url, got = receiver
    register(client)
    follow(client, "tag", "RareEarths")
    wl = store.list_watchlists(store.get_user_by_name("alice")["id"])[0]
    resp = client.post(
        f"/watchlists/{wl['id']}",
        data={"name": "Minerals", "webhook_url": url, "csrf_token": csrf_of(client, "/me")},
        follow_redirects=False,
    )
    assert resp.status_code == 303
    aid = add(
        store,
        "Rare earths again",
        "More rare-earth news.",
        outlet="Asia Current",
        hours_ago=0.1,
        tags=["RareEarths"],
    )
    result = watch.run_watch_round(store, base_url="http://testserver", settings=settings)
    assert result["matched"] == 1 and result["deliveries"][0]["ok"]
    assert got[0]["watchlist"]["name"] == "Minerals"
    match = got[0]["matches"][0]
    assert match["article"]["id"] == aid and match["rule"] == {
        "kind": "tag",
        "value": "RareEarths",
        "label": "#RareEarths",
    }
    assert watch.run_watch_round(store, settings=settings)["deliveries"] == []  # delivered once


def test_webhook_url_must_be_http(client, store, ids):
    register(client)
    follow(client, "tag", "RareEarths")
    wl = store.list_watchlists(store.get_user_by_name("alice")["id"])[0]
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x.example.org/"):
        resp = client.post(
            f"/watchlists/{wl['id']}", data={"webhook_url": bad, "csrf_token": csrf_of(client, "/me")}
        )
        assert resp.status_code == 400
    assert store.get_watchlist(wl["id"])["webhook_url"] is None


def test_unfollow_and_ownership(app, store, ids):
    from fastapi.testclient import TestClient

    with TestClient(app) as a, TestClient(app) as b:
        register(a, "alice")
        register(b, "bob")
        follow(a, "tag", "RareEarths")
        rule = store.list_watchlists(store.get_user_by_name("alice")["id"])[0]["rules"][0]
        assert b.post(f"/unfollow/{rule['id']}", data={"csrf_token": csrf_of(b, "/")}).status_code == 404
        a.post(f"/unfollow/{rule['id']}", data={"csrf_token": csrf_of(a, "/")})
        assert store.get_rule(rule["id"]) is None


@pytest.mark.parametrize("bad", [
    "http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data", "http://[2002:7f00:1::]/",
    "http://[::ffff:127.0.0.1]/", "http://10.0.0.5/", "http://[64:ff9b::7f00:1]/", "http://[fe80::1]/",
    "http://[::1/", "http://localhost/",
])
def test_webhook_to_internal_address_refused_at_save(client, store, ids, bad):
    register(client)
    follow(client, "tag", "RareEarths")
    wl = store.list_watchlists(store.get_user_by_name("alice")["id"])[0]
    resp = client.post(f"/watchlists/{wl['id']}", data={"webhook_url": bad, "csrf_token": csrf_of(client, "/me")})
    assert resp.status_code == 400
    assert store.get_watchlist(wl["id"])["webhook_url"] is None


def test_stored_internal_webhook_never_delivered(store, ids, receiver):
    """A webhook already in the store (saved before the check existed) is re-checked at delivery."""
    url, got = receiver
    uid = store.create_user("mallory", "x" * 60)
    wid = store.create_watchlist(uid, "probe", webhook_url=url)
    store.add_rule(wid, "tag", "RareEarths", "#RareEarths")
    add(store, "Rare earths again", "More rare-earth news.", outlet="Asia Current", hours_ago=0.1,
        tags=["RareEarths"])
    result = watch.run_watch_round(store)
    assert result["deliveries"][0]["ok"] is False and "private" in result["deliveries"][0]["status"]
    assert got == []  # nothing reached the loopback receiver


def test_rebinding_webhook_refused_at_connection(store, ids, receiver):
    """The name resolves public when checked, then to 127.0.0.1: the connection is refused."""
    from storyline.config import Settings

    url, got = receiver
    port = url.split(":")[2].split("/")[0]
    uid = store.create_user("mallory", "x" * 60)
    wid = store.create_watchlist(uid, "probe", webhook_url=f"http://rebind.example:{port}/hook")
    store.add_rule(wid, "tag", "RareEarths", "#RareEarths")
    add(store, "Rare earths again", "More.", outlet="Asia Current", hours_ago=0.1, tags=["RareEarths"])
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    watch.match_watchlists(store)
    out = watch.deliver_webhooks(store, settings=Settings(), resolver=lambda host: next(answers))
    assert out[0]["ok"] is False and got == []
