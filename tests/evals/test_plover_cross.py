"""PLOVER typing across corpora (evals.plover_cross): the written halves and the held-out figures' floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.enrich.event_types import PLOVER_TYPES

REPO = Path(__file__).resolve().parents[2]
PLOVER_DIR = REPO.parent / "shared" / "eval" / "plover_events"


class _Labels:
    def __init__(self):
        from evals.plover_written import load_written

        self.labels = {"written": [r["type"] for r in load_written()]}


def test_written_halves_partition_the_corpus_with_every_type_in_both():
    from evals.plover_cross import halves

    data = _Labels()
    tune, check = halves(data)
    assert sorted(tune + check) == list(range(len(data.labels["written"])))
    assert not set(tune) & set(check)
    for half in (tune, check):
        assert {data.labels["written"][i] for i in half} == set(PLOVER_TYPES)
    assert halves(data) == (tune, check)  # seeded: the same halves every run


def test_scores_split_sentences_where_the_lexicon_fires():
    from evals.plover_cross import _scores

    class _Data:
        labels = {"written": ["FIGHT", "AID", "PROTEST"]}

    rows = [("written", 0), ("written", 1), ("written", 2)]
    fired = {rows[0]: "FIGHT", rows[1]: None, rows[2]: "DEMAND"}
    preds = {"lexicon": {rows[0]: "FIGHT", rows[1]: "FIGHT", rows[2]: "DEMAND"},
             "model": {rows[0]: "FIGHT", rows[1]: "AID", rows[2]: "PROTEST"}}
    s = _scores(_Data(), rows, preds, fired)
    assert s["all"]["lexicon"]["n"] == 3 and s["fired"]["lexicon"]["n"] == 2
    assert s["all"]["model"]["accuracy"] == 1.0 and abs(s["all"]["lexicon"]["accuracy"] - 1 / 3) < 1e-9
    assert s["fired"]["lexicon"]["accuracy"] == 0.5 and s["fired"]["model"]["accuracy"] == 1.0


@pytest.mark.eval
def test_cross_corpus_floors():
    from evals.plover_cross import eval_cross

    if not (PLOVER_DIR / "PLOVER_GSR_CAMEO.json").is_file():
        pytest.skip("shared data absent, quality gate NOT run: shared/eval/plover_events not found")
    floors = json.loads((REPO / "tests" / "quality_floors.json").read_text())
    r = eval_cross(dense=False)
    assert r["n"]["w_check"] + r["n"]["w_tune"] == 559 and r["n"]["dev"] == 158
    wcheck, dev = r["to_wcheck"]["all"], r["to_dev"]["all"]
    assert wcheck["lexicon"]["accuracy"] >= floors["plover_cross_wcheck_lexicon_accuracy"], wcheck
    assert wcheck["model"]["accuracy"] >= floors["plover_cross_wcheck_model_accuracy"], wcheck
    assert dev["lexicon"]["accuracy"] >= floors["plover_cross_dev_lexicon_masked_accuracy"], dev
    assert dev["model"]["accuracy"] >= floors["plover_cross_dev_model_accuracy"], dev
    # "lexicon, else model" keeps the lexicon's decision wherever it fires: same scores there
    for setting in ("to_wcheck", "to_dev"):
        fired = r[setting]["fired"]
        assert fired["lexicon_else_model"] == fired["lexicon"], fired
