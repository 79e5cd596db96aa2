"""A learned precision filter over the roles :mod:`roles` reads: drop the ones unlikely to be stated roles.

Each role read from the parse gets general features: the shape that produced it (a title before the name, a
scoped title, an apposition, a comma title, a relative clause, a verb of office, a title after the name, a plural
title, a coordinated office, the facts table), whether its organisation was stated or guessed from context, its
status, the office's length and lexicon class, the person span's NER label and length, whether the person is in
the headline and how often named, the sentence's length, quote marks and place in the article, the distance and
capitalisation between title and name, and how many other roles the person and the sentence hold.

A logistic regression over those features (``data/role_filter_model.json``: feature names, means, scales,
coefficients, intercept and the threshold) is fitted by ``python -m evals.roles_filter_fit`` on the roles the
product reads on the roles gold's tuning fold only, each labelled by the eval's own matching; the threshold is
chosen by grouped cross-validation (by text) so the tuning fold loses almost no true role. Nothing is fitted at
run time; without the model file every role is kept.
"""

from __future__ import annotations

import json
import math
import re
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.enrich.role_phrases import lexicon
from storyline.models import Article, Mention, Role

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "role_filter_model.json"
FORMAT = "storyline-role-filter-1"

PATTERNS = ("before", "scoped", "further", "appos", "comma", "relcl", "predicate", "after", "plural", "coord",
            "extra", "facts")
STATUSES = ("current", "former", "new")
LABELS = ("PERSON", "ORG", "GPE", "NORP")

# Roles with their raw features, per article source, while fitting (``collecting``): the filter is then off.
SINK: ContextVar[dict | None] = ContextVar("role_filter_sink", default=None)
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_ODD = re.compile(r"^(?:[IVX]{2,}\.?|.*[a-z]{3,}[A-Z].*|.*\d.*)$")  # "IV.", "BlackBerry", "A4": no name word


def span_features(doc, span, title, pattern: str, article: Article, m: Mention) -> dict[str, float]:
    """What the parse shows about one role: its shape, title, person span and sentence."""
    sent = span.sent
    f: dict[str, float] = {f"pat_{p}": float(p == pattern) for p in PATTERNS}
    f |= {f"status_{s}": float(title.status == s) for s in STATUSES}
    words = title.office.lower().split() if title.office else []
    lex = lexicon()
    f["office_words"] = float(len(words))
    f["office_in_lexicon"] = float(" ".join(words) in lex["_heads"])
    f["office_national"] = float(bool(words) and words[-1] in lex["national_words"])
    f["office_rank"] = float(bool(words) and words[-1] in lex["rank_words"])
    f["org_stated"] = float(title.org_key is not None)
    f["anchored"] = float(title.anchored)
    label = span.root.ent_type_ or (m.label or "")
    f |= {f"ner_{lab}": float(label == lab) for lab in LABELS}
    f["ner_other"] = float(label not in LABELS)
    f["span_not_propn"] = sum(t.pos_ != "PROPN" for t in span) / max(1, len(span))
    f["name_odd"] = float(any(_ODD.search(w) for w in m.text.split()))
    f["person_tokens"] = float(len(span))
    f["person_one_word"] = float(len(m.text.split()) == 1)
    surname = m.text.split()[-1].lower() if m.text.split() else ""
    f["person_in_headline"] = float(bool(surname) and surname in (article.title or "").lower())
    f["sent_tokens"] = math.log1p(len(sent))
    f["sent_quotes"] = float(bool(_QUOTES.search(sent.text)))
    f["sent_first"] = float(sent.start == 0)
    lo, hi = (title.start, span.start) if title.start < span.start else (span.end, title.start)
    f["title_before"] = float(title.start < span.start)
    f["title_distance"] = math.log1p(max(0, hi - lo))
    f["title_capitalised"] = float(doc[title.start].is_title or doc[title.start].is_upper)
    head = doc[title.head] if title.head is not None else None
    f["head_capitalised"] = float(head is not None and (head.is_title or head.is_upper))
    f["comma_between"] = float(any(t.text == "," for t in doc[lo:hi]))
    # Words of the head's own phrase left out of the office: a piece of a longer title ("medical director",
    # "Assistant Secretary of State for African Affairs" read as "Assistant Secretary of State").
    kids = list(head.children) if head is not None else []
    f["mods_outside"] = float(sum(c.dep_ in ("compound", "amod", "nmod") and c.i < title.start for c in kids))
    f["scope_outside"] = float(any(c.dep_ == "prep" and c.lower_ in ("of", "for", "at") and c.i > head.i
                                   and c.lower_ not in words for c in kids))
    prev = doc[title.start - 1] if title.start > sent.start else None
    f["lower_word_before"] = float(prev is not None and prev.is_lower and prev.is_alpha
                                   and prev.pos_ in ("NOUN", "ADJ", "PROPN"))
    return f


