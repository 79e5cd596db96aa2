"""Two folds of every DEV set: choose rules and thresholds on ``tune``, report ``check``.

The DEV halves themselves were cut by ``md5(key) % 2 == 0``, so every DEV key has an even md5:
the fold uses the *next* bit of the same hash. ``key`` is the page's file name without its
extensions (``0001`` for ``0001.html.gz``; a Zyte id; a trafilatura/htmldate file stem), so a
page shared by two datasets falls in the same fold in both.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable, Iterable, Sequence

TUNE, CHECK = "tune", "check"
FOLDS = (TUNE, CHECK)


def page_key(name: str) -> str:
    """The fold key of a file name or path: its base name up to the first dot."""
    return str(name).replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]


def fold_of(name: str) -> str:
    """``"tune"`` or ``"check"`` for a page, from bit 1 of the md5 of its key."""
    digest = int(hashlib.md5(page_key(name).encode("utf-8")).hexdigest(), 16)
    return CHECK if (digest >> 1) & 1 else TUNE


def split(keys: Iterable[str], key_of=lambda k: k) -> dict[str, list[str]]:
    """``{"tune": [...], "check": [...]}`` of the given keys (order kept)."""
    out: dict[str, list[str]] = {TUNE: [], CHECK: []}
    for key in keys:
        out[fold_of(key_of(key))].append(key)
    return out


def kfold_of(name: str, k: int) -> int:
    """Fold ``0..k-1`` of a page or document for k-fold evaluation, from the md5 of its key above
    the bit that cut DEV from held-out."""
    digest = int(hashlib.md5(page_key(name).encode("utf-8")).hexdigest(), 16)
    return (digest >> 1) % k


def inner_grid_search(grid: dict[str, Sequence], train: Sequence, k: int,
                      hits_of: Callable[[dict, list, list], int], seed: int = 0) -> tuple[dict, float]:
    """Hyper-parameters by inner ``k``-fold CV on the training rows only: the grid point whose models,
    each fitted on k-1 inner folds, predict the most held-out inner rows right (the first such point
    wins ties). ``hits_of(params, inner_train, inner_test)`` fits and counts right predictions."""
    order = list(train)
    random.Random(seed).shuffle(order)
    inner = [order[f::k] for f in range(k)]
    best: dict = {}
    best_acc = -1.0
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        hits = sum(hits_of(params, [r for g in range(k) if g != f for r in inner[g]], inner[f]) for f in range(k))
        if hits / len(train) > best_acc + 1e-9:
            best, best_acc = params, hits / len(train)
    return best, best_acc
