"""Score event typing on the PLOVER gold-standard records (``shared/eval/plover_events``).

Each record is one news sentence coded with one PLOVER event type. Two classifiers are scored:

* **model**: :func:`storyline.enrich.event_model.sentence_type`, the shipped production path
  (the lexicon's type unless a linear model over lemmas, syntax and argument types is more confident of
  another by a CV-chosen margin; the model's type where no trigger fires: :mod:`evals.plover_decide`);
* **lexicon** (the old way): the trigger lexicon + dependency rules
  (:func:`storyline.enrich.event_types.sentence_plover`), a codebook-trained naive Bayes when no
  trigger fires.

``eval_plover_folds`` runs k-fold cross-validation on the DEV records: for each fold the model is
trained on the codebook labels (CAMEO code labels mapped to PLOVER by CAMEO2PLOVER) plus the other
folds' sentences and scored on the held-out fold, beside the lexicon on the same fold. The
hand lexicon was written while reading DEV sentences, so a "no lexicon" variant (the model
without the lexicon's features) shows what holds when nothing was tuned on the reported fold.
:func:`evals.plover_learned.build` writes the shipped model files (``--build-model``). Where the
``embeddings`` extra is installed, two more rows score MiniLM sentence embeddings the same way
(alone, and as the fallback of the masked lexicon), so the table shows what dense features add.
Scores as the dataset README does: accuracy and macro-F1 over gold types.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path

from evals.paths import default_shared_dir
from storyline.enrich import event_model
from storyline.enrich import event_types as et
from storyline.enrich.event_types import PLOVER_TYPES, sentence_plover
from storyline.enrich.nlp import get_nlp
from storyline.stories import embed

DATASET = "plover_events"
# CAMEO2PLOVER-2021 still names two categories by their older names.
_RENAME = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
VARIANTS = ("model", "hybrid", "lexicon", "model_shipped_lexicon", "lexicon_shipped", "no_lexicon")
# Scored only where the ``embeddings`` extra is installed: a logistic regression over the MiniLM sentence
# embedding (codebook labels + training folds), alone and as the fallback of the masked lexicon.
EMBEDDING_VARIANTS = ("embeddings", "lexicon_else_embeddings")
EMBEDDING_C = 10.0  # fixed before the folds were scored (dense unit vectors need a weak penalty); not tuned on them
NO_LEXICON = tuple(g for g in event_model.GROUPS if g != "lexicon")


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
    """Naive Bayes over lemmas of the codebook labels: the old fallback when no trigger fires."""

    def __init__(self, docs: Iterable, labels: Iterable[str]):
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.naive_bayes import MultinomialNB

        self.vec = CountVectorizer(stop_words="english", binary=True)
        x = self.vec.fit_transform([_lemmas(d) for d in docs])
        self.model = MultinomialNB(alpha=0.3).fit(x, list(labels))

    def predict(self, doc) -> str:
        return str(self.model.predict(self.vec.transform([_lemmas(doc)]))[0])


def _lemmas(doc) -> str:
    return " ".join(t.lemma_.lower() for t in doc if t.is_alpha)


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


def load_records(path: Path) -> list[dict]:
    return [r for r in json.loads(Path(path).read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def _paths(path: Path | None) -> tuple[Path, Path]:
    root = (default_shared_dir() / "eval" / DATASET) if path is None else Path(path).parent
    return (Path(path) if path else root / "PLOVER_GSR_CAMEO.json"), root / "codebooks"


class _Parsed:
    """Every sentence parsed once: the gold records and the codebook labels."""

    def __init__(self, path: Path | None):
        self.path, codebooks = _paths(path)
        self.records = load_records(self.path)
        self.book = codebook_examples(codebooks)
        nlp = get_nlp()
        self.docs = list(nlp.pipe([r["text"] for r in self.records], batch_size=64))
        self.book_docs = list(nlp.pipe([t for t, _ in self.book], batch_size=64))

        self._feats: dict[tuple, list[str]] = {}
        self.emb = self.book_emb = None
        if embed.available():  # optional extra: the embedding rows are left out without it
            encoder = embed.MiniLMEmbedder()
            self.emb = encoder.encode([r["text"] for r in self.records])
            self.book_emb = encoder.encode([t for t, _ in self.book])
        self.lemmas = [{t.lemma_.lower() for t in d} for d in self.docs]
        self.book_lemmas = {t.lemma_.lower() for d in self.book_docs for t in d}

    def features(self, doc, groups, tag: str = "") -> list[str]:
        key = (id(doc), tuple(groups), tag)
        if key not in self._feats:
            self._feats[key] = event_model.features(doc, groups)
        return self._feats[key]

    def training(self, indices: Iterable[int], groups, tag: str = "") -> list[tuple[list[str], str, float]]:
        w = event_model.CODEBOOK_WEIGHT
        out = [(self.features(d, groups, tag), p, w) for d, (_, p) in zip(self.book_docs, self.book)]
        out += [(self.features(self.docs[i], groups, tag), self.records[i]["event"], 1.0) for i in indices]
        return out

    def unseen_words(self, test: list[int], train: list[int]) -> set[str]:
        """Lemmas of the test fold found in no training sentence and no codebook label: lexicon
        entries made of them can only have been written from the test fold."""
        seen = set(self.book_lemmas).union(*(self.lemmas[i] for i in train))
        return set().union(*(self.lemmas[i] for i in test)) - seen


def folds_of(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """``k`` disjoint folds of ``range(n)``: a seeded shuffle dealt round-robin (deterministic)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


def _lexicon_labels(data: _Parsed, indices: list[int], fallback: CodebookModel | None) -> dict[str, str | None]:
    out = {}
    for i in indices:
        label = sentence_plover(data.docs[i])
        if label is None and fallback is not None:
            label = fallback.predict(data.docs[i])
        out[data.records[i]["uid"]] = label
    return out


