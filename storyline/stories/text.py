"""Moved: the tokeniser and the sentence splitter live in :mod:`storyline.text` (``tokens``,
``sentences``). This re-export keeps branches written against the old path importing; new code
imports from ``storyline.text``."""

from storyline.text.sentences import sentences
from storyline.text.tokens import STOPWORDS, content_words, stable_hash, words

__all__ = ["STOPWORDS", "content_words", "sentences", "stable_hash", "words"]
