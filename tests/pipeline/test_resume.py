"""Resumable, idempotent ingest: a run stopped at any stage is finished by a re-run or by resume;
story ids come from the database; two concurrent ingests give the stories of two ingests in turn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.store.progress import DONE

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "storyline" / "data" / "samples" / "html").glob("*.html"))


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs (not an Exception, so no handler records it)."""


def _state(store) -> dict:
    arts = store.list_articles(limit=1000)
    return {"articles": sorted(a["key"] for a in arts),
            "unenriched": sum(a["enriched_at"] is None for a in arts),
            "storyless": sum(a["story_id"] is None for a in arts),
            "unfinished": store.count_unfinished_pages()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The uninterrupted run over the same pages."""
    store = open_store(str(tmp_path_factory.mktemp("ref") / "ref.db"))
    Pipeline(store, Settings()).ingest([str(p) for p in SAMPLES[:8]])
    state = _state(store)
    store.close()
    assert state["articles"] and state["unenriched"] == state["storyless"] == state["unfinished"] == 0
    return state


# Where the "kill" lands: (object, method, which call dies). Before a batch is stored; after some of a
# batch's pages are stored; with articles stored but not enriched; before story assignment; before "done".
KILL_POINTS = [("pipeline", "_store_batch", 1), ("pipeline", "_store_work", 2), ("store", "save_enrichment", 3),
               ("pipeline", "_assign_stories", 1), ("store", "set_pages_state", 1)]


@pytest.mark.parametrize("point", KILL_POINTS, ids=[f"{m}#{n}" for _, m, n in KILL_POINTS])
@pytest.mark.parametrize("how", ["rerun", "resume"])
def test_interrupted_run_is_finished_by_rerun_or_resume(tmp_path, monkeypatch, reference, point, how):
    store = open_store(str(tmp_path / "s.db"))
    owner, method, dies_at = point
    target = Pipeline if owner == "pipeline" else type(store)
    original = getattr(target, method)
    calls = {"n": 0}

    def dying(self, *args, **kwargs):
        if method == "set_pages_state" and args[1] != DONE:
            return original(self, *args, **kwargs)
        calls["n"] += 1
        if calls["n"] >= dies_at:
            raise Killed
        return original(self, *args, **kwargs)

    monkeypatch.setattr(target, method, dying)
    with pytest.raises(Killed):
        Pipeline(store, Settings(workers=1)).ingest([str(p) for p in SAMPLES[:8]])
    monkeypatch.setattr(target, method, original)
    assert _state(store)["unfinished"] > 0  # the run really stopped half-way

    if how == "rerun":
        summary = Pipeline(store, Settings(workers=1)).ingest([str(p) for p in SAMPLES[:8]])
    else:
        summary = Pipeline(store, Settings(workers=1)).resume()
    assert summary.resumed_pages > 0
    assert _state(store) == reference
    store.close()


def test_a_page_is_stored_whole_or_not_at_all(tmp_path, monkeypatch, reference):
    """One transaction per page: dying while a page's enrichment is written leaves none of that
    page's articles (they were written earlier in the same transaction), and its raw page to redo."""
    store = open_store(str(tmp_path / "s.db"))
    cls, original = type(store), type(store).save_enrichment

    def dying(self, *args, **kwargs):
        raise Killed

    monkeypatch.setattr(cls, "save_enrichment", dying)
    with pytest.raises(Killed):
        Pipeline(store, Settings(workers=1)).ingest([str(p) for p in SAMPLES[:8]])
    monkeypatch.setattr(cls, "save_enrichment", original)
    assert store.count_articles() == 0  # upsert_article ran, and was rolled back with the page
    assert store.count_unfinished_pages() == 8
    Pipeline(store, Settings(workers=1)).resume()
    assert _state(store) == reference
    store.close()


def test_a_story_round_is_written_whole_or_not_at_all(tmp_path, monkeypatch, reference):
    store = open_store(str(tmp_path / "s.db"))
    cls, original = type(store), type(store).assign_story
    calls = {"n": 0}

    def dying(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise Killed
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, "assign_story", dying)
    with pytest.raises(Killed):
        Pipeline(store, Settings(workers=1)).ingest([str(p) for p in SAMPLES[:8]])
    monkeypatch.setattr(cls, "assign_story", original)
    arts = store.list_articles(limit=1000)
    assert arts and all(a["story_id"] is None for a in arts)  # two assignments made, both rolled back
    assert store.list_stories(limit=100) == []  # and the stories they had created
    Pipeline(store, Settings(workers=1)).resume()
    assert _state(store) == reference
    store.close()


def test_story_ids_come_from_the_database(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    first = store.create_story("(untitled)")
    Pipeline(store, Settings(), enrich=False).ingest([str(p) for p in SAMPLES[:4]])
    ids = {a["story_id"] for a in store.list_articles(limit=100)}
    assert ids and min(ids) > first  # allocated after the row already there, never max(id)+1 in memory
    store.close()


def _stories(db: str) -> set[frozenset[str]]:
    """The partition of articles (by key) into stories."""
    store = open_store(db)
    groups: dict[int, set[str]] = {}
    for a in store.list_articles(limit=1000):
        assert a["story_id"] is not None, a["key"]
        groups.setdefault(a["story_id"], set()).add(a["key"])
    problems = [p for p in store.list_problems(limit=500) if p["kind"] == "stories-error"]
    store.close()
    assert not problems
    return {frozenset(g) for g in groups.values()}


def _ingest_cmd(db: str, pages: list[Path]) -> list[str]:
    return [sys.executable, "-m", "storyline.cli", "ingest", *map(str, pages), "--db", db, "--no-enrich",
            "--fetched-at", "2026-11-22T12:00:00+00:00", "--json"]


def _in_turn(db: str, first: list[Path], second: list[Path]) -> set[frozenset[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for pages in (first, second):
        subprocess.run(_ingest_cmd(db, pages), env=env, check=True, capture_output=True, timeout=600)
    return _stories(db)


def _concurrent(db: str, a: list[Path], b: list[Path]) -> set[frozenset[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(_ingest_cmd(db, pages), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for pages in (a, b)]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()[-2000:]
    return _stories(db)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_concurrent_ingests_give_the_stories_of_two_in_turn(tmp_path, request, backend):
    a, b = SAMPLES[0::2], SAMPLES[1::2]
    if backend == "postgresql":
        dbs = [_fresh_pg(request) for _ in range(3)]
    else:
        dbs = [str(tmp_path / f"{name}.db") for name in ("together", "ab", "ba")]
    together = _concurrent(dbs[0], a, b)
    ab, ba = _in_turn(dbs[1], a, b), _in_turn(dbs[2], b, a)
    assert together in (ab, ba)  # the result of one ingest after the other, in one order or the other
    assert sum(len(g) for g in together) == sum(len(g) for g in ab)  # every article, each in one story


def _fresh_pg(request) -> str:
    import uuid

    from sqlalchemy import text

    from tests.conftest import PG_ADMIN_URL, _pg_admin_engine

    admin = _pg_admin_engine()
    name = f"storyline_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
