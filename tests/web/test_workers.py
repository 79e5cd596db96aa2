"""Several server processes on one store: sessions, CSRF tokens and rate limits hold across them."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.store import open_store
from storyline.web.server import create_app
from tests.web.conftest import csrf_of, register

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_two_workers_share_sessions_csrf_and_limits(tmp_path):
    db = str(tmp_path / "w.db")
    one, two = open_store(db), open_store(db)  # two processes' stores on one database
    app_one, app_two = create_app(one, Settings()), create_app(two, Settings())  # no secret configured
    assert app_one.state.keys.secret == app_two.state.keys.secret  # made once, kept in the store
    with TestClient(app_one) as a, TestClient(app_two) as b:
        register(a, "alice", "correct horse battery")
        b.cookies.update(a.cookies)  # the same browser, its next request answered by the other worker
        assert "alice" in b.get("/me").text
        token = csrf_of(a, "/me")  # a form rendered by one worker, posted to the other
        assert b.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    with TestClient(app_one) as a, TestClient(app_two) as b:
        codes = []
        for i in range(8):  # wrong passwords, alternating workers: one bucket for the address
            client = (a, b)[i % 2]
            resp = client.post("/login", data={"username": "alice", "password": "wrong",
                                               "csrf_token": csrf_of(client)}, follow_redirects=False)
            codes.append(resp.status_code)
        assert codes[:5].count(429) == 0 and codes[5:] == [429, 429, 429]
    # a restart (a new process) keeps accepting the same cookies
    assert create_app(open_store(db), Settings()).state.keys.secret == app_one.state.keys.secret


def test_token_bucket_in_the_store(tmp_path):
    store = open_store(str(tmp_path / "b.db"))
    takes = [store.take_token("t", "k", capacity=3, rate=1.0, now=100.0) for _ in range(4)]
    assert takes == [True, True, True, False]
    assert store.take_token("t", "k", capacity=3, rate=1.0, now=101.0)  # one token back after a second
    assert not store.take_token("t", "k", capacity=3, rate=1.0, now=101.0)
    assert store.take_token("t", "other", capacity=3, rate=1.0, now=101.0)  # per key
    assert store.take_token("t", "k", capacity=3, rate=1.0, now=1000.0)  # refilled, capped at capacity
    assert [store.take_token("t", "k", capacity=3, rate=1.0, now=1000.0) for _ in range(3)] == [True, True, False]


def test_serve_with_two_worker_processes(tmp_path):
    psutil = __import__("pytest").importorskip("psutil")
    db = str(tmp_path / "serve.db")
    open_store(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", db, "--port", str(port),
                             "--workers", "2", "--no-scheduler"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        workers = [c for c in psutil.Process(proc.pid).children(recursive=True) if "python" in c.name().lower()]
        assert len(workers) >= 2, workers
        with httpx.Client(base_url=base, timeout=10) as browser:
            page = browser.get("/register").text
            token = CSRF.search(page).group(1)
            resp = browser.post("/register", data={"username": "bob", "password": "correct horse battery",
                                                   "csrf_token": token})
            assert resp.status_code in (200, 303)
            # many requests on fresh connections reach both workers; the session holds on each
            for _ in range(12):
                with httpx.Client(base_url=base, cookies=browser.cookies, timeout=10) as fresh:
                    assert "bob" in fresh.get("/me").text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
