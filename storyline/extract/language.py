"""Language of an article body, when the page did not declare one (py3langid, offline model)."""

from __future__ import annotations

from functools import lru_cache

MIN_BYTES = 60  # below this a guess is noise (bytes, so CJK text needs fewer characters)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def load() -> None:
    """Load the identifier's model now (about a second: it is an lzma-compressed file)."""
    _identifier()


def detect_language(text: str, min_confidence: float = 0.6) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or the guess is unsure."""
    sample = (text or "").strip()[:3000]
    if len(sample.encode("utf-8")) < MIN_BYTES:
        return None
    code, prob = _identifier().classify(sample)
    return code if prob >= min_confidence else None
