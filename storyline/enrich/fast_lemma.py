"""spaCy's rule lemmatizer with one lookup per token: the same lemmas, a fraction of the time.

spaCy's ``Lemmatizer.__call__`` calls ``rule_lemmatize`` for every token of every doc: a Python
call that builds a ``MorphAnalysis`` for its cache key and interns the lemma string again, even
when the answer is cached (about 15 ms of a Zyte article's CPU, more than the tagger). The rule
lemma is a function of the token's word, coarse tag and morphology alone (``rule_lemmatize``
reads nothing else: its own cache has that key), so :func:`fast_lemmatizer` reads those three of
every token at once (``Doc.to_array``), looks each key up in a per-process memo of lemma ids,
calls spaCy's own ``lemmatize`` only for a key not seen yet, and writes the lemmas back at once
(``Doc.from_array``). Tokens that already hold a lemma (the attribute ruler's exceptions) keep
it, as spaCy's does unless ``overwrite`` is set.

An unseen key costs spaCy's ``rule_lemmatize``, which tests each candidate form for membership in
the model's ``lemma_index`` table: lists of up to 57,000 words per POS, scanned from the start
(about 0.1 ms a call; a news article brings 150 unseen keys in a fresh process). Our calls run it
on a copy of the lookups whose index lists are sets: the same answers, by hashing. Checked by
``tests/enrich/test_pipeline.py``.
"""

from __future__ import annotations


def fast_lemmatizer(lemmatizer) -> bool:
    """Switch ``lemmatizer`` (a spaCy ``Lemmatizer`` in "rule" mode) to memoised lookups; returns
    whether it was switched (another mode keeps spaCy's own)."""
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_fast_memo", None) is not None:
        return False
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors
    from spacy.lookups import Lookups

    hashed = Lookups()  # the same tables, the POS index lists as sets (membership is all it is used for)
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            hashed.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            hashed.set_table(name, table)

    base = type(lemmatizer)

    class FastLemmatizer(base):
        def __call__(self, doc):
            if not self._validated:
                self._validate_tables(Errors.E1004)
            if not len(doc):
                return doc
            try:
                array = doc.to_array([ORTH, POS, MORPH, LEMMA])
                lemmas = array[:, 3].copy()
                memo, strings, overwrite = self._fast_memo, self.vocab.strings, self.overwrite
                own, self.lookups = self.lookups, hashed
                try:
                    for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
                        if lemma and not overwrite:
                            continue
                        key = (orth, pos, morph)
                        found = memo.get(key)
                        if found is None:
                            found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
                        lemmas[i] = found
                finally:
                    self.lookups = own
                doc.from_array([LEMMA], lemmas)
                return doc
            except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as in its __call__
                return self.get_error_handler()(self.name, self, [doc], e)

    FastLemmatizer.__name__ = FastLemmatizer.__qualname__ = "Fast" + base.__name__
    lemmatizer._fast_memo = {}
    lemmatizer.__class__ = FastLemmatizer
    return True
