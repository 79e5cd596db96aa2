"""Named-entity evaluation: MEANTIME entity mentions, and CoNLL-style predictions.

MEANTIME (``wikinews_meantime_timeline/corpus_*/meantime_xml/*.xml.gz``): gold mentions are the
``ENTITY_MENTION`` markables of syntactic type ``NAM``/``PRE.NAM`` whose ``REFERS_TO`` target
is a PER, ORG or LOC entity. Other annotated mentions (nominals, pronouns, unlabelled names,
products, financial entities) are a "don't care" zone: a prediction exactly on one of them is
neither right nor wrong. Our mentions are mapped PERSON -> PER; ORG, GOV_BODY, INTL_ORG -> ORG;
COUNTRY (demonyms too, as MEANTIME marks "American" as a LOC pre-modifier), CITY, LOC -> LOC.
Scores: micro P/R/F1 with exact spans and with partial (overlapping) spans, type-aware, next to
plain spaCy NER on the same parses. MEANTIME marks only the entities that take part in its
annotated events, so many true names are unmarked: precision here is a lower bound and recall
is the figure to watch.

CoNLL: ``predict_conll`` reads tokens (first column, blank line between sentences,
``-DOCSTART-`` between documents) and appends our IOB2 tag (PER/ORG/LOC/MISC) to each line;
demonyms are MISC there, as CoNLL-2003 tags them.
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from storyline.enrich import enrich_many, gazetteer
from storyline.enrich.nlp import parse_many
from storyline.models import Article

MEANTIME = "wikinews_meantime_timeline"
_ORG_TYPES = {"ORG", "GOV_BODY", "INTL_ORG"}
_LOC_TYPES = {"COUNTRY", "CITY", "LOC"}


@dataclass(slots=True)
class NerDoc:
    name: str
    tokens: list[str]
    sent_ids: list[int]
    gold: set[tuple[int, int, str]] = field(default_factory=set)  # token [start, end), type
    dont_care: set[tuple[int, int]] = field(default_factory=set)


def _mention_type(entity_type: str, text: str, adjective_as: str) -> str | None:
    if entity_type == "PERSON":
        return "PER"
    if entity_type in _ORG_TYPES:
        return "ORG"
    if entity_type in _LOC_TYPES:
        entry = gazetteer.load().surfaces.get(text)
        return adjective_as if entry is not None and entry.adjective else "LOC"
    return "MISC" if entity_type == "MISC" else None


def _doc_text(tokens: list[str], sent_ids: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined by spaces, sentences by newlines; with each token's char offsets."""
    parts, offsets, pos = [], [], 0
    for i, tok in enumerate(tokens):
        if i:
            sep = "\n" if sent_ids[i] != sent_ids[i - 1] else " "
            parts.append(sep)
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def predict_spans(docs: list[NerDoc], adjective_as: str = "LOC",
                  titled: bool = False) -> list[set[tuple[int, int, str]]]:
    """Our typed mentions of each document as token spans. ``titled``: each document's first
    sentence is its headline (MEANTIME's), given to the product as the article's title as a feed
    item's would be, so its mentions come from the headline component like a real article's."""
    texts = [_doc_text(d.tokens, d.sent_ids) for d in docs]
    out = []
    baseline = [_spacy_spans(parsed, offsets) for (_, offsets), parsed in zip(texts, parse_many([t for t, _ in texts]))]
    articles, shifts = [], []
    for text, _ in texts:
        title, sep, body = text.partition("\n") if titled else ("", "", text)
        articles.append(Article(title=title, body=body, source="eval") if sep else Article(body=text, source="eval"))
        shifts.append(len(title) + 1 if sep else 0)
    enriched = enrich_many(articles)  # the production entry point
    for (_text, offsets), enrichment, shift in zip(texts, enriched, shifts):
        types = {e.key: e.type for e in enrichment.entities}
        norp = {m.entity_key for m in enrichment.mentions if m.label == "NORP"}  # a headline's "European" too
        spans = set()
        for m in enrichment.mentions:
            etype = "COUNTRY" if m.metonym else types.get(m.entity_key, "MISC")
            label = _mention_type(etype, m.text, adjective_as)
            if label == "MISC" and (m.label == "NORP" or (m.label == "headline" and m.entity_key in norp)):
                label = adjective_as  # "European", "North American"
            lo, hi = (m.start, m.end) if m.label == "headline" else (m.start + shift, m.end + shift)
            toks = [i for i, (s, e) in enumerate(offsets) if s < hi and lo < e]
            if label and toks:
                spans.add((toks[0], toks[-1] + 1, label))
        out.append(spans)
    predict_spans.last_baseline = baseline  # plain spaCy NER on the same parses, for comparison
    return out


_SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}


def _spacy_spans(parsed, offsets) -> set[tuple[int, int, str]]:
    spans = set()
    for ent in parsed.ents:
        label = _SPACY_MAP.get(ent.label_)
        toks = [i for i, (s, e) in enumerate(offsets) if s < ent.end_char and ent.start_char < e]
        if label and toks:
            spans.add((toks[0], toks[-1] + 1, label))
    return spans


def load_meantime(shared: Path) -> list[NerDoc]:
    docs = []
    for path in sorted((Path(shared) / "eval" / MEANTIME).glob("corpus_*/meantime_xml/*.xml.gz")):
        with gzip.open(path) as fh:
            root = etree.fromstring(fh.read())
        toks = list(root.iter("token"))
        index = {t.get("t_id"): i for i, t in enumerate(toks)}
        doc = NerDoc(path.name, [t.text or "" for t in toks], [int(t.get("sentence")) for t in toks])
        ent_type = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
        mentions = {}
        for m in root.find("Markables").iter("ENTITY_MENTION"):
            ids = sorted(index[a.get("t_id")] for a in m.iter("token_anchor"))
            if ids:
                mentions[m.get("m_id")] = (ids[0], ids[-1] + 1, m.get("syntactic_type") or "")
        for rel in root.find("Relations").iter("REFERS_TO"):
            targets = [t.get("m_id") for t in rel.iter("target")]
            etype = ent_type.get(targets[0]) if targets else None
            for src in rel.iter("source"):
                if src.get("m_id") not in mentions:
                    continue
                start, end, syn = mentions.pop(src.get("m_id"))
                if etype in ("PER", "ORG", "LOC") and syn in ("NAM", "PRE.NAM"):
                    doc.gold.add((start, end, etype))
                else:
                    doc.dont_care.add((start, end))
        doc.dont_care |= {(s, e) for s, e, _ in mentions.values()}
        docs.append(doc)
    return docs


def _prf(tp: float, n_pred: int, n_gold: int) -> dict:
    p, r = tp / (n_pred or 1), tp / (n_gold or 1)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / ((p + r) or 1), 4)}


def _strip_det(doc: NerDoc, span: tuple) -> tuple:
    """A leading "the" is not part of the name: MEANTIME includes it, spaCy mostly not."""
    start, end, label = span
    if end - start > 1 and doc.tokens[start].lower() == "the":
        start += 1
    return (start, end, label)


def score_spans(docs: list[NerDoc], preds: list[set]) -> dict:
    """Micro P/R/F1, exact and partial (overlap, same type); per type for exact."""
    tp = part = n_pred = n_gold = 0
    by_type: dict[str, list[int]] = {}
    for doc, pred in zip(docs, preds):
        gold_set = {_strip_det(doc, g) for g in doc.gold}
        pred = {_strip_det(doc, p) for p in pred if p[2] != "MISC"}  # MEANTIME has no MISC type
        dont_care = {_strip_det(doc, (*d, ""))[:2] for d in doc.dont_care}
        doc = NerDoc(doc.name, doc.tokens, doc.sent_ids, gold_set, dont_care)
        pred = {p for p in pred if (p[0], p[1]) not in doc.dont_care or any(p[:2] == g[:2] for g in doc.gold)}
        n_pred += len(pred)
        n_gold += len(doc.gold)
        tp += len(pred & doc.gold)
        part += sum(any(g[2] == p[2] and g[0] < p[1] and p[0] < g[1] for g in doc.gold) for p in pred)
        for label in ("PER", "ORG", "LOC"):
            c = by_type.setdefault(label, [0, 0, 0])
            c[0] += len({p for p in pred & doc.gold if p[2] == label})
            c[1] += sum(p[2] == label for p in pred)
            c[2] += sum(g[2] == label for g in doc.gold)
    return {
        "exact": _prf(tp, n_pred, n_gold),
        "partial": _prf(part, n_pred, n_gold),
        "by_type": {k: _prf(*v) for k, v in by_type.items()},
        "gold": n_gold,
        "predicted": n_pred,
    }


