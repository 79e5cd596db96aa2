"""Where the shared gold and evaluation data live: ``$STORYLINE_SHARED``, else ``../shared`` beside
the checkout. The one place this is resolved (the CLI, the scorers and the tests ask here)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def default_shared_dir() -> Path:
    """``$STORYLINE_SHARED`` or ``<repo>/../shared``."""
    env = os.environ.get("STORYLINE_SHARED")
    return Path(env) if env else REPO.parent / "shared"