def _model_labels(data: _Parsed, indices: list[int], model: event_model.PloverModel, tag: str = "") -> dict[str, str]:
    return {data.records[i]["uid"]: model.predict_features(data.features(data.docs[i], model.groups, tag))[0]
            for i in indices}


def _embedding_labels(data: _Parsed, test: list[int], train: list[int]) -> dict[str, str]:
    """Held-out labels from a logistic regression over MiniLM sentence embeddings, trained on the
    codebook labels (weighted as in the sparse model) and the training folds' sentences."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([data.emb[train], data.book_emb])
    y = [data.records[i]["event"] for i in train] + [p for _, p in data.book]
    w = [1.0] * len(train) + [event_model.CODEBOOK_WEIGHT] * len(data.book)
    model = LogisticRegression(C=EMBEDDING_C, max_iter=5000).fit(x, y, sample_weight=w)
    return {data.records[i]["uid"]: str(p) for i, p in zip(test, model.predict(data.emb[test]))}


def _rule(feats: list[str]) -> str | None:
    rule = next((f[5:] for f in feats if f.startswith("rule=")), "None")
    return None if rule == "None" else rule


def _fold(data: _Parsed, f: int, test: list[int], train: list[int], fallback: CodebookModel) -> dict:
    """One held-out fold: the model with the lexicon masked to what the training folds could have
    taught (the headline), the model with the shipped lexicon, without the lexicon, and the lexicon
    alone (masked and shipped)."""
    gold = {data.records[i]["uid"]: data.records[i]["event"] for i in test}
    row: dict = {"fold": f, "n": len(test)}
    variants = (("model", event_model.GROUPS, True), ("model_shipped_lexicon", event_model.GROUPS, False),
                ("no_lexicon", NO_LEXICON, False))
    for name, groups, masked in variants:
        tag = f"mask{f}" if masked else ""
        with (et.without_triggers(data.unseen_words(test, train)) if masked else nullcontext()):
            model = event_model.PloverModel({**event_model.train(data.training(train, groups, tag)), "groups": groups})
            row[name] = score(gold, _model_labels(data, test, model, tag))
            row[name]["pred"] = _model_labels(data, test, model, tag)
            if name == "model":  # the lexicon decides; the model only where no trigger fires
                hybrid = {data.records[i]["uid"]: _rule(data.features(data.docs[i], groups, tag))
                          or row[name]["pred"][data.records[i]["uid"]] for i in test}
                row["hybrid"] = score(gold, hybrid)
    with et.without_triggers(data.unseen_words(test, train)):
        row["lexicon"] = score(gold, _lexicon_labels(data, test, fallback))
    if data.emb is not None:
        dense = _embedding_labels(data, test, train)
        row["embeddings"] = score(gold, dense)
        masked_rule = {data.records[i]["uid"]: _rule(data.features(data.docs[i], event_model.GROUPS, f"mask{f}"))
                       for i in test}
        row["lexicon_else_embeddings"] = score(gold, {u: masked_rule[u] or dense[u] for u in dense})
    row["lexicon_shipped"] = score(gold, _lexicon_labels(data, test, fallback))
    return row


def eval_plover_folds(path: Path | None = None, k: int = 5, output: Path | None = None) -> dict:
    """k-fold CV on the DEV records: model, model without lexicon features, and the old lexicon, per fold."""
    started = time.perf_counter()
    data = _Parsed(path)
    fallback = CodebookModel(data.book_docs, [p for _, p in data.book])
    folds = folds_of(len(data.records), k)
    rows, pred_all = [], {}
    for f, test in enumerate(folds):
        train = [i for g, fold in enumerate(folds) if g != f for i in fold]
        rows.append(_fold(data, f, test, train, fallback))
        pred_all.update(rows[-1]["model"].pop("pred"))
        for name in VARIANTS:
            rows[-1][name].pop("pred", None)
    variants = VARIANTS + (EMBEDDING_VARIANTS if data.emb is not None else ())
    if output:
        Path(output).write_text(json.dumps(pred_all, indent=1), encoding="utf-8")
    mean = {name: {m: sum(r[name][m] for r in rows) / len(rows) for m in ("accuracy", "macro_f1")}
            for name in variants}
    return {"folds": rows, "mean": mean, "k": k, "n": len(data.records), "seconds": time.perf_counter() - started,
            "embeddings": data.emb is not None}


def eval_plover(path: Path | None = None, output: Path | None = None, *, fallback: bool = True,
                dense: bool | None = None) -> dict:
    """Classify every record with the production path (the learned decision of the shipped model; the lexicon
    and the codebook naive Bayes when no model file is there). ``dense``: the model with MiniLM vectors (``None``:
    where the extra is installed, as the product), ``False`` the sparse one (what CI runs)."""
    path, codebooks = _paths(path)
    records = load_records(path)
    nlp = get_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=64))
    labels = [event_model.sentence_type(d, dense)[0] for d in docs]
    if fallback and any(lab is None for lab in labels):
        book = codebook_examples(codebooks)
        nb = CodebookModel(nlp.pipe([t for t, _ in book]), [p for _, p in book])
        labels = [lab or nb.predict(d) for lab, d in zip(labels, docs)]
    seconds = time.perf_counter() - started
    pred = {r["uid"]: lab for r, lab in zip(records, labels)}
    if output:
        Path(output).write_text(json.dumps(pred, indent=1), encoding="utf-8")
    gold = {r["uid"]: r["event"] for r in records}
    return {**score(gold, pred), "seconds": seconds, "sentences_per_s": len(records) / (seconds or 1e-9)}