def error_kinds(docs: list[NerDoc], preds: list[set]) -> dict[str, dict[str, int]]:
    """Where exact F1 is lost, per type, scored as ``score_spans`` scores: each gold name missed
    exactly is ``type`` (same span, other type), ``boundary`` (overlapped by a span of its type),
    ``boundary+type`` (overlapped only by other types) or ``missed``; each wrong prediction is
    ``type``, ``boundary``, ``boundary+type``, ``spurious`` (no gold or don't-care name under it: mostly
    true names MEANTIME leaves unmarked because they take part in no annotated event) or
    ``spurious_dc`` (overlapping a don't-care span only)."""
    out: dict[str, dict[str, int]] = {t: {} for t in ("PER", "ORG", "LOC")}

    def kind(span, others, dc=None) -> str:
        over = [o for o in others if o[0] < span[1] and span[0] < o[1]]
        if any(o[:2] == span[:2] for o in over):
            return "type"
        if any(o[2] == span[2] for o in over):
            return "boundary"
        if over:
            return "boundary+type"
        return "spurious_dc" if dc and any(span[0] < e and s < span[1] for s, e in dc) else "spurious"

    for doc, pred in zip(docs, preds):
        gold = {_strip_det(doc, g) for g in doc.gold}
        dc = {_strip_det(doc, (*d, ""))[:2] for d in doc.dont_care}
        pred = {_strip_det(doc, p) for p in pred if p[2] != "MISC"}
        pred = {p for p in pred if p[:2] not in dc or any(p[:2] == g[:2] for g in gold)}
        for g in gold - pred:
            k = kind(g, pred)
            k = "missed" if k == "spurious" else k
            out[g[2]][f"gold {k}"] = out[g[2]].get(f"gold {k}", 0) + 1
        for p in pred - gold:
            k = kind(p, gold, dc)
            out[p[2]][f"pred {k}"] = out[p[2]].get(f"pred {k}", 0) + 1
    return out


def eval_meantime(shared: Path) -> dict:
    docs = load_meantime(shared)
    t0 = time.perf_counter()
    preds = predict_spans(docs)
    result = score_spans(docs, preds)
    result.update(docs=len(docs), seconds=round(time.perf_counter() - t0, 2))
    result["spacy_baseline"] = score_spans(docs, predict_spans.last_baseline)
    return result


def read_conll(path: Path) -> list[list[list[str]]]:
    """Documents as lists of lines (each line a list of columns); sentence breaks as []."""
    docs: list[list[list[str]]] = [[]]
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            docs.append([cols])
        else:
            docs[-1].append(cols)
    return [d for d in docs if d]


def predict_conll(path: Path, output: Path) -> int:
    """Write ``path`` with one more column: our IOB2 tag. Returns the number of tokens tagged."""
    lines_out, n = [], 0
    docs = read_conll(path)
    ner_docs, positions = [], []
    for lines in docs:
        toks, sents, pos, sid = [], [], [], 0
        for i, cols in enumerate(lines):
            if not cols:
                sid += 1
            elif cols[0] != "-DOCSTART-":
                toks.append(cols[0]), sents.append(sid), pos.append(i)
        ner_docs.append(NerDoc("conll", toks, sents))
        positions.append(pos)
    preds = predict_spans(ner_docs, adjective_as="MISC") if any(d.tokens for d in ner_docs) else []
    for lines, pos, pred in zip(docs, positions, preds or [set()] * len(docs)):
        tags = ["O"] * len(pos)
        for start, end, label in sorted(pred):
            if all(t == "O" for t in tags[start:end]):
                tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
        tag_at = dict(zip(pos, tags))
        for i, cols in enumerate(lines):
            if cols and i in tag_at:
                lines_out.append(" ".join(cols + [tag_at[i]]))
                n += 1
            else:
                lines_out.append(" ".join(cols + (["O"] if cols else [])))
    Path(output).write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    return n
