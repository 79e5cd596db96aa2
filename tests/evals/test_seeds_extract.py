"""Our extraction of the five sample pages against the hand-made seeds gold (read in place)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from evals.seeds import format_seed_report, score_seed_extraction
from tests.conftest import shared_path

FETCHED = datetime(2025, 7, 31, 12, 0, tzinfo=UTC)
# The one check no honest rule reaches: page 003 never names its outlet ("The Japan News
# (Yomiuri Shimbun)" is known to the gold's author, not printed on the page).
KNOWN_MISSES = {"003_17b39c3ba67188ab.txt #0 (ours: None): outlet"}


@pytest.fixture(scope="module")
def result():
    seeds, gold = shared_path("seeds"), shared_path("gold", "seeds.json")
    return score_seed_extraction(seeds, gold, fetched_at=FETCHED)


def test_all_articles_found_with_their_fields(result):
    fields = result["per_field"]
    assert result["articles_expected"] == 14 and result["articles_found"] == 14
    for field in (
        "article_count",
        "found",
        "title",
        "relative",
        "published",
        "starts",
        "ends",
        "wire",
        "authors",
        "dateline",
        "category",
        "facts_table",
        "photo_caption",
        "subtitle",
        "outlet",
    ):
        passed, total = fields[field]
        assert passed == total, (field, format_seed_report(result))
    assert fields["found"] == [14, 14] and fields["title"] == [14, 14]


def test_no_chrome_in_bodies_and_headline_links_kept(result):
    assert result["per_field"]["no_chrome_in_body"][0] == result["per_field"]["no_chrome_in_body"][1] >= 25
    assert result["per_field"]["headline_links"] == [10, 10]


def test_pinned_score(result):
    assert set(result["failures"]) <= KNOWN_MISSES, format_seed_report(result)
    assert result["passed"] >= result["checks"] - len(KNOWN_MISSES)
    assert result["score"] >= 0.99


def test_scorer_reports_a_wrong_gold_value(tmp_path):
    gold = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))
    page = gold["pages"]["000_b224bc9f47b2e3ef.txt"]
    page["articles"][2]["outlet"] = "Some Other Outlet"
    page["articles"][3]["ends"] = "words the body does not end with."
    page["chrome"].append("Japanese Foreign Minister Iwaya Takeshi has told")
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    scored = score_seed_extraction(shared_path("seeds"), tmp_path / "gold.json", fetched_at=FETCHED)
    failed = "\n".join(scored["failures"])
    assert "#2" in failed and ": outlet" in failed
    assert "#3" in failed and ": ends" in failed
    assert "Iwaya Takeshi has told" in failed
    report = format_seed_report(scored)
    assert report.startswith("seeds extraction:") and "failures:" in report
