"""The bilingual gold through the product: JA/EN reports of one happening share a story, unrelated
ones (same-day distractors included) stay apart. Scored on the check split, never tuned on."""

from __future__ import annotations

from collections import Counter

import pytest

from evals.bilingual import GOLD_DIR, read_gold, render_page, score_split

RECALL_FLOOR, PRECISION_FLOOR = 0.8, 0.9


def test_gold_shape():
    gold = read_gold()
    pairs = Counter(r["happening"] for r in gold if r["happening"].startswith("h"))
    assert len(pairs) >= 30 and set(pairs.values()) == {2}
    for h in pairs:
        langs = {r["language"] for r in gold if r["happening"] == h}
        splits = {r["split"] for r in gold if r["happening"] == h}
        assert langs == {"ja", "en"} and len(splits) == 1
    assert {r["split"] for r in gold} == {"tune", "check"}
    assert sum(1 for r in gold if r["happening"].startswith("u")) >= 10  # unrelated reports
    for rec in gold:  # the committed pages are the rendering of the committed texts
        assert (GOLD_DIR / "pages" / rec["split"] / f"{rec['id']}.html").read_text(encoding="utf-8") == render_page(rec)


@pytest.mark.slow
def test_check_split_pair_recall_and_precision():
    result = score_split("check")
    assert result["extracted"] == result["articles"]
    assert result["recall"] >= RECALL_FLOOR, result
    assert result["precision"] >= PRECISION_FLOOR, result
