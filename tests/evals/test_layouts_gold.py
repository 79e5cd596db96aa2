"""The layout generator's gold is the text a reader sees: the WCXB DEV gold it draws its
article texts from keeps some HTML entities as text ("I&#39;m"), which an HTML page would show as
"I'm" once and a text dump never; the generator unescapes them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from evals.folds import TUNE, fold_of
from evals.layout_kit import TextSource

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO / ".." / "shared"))
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")


def test_generator_texts_hold_no_html_entities():
    gold_path = SHARED / "eval" / "wcxb" / "ground-truth.json"
    if not gold_path.exists():
        pytest.skip(f"gold data {gold_path} is absent (set STORYLINE_SHARED)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = [g for k, g in gold.items() if g["page_type"] == "article" and fold_of(k) == TUNE]
    assert any(ENTITY.search(g.get("main_content") or "") for g in raw)  # the source does hold them
    texts = TextSource(SHARED, TUNE).texts
    assert texts
    assert not [t.title for t in texts if ENTITY.search(t.title + " ".join(t.paragraphs))]
