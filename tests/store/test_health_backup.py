"""A read-only or damaged store: one line and a non-zero exit; page views without writes; check, backup,
and export --with-facts -> import round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.errors import StoreError
from storyline.export import export_to_string
from storyline.importer import import_lines
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.web.server import create_app
from tests.web.corpus import build_corpus

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "storyline" / "data" / "samples" / "html"


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def read_only(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


@pytest.fixture
def corpus_db(tmp_path) -> Path:
    path = tmp_path / "web.db"
    store = open_store(str(path))
    build_corpus(store)
    store.close()
    return path


def test_ingest_into_read_only_store_is_one_line_and_non_zero(corpus_db):
    result = cli("ingest", str(SAMPLES), "--db", read_only(corpus_db), "--no-enrich")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "read-only" in lines[0] and "Traceback" not in result.stderr


def test_damaged_store_one_line_check_and_serve_refuse(corpus_db, tmp_path):
    damaged = tmp_path / "damaged.db"
    data = bytearray(corpus_db.read_bytes())
    data[len(data) // 2:len(data) // 2 + 16384] = os.urandom(16384)  # 16 KiB of garbage inside the file
    damaged.write_bytes(bytes(data))
    for args in (("check", "--db", str(damaged)), ("serve", "--db", str(damaged), "--port", "1")):
        result = cli(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        err = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(err) == 1 and ("damaged" in err[0] or "quick check" in err[0]) and "Traceback" not in result.stderr
    assert cli("check", "--db", str(corpus_db)).returncode == 0
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    result = cli("articles", "--db", str(garbage))
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert "not a SQLite database" in result.stderr


def test_page_views_need_no_write(corpus_db):
    store = open_store(read_only(corpus_db))
    try:
        with pytest.raises(StoreError, match="read-only"):
            store.check_writable()
        client = TestClient(create_app(store, Settings(secret_key="s")))
        article = store.list_articles(limit=1)[0]
        story_id = next(a["story_id"] for a in store.list_articles(limit=100) if a["story_id"])
        for path in ("/", f"/articles/{article['id']}", f"/stories/{story_id}", "/search?q=Japan", "/tags",
                     "/entities", "/sources", f"/api/v1/articles/{article['id']}", "/api/v1/articles",
                     f"/stories/{story_id}.atom"):
            resp = client.get(path)
            assert resp.status_code == 200, (path, resp.status_code)
    finally:
        store.close()


def test_backup_copies_a_live_store(corpus_db, tmp_path):
    store = open_store(str(corpus_db))
    try:
        size = store.backup_to(tmp_path / "copy.db")
        assert size > 0
        copy = open_store(str(tmp_path / "copy.db"))
        assert copy.count_articles() == store.count_articles() and copy.integrity_problems() == []
        copy.close()
        with pytest.raises(StoreError, match="exists"):
            store.backup_to(tmp_path / "copy.db")
    finally:
        store.close()
    result = cli("backup", str(tmp_path / "cli-copy.db"), "--db", str(corpus_db))
    assert result.returncode == 0 and (tmp_path / "cli-copy.db").is_file()


@pytest.mark.postgres
def test_postgres_check_and_backup_guidance(pg_url):
    store = open_store(pg_url)
    try:
        assert store.integrity_problems() == []
        store.check_writable()
        with pytest.raises(StoreError, match="pg_dump"):
            store.backup_to("/tmp/never-written.db")
    finally:
        store.close()


def _comparable(dump: str) -> list[dict]:
    """Export records without the ids a new store gives out (article, story, duplicate ids)."""
    out = []
    for line in dump.splitlines():
        rec = json.loads(line)
        for key in ("id", "story_id", "duplicate_of"):
            rec.pop(key)
        rec["archive"].pop("first_seen", None)
        out.append(rec)
    return sorted(out, key=lambda r: (r["source"], r["position"], r["title"] or ""))


def test_export_import_round_trip_keeps_articles_and_facts(tmp_path):
    first = open_store(str(tmp_path / "a.db"))
    pages = sorted(SAMPLES.glob("*.html"))[:6]
    Pipeline(first, Settings()).ingest([str(p) for p in pages])
    dump = export_to_string(first, with_facts=True)
    records = [json.loads(line) for line in dump.splitlines()]
    assert records and all(r["archive"]["mentions"] for r in records)  # facts to carry
    assert sum(len(r["archive"]["events"]) for r in records) > 0

    second = open_store(str(tmp_path / "b.db"))
    summary = import_lines(second, dump.splitlines())
    assert (summary.new, summary.with_facts, summary.errors) == (len(records), len(records), [])
    assert _comparable(export_to_string(second, with_facts=True)) == _comparable(dump)
    assert all(a["story_id"] for a in second.list_articles(limit=100))  # every imported article in a story
    again = import_lines(second, dump.splitlines())  # idempotent
    assert (again.new, again.unchanged) == (0, len(records))
    bad = import_lines(second, ["{not json", json.dumps({"title": "no body"}), ""])
    assert len(bad.errors) == 2 and "line 2" in bad.errors[1]
    first.close()
    second.close()

    path = tmp_path / "dump.jsonl"
    path.write_text(dump, encoding="utf-8")
    result = cli("import", str(path), "--db", str(tmp_path / "c.db"))
    assert result.returncode == 0 and f"{len(records)} new" in result.stdout
