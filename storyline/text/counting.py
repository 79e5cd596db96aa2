"""Text length in units that fit the language: Japanese and Chinese have no spaces between words."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Scripts written without spaces (kana, CJK ideographs, half-width katakana): about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def word_count(text: str) -> int:
    """Words in ``text``, counting unspaced Japanese/Chinese at two characters per word."""
    unspaced = len(_UNSPACED.findall(text or ""))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text) if unspaced else text or ""))  # nothing to blank: no copy
    return spaced + (unspaced + 1) // 2
