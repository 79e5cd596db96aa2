"""Features for a trim of the body's own lines (a second learned decision over the body the first gave).

Tried on WCXB DEV by ``evals.wcxb_trim`` and not shipped (see there); kept as the record of what the
trees saw.

:mod:`storyline.extract.body_blocks` decides, for every line of the page, whether it is article
body, and adds the lines it trusts; its trees see mostly lines far from the body, so they say little
about the body's own lines that a reader would not count as the article: a byline or time stamp
above the story, a caption, an author bio, a newsletter prompt or a "read more" list below it. The
trees here see only the body's lines, with the first decision's features and probability, and what
sets those lines apart: their place in the body (how many words stand before and after, whether only
short lines stand between them and the body's edge, how far the nearest long paragraph is), their
neighbours' probability, how close they are to the title, and the general shape of page furniture
(a time stamp, a line opening with "by", a link list, a vocabulary of share, subscribe, photo and
copyright prompts - no site's words). A paragraph whose lines the trees doubt (word-weighted mean
probability below a threshold) is dropped.
"""

from __future__ import annotations

import math
import re

from storyline.extract.body_blocks import FEATURES
from storyline.extract.dates import find_relative_age
from storyline.extract.html_lead import is_stamp

_TOKEN = re.compile(r"\w+")
_BY = re.compile(r"^\W*(?:by|von|par|por|di|door|av|af)\s+\w", re.IGNORECASE)
_PROMPTS = {
    "share": re.compile(r"\b(?:share|shares|tweet|facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|print)\b",
                        re.IGNORECASE),
    "subscribe": re.compile(r"\b(?:subscribe|subscription|newsletter|sign up|signup|log in|login|register|"
                            r"download|app|follow us|follow)\b", re.IGNORECASE),
    "photo": re.compile(r"\b(?:photo|photos|image|images|picture|credit|getty|via|file|illustration|video)\b",
                        re.IGNORECASE),
    "rights": re.compile(r"©|\bcopyright\b|rights reserved|\bdisclaimer\b|\bterms\b|\bprivacy\b", re.IGNORECASE),
    "more": re.compile(r"\b(?:read more|related|recommended|see also|more from|also read|you may|popular|"
                       r"trending|tags?|filed under|comments?|advertisement|sponsored)\b", re.IGNORECASE),
    "author": re.compile(r"\b(?:writer|editor|reporter|correspondent|columnist|contributor|author|staff|"
                         r"journalist|is a|based in)\b", re.IGNORECASE),
}
_LONG = 25  # words of a paragraph of running text
_SHORT = 10

TRIM_FEATURES = [
    "p_first", "added", "body_pos", "body_before_log", "body_after_log", "words_before", "words_after",
    "lead_short", "tail_short", "long_dist_log", "page_gap_prev", "page_gap_next", "p_prev", "p_next",
    "para_words_log", "para_lines", "title_in_line", "line_in_title", "stamp", "age", "by_line",
    *(f"says_{k}" for k in _PROMPTS), "colon_end", "separators", "upper_share", "at_or_url", "body_lines_log",
]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def trim_rows(lines: list[str], x: list[list[float]], p_first: list[float], members: list[list[int]],
              title: str | None) -> tuple[list[int], list[list[float]]]:
    """``(line indices, rows)``: one row of :data:`TRIM_FEATURES` per page line the body holds
    (``members[j]``: the page lines of the body's paragraph ``j``; ``x``: each page line's
    :func:`storyline.extract.body_blocks.block_rows` features), in page order."""
    col = {f: j for j, f in enumerate(FEATURES)}
    in_ours = [r[col["in_ours"]] for r in x]
    para_of = {i: j for j, held in enumerate(members) for i in held}
    body = sorted(para_of)
    if not body:
        return [], []
    words = [len(_TOKEN.findall(lines[i])) for i in body]
    total = max(sum(words), 1)
    m = len(body)
    long_at = [k for k, w in enumerate(words) if w >= _LONG]
    title_words = set(_words(title or ""))
    para_words = [sum(len(_TOKEN.findall(lines[i])) for i in held) for held in members]
    short_from_start = [True] * m
    short_from_end = [True] * m
    for k in range(1, m):
        short_from_start[k] = short_from_start[k - 1] and words[k - 1] < _SHORT
    for k in range(m - 2, -1, -1):
        short_from_end[k] = short_from_end[k + 1] and words[k + 1] < _SHORT
    rows = []
    before = 0
    for k, i in enumerate(body):
        text = lines[i]
        toks = _words(text)
        n = max(len(toks), 1)
        letters = [c for c in text if c.isalpha()]
        dist = min((abs(k - j) for j in long_at), default=m)
        j = para_of[i]
        rows.append([
            p_first[i], float(not in_ours[i]), k / m, math.log1p(k), math.log1p(m - 1 - k),
            before / total, (total - before - words[k]) / total, float(short_from_start[k]), float(short_from_end[k]),
            math.log1p(dist), math.log1p(i - body[k - 1]) if k else -1.0,
            math.log1p(body[k + 1] - i) if k + 1 < m else -1.0,
            p_first[body[k - 1]] if k else -1.0, p_first[body[k + 1]] if k + 1 < m else -1.0,
            math.log1p(para_words[j]), float(len(members[j])),
            sum(w in title_words for w in toks) / n if title_words else -1.0,
            len(title_words & set(toks)) / len(title_words) if title_words else -1.0,
            float(len(toks) <= 12 and is_stamp(text)), float(len(toks) <= 12 and find_relative_age(text) is not None),
            float(bool(_BY.match(text))),
            *(float(len(toks) <= 40 and bool(rx.search(text))) for rx in _PROMPTS.values()),
            float(text.rstrip().endswith(":")), float(bool(re.search(r"\s[|•·/]\s", text))),
            sum(c.isupper() for c in letters) / max(len(letters), 1), float("@" in text or "http" in text),
            math.log1p(m),
        ])
        before += words[k]
    return body, rows


def trim(paragraphs: list[str], members: list[list[int]], proba: dict[int, float], words: dict[int, int], *,
         drop: float) -> list[str]:
    """The paragraphs whose lines' word-weighted mean probability (``proba`` and ``words`` per page
    line) is ``drop`` or more; a paragraph no line was matched to stays."""
    kept = []
    for p, held in zip(paragraphs, members):
        weight = sum(max(words[i], 1) for i in held)
        if not held or sum(max(words[i], 1) * proba[i] for i in held) / weight >= drop:
            kept.append(p)
    return kept
