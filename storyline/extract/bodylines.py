"""A learned line classifier for the bodies of plain-text page dumps: is this body line the
article's text, or furniture the splitter left in it (an outlet or section line, the headline
printed again, an age or byline, a caption, an embedded post, a teaser, a widget line)?

The splitter (:mod:`storyline.extract.split`) decides with rules; what its rules miss on layouts
they were not written from stays in a body, and a draft made only of such lines becomes an extra
article. Here every body line of every draft is described by general features (length, word
count, capitalisation, digits, separators, date and age hits, the chrome rules' verdict as one
input among many, similarity to the draft's and the page's headlines, its place in the draft and
on the page, repetition on the page, stopwords, sentence ends, and the same for its neighbours)
and scored by gradient-boosted trees (three classes: article text, furniture, a headline; a body
line's furniture score is one minus its article-text probability) fitted on generated pages of the TUNE layout families only
(``python -m evals.bodylines_train`` writes ``data/bodyline_model.json``; the decision threshold
is chosen there, by leave-family-out predictions on tune, and stored with the trees).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from storyline.extract.chrome import chrome_kind, is_embed_credit, is_embed_head
from storyline.extract.gbtrees import GBTrees
from storyline.extract.textlines import (
    BULLET,
    BYLINE,
    date_line,
    is_age_line,
    is_caption_like,
    is_headline,
    is_outlet_like,
    split_meta_combo,
)
from storyline.models import normalize_text

MODEL_PATH = Path(__file__).parent / "data" / "bodyline_model.json"
_STOP = frozenset(
    "a an the of to in on for and or but is are was were be been it its this that with as at by from "
    "he she they we you i his her their our your not have has had will would can could".split()
)
_SEP = re.compile(r"[›»|•·◦▪/]")
_END = re.compile(r"[.!?…][\"'”’)]?$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _sim(a: str | None, b: str | None) -> float:
    """Word overlap (Jaccard) of two lines, 0 when either is missing."""
    if not a or not b:
        return 0.0
    x, y = set(normalize_text(a).split()), set(normalize_text(b).split())
    return len(x & y) / max(1, len(x | y))


def _line(s: str | None) -> list[float]:
    """The features of one line alone (zeros and a missing flag for no line)."""
    if s is None:
        return [1.0] + [0.0] * 20
    words = s.split()
    alpha = _WORD.findall(s)
    n = max(1, len(words))
    kind = chrome_kind(s)
    return [
        0.0,
        float(len(words)),
        math.log1p(len(s)),
        sum(w[0].isupper() for w in alpha) / max(1, len(alpha)),
        sum(c.isdigit() for c in s) / max(1, len(s)),
        float(len(_SEP.findall(s))),
        float(bool(_END.search(s))),
        float(s.rstrip().endswith(":")),
        float(s[:1] in "\"“‘'"),
        float("@" in s or "#" in s),
        float(bool(date_line(s)) or is_age_line(s) or split_meta_combo(s) is not None),
        float(is_headline(s)),
        float(is_outlet_like(s)),
        float(bool(BYLINE.match(s))),
        float(kind is not None),
        float(is_embed_credit(s) or is_embed_head(s)),
        float(is_caption_like(s)),
        float(bool(BULLET.match(s))),
        sum(w.lower() in _STOP for w in words) / n,
        float(len(re.findall(r"[.!?][\"'”’)]?\s+[A-Z\"“]", s)) + 1),
        float(bool(re.search(r"https?://|www\.|\.com\b", s))),
    ]


N_LINE = len(_line(None))


def _prose(s: str) -> bool:
    return len(s.split()) >= 20 and bool(_END.search(s))


def _gap(flags: list[bool], i: int, step: int) -> float:
    """Lines from ``i`` to the nearest prose line in direction ``step`` (10 when none is near)."""
    j = i + step
    while 0 <= j < len(flags) and abs(j - i) < 10:
        if flags[j]:
            return float(abs(j - i))
        j += step
    return 10.0


def line_rows(lines: list[str]) -> list[list[float]]:
    """The features of every line of a page (its non-empty stripped lines, in order): the line's
    own, its neighbours', and its place: distance to the nearest prose line above and below, share
    of the page, repetition on the page, similarity to the lines around it and to the page's headline."""
    keys = [normalize_text(x) for x in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    prose = [_prose(x) for x in lines]
    own = [_line(x) for x in lines]
    none = _line(None)
    title = next((x for x in lines if is_headline(x) and len(x.split()) >= 4), None)
    n = len(lines)
    rows = []
    for i, s in enumerate(lines):
        near = [lines[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        place = [
            i / max(1, n - 1),
            float(min(i, 20)),
            float(min(n - 1 - i, 20)),
            math.log1p(n),
            _gap(prose, i, -1),
            _gap(prose, i, 1),
            sum(prose) / max(1, n),
            float(counts[keys[i]]),
            max((_sim(s, x) for x in near), default=0.0),
            _sim(s, title) if s != title else 1.0,
            float(prose[i]),
        ]
        rows.append(own[i] + (own[i - 1] if i else none) + (own[i + 1] if i + 1 < n else none)
                    + (own[i - 2] if i > 1 else none) + (own[i + 2] if i + 2 < n else none) + place)
    return rows


N_PLACE = 11
FEATURE_NAMES = [f"{part}_{i}" for part in ("line", "prev", "next", "prev2", "next2") for i in range(N_LINE)] + [
    f"place_{i}" for i in range(N_PLACE)
]


@lru_cache(maxsize=1)
def _model() -> tuple[GBTrees, float, float] | None:
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return GBTrees.from_dict(data["model"]), float(data["edge"]), float(data["inner"])


def _positions(drafts: list, lines: list[str]) -> dict[tuple[int, int], int]:
    """``{(draft number, paragraph number): line number}``: each body line found on the page, in order."""
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(line, []).append(i)
    out, last = {}, -1
    for j, draft in enumerate(drafts):
        for k, p in enumerate(draft.paragraphs):
            hits = where.get(p.strip(), [])
            i = next((h for h in hits if h > last), hits[0] if hits else None)
            if i is not None:
                out[(j, k)] = i
                last = max(last, i)
    return out


def strip_furniture(drafts: list, lines: list[str]) -> tuple[list, list[str]]:
    """The drafts with the body lines the model calls furniture removed: a run of them at a body's
    start or end (a header or footer block), or one inside it the model is surer of (an embedded
    post, a caption). A draft the model would leave with no line stays as it is: the generated
    pages it learnt from have no one-paragraph briefs, so it reads every lone paragraph as a teaser.
    The removed lines are returned as chrome."""
    loaded = _model()
    if loaded is None or not drafts:
        return drafts, []
    model, edge, inner = loaded
    feats = line_rows(lines)
    positions = _positions(drafts, lines)
    probs = {key: model.predict_proba(feats[i]) for key, i in positions.items()}
    kept, removed = [], []
    for j, draft in enumerate(drafts):
        p = [1.0 - float(probs[(j, k)][0]) if (j, k) in probs else 0.0 for k in range(len(draft.paragraphs))]
        drop = [False] * len(p)
        a = 0
        while a < len(p) and p[a] >= edge:
            drop[a], a = True, a + 1
        if all(drop):
            drop = [False] * len(drop)  # the model would leave nothing: a brief, kept as the splitter made it
        removed.extend(x for x, d in zip(draft.paragraphs, drop, strict=True) if d)
        draft.paragraphs = [x for x, d in zip(draft.paragraphs, drop, strict=True) if not d]
        kept.append(draft)
    return kept, removed
