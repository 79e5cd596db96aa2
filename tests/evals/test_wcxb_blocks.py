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


def test_training_rows_are_the_rows_production_computes():
    """The rows the trees are fitted on equal those decide_body computes inside extract_page (the
    shipped trees were once fitted on rows whose ours_siblings grouped lines by reused proxy ids)."""
    import json

    from evals.wcxb_blocks import page_parts, runtime_rows
    from tests.extract.test_body_blocks import PAGE, PARAGRAPHS

    ads = "".join(f"<div class='ad'><p>Advertisement {i}</p></div><div class='story-part'><p>{p}</p></div>"
                  for i, p in enumerate(PARAGRAPHS))
    for page in (PAGE, PAGE.replace("<article class='story'>", f"<article class='story'>{ads}")):
        raw = page.encode()
        live = runtime_rows(raw)
        assert live, "production decided the body of this page"
        assert json.loads(json.dumps(page_parts(raw)["x"])) == live
