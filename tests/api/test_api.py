"""The JSON API: every route, pagination with next links, ETag/304, one error shape, OpenAPI."""

from __future__ import annotations

import pytest

API = "/api/v1"


def get(client, path: str, **kw):
    resp = client.get(API + path, **kw)
    assert resp.status_code == 304 or resp.headers["content-type"].startswith("application/json")
    return resp


def test_articles_list_filters_and_next_links(client, ids):
    body = get(client, "/articles?limit=2").json()
    assert body["total"] == 4 and len(body["items"]) == 2 and body["prev"] is None
    assert body["next"].endswith("offset=2&limit=2") or "offset=2" in body["next"]
    second = client.get(body["next"]).json()
    assert len(second["items"]) == 2 and second["next"] is None
    assert {a["id"] for a in body["items"]} | {a["id"] for a in second["items"]} == {
        ids[k] for k in ("a1", "a2", "a3", "a4")
    }
    assert "body" not in body["items"][0]
    assert [a["id"] for a in get(client, "/articles?outlet=Pacific+Wire").json()["items"]] == [ids["a2"]]
    assert get(client, "/articles?tag=RareEarths").json()["total"] == 2
    assert get(client, f"/articles?story_id={ids['s1']}").json()["total"] == 2
    assert get(client, "/articles?since=12h").json()["total"] == 2


def test_article_detail(client, ids):
    data = get(client, f"/articles/{ids['a1']}").json()
    assert data["article"]["title"] == "Japan, South Korea ministers meet in Seoul"
    assert data["article"]["body"].startswith("Japan and South Korea met")
    assert {e["name"] for e in data["entities"]} >= {"Japan", "Kenta Aoyagi"}
    assert data["mentions"][0]["start"] == 0 and data["events"][0]["type"] == "meeting"
    assert data["story"]["id"] == ids["s1"] and isinstance(data["related"], list)


def test_stories(client, ids):
    body = get(client, "/stories").json()
    assert {s["id"] for s in body["items"]} == {ids["s1"], ids["s2"]} and body["total"] == 2
    data = get(client, f"/stories/{ids['s1']}").json()
    assert data["story"]["outlet_count"] == 2
    assert {s["outlet"] for s in data["sources"]} == {"Kanto Herald", "Pacific Wire"}
    assert data["timeline"] and data["timeline"][0]["type"] == "meeting"
    assert get(client, "/stories?tag=RareEarths").json()["items"][0]["id"] == ids["s2"]


def test_entities_events_tags(client, ids):
    ents = get(client, "/entities?type=PERSON").json()["items"]
    assert {e["name"] for e in ents} == {"Kenta Aoyagi", "Han Ji-won"}
    assert get(client, "/entities?q=aoyagi").json()["items"][0]["id"] == ids["person:aoyagi kenta"]
    one = get(client, f"/entities/{ids['person:aoyagi kenta']}").json()
    assert one["entity"]["aliases"] and one["roles"][0]["office"] == "Foreign Minister"
    assert {c["name"] for c in one["co_occurring"]} >= {"Han Ji-won"}
    events = get(client, f"/events?type=meeting&entity_id={ids['country:KOR']}").json()["items"]
    assert len(events) == 1 and {p["name"] for p in events[0]["participants"]} == {"Japan", "South Korea"}
    tags = get(client, "/tags").json()["items"]
    assert {"tag": "RareEarths", "articles": 2} in tags
    assert get(client, "/tags/RareEarths").json()["total"] == 2


def test_search(client, ids):
    body = get(client, "/search?q=Seoul").json()
    assert body["total"] == 2 and "<mark>Seoul</mark>" in body["items"][0]["snippet"]
    assert {f["value"] for f in body["facets"]["outlet"]} == {"Kanto Herald", "Pacific Wire"}
    assert get(client, "/search?q=Seoul&outlet=Kanto+Herald").json()["total"] == 1


def test_etag_and_304(client, ids):
    first = get(client, f"/stories/{ids['s1']}")
    tag = first.headers["etag"]
    again = get(client, f"/stories/{ids['s1']}", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert get(client, f"/stories/{ids['s1']}", headers={"If-None-Match": '"other"'}).status_code == 200
    listed = get(client, "/articles")
    assert get(client, "/articles", headers={"If-None-Match": listed.headers["etag"]}).status_code == 304


@pytest.mark.parametrize(
    "path,code",
    [
        ("/articles/9999", 404),
        ("/stories/9999", 404),
        ("/entities/9999", 404),
        ("/tags/none-such", 404),
        ("/nowhere", 404),
        ("/articles/abc", 422),
        ("/articles?limit=1000", 422),
        ("/search", 422),
        ("/articles?since=someday", 422),
    ],
)
def test_one_error_shape(client, path, code):
    resp = get(client, path)
    assert resp.status_code == code
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code and body["error"]["message"]
    if code == 422 and "limit" in path:
        assert body["error"]["detail"][0]["field"].endswith("limit")


def test_method_not_allowed_has_the_shape(client):
    resp = client.post(API + "/articles")
    assert resp.status_code == 405 and resp.json()["error"]["code"] == 405


def test_openapi(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/articles",
        "/articles/{article_id}",
        "/stories",
        "/stories/{story_id}",
        "/entities",
        "/entities/{entity_id}",
        "/events",
        "/tags",
        "/tags/{name}",
        "/search",
        "/ask",
    ):
        assert path in spec["paths"], path
    assert spec["servers"][0]["url"] == "/api/v1"
