"""The line labels of the learned body decision's training data (evals.wcxb_blocks)."""

from __future__ import annotations

from collections import Counter

from evals.wcxb import toks
from evals.wcxb_blocks import line_label, site_fold

GOLD = "The port reopened on Tuesday. Dock workers accepted a pay offer after eleven days of strike action."


def _label(line: str) -> bool:
    return line_label(line, f" {' '.join(toks(GOLD))} ", Counter(toks(GOLD)))


def test_a_line_is_body_when_its_words_stand_in_the_gold_as_one_run():
    assert _label("Dock workers accepted a pay offer")
    assert _label("The port reopened on Tuesday.")
    assert not _label("Share this")  # short: its words must be one run of the gold text
    assert not _label("Tuesday port")  # both words are in the gold, not as one run


def test_a_long_line_needs_nine_tenths_of_its_words_in_the_gold():
    assert _label("Dock workers accepted a pay offer after eleven days of strike action yesterday")  # 12 of 13 words
    assert not _label("Subscribe to our newsletter for the latest news on ports, strikes and pay offers today")


def test_sites_fall_in_one_fold():
    assert site_fold("example.org") == site_fold("example.org")
    assert {site_fold(f"site{i}.com") for i in range(50)} == set(range(5))
