"""Enrichment time grows linearly with article length (no per-candidate rescans of the whole doc).

The two articles are built from the bundled sample pages' bodies (extracted by the product),
cycled to 2,000 and 8,000 words: the same density of names, offices and events, four times the
text. Each is enriched three times, interleaved, and the fastest run of each is compared: a
ratio measured inside the test, so a slow or busy machine slows both sides alike.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.enrich import enrich_many
from storyline.extract import extract_page
from storyline.models import Article, FetchedPage

SAMPLES = Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples" / "html"


def _paragraphs() -> list[str]:
    out = []
    for path in sorted(SAMPLES.glob("*.htm*")):
        page = FetchedPage(source=path.name, content=path.read_bytes(), fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
        for art in extract_page(page).articles:
            out += [p for p in (art.body or "").split("\n") if len(p.split()) >= 8]
    return out


def _article(paragraphs: list[str], words: int) -> Article:
    chosen, count, i = [], 0, 0
    while count < words:
        para = paragraphs[i % len(paragraphs)]
        chosen.append(para)
        count += len(para.split())
        i += 1
    return Article(body="\n".join(chosen), title="Ministers meet", source=f"synthetic-{words}",
                   published=datetime(2026, 11, 22, tzinfo=UTC))


@pytest.mark.slow
def test_enrichment_time_is_near_linear_in_article_length():
    paragraphs = _paragraphs()
    assert len(paragraphs) > 50
    short, long = _article(paragraphs, 2000), _article(paragraphs, 8000)
    [warm] = enrich_many([short])  # model load and caches outside the timing
    assert len(warm.mentions) > 50 and warm.roles and warm.events  # a text dense in what enrichment reads
    best = {id(short): float("inf"), id(long): float("inf")}
    for _ in range(3):
        for art in (short, long):
            start = time.perf_counter()
            enrich_many([art])
            best[id(art)] = min(best[id(art)], time.perf_counter() - start)
    ratio = best[id(long)] / best[id(short)]
    assert ratio <= 6.0, f"4x the text took {ratio:.1f}x the time ({best[id(short)]:.2f}s vs {best[id(long)]:.2f}s)"
