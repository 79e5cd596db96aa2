"""Batch ingest on a local Dask cluster (scheduler and worker processes on 127.0.0.1) gives exactly the
articles and stories of a single-process ingest; re-running it adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store

pytest.importorskip("distributed", reason="the cluster extra (dask[distributed]) is not installed")
from storyline.batch import ClusterWorkers, cluster_workers

ROOT = Path(__file__).resolve().parents[2]
PAGES = [str(p) for p in sorted((ROOT / "storyline" / "data" / "samples" / "html").glob("*.html"))[:6]]
WHEN = datetime(2026, 11, 22, 21, tzinfo=UTC)


def _result(store) -> tuple[list, set]:
    arts = store.list_articles(limit=1000)
    stories: dict[int, set[str]] = {}
    for a in arts:
        assert a["story_id"] is not None and a["enriched_at"] is not None, a["key"]
        stories.setdefault(a["story_id"], set()).add(a["key"])
    return sorted(a["key"] for a in arts), {frozenset(v) for v in stories.values()}


def test_local_cluster_matches_single_process(tmp_path):
    single = open_store(str(tmp_path / "single.db"))
    Pipeline(single, Settings(workers=1)).ingest(PAGES, fetched_at=WHEN)
    expected = _result(single)

    batch = open_store(str(tmp_path / "batch.db"))
    settings = Settings(workers=2)
    with cluster_workers("local", settings) as workers:
        assert isinstance(workers, ClusterWorkers)
        assert len(workers.client.scheduler_info()["workers"]) == 2
        summary = Pipeline(batch, settings, workers=workers).ingest(PAGES, fetched_at=WHEN)
        assert summary.articles_new == len(expected[0]) and not summary.errors
        assert _result(batch) == expected
        again = Pipeline(batch, settings, workers=workers).ingest(PAGES, fetched_at=WHEN)
    assert again.articles_new == 0 and again.duplicate_pages == len(PAGES)
    assert _result(batch) == expected


def test_bad_cluster_address_is_a_clear_error():
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError, match="tcp://HOST:8786"), cluster_workers("udp://nowhere"):
        pass
