"""The hand-labelled real news sentences (evals/data/plover_real) and their R-train/R-check split."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals.plover_written import REAL, WRITTEN, duplicate_groups, real_split
from storyline.enrich.event_types import PLOVER_TYPES

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO.parent / "shared" / "eval" / "plover_events" / "PLOVER_GSR_CAMEO.json"


def _rows() -> list[dict]:
    return [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_real_corpus_is_labelled_and_covers_every_type():
    rows = _rows()
    types = Counter(r["type"] for r in rows)
    assert len(rows) >= 600 and len({r["id"] for r in rows}) == len(rows)
    assert set(types) == set(PLOVER_TYPES) | {"NONE"}
    assert sum(n for t, n in types.items() if t != "NONE") >= 500
    assert {r["stratum"] for r in rows} == {"trigger", "random", "keyword", "rare"}


def test_the_real_corpus_shares_no_sentence_with_the_written_corpus_or_the_gold():
    texts = {r["text"].strip().lower() for r in _rows()}
    written = {json.loads(line)["text"].strip().lower() for line in WRITTEN.read_text(encoding="utf-8").splitlines()
               if line.strip()}
    assert not texts & written
    if not GOLD.is_file():
        pytest.skip("shared data absent: the DEV gold overlap NOT checked")
    records = json.loads(GOLD.read_text(encoding="utf-8"))
    gold = {r["text"].strip().lower() for r in records if isinstance(r.get("text"), str)}
    assert not texts & gold


def test_near_duplicates_share_a_group():
    texts = ["Police arrested a man on suspicion of murder after fishermen found a severed arm in a lake.",
             "Police have arrested a man on suspicion of murder after fishermen found a severed arm in a lake.",
             "The two presidents met in Geneva on Tuesday and discussed trade."]
    g = duplicate_groups(texts)
    assert g[0] == g[1] != g[2]


def test_the_split_keeps_duplicates_on_one_side_and_every_type_in_the_check_set():
    rows = [r for r in _rows() if r["type"] != "NONE"]
    texts, labels = [r["text"] for r in rows], [r["type"] for r in rows]
    train, check = real_split(texts, labels)
    assert not set(train) & set(check) and len(train) + len(check) == len(rows)
    assert 0.25 <= len(check) / len(rows) <= 0.35
    groups = duplicate_groups(texts)
    assert not {groups[i] for i in train} & {groups[i] for i in check}
    assert {labels[i] for i in check} == set(PLOVER_TYPES)
    assert real_split(texts, labels) == (train, check)  # deterministic


@pytest.mark.parametrize("dense", [False, True])
def test_the_shipped_models_say_whether_they_read_the_real_sentences(dense):
    from storyline.enrich import event_model

    path = event_model.DENSE_MODEL_PATH if dense else event_model.MODEL_PATH
    data = json.loads(path.read_text(encoding="utf-8"))
    typed = sum(r["type"] != "NONE" for r in _rows())
    n = data["trained_on"].get("real_sentences", 0)
    assert n == (typed if float(data["chosen_by"].get("real_weight", 0)) > 0 else 0)
