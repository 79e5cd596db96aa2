"""The WCXB body-gap breakdown: each article page's F1 difference lands in one group."""

from __future__ import annotations

import pytest

from evals.wcxb import body_gap, word_f1


def _rec(body: str | None, page_type: str = "article") -> dict:
    return {"page_type": page_type, "articles": [{"position": 0, "body": body}] if body is not None else []}


def test_body_gap_splits_the_difference_by_page_group():
    gold = {
        "a": {"page_type": "article", "main_content": "one two three four"},
        "b": {"page_type": "article", "main_content": "five six seven eight"},
        "c": {"page_type": "article", "main_content": "nine ten"},
        "d": {"page_type": "article", "main_content": "eleven twelve"},
        "x": {"page_type": "listing", "main_content": "not scored here"},
    }
    ours = {"a": _rec("one two three four menu"), "b": _rec(None, "listing"), "c": _rec(None), "d": _rec("eleven")}
    base = {"a": _rec("one two"), "b": _rec("five six seven eight"), "c": _rec("nine"), "d": _rec("eleven twelve"),
            "x": _rec("whatever")}
    gap = body_gap(gold, ours, base, list(gold))
    assert gap["typed_other"] == (1, pytest.approx(-1.0 / 4))
    assert gap["no_text"] == (1, pytest.approx(-word_f1("nine", "nine ten") / 4))
    with_article = (word_f1("one two three four menu", "one two three four") - word_f1("one two", "one two three four")
                    + word_f1("eleven", "eleven twelve") - 1.0) / 4
    assert gap["with_article"] == (2, pytest.approx(with_article))
    assert (gap["wins"], gap["losses"]) == (1, 1)
    assert gap["ours_pr"] == (pytest.approx((0.8 + 1.0) / 2), pytest.approx((1.0 + 0.5) / 2))
    assert gap["base_pr"] == (pytest.approx(1.0), pytest.approx((0.5 + 1.0) / 2))
