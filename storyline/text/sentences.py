"""The sentence splitter: fast and rule-based (no model load). It breaks after ``.!?`` (and
``。``) before a capital, digit or quote, and at line breaks, but not after abbreviations
("U.S.", "Mr.", "Jan.") or initials ("S. Korean"). Every consumer that shows or compares
sentences uses it, so a sentence has the same ``(start, end)`` offsets in the stored body
wherever it is cited."""

from __future__ import annotations

import re

_BREAK = re.compile(r"""[.!?。]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])""")
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "st", "jr",
     "sr", "inc", "co", "corp", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "etc", "p.m", "a.m", "approx", "dept", "est",
     "fig"]
)


def _is_abbrev(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial, not a sentence."""
    m = re.search(r"([\w.]+)$", text[:dot])
    if not m:
        return False
    token = m.group(1).lower().rstrip(".")
    return token in _ABBREV or (len(token) == 1 and token.isalpha())


def split_spans(body: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` for each sentence of ``body``; line breaks also end a sentence."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in (body or "").splitlines(keepends=True):
        start = pos
        for m in _BREAK.finditer(line):
            if line[m.start()] == "." and _is_abbrev(line, m.start()):
                continue
            _add(out, line, start - pos, m.start() + 1 + len(m.group(0).rstrip()) - 1, pos)
            start = pos + m.end()
        _add(out, line, start - pos, len(line), pos)
        pos += len(line)
    return out


def _add(out: list, line: str, a: int, b: int, base: int) -> None:
    piece = line[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        s = base + a + lead
        out.append((s, s + len(stripped), stripped))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see :func:`split_spans`), as strings."""
    return [s for _, _, s in split_spans(text)]


def sentence_at(body: str, offset: int) -> tuple[int, int, str] | None:
    """The sentence of ``body`` holding character ``offset``."""
    for span in split_spans(body):
        if span[0] <= offset < span[1]:
            return span
    return None


def cite(body: str, quote: str) -> tuple[int, int, str] | None:
    """The sentence of ``body`` where ``quote`` (a sentence found another way, e.g. by a parser)
    starts: how a fact is cited with the same offsets as every other sentence; None if absent."""
    at = (body or "").find((quote or "").strip()) if (quote or "").strip() else -1
    return sentence_at(body, at) if at >= 0 else None
