"""NER evaluation: the span scorer, CoNLL tagging, and the MEANTIME floor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evals import ner, ner_folds

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO / ".." / "shared"))


def test_score_spans_exact_partial_and_dont_care():
    doc = ner.NerDoc("d", ["the", "Ford", "Motor", "Company", "said", "Tokyo", "it", "x"], [0] * 8,
                     gold={(0, 4, "ORG"), (5, 6, "LOC")}, dont_care={(6, 7)})
    # "the" is stripped on both sides; (1, 3) overlaps the ORG only partially; (6, 7) is don't-care
    pred = {(1, 4, "ORG"), (5, 6, "PER"), (6, 7, "ORG"), (7, 8, "LOC")}
    s = ner.score_spans([doc], [pred])
    assert s["predicted"] == 3 and s["gold"] == 2
    assert s["exact"]["r"] == 0.5 and s["exact"]["p"] == pytest.approx(1 / 3, abs=1e-3)
    s2 = ner.score_spans([doc], [{(1, 3, "ORG")}])
    assert s2["exact"]["f1"] == 0 and s2["partial"]["p"] == 1.0


def test_error_kinds_split_losses_by_type_and_kind():
    toks = ["Ford", "Motor", "said", "Tokyo", "and", "Kyoto", "met", "Smith", "x"]
    doc = ner.NerDoc("d", toks, [0] * 9, gold={(0, 2, "ORG"), (3, 4, "LOC"), (5, 6, "LOC")}, dont_care={(8, 9)})
    pred = {(0, 1, "ORG"), (3, 4, "PER"), (7, 8, "PER"), (8, 9, "ORG")}
    kinds = ner.error_kinds([doc], [pred])
    assert kinds["ORG"] == {"gold boundary": 1, "pred boundary": 1}
    assert kinds["LOC"] == {"gold type": 1, "gold missed": 1}
    assert kinds["PER"] == {"pred type": 1, "pred spurious": 1}


def test_predict_conll_appends_iob2_tags(tmp_path):
    src = tmp_path / "in.conll"
    src.write_text("-DOCSTART- -X- O\n\nFrench JJ B-MISC\nPresident NNP O\nEmmanuel NNP B-PER\n"
                   "Macron NNP I-PER\nvisited VBD O\nNew NNP B-LOC\nDelhi NNP I-LOC\n. . O\n", encoding="utf-8")
    out = tmp_path / "out.conll"
    ner.predict_conll(src, out)
    tags = [
        line.split()[-1] for line in out.read_text(encoding="utf-8").splitlines() if line and "DOCSTART" not in line
    ]
    assert tags == ["B-MISC", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]


@pytest.mark.eval
def test_meantime_floor():
    if not (SHARED / "eval" / ner.MEANTIME).is_dir():
        pytest.skip(
            f"shared data absent, quality gate NOT run: {SHARED / 'eval' / ner.MEANTIME} is absent (set "
            "STORYLINE_SHARED)"
        )
    floors = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
    report = ner_folds.eval_folds(SHARED, 5)  # every document scored once; folds are subsets
    everything, mean = report["all"]["storyline"], report["mean"]["storyline"]
    assert report["docs"] == 60 and sum(f["docs"] for f in report["folds"]) == 60
    assert everything["exact"]["f1"] >= floors["meantime_ner_exact_f1"]
    assert everything["exact"]["r"] >= floors["meantime_ner_exact_recall"]
    assert everything["partial"]["f1"] >= floors["meantime_ner_partial_f1"]
    assert mean["exact_f1"] >= floors["meantime_folds_exact_f1"]
    assert mean["exact_r"] >= floors["meantime_folds_exact_recall"]
    for t in ("PER", "ORG", "LOC"):
        assert mean["by_type"][t] >= floors[f"meantime_folds_{t.lower()}_f1"], t
    # and no worse than spaCy NER alone on the same parses, on the mean of the folds and on each corpus
    assert everything["exact"]["r"] >= report["all"]["spacy"]["exact"]["r"]
    assert mean["exact_f1"] >= report["mean"]["spacy"]["exact_f1"]
    assert all(c["storyline"] >= c["spacy"] for c in report["corpora"])
