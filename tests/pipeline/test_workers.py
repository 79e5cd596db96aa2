"""Extraction and enrichment in worker processes: the same store as one process, and a dying worker
costs only its own pages."""

from __future__ import annotations

import os

import pytest

from storyline.config import Settings
from storyline.extract import extract_page as _extract_page
from storyline.pipeline import Pipeline
from storyline.pipeline_work import Workers, resolve_workers
from storyline.store import open_store
from tests.pipeline.test_ingest_pipeline import PARAS, T0, write_page

PEOPLE = ["Takeshi Iwaya", "Cho Hyun", "Penny Wong", "Marco Rubio", "Wang Yi", "Annalena Baerbock"]
PLACES = ["Tokyo", "Seoul", "Canberra", "Washington", "Beijing", "Berlin"]


def _pages(folder, n: int):
    folder.mkdir()
    for i in range(n):
        a, b = PEOPLE[i % 6], PEOPLE[(i + 1) % 6]
        lead = (f"{PLACES[i % 6].upper()} — Foreign Minister {a} met his counterpart {b} in {PLACES[(i + 2) % 6]} "
                f"on Tuesday to discuss supply chains for critical minerals, officials said.")
        write_page(folder / f"p{i:02d}.html", title=f"{a} and {b} hold talks ({i})", paras=[lead] + PARAS[1:])
    return folder


def _snapshot(store) -> list[tuple]:
    rows = []
    for row in sorted(store.list_articles(limit=1000), key=lambda r: r["id"]):
        entity_keys, event_keys = store.article_fact_keys(row["id"])
        rows.append((row["id"], row["key"], row["title"], row["body"], row["story_id"], row["duplicate_of"],
                     tuple(row["hashtags"] or ()), tuple(sorted(entity_keys)), tuple(sorted(event_keys))))
    return rows


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_process_stores(tmp_path):
    pages = _pages(tmp_path / "pages", 20)  # several batches, so both workers and the run-ahead are used
    snapshots = []
    for workers in (1, 2):
        store = open_store(str(tmp_path / f"w{workers}.db"))
        summary = Pipeline(store, Settings(workers=workers)).ingest([str(pages)], fetched_at=T0)
        assert summary.articles_new == 20 and summary.enriched == 20 and not summary.errors
        snapshots.append(_snapshot(store))
        store.close()
    one, two = snapshots
    assert one == two
    assert all(row[7] for row in one)  # entities found (the comparison is not of empty records)


def _die_on_crash_pages(page):
    if "crash" in page.source:
        os._exit(1)  # a worker killed mid-page (out of memory, a crash in a native library)
    return _extract_page(page)


def test_a_dying_worker_loses_only_its_own_batch(tmp_path, monkeypatch):
    pages = _pages(tmp_path / "pages", 20)
    (pages / "p05.html").rename(pages / "crash05.html")
    monkeypatch.setattr("storyline.pipeline_work.extract_page", _die_on_crash_pages)  # the name workers call
    store = open_store(str(tmp_path / "crash.db"))
    summary = Pipeline(store, Settings(workers=2), enrich=False, stories=False).ingest([str(pages)], fetched_at=T0)
    lost = summary.outcomes["worker-error"]
    assert 1 <= lost <= 8  # the batch holding the crashing page, no more
    assert summary.articles_new == 20 - lost and summary.new_pages == 20
    assert store.count_problems_by_kind().get("worker-error") == lost
    store.close()


def test_workers_setting_zero_means_one_per_core_and_map_keeps_order():
    assert resolve_workers(0) == len(os.sched_getaffinity(0))
    assert resolve_workers(3) == 3
    pool = Workers(2, warm=False)
    try:
        out = list(pool.map_ordered(divmod, range(10), 3, ahead=3))
    finally:
        pool.close()
    assert out == [(i, divmod(i, 3)) for i in range(10)]
    assert isinstance(dict(Workers(1).map_ordered(divmod, [1, 0], 0))[0], ZeroDivisionError)


def _blas_threads(_item) -> list[int]:
    from threadpoolctl import threadpool_info

    return [d["num_threads"] for d in threadpool_info() if d["user_api"] == "blas"]


def test_worker_processes_run_one_blas_thread_each():
    pool = Workers(2, warm=False)
    try:
        out = [threads for _, threads in pool.map_ordered(_blas_threads, range(4))]
    finally:
        pool.close()
    assert out and all(threads and set(threads) == {1} for threads in out)


def _frozen(_item) -> int:
    import gc

    return gc.get_freeze_count()


def test_workers_inherit_a_frozen_heap_and_the_parent_collects_as_before():
    """Objects the workers inherit are frozen (their collector does not walk them, so it does not
    copy the pages they share with the parent); the parent unfreezes once they are forked."""
    import gc

    calls = []
    pool = Workers(2, warm=False, before_fork=lambda: calls.append(gc.get_freeze_count()))
    try:
        out = [frozen for _, frozen in pool.map_ordered(_frozen, range(4))]
    finally:
        pool.close()
    assert calls == [0]  # run once, before the fork
    assert len(out) == 4 and all(frozen > 1000 for frozen in out)  # the imported modules at least
    assert gc.get_freeze_count() == 0


_ORPHAN_SCRIPT = """
import os, sys, time
from storyline.pipeline_work import Workers

def pid(_):
    time.sleep(0.5)
    return os.getpid()

if __name__ == "__main__":
    w = Workers(2, warm=False)
    pids = set(w.map_ordered(pid, range(6)))
    print(" ".join(map(str, sorted(r for _, r in pids))), flush=True)
    time.sleep(600)
"""


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    """kill -9 of an ingest gives its pool no chance to stop the workers: they must not linger."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = tmp_path / "orphans.py"
    script.write_text(_ORPHAN_SCRIPT)
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(root)})
    line = proc.stdout.readline()
    pids = [int(p) for p in line.split()]
    assert pids and proc.pid not in pids, line
    alive = lambda: [p for p in pids if Path(f"/proc/{p}").exists()  # noqa: E731
                     and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]]
    assert alive() == pids  # the workers wait for more work while their parent lives
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive() == []
