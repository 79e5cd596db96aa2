"""The ingest with the ``embeddings`` setting on and worker processes: it finishes (a torch thread pool started by
the parent's warm-up once hung every forked worker) and its events are typed by the MiniLM model file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.enrich import sent_embed
from storyline.store import open_store

SAMPLES = Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples" / "html"


@pytest.mark.slow
@pytest.mark.skipif(not sent_embed.installed(), reason="the embeddings extra is not installed: NOT run")
def test_two_workers_with_embeddings_finish(tmp_path):
    db = tmp_path / "s.db"
    env = {**os.environ, "STORYLINE_EMBEDDINGS": "true", "STORYLINE_DB": str(db)}
    # a hang guard, not a speed measure: the two-worker ingest of these pages takes well under a minute
    run = subprocess.run([sys.executable, "-m", "storyline.cli", "ingest", str(SAMPLES), "--workers", "2"],
                         env=env, capture_output=True, text=True, timeout=420, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    store = open_store(f"sqlite:///{db}")
    try:
        rows = store.list_articles(limit=1000)
        assert len(rows) >= 15
        events = sum(len(store.article_fact_keys(r["id"])[1]) for r in rows)
        assert events > 0
    finally:
        store.close()
