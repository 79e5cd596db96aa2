"""Fixtures: a store holding the known corpus, the app on it, and a TestClient."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.store import open_store
from storyline.web.server import create_app
from tests.web.corpus import build_corpus

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "web.db"))
    yield s
    s.close()


@pytest.fixture
def ids(store):
    return build_corpus(store)


@pytest.fixture
def app(store, ids):
    return create_app(store, Settings(secret_key="test-secret"))


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def csrf_of(client, path: str = "/login") -> str:
    """The CSRF token a form on ``path`` carries for this client."""
    match = CSRF.search(client.get(path).text)
    assert match, f"no csrf_token on {path}"
    return match.group(1)


def register(client, username: str = "alice", password: str = "correct horse") -> None:
    token = csrf_of(client, "/register")
    resp = client.post(
        "/register",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert resp.status_code == 303, resp.text