def table_features(role: Role, article: Article) -> dict[str, float]:
    """A role from the facts table: no parse; the shape says it."""
    f = {f"pat_{p}": float(p == "facts") for p in PATTERNS}
    f |= {f"status_{s}": float(role.status == s) for s in STATUSES}
    f["org_stated"] = float(role.organization_key is not None)
    f["office_words"] = float(len(role.office.split()))
    return f


def finish(roles: list[Role], raw: dict[int, dict[str, float]], mentions: list[Mention]) -> list[dict[str, float]]:
    """Each kept role's features, with what the whole article adds (the person's other roles and mentions)."""
    out = []
    for r in roles:
        f = dict(raw.get(id(r), {}))
        f["org_any"] = float(r.organization_key is not None)
        f["org_country"] = float((r.organization_key or "").startswith("country:"))
        f["person_other_roles"] = float(sum(o.person_key == r.person_key for o in roles) - 1)
        f["sentence_roles"] = float(sum(o.sentence == r.sentence for o in roles) - 1)
        f["person_mentions"] = math.log1p(sum(m.entity_key == r.person_key for m in mentions))
        out.append(f)
    return out


@lru_cache(maxsize=1)
def _model() -> dict | None:
    if not MODEL_PATH.exists():
        return None
    d = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    if d.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model: {d.get('format')!r}")
    return d


def score(features: dict[str, float], model: dict | None = None) -> float:
    """The model's probability that a role with these features is a stated role (1.0 with no model)."""
    model = model or _model()
    if model is None:
        return 1.0
    if "trees" in model:
        return _trees_proba(model["trees"], [features.get(n, 0.0) for n in model["features"]])
    z = model["intercept"]
    for name, mean, scale, coef in zip(model["features"], model["mean"], model["scale"], model["coef"]):
        z += coef * (features.get(name, 0.0) - mean) / scale
    return 1.0 / (1.0 + math.exp(-z))


def _trees_proba(gb: dict, row: list[float]) -> float:
    """Scikit-learn's probability of the positive class from gradient-boosted trees written as plain numbers
    (:func:`storyline.extract.gbtrees.export_gb`'s format; walked here since a stage imports no other stage):
    features cast to float32 as scikit-learn's trees compare them, the initial raw score plus the learning rate
    times the leaves reached."""
    xs = np.asarray(row, dtype=np.float32).astype(np.float64)
    raw = gb["init"][0]
    for t in gb["trees"]:
        node = 0
        while t["left"][node] >= 0:
            node = t["left"][node] if xs[t["feature"][node]] <= t["threshold"][node] else t["right"][node]
        raw += gb["learning_rate"] * t["value"][node]
    return 1.0 / (1.0 + math.exp(-raw))


def apply(roles: list[Role], raw: dict[int, dict[str, float]], mentions: list[Mention], article: Article) -> list[Role]:
    """The roles the model keeps; while fitting (``SINK`` set) every role, with its features recorded."""
    feats = finish(roles, raw, mentions)
    sink = SINK.get()
    if sink is not None:
        sink[article.source] = list(zip(roles, feats))
        return roles
    model = _model()
    if model is None:
        return roles
    return [r for r, f in zip(roles, feats) if score(f, model) >= model["threshold"]]
