"""Search queries: the query language (words, "phrases", prefix*, OR, NOT/-, NEAR(a b, n)) parsed
once and written out for SQLite FTS5 and PostgreSQL tsquery (Japanese segmented), the relaxed
any-word query, the term limit, and safe snippets. :mod:`storyline.search` runs them."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from storyline.text.japanese import has_cjk, nfkc, query_segments
from storyline.text.tokens import STOPWORDS

_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'(NEAR\([^()]*\))|"([^"]+)"|(\S+)', re.IGNORECASE)
_NEAR = re.compile(r'NEAR\(\s*([^()]*?)\s*(?:,\s*(\d+)\s*)?\)$', re.IGNORECASE)
_INNER = re.compile(r'"([^"]+)"|([^\s",]+)')

MAX_TERMS = 32  # words, phrases and NEAR groups searched; the rest of a longer query is ignored
NEAR_DEFAULT, NEAR_MAX = 10, 30  # NEAR(a b) = within 10 words of each other, as in FTS5
RELAX_MIN_TERMS = 3  # a query of this many words with no article holding them all: any of them


def _parse(q: str) -> list:
    """User words -> ["OR" | [(tokens, prefix), ...] | Near per word]: each word or "quoted phrase"
    NFKC-folded and cut into index phrases (kanji/kana runs as character bigrams, see
    :mod:`storyline.text.japanese`); ``NEAR(a "b c", 5)`` a :class:`Near` group. At most
    ``MAX_TERMS`` terms are kept."""
    parts: list = []
    terms = 0
    for near, phrase, word in _TERM.findall(q):
        if terms >= MAX_TERMS:
            break
        if word.upper() == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        if near:
            part = _near(near)
        else:
            part = _segments(phrase, word) or None
        if part is not None:
            parts.append(part)
            terms += 1
    while parts and parts[-1] == "OR":
        parts.pop()
    return parts


def _segments(phrase: str, word: str) -> list[tuple[list[str], bool]]:
    raw = phrase or word
    prefix = raw.endswith("*") and not phrase
    segments = query_segments(raw.rstrip("*") if prefix else raw)
    if segments and prefix:
        segments[-1] = (segments[-1][0], True)
    return segments


@dataclass(frozen=True)
class Near:
    """Terms that must all appear within ``distance`` words of each other (any order)."""

    terms: tuple  # each a list of (tokens, prefix) index phrases
    distance: int


def _near(group: str) -> Near | list | None:
    m = _NEAR.match(group)
    if m is None:
        return None
    terms = [seg for phrase, word in _INNER.findall(m.group(1)) if (seg := _segments(phrase, word))][:6]
    if not terms:
        return None
    if len(terms) == 1:
        return terms[0]  # NEAR of one term is that term
    distance = min(int(m.group(2)) if m.group(2) else NEAR_DEFAULT, NEAR_MAX)
    return Near(tuple(terms), max(distance, 1))


def is_near(q: str) -> bool:
    return any(isinstance(p, Near) for p in _parse(q))


_NEGATED = re.compile(r'(?:(?<=\s)|^)(?:NOT\s+|-)((?i:NEAR)\([^()]*\)|"[^"]+"|[^\s"]+)')


def split_negatives(q: str) -> tuple[str, list[str]]:
    """'Japan -China NOT "trade war"' -> ('Japan', ['China', '"trade war"']): terms after a leading
    '-' or the word NOT are excluded (a hyphen inside a word, as in rare-earth, is not a NOT)."""
    negatives: list[str] = []

    def take(m: re.Match) -> str:
        negatives.append(m.group(1))
        return " "

    return _NEGATED.sub(take, q or "").strip(), negatives


def fts5_query(q: str) -> str | None:
    """User words -> an FTS5 expression: each word or "quoted phrase" must appear (AND);
    a bare OR between two terms is kept; a trailing * makes a prefix; '-word' or 'NOT word' excludes
    (only beside something to look for: None when nothing is left). Japanese runs become
    phrases of their bigrams (a one-character run a prefix), so words inside longer runs are
    found; full-width Latin is folded (NFKC). Nothing the user types can inject FTS5 syntax."""
    positive, negatives = split_negatives(q)
    expr = _fts5_positive(positive)
    excluded = _fts5_positive(" OR ".join(negatives)) if negatives else None
    if expr and excluded:
        return f"({expr}) NOT ({excluded})"
    return expr


def _fts5_positive(q: str) -> str | None:
    out = []
    for part in _parse(q):
        if part == "OR":
            out.append("OR")
            continue
        if isinstance(part, Near):
            group = " ".join(_fts5_phrase(toks, pre) for term in part.terms for toks, pre in term)
            out.append(f"NEAR({group}, {part.distance})")
            continue
        phrases = [_fts5_phrase(toks, pre) for toks, pre in part]
        term = phrases[0] if len(phrases) == 1 else "(" + " AND ".join(phrases) + ")"
        if out and out[-1] != "OR" and (term.startswith("(") or out[-1].startswith("(")):
            out.append("AND")  # explicit: FTS5 refuses an implicit AND beside a parenthesised group
        out.append(term)
    return " ".join(out) or None


def _fts5_phrase(toks: list[str], prefix: bool) -> str:
    return '"' + " ".join(toks) + '"' + ("*" if prefix else "")


def pg_ja_tsquery(q: str) -> str | None:
    """The same query for PostgreSQL's 'simple' tsvector of the folded columns (to_tsquery syntax)."""
    positive, negatives = split_negatives(q)
    expr = _pg_ja_positive(positive)
    excluded = _pg_ja_positive(" OR ".join(negatives)) if negatives else None
    return f"({expr}) & !({excluded})" if expr and excluded else expr


