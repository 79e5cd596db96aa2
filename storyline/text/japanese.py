"""Japanese text basics shared by every stage: script detection, NFKC folding, length measures
and the character-bigram form that the full-text indexes store for Japanese text.

Why bigrams: Japanese writes words without spaces, so a word-splitting index (FTS5 unicode61,
PostgreSQL's parsers) keeps a whole kanji/kana run such as ``岩屋毅外相は`` as one token and a
search for ``外相`` finds nothing. Indexing each run as overlapping character bigrams (the CJK
scheme of Lucene's CJKAnalyzer and Elasticsearch's ``cjk_bigram``) finds every substring of two or
more characters by a phrase of its bigrams, with no dictionary at write time and the same result
on SQLite and PostgreSQL. The last character of each run is also indexed alone, so a one-character
query is a prefix query (``経*``) that matches a character in any position of a run. Ranking stays
BM25 (SQLite) / ts_rank_cd (PostgreSQL) over those tokens.
"""

from __future__ import annotations

import re
import unicodedata

# kanji (CJK unified + ext A + compatibility), hiragana, katakana (incl. ー and half-width forms)
_CJK_CLASS = (
    "\u3005\u3006\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9f]")
_FULLWIDTH = re.compile("[\uff01-\uff5e\uff61-\uff9f\u3000]")


def nfkc(text: str | None) -> str:
    """NFKC: full-width Latin and digits to ASCII, half-width kana to full-width."""
    return unicodedata.normalize("NFKC", text or "")


def has_cjk(text: str | None) -> bool:
    return bool(text) and CJK_RUN.search(text) is not None


def is_japanese(text: str | None, language: str | None = None) -> bool:
    """Japanese when the language says so, else when kana make a visible share of the letters
    (kana are what tell Japanese from Chinese; kanji alone do not)."""
    if language:
        return language.lower().split("-")[0] == "ja"
    if not text:
        return False
    sample = text[:4000]
    kana = len(_KANA.findall(sample))
    if kana < 5:  # settled before the letters are counted (a character loop): most texts have no kana
        return False
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and kana / letters >= 0.1


def cjk_chars(text: str | None) -> int:
    return sum(len(m) for m in CJK_RUN.findall(text or ""))


def bigram_tokens(run: str, *, final_unigram: bool = True) -> list[str]:
    """``経済安保`` -> ``経済 済安 安保`` (+ ``保`` for one-character prefix queries)."""
    if len(run) == 1:
        return [run]
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    return grams + [run[-1]] if final_unigram else grams


def index_form(text: str | None) -> str | None:
    """The text the full-text index stores for ``text``: NFKC-folded, each kanji/kana run replaced
    by its bigrams. ``None`` when that equals the text itself (plain ASCII/Latin text)."""
    if not text:
        return None
    folded = nfkc(text)
    if not CJK_RUN.search(folded):
        return folded if folded != text else None
    return CJK_RUN.sub(lambda m: " " + " ".join(bigram_tokens(m.group())) + " ", folded)


def query_segments(term: str) -> list[tuple[list[str], bool]]:
    """One query word -> index phrases: ``[(tokens, prefix)]``. A kanji/kana run of two or more
    characters is the phrase of its bigrams; a single character is a prefix query; Latin words
    pass through (NFKC-folded: ``ｊａｐａｎ`` -> ``japan``)."""
    out: list[tuple[list[str], bool]] = []
    folded = nfkc(term)
    pos = 0
    for m in CJK_RUN.finditer(folded):
        words = re.findall(r"\w+", folded[pos : m.start()])
        if words:
            out.append((words, False))
        run = m.group()
        out.append(([run], True) if len(run) == 1 else (bigram_tokens(run, final_unigram=False), False))
        pos = m.end()
    words = re.findall(r"\w+", folded[pos:])
    if words:
        out.append((words, False))
    return out


def needs_folding(text: str | None) -> bool:
    """True when NFKC changes ``text`` or it holds Japanese runs (the index keeps a folded form)."""
    return bool(text) and (has_cjk(text) or _FULLWIDTH.search(text) is not None)
