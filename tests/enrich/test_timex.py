"""Time expressions: spans, resolution against the publication time, and the TempEval-3 floor."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.enrich.timex import find_time_expressions, resolve_date, tag_sentence
from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[2]
WED = datetime(2025, 7, 30, 8, 20, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize("text, tense, expected", [
    ("on Tuesday", "past", "2025-07-29"),
    ("on Tuesday", "future", "2025-08-05"),
    ("Wednesday", "past", "2025-07-30"),
    ("Friday", "future", "2025-08-01"),
    ("Friday", "past", "2025-07-25"),
    ("July 29", "past", "2025-07-29"),
    ("on Aug. 1", "future", "2025-08-01"),
    ("May 23", "past", "2025-05-23"),
    ("on October 28th, 2025", "past", "2025-10-28"),
    ("yesterday", "past", "2025-07-29"),
    ("three days ago", "past", "2025-07-27"),
    ("2025-07-01", "past", "2025-07-01"),
])
def test_day_resolution(text, tense, expected):
    assert resolve_date(text, WED, tense=tense) == (expected, None)


@pytest.mark.parametrize("text, value, precision", [
    ("earlier this month", "2025-07", "month"),
    ("next month", "2025-08", "month"),
    ("in mid-June", "2025-06", "month"),
    ("last week", "2025-W30", "week"),
    ("last year", "2024", "year"),
])
def test_coarser_values_say_their_precision(text, value, precision):
    assert resolve_date(text, WED) == (value, f"precision: {precision}")


def test_no_anchor_stays_unresolved_with_a_reason():
    assert resolve_date("on Tuesday", None) == (
        None, "unresolved: publication time unknown (text: 'Tuesday')")
    # an absolute date needs no anchor
    assert resolve_date("July 3, 2023", None) == ("2023-07-03", None)


def test_year_for_a_bare_date_follows_tense_across_new_year():
    jan = datetime(2026, 1, 3, tzinfo=UTC)
    assert resolve_date("Dec. 30", jan)[0] == "2025-12-30"
    assert resolve_date("Jan. 10", jan, tense="future")[0] == "2026-01-10"


def test_previous_day_is_relative_to_the_sentence_date():
    found = tag_sentence("China on Tuesday warned against guidelines set out the previous day.", WED)
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2025-07-29"), ("the previous day", "2025-07-28")]


def test_spans_and_words_that_are_not_dates():
    sentence = "He may march on, but on Aug. 1 the ministry will be reorganized, as in 2006."
    spans = find_time_expressions(sentence)
    assert [s[0] for s in spans] == ["Aug. 1", "2006"]
    assert all(sentence[a:b] == t for t, a, b in spans)
    assert find_time_expressions("Tariffs of 25% hit 2,000 firms") == []


@pytest.mark.eval
def test_tempeval3_floor():
    from evals.timex_eval import eval_timex

    shared = SHARED
    if not (shared / "eval" / "tempeval3_platinum").is_dir():
        pytest.skip(
            "shared data absent, quality gate NOT run: shared/eval/tempeval3_platinum not found beside this checkout"
        )
    floors = json.loads((REPO / "tests" / "quality_floors.json").read_text())
    r = eval_timex(shared)
    assert r["f1"] >= floors["timex_tempeval3_f1"], r
    assert r["value_accuracy"] >= floors["timex_tempeval3_value_accuracy"], r


def test_full_dates_with_weekday_and_spaced_commas():
    found = tag_sentence("Thursday , December 11 , 2008 and Sunday, March 2, 2025", None)
    assert [(t.text, t.value) for t in found] == [
        ("Thursday , December 11 , 2008", "2008-12-11"),
        ("Sunday, March 2, 2025", "2025-03-02"),
    ]
