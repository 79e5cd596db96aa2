"""`storyline.web.server.serve(db, host=, port=)` (what `storyline run` and `storyline serve` call) serves
pages and the API over real HTTP on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from storyline.store import open_store
from tests.web.corpus import build_corpus


def test_serve_in_a_second_process(tmp_path):
    db = str(tmp_path / "serve.db")
    store = open_store(db)
    ids = build_corpus(store)
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = (f"from storyline.web.server import serve; "
            f"serve({db!r}, host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                front = httpx.get(base + "/", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert front.status_code == 200 and "Top stories" in front.text
        assert "sl_csrf=" in front.headers["set-cookie"]
        api = httpx.get(f"{base}/api/v1/stories/{ids['s1']}", timeout=5)
        assert api.json()["story"]["id"] == ids["s1"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
