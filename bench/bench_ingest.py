"""Ingest + extract + store throughput (pages/s) on one core and on two, and enrichment alone.

    python bench/bench_ingest.py [--pages 300] [--enrich-articles 100]

Pages are synthetic news pages (bench/synth.py) written as HTML; each run ingests them into a
fresh SQLite store. Figures go to stdout and to the "Ingest" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.report import write_section
from bench.synth import write_html_pages
from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store


def run_ingest(pages_dir: Path, workers: int, enrich: bool) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        pipe = Pipeline(store, Settings(workers=workers), enrich=enrich, stories=False)
        start = time.perf_counter()
        summary = pipe.ingest([str(pages_dir)], fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
        elapsed = time.perf_counter() - start
        store.close()
    return summary.pages / elapsed, summary.articles_new


def bench_enrich(pages_dir: Path, n: int) -> tuple[float, float]:
    """Articles/s for enrichment alone: one process, then two processes splitting the batch."""
    from concurrent.futures import ProcessPoolExecutor

    from storyline.enrich import enrich_many
    from storyline.extract import extract_page
    from storyline.models import FetchedPage

    articles = []
    for path in sorted(pages_dir.glob("*.html"))[:n]:
        page = FetchedPage(source=str(path), content=path.read_bytes(), fetched_at=datetime.now(UTC))
        articles.extend(extract_page(page).articles)
    enrich_many(articles[:4])  # load the model outside the timing
    start = time.perf_counter()
    enrich_many(articles)
    one = len(articles) / (time.perf_counter() - start)
    half = len(articles) // 2
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(enrich_many, [articles[:4], articles[4:8]]))  # warm both workers
        start = time.perf_counter()
        list(pool.map(enrich_many, [articles[:half], articles[half:]]))
        two = len(articles) / (time.perf_counter() - start)
    return one, two


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--enrich-articles", type=int, default=100)
    ap.add_argument("--real", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval"
                    / "article_extraction_zyte" / "html",
                    help="a folder of real pages measured as well (default: the Zyte DEV pages, when present)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        write_html_pages(pages, args.pages, seed=7)
        rows = []
        for workers in (1, 2):
            rate, arts = run_ingest(pages, workers, enrich=False)
            rows.append((f"ingest + extract + store, {workers} process{'es' if workers > 1 else ''}", rate, "pages/s"))
            print(f"{rows[-1][0]}: {rate:.1f} pages/s ({arts} articles)")
        if args.real.is_dir():
            for workers in (1, 2):
                rate, arts = run_ingest(args.real, workers, enrich=False)
                rows.append((f"real pages ({args.real.parent.name}), {workers} process{'es' if workers > 1 else ''}",
                             rate, "pages/s"))
                print(f"{rows[-1][0]}: {rate:.1f} pages/s ({arts} articles)")
        one, two = bench_enrich(pages, args.enrich_articles)
        rows.append(("enrichment alone, 1 process", one, "articles/s"))
        rows.append(("enrichment alone, 2 processes", two, "articles/s"))
        print(f"enrichment alone: {one:.1f} articles/s (1 process), {two:.1f} (2 processes)")
    table = "| what | rate | unit |\n|---|---:|---|\n" + "\n".join(f"| {w} | {r:.1f} | {u} |" for w, r, u in rows)
    write_section("Ingest", f"`python bench/bench_ingest.py --pages {args.pages} --enrich-articles "
                            f"{args.enrich_articles}` — synthetic HTML pages (bench/synth.py), fresh SQLite store "
                            "per run, stories off; real pages (gzipped HTML from ../shared, when present) the same "
                            "way. "
                            f"Enrichment alone: spaCy parse + entities + roles + events + hashtags + quality on "
                            f"the extracted articles. The machine was shared with other work while measuring: "
                            f"expect 20-40 % noise.\n\n{table}")


if __name__ == "__main__":
    main()
