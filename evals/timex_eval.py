"""Score :mod:`storyline.enrich.timex` on TempEval-3 platinum (``shared/eval/tempeval3_platinum``).

Each input document gives raw text and its creation time (DCT); we find and normalise every time
expression against the DCT and score exactly as the dataset README does: strict-text span
P/R/F1, value accuracy on matched spans and value F1.
"""

from __future__ import annotations

import collections
import glob
import html
import json
import os
import re
import time
from datetime import date
from pathlib import Path

from evals.paths import default_shared_dir
from storyline.enrich.timex import tag_sentence
from storyline.text.sentences import sentences

DATASET = "tempeval3_platinum"




def _text_and_dct(raw: str) -> tuple[str, date]:
    dct = re.search(r'functionInDocument="CREATION_TIME"', raw) and re.search(
        r'<DCT>.*?value="(\d{4}-\d\d-\d\d)', raw, re.DOTALL)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body)), date.fromisoformat(dct.group(1))


def predict_document(text: str, dct: date) -> list[dict]:
    """Time expressions of one document, resolved sentence by sentence against its DCT."""
    out = []
    for sentence in sentences(text):  # the product's one splitter
        for t in tag_sentence(sentence, dct):
            if t.value:
                out.append({"text": t.text, "value": t.value, "type": t.type})
    return out


def score(gold_dir: Path, pred: dict[str, list[dict]]) -> dict[str, float]:
    """The README's scorer: strict-text span P/R/F1, value accuracy on matches, value F1."""
    tp = fp = fn = vok = 0
    for f in sorted(glob.glob(str(gold_dir / "*.tml"))):
        doc = os.path.basename(f)[:-4]
        x = Path(f).read_text(encoding="utf-8")
        body = x.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
        gold = collections.Counter((re.sub(r"<[^>]+>", "", t).strip().lower(), v) for v, t in
                                   re.findall(r'<TIMEX3[^>]*?value="([^"]*)"[^>]*>(.*?)</TIMEX3>', body, re.DOTALL))
        got = collections.Counter((p["text"].strip().lower(), p["value"]) for p in pred.get(doc, []))
        gs = collections.Counter(t for t, _ in gold.elements())
        ps = collections.Counter(t for t, _ in got.elements())
        m = sum((gs & ps).values())
        tp, fp, fn = tp + m, fp + sum(ps.values()) - m, fn + sum(gs.values()) - m
        vok += sum((gold & got).values())
    p, r = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / ((p + r) or 1),
            "value_accuracy": vok / (tp or 1), "value_f1": 2 * vok / ((2 * tp + fp + fn) or 1)}


def eval_timex(shared: Path | None = None, output: Path | None = None) -> dict:
    """Run and score TempEval-3 platinum (DEV half); optionally write ``pred.json``."""
    root = (shared or default_shared_dir()) / "eval" / DATASET
    started = time.perf_counter()
    pred = {}
    for f in sorted((root / "input").glob("*.TE3input")):
        text, dct = _text_and_dct(f.read_text(encoding="utf-8"))
        pred[f.name.split(".tml")[0]] = predict_document(text, dct)
    seconds = time.perf_counter() - started
    if output:
        Path(output).write_text(json.dumps(pred, indent=1), encoding="utf-8")
    return {**score(root / "gold", pred), "documents": len(pred), "seconds": seconds}
