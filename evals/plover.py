"""Score the event-type classifier on the PLOVER gold-standard records (``shared/eval/plover_events``).

Each record is one news sentence coded with one PLOVER event type. We classify the sentence
with the trigger lexicon + dependency parse (:func:`storyline.enrich.event_types.sentence_plover`);
when no trigger is found, a small bag-of-words model trained *only* on the codebook label texts
(CAMEO code labels mapped to PLOVER by CAMEO2PLOVER) decides. Gold records are never used to
build anything. Scores as the dataset README does: accuracy and macro-F1 over gold types.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from pathlib import Path

from evals.paths import default_shared_dir
from storyline.enrich.event_types import PLOVER_TYPES, sentence_plover
from storyline.enrich.nlp import get_nlp

DATASET = "plover_events"
# CAMEO2PLOVER-2021 still names two categories by their older names.
_RENAME = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}




def codebook_examples(codebooks: Path) -> list[tuple[str, str]]:
    """(label text, PLOVER type) pairs from the CAMEO labels and the CAMEO2PLOVER table."""
    code_to_plover: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for line in (codebooks / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*),[^#]*#\s*(.+)$", line)
        if not m:
            continue
        code, plover, mode, label = m.groups()
        plover = _RENAME.get(plover, plover)
        if plover == "DISAPPROVE" and "investigate" in mode:
            plover = "INVESTIGATE"
        if code[:2] in {"19"} and plover == "ASSAULT":
            plover = "FIGHT"  # later PLOVER drafts split armed conflict (CAMEO 19) into FIGHT
        code_to_plover[code] = plover
        pairs.append((label.strip(), plover))
    for line in (codebooks / "CAMEO_codefile.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^LABELi?:\s*(\d+)=\s*(.+)$", line)
        if m and m.group(1) in code_to_plover:
            pairs.append((m.group(2).strip(), code_to_plover[m.group(1)]))
    return [(t, p) for t, p in pairs if p in PLOVER_TYPES]


class CodebookModel:
    """Naive Bayes over lemmas of the codebook labels: the fallback when no trigger fires."""

    def __init__(self, examples: Iterable[tuple[str, str]], nlp):
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.naive_bayes import MultinomialNB

        texts, labels = zip(*examples)
        self.nlp = nlp
        self.vec = CountVectorizer(stop_words="english", binary=True)
        x = self.vec.fit_transform([_lemmas(d) for d in nlp.pipe(texts)])
        self.model = MultinomialNB(alpha=0.3).fit(x, labels)

    def predict(self, doc) -> str:
        return str(self.model.predict(self.vec.transform([_lemmas(doc)]))[0])


def _lemmas(doc) -> str:
    return " ".join(t.lemma_.lower() for t in doc if t.is_alpha)


def _nlp():
    return get_nlp()


def classify(texts: list[str], nlp, fallback: CodebookModel | None) -> list[str | None]:
    """PLOVER type per sentence: lexicon + parse, else the codebook model."""
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        label = sentence_plover(doc)
        if label is None and fallback is not None:
            label = fallback.predict(doc)
        out.append(label)
    return out


def score(gold: dict[str, str], pred: dict[str, str | None]) -> dict[str, float]:
    """The README's scorer: accuracy and macro-F1 over the gold types."""
    acc = sum(pred.get(k) == v for k, v in gold.items()) / (len(gold) or 1)
    f1s = []
    for c in sorted(set(gold.values())):
        tp = sum(pred.get(k) == c == v for k, v in gold.items())
        fp = sum(pred.get(k) == c != v for k, v in gold.items())
        fn = sum(v == c != pred.get(k) for k, v in gold.items())
        f1s.append(2 * tp / ((2 * tp + fp + fn) or 1))
    return {"accuracy": acc, "macro_f1": sum(f1s) / (len(f1s) or 1), "n": len(gold)}


def eval_plover(path: Path | None = None, output: Path | None = None, *, fallback: bool = True) -> dict:
    """Classify every record of ``PLOVER_GSR_CAMEO.json``; score; optionally write ``{uid: type}``."""
    root = (default_shared_dir() / "eval" / DATASET) if path is None else Path(path).parent
    path = Path(path) if path else root / "PLOVER_GSR_CAMEO.json"
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    nlp = _nlp()
    model = CodebookModel(codebook_examples(root / "codebooks"), nlp) if fallback else None
    started = time.perf_counter()
    labels = classify([r["text"] for r in records], nlp, model)
    seconds = time.perf_counter() - started
    pred = {r["uid"]: lab for r, lab in zip(records, labels)}
    if output:
        Path(output).write_text(json.dumps(pred, indent=1), encoding="utf-8")
    gold = {r["uid"]: r["event"] for r in records}
    return {**score(gold, pred), "seconds": seconds, "sentences_per_s": len(records) / (seconds or 1e-9)}
