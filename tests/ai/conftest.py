"""Stores built by ingesting real pages: the five seed pages (../shared, skipped when absent) and
the bundled fictional sample corpus. Built once per session; tests only read them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import SHARED

SEEDS_FETCHED_AT = "2025-07-30T17:20:00+09:00"
SAMPLES_NOW = "2026-11-23T06:00:00+00:00"


def _ingest(db: Path, inputs: list[str], fetched_at: datetime | None, **settings):
    from storyline.config import Settings
    from storyline.pipeline import Pipeline
    from storyline.store import open_store

    store = open_store(str(db))
    Pipeline(store, Settings(**settings)).ingest(inputs, fetched_at=fetched_at)
    return store


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"shared data absent, quality gate NOT run: {seeds} not found: the seed pages live in ../shared beside this checkout")
    store = _ingest(tmp_path_factory.mktemp("ai_seeds") / "seeds.db", [str(seeds)],
                    datetime.fromisoformat(SEEDS_FETCHED_AT))
    yield store
    store.close()


@pytest.fixture(scope="session")
def seeds_gold():
    path = SHARED / "gold" / "seeds.json"
    if not path.is_file():
        pytest.skip(f"shared data absent, quality gate NOT run: {path} not found")
    return json.loads(path.read_text(encoding="utf-8"))


def gold_article_ids(store, members: list[str]) -> list[int]:
    """Gold member ids like "000#1" (seed file prefix # position on the page) -> stored article ids."""
    rows = list(store.iter_articles())
    out = []
    for m in members:
        prefix, pos = m.split("#")
        out += [r["id"] for r in rows if Path(r["source"]).name.startswith(prefix + "_") and r["position"] == int(pos)]
    return out
