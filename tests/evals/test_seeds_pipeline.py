"""The seeds through the real pipeline (extract, enrich, duplicates, incremental stories): exactly
the gold's two multi-article stories, every other article on its own; and the one-report command."""

import json
from datetime import datetime

from typer.testing import CliRunner

from evals.seeds_stories import score_seed_stories
from storyline.cli import app
from tests.conftest import shared_path

FETCHED = datetime.fromisoformat("2025-07-30T17:20:00+09:00")


def test_seed_stories_through_the_pipeline():
    result = score_seed_stories(shared_path("seeds"), shared_path("gold", "seeds.json"), fetched_at=FETCHED)
    assert result["articles"] == 14
    assert result["exact"], result
    assert result["singletons_ok"] == result["singletons_total"] == 9


def test_eval_seeds_command_reports_extraction(monkeypatch):
    shared = shared_path()
    out = CliRunner().invoke(app, ["eval", "seeds", "--shared", str(shared), "--json"]).output
    report = json.loads(out)
    ex = report["extraction"]
    assert (ex["articles_found"], ex["articles_expected"]) == (14, 14)
    assert ex["passed"] >= 146 and ex["per_field"]["no_chrome_in_body"] == [31, 31]
