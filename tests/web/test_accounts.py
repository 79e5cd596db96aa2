"""Registration, login, sessions, CSRF and rate limits."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, register


def test_first_user_is_admin_and_session_cookie_flags(client, store):
    token = csrf_of(client, "/register")
    resp = client.post(
        "/register",
        data={"username": "alice", "password": "correct horse", "csrf_token": token},
        follow_redirects=False,
    )
    assert resp.status_code == 303 and resp.headers["location"] == "/me"
    cookie = resp.headers["set-cookie"].lower()
    assert "sl_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert store.get_user_by_name("alice")["is_admin"] is True
    assert store.get_user_by_name("alice")["password_hash"].startswith("$argon2")
    assert "alice" in client.get("/me").text


def test_second_user_is_not_admin_and_duplicate_name_refused(app, store):
    with TestClient(app) as a, TestClient(app) as b:
        register(a, "alice")
        register(b, "bob")
        assert store.get_user_by_name("bob")["is_admin"] is False
        token = csrf_of(b, "/register")
        resp = b.post("/register", data={"username": "Alice", "password": "whatever123", "csrf_token": token})
        assert resp.status_code == 400 and "taken" in resp.text


def test_short_password_and_bad_username(client):
    token = csrf_of(client, "/register")
    assert (
        "at least 8"
        in client.post("/register", data={"username": "carol", "password": "short", "csrf_token": token}).text
    )
    assert (
        "3-40"
        in client.post(
            "/register", data={"username": "<x>", "password": "long enough", "csrf_token": token}
        ).text
    )


def test_login_logout(app):
    with TestClient(app) as c:
        register(c, "alice", "correct horse")
    with TestClient(app) as c:
        token = csrf_of(c)
        bad = c.post("/login", data={"username": "alice", "password": "wrong pass", "csrf_token": token})
        assert bad.status_code == 400 and "Wrong username or password" in bad.text
        ok = c.post(
            "/login",
            data={
                "username": "alice",
                "password": "correct horse",
                "csrf_token": token,
                "next": "//evil.example.org/",
            },
            follow_redirects=False,
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/me"  # no off-site redirect
        assert "Sign out" in c.get("/").text
        c.post("/logout", data={"csrf_token": csrf_of(c, "/")})
        assert c.get("/me", follow_redirects=False).status_code == 303


def test_csrf_rejected_without_or_with_wrong_token(client):
    assert client.post("/register", data={"username": "dave", "password": "long enough"}).status_code == 403
    resp = client.post("/login", data={"username": "x", "password": "y", "csrf_token": "forged"})
    assert resp.status_code == 403 and "security token" in resp.text
    register(client, "erin")
    assert (
        client.post("/comments", data={"target_type": "article", "target_id": 1, "body": "hi"}).status_code
        == 403
    )
    assert client.post("/follow", data={"kind": "tag", "value": "x", "csrf_token": "nope"}).status_code == 403


def test_forged_session_cookie_is_ignored(app):
    with TestClient(app) as c:
        c.cookies.set("sl_session", "eyJ1aWQiOjF9.forged.sig")
        assert "Sign in" in c.get("/").text


def test_login_rate_limited(app):
    with TestClient(app) as c:
        token = csrf_of(c)
        codes = [
            c.post(
                "/login", data={"username": "nobody", "password": "x" * 8, "csrf_token": token}
            ).status_code
            for _ in range(7)
        ]
    assert codes[:5] == [400] * 5 and codes[-1] == 429
