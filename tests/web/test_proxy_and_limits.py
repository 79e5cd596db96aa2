"""X-Forwarded-For is believed only from configured proxies; login limits hold per account and per address."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.web.server import background_server, create_app, uvicorn_options
from tests.web.conftest import csrf_of, register

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _login_codes(base: str, attempts: list[tuple[str, str]]) -> list[int]:
    """POST /login once per (forwarded address, username) from one client on 127.0.0.1."""
    with httpx.Client(base_url=base, trust_env=False, timeout=120) as c:  # argon2 on a busy machine
        token = CSRF.search(c.get("/login").text).group(1)
        return [
            c.post("/login", data={"username": user, "password": "x" * 8, "csrf_token": token},
                   headers={"X-Forwarded-For": addr}).status_code
            for addr, user in attempts
        ]


def test_forwarded_for_ignored_by_default(store, ids):
    assert uvicorn_options(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": []}
    app = create_app(store, Settings(secret_key="s"))
    with background_server(app) as base:
        codes = _login_codes(base, [(f"203.0.113.{i}", f"user{i}") for i in range(7)])
    assert codes[:5] == [400] * 5 and codes[-1] == 429  # one address (127.0.0.1) whatever the header says


def test_forwarded_for_believed_from_a_configured_proxy(store, ids):
    app = create_app(store, Settings(secret_key="s", trusted_proxies="127.0.0.1"))
    with background_server(app) as base:
        codes = _login_codes(base, [(f"203.0.113.{i}", f"user{i}") for i in range(7)])
    assert codes == [400] * 7  # seven clients behind the proxy, one try each


def test_login_limited_per_account_across_addresses(store, ids):
    app = create_app(store, Settings(secret_key="s", trusted_proxies="127.0.0.1"))
    with TestClient(app) as c:
        register(c, "victim", "correct horse")
    with background_server(app) as base:
        codes = _login_codes(base, [(f"198.51.100.{i}", "Victim") for i in range(12)])
    assert codes[:10] == [400] * 10 and codes[10:] == [429, 429]
    with TestClient(app) as c:  # another account from the same place is not affected
        token = csrf_of(c, "/login")
        resp = c.post("/login", data={"username": "nobody", "password": "x" * 8, "csrf_token": token})
        assert resp.status_code == 400
