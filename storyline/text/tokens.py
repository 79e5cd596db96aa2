"""Words, stop words, light stemming and a stable hash: the one tokeniser the stories, the AI
layer and the search ranking share."""

from __future__ import annotations

import re
import zlib

from storyline.models import normalize_text

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told according would
could may might must shall one two new year years last first us mr ms mrs per via amid among
within without however http https www com html htm org net news article reported report
"""
STOPWORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers kept, punctuation dropped)."""
    return [w.replace("’", "'") for w in _WORD.findall(normalize_text(text))]


def content_words(text: str) -> list[str]:
    """Words minus stop words and one-letter tokens; light plural folding ("ministers" -> "minister")."""
    out = []
    for w in words(text):
        if len(w) < 2 or w in STOPWORDS:
            continue
        w = w.removesuffix("'s")
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss") and not w[-2].isdigit():
            w = w[:-1]
        out.append(w)
    return out


def stems(tokens: list[str]) -> list[str]:
    """Light suffix folding so "agreed", "agrees" and "agreement" meet "agree"."""
    out = []
    for w in tokens:
        for suf in ("ments", "ment", "ings", "ing", "ed", "es"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.append(w)
    return out


def stable_hash(token: str) -> int:
    """A 32-bit hash that is the same in every process (Python's ``hash`` is salted)."""
    return zlib.crc32(token.encode("utf-8"))
