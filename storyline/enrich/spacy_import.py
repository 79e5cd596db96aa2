"""spaCy imported without PyTorch.

thinc (spaCy's machine-learning library) imports torch whenever it is installed, to offer its
PyTorch wrappers; the ``embeddings`` extra installs torch, and our pipelines (``en_core_web_sm``,
GiNZA) never use those wrappers. Importing torch costs about 1.3 s of CPU and its memory in every
process that imports spaCy (once per ingest: the workers inherit the parent's modules). So spaCy
is imported here, first, with ``import torch`` failing for the moment: thinc records that it has
no torch, and torch stays importable afterwards (the embeddings load it when they are on). Not
done when torch or thinc is already imported, or with ``STORYLINE_THINC_TORCH=1``.
"""

from __future__ import annotations

import os
import sys


def import_spacy() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules or \
            os.environ.get("STORYLINE_THINC_TORCH", "") in ("1", "true", "yes"):
        import spacy
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # ``import torch`` raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]
