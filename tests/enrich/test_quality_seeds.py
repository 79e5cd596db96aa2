"""``evals.seeds_quality``: the text-dump extractor plus quality flags against the seed gold.

Reads ../shared/seeds and ../shared/gold/seeds.json in place (skipped when absent). The floor
lives in tests/quality_floors.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("STORYLINE_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text())


@pytest.mark.eval
def test_seed_quality_flags_against_gold():
    seeds, gold = SHARED / "seeds", SHARED / "gold" / "seeds.json"
    if not seeds.is_dir() or not gold.is_file():
        pytest.skip(f"shared data absent, quality gate NOT run: seed gold not found under {SHARED}")
    from evals.seeds_quality import score_seed_quality

    report = score_seed_quality(seeds, gold)
    assert report["articles"] >= 10
    assert report["matched"] >= 0.9 * report["articles"]
    assert report["exact"] >= FLOORS["seeds_quality_exact"]
    for flag in ("unfilled_placeholder", "machine_generated_filler"):
        assert report["per_flag"][flag]["tp"] >= 1, report["rows"]
    assert sum(report["per_flag"][f]["fp"] for f in report["per_flag"]) == 0
    flagged = [r for r in report["rows"] if r["ours"]]
    assert all(r["evidence"] for r in flagged)