def _pg_websearch(q: str) -> str:
    """websearch_to_tsquery knows "phrases", OR and -word; NOT word becomes -word."""
    positive, negatives = split_negatives(q)
    return " ".join([positive, *("-" + n for n in negatives)]) if positive else ""


def _pg_ja_positive(q: str) -> str | None:
    out = []
    for part in _parse(q):
        if part == "OR":
            out.append("|")
            continue
        if out and out[-1] != "|":
            out.append("&")
        if isinstance(part, Near):
            out.append(_pg_near(part))
            continue
        out.append("(" + " & ".join(f"({_pg_phrase(toks, pre)})" for toks, pre in part) + ")")
    return " ".join(out) or None


def _pg_phrase(toks: list[str], prefix: bool) -> str:
    return " <-> ".join(f"'{t.lower()}'" for t in toks) + (":*" if prefix else "")


def _pg_near(near: Near) -> str:
    """tsquery has only exact distances (``a <3> b``): every pair of terms at any distance up to
    the limit, in either order."""
    terms = ["(" + " <-> ".join(f"({_pg_phrase(toks, pre)})" for toks, pre in term) + ")" for term in near.terms]
    pairs = []
    for i, a in enumerate(terms):
        for b in terms[i + 1:]:
            pairs.append("(" + " | ".join(f"{x} <{d}> {y}" for d in range(1, near.distance + 1)
                                          for x, y in ((a, b), (b, a))) + ")")
    return "(" + " & ".join(pairs) + ")"


def relaxed_query(q: str) -> str | None:
    """A long query that no article matches in full -> any of its content words (stop words and
    operators dropped; exclusions kept), for BM25 to rank by how many they hold. None when the
    query is short, already has OR, phrases or NEAR, or has no content words."""
    positive, negatives = split_negatives(q)
    if " OR " in f" {positive} " or '"' in positive or is_near(positive):
        return None
    words = list(dict.fromkeys(w for _near, _phrase, w in _TERM.findall(positive)
                               if w.strip("*").lower() not in STOPWORDS and "(" not in w
                               and query_segments(w.rstrip("*"))))
    if len(words) < RELAX_MIN_TERMS:
        return None
    return " OR ".join(words[:MAX_TERMS]) + "".join(f" -{n}" for n in negatives)


def japanese_snippet(body: str, q: str, width: int = 60) -> str:
    """A snippet around the first query hit in Japanese text, hits wrapped in markers (then made
    safe HTML by :func:`safe_snippet`). Matching is on NFKC-folded text, so ｊａｐａｎ finds Japan."""
    text = nfkc(body)
    segments = [
        seg
        for part in _parse(split_negatives(q)[0])
        if part != "OR"
        for seg in ([s for term in part.terms for s in term] if isinstance(part, Near) else part)
    ]
    needles = [
        ("".join(toks[:1]) + "".join(t[-1] for t in toks[1:])) if len(toks) > 1 and has_cjk(toks[0]) else " ".join(toks)
        for toks, _ in segments
    ]
    needles = sorted({n for n in needles if n}, key=len, reverse=True)
    if not needles:
        return text[: width * 2]
    pat = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    first = pat.search(text)
    if first is None:
        return text[: width * 2]
    lo, hi = max(0, first.start() - width), min(len(text), first.end() + width)
    window = pat.sub(lambda m: _OPEN + m.group() + _CLOSE, text[lo:hi])
    return ("…" if lo else "") + window.replace("\n", " ") + ("…" if hi < len(text) else "")


def safe_snippet(raw: str) -> str:
    return html.escape(raw).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def clip_query(q: str) -> tuple[str, bool]:
    """The query cut after its first ``MAX_TERMS`` terms (words, phrases, NEAR groups; OR and NOT
    not counted), and whether anything was cut."""
    count = 0
    for m in _TERM.finditer(q or ""):
        word = m.group(3) or ""
        if word.upper() in ("OR", "NOT") or word == "-":
            continue
        count += 1
        if count > MAX_TERMS:
            return q[: m.start()].rstrip(), True
    return q, False
