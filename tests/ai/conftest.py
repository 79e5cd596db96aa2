"""The seeds' gold (../shared, skipped when absent) and the reference time of the sample corpus; the
stores themselves (``seeds_store``, ``samples_store``) are session fixtures of tests/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED

SAMPLES_NOW = "2026-11-23T06:00:00+00:00"


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
