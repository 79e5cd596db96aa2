"""Per-user read state, stars and saved items; mark all read; unread counts on watchlists."""

from __future__ import annotations

from tests.web.conftest import csrf_of, register


def _mark(client, ids, kind, on=True, json=True):
    token = csrf_of(client, "/")
    headers = {"Accept": "application/json"} if json else {}
    return client.post("/marks", data={"ids": ",".join(map(str, ids)), "kind": kind, "on": "1" if on else "0",
                                       "csrf_token": token, "next": "/me/starred"},
                       headers=headers, follow_redirects=False)


def test_marks_need_a_user_and_a_token(client, ids):
    assert client.get(f"/marks.json?ids={ids['a1']}").json() == {"marks": {}, "signed_in": False}
    register(client)
    resp = client.post("/marks", data={"ids": str(ids["a1"]), "kind": "star", "csrf_token": "forged"})
    assert resp.status_code == 403


def test_star_save_read_and_lists(client, store, ids):
    register(client)
    body = _mark(client, [ids["a1"]], "star").json()
    assert body["count"] == 1 and body["marks"][str(ids["a1"])]["star"] is True
    assert _mark(client, [ids["a2"]], "save", json=False).status_code == 303
    got = client.get(f"/marks.json?ids={ids['a1']},{ids['a2']},{ids['a3']}").json()["marks"]
    assert got[str(ids["a1"])] == {"read": False, "star": True, "save": False}
    assert got[str(ids["a2"])]["save"] and str(ids["a3"]) not in got
    starred = client.get("/me/starred").text
    assert f'href="/articles/{ids["a1"]}"' in starred and f'href="/articles/{ids["a2"]}"' not in starred
    assert f'href="/articles/{ids["a2"]}"' in client.get("/me/saved").text
    _mark(client, [ids["a1"]], "star", on=False)
    assert f'href="/articles/{ids["a1"]}"' not in client.get("/me/starred").text
    # opening an article marks it read, for this reader only
    html = client.get(f"/articles/{ids['a3']}").text
    assert client.get(f"/marks.json?ids={ids['a3']}").json()["marks"][str(ids["a3"])]["read"] is True
    assert "☆ Star" in html and 'aria-pressed="true">Read<' in html
    assert _mark(client, [ids["a3"]], "bogus").status_code == 422
    assert _mark(client, [999999], "read").json()["count"] == 0  # missing articles are not marked


def test_mark_all_read_and_unread_counts(client, store, ids):
    register(client)
    token = csrf_of(client, "/tags/RareEarths")
    client.post("/follow", data={"kind": "tag", "value": "RareEarths", "label": "#RareEarths", "csrf_token": token,
                                 "next": "/me"})
    from tests.web.corpus import add

    new = [add(store, f"Rare earth follow-up {i}", f"Rare-earth magnets update number {i} from Tokyo.",
               outlet="Asia Current", hours_ago=0.5, tags=["RareEarths"]) for i in range(3)]
    html = client.get("/me").text
    assert "3 unread" in html
    _mark(client, new[:1], "read")
    assert "2 unread" in client.get("/me").text
    assert _mark(client, new, "read").json()["count"] == 3  # "mark all read" sends every id on the page
    assert "0 unread" in client.get("/me").text
