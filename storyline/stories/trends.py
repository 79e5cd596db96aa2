"""Trending hashtags and entities: bursts of mentions against each item's own baseline.

For each item, the count in the chosen window is compared with what its own history predicts:
``expected = (baseline_count + alpha) / (baseline_days + beta) * window_days`` (a smoothed Poisson
rate, so an item never seen before is not infinitely surprising), and the score is the Poisson
z-score ``(count - expected) / sqrt(expected)``. Ranking by that favours real bursts over items
that are always frequent.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storyline.errors import InvalidValueError


@dataclass(slots=True)
class TrendItem:
    item: str
    count: int  # mentions (articles) in the window
    baseline: int  # mentions in the baseline period before it
    expected: float  # window count the baseline predicts
    score: float  # Poisson z-score of the burst
    ratio: float  # count / expected


def trending(
    observations: Iterable[tuple[str, datetime]],
    *,
    window_start: datetime,
    window_end: datetime,
    baseline_days: float = 28.0,
    alpha: float = 0.5,
    beta: float = 1.0,
    min_count: int = 2,
    k: int = 20,
) -> list[TrendItem]:
    """Rank items (hashtags, entity keys...) by burst in [window_start, window_end).

    ``observations`` are (item, time) pairs, one per article mentioning the item. The baseline is
    the ``baseline_days`` before the window.
    """
    if window_end <= window_start:
        raise InvalidValueError("window_end must be after window_start")
    window_days = (window_end - window_start).total_seconds() / 86400.0
    base_start = window_start - timedelta(days=baseline_days)
    in_window: Counter = Counter()
    in_base: Counter = Counter()
    for item, when in observations:
        if when is None:
            continue
        if window_start <= when < window_end:
            in_window[item] += 1
        elif base_start <= when < window_start:
            in_base[item] += 1
    out = []
    for item, count in in_window.items():
        if count < min_count:
            continue
        base = in_base.get(item, 0)
        expected = (base + alpha) / (baseline_days + beta) * window_days
        score = (count - expected) / math.sqrt(expected)
        out.append(TrendItem(item, count, base, expected, score, count / expected))
    return sorted(out, key=lambda t: (-t.score, -t.count, t.item))[:k]


def observations_from(docs: Iterable, *, field: str = "hashtags") -> list[tuple[str, datetime]]:
    """(item, time) pairs from StoryDocs: ``field`` is "hashtags" or "entity_keys"."""
    out = []
    for d in docs:
        when = d.published or d.fetched_at
        if when is not None:
            out.extend((item, when) for item in set(getattr(d, field)))
    return out
