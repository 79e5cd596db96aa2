"""Peak memory of a long ingest: does it grow with the pages already stored?

    python bench/bench_memory.py [--pages 10000] [--more 1000] [--workers 2] [--no-enrich]

1. ``--pages`` synthetic news pages (bench/synth.py: templates of real reporting, planted stories and
   re-publications) are ingested in one run into a fresh SQLite store, the whole pipeline (extract,
   enrich, dedup, stories, store) on ``--workers`` processes. The main process's resident memory is
   read every 1,000 pages, and the peak of every process at the end.
2. ``--more`` new pages are then ingested twice: into that full store, and into an empty one. If
   nothing accumulates, the two peaks are the same: what a run holds depends on the run, not on the
   store's size.

Results go to the "Memory" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pipeline import PeakRss
from bench.report import write_section
from bench.synth import write_html_pages
from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store


def _rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


# After every synthetic publication time (bench/synth.py spreads 10,000 pages over about a year from
# 2026-11-01): a page dated after its fetch is refused its date (stored undated), and undated pages
# would all sit at the fetch time, inside every story window.
FETCHED_AT = datetime(2030, 1, 1, tzinfo=UTC)


def ingest(db: Path, pages: Path, workers: int, enrich: bool, every: int = 1000) -> dict:
    samples: list[tuple[int, int]] = []
    seen = [0]

    def progress(event: str, **_info) -> None:
        if event == "page":
            seen[0] += 1
            if seen[0] % every == 0:
                samples.append((seen[0], _rss_mb()))

    store = open_store(str(db))
    with PeakRss() as rss:
        start = time.perf_counter()
        summary = Pipeline(store, Settings(workers=workers), progress=progress, enrich=enrich).ingest(
            [str(pages)], fetched_at=FETCHED_AT)
        elapsed = time.perf_counter() - start
    stored = store.count_articles()
    store.close()
    return {"pages": summary.pages, "articles": summary.articles_new, "stored": stored, "seconds": elapsed,
            "samples": samples, **rss.report()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--more", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-enrich", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    enrich = not args.no_enrich
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_html_pages(tmp / "big", args.pages, seed=7)
        write_html_pages(tmp / "more", args.more, seed=8)
        for p in (tmp / "big" / "truth.jsonl", tmp / "more" / "truth.jsonl"):
            p.unlink()
        big = ingest(tmp / "full.db", tmp / "big", args.workers, enrich)
        print("run 1:", big)
        into_full = ingest(tmp / "full.db", tmp / "more", args.workers, enrich, every=100)
        print("more into the full store:", into_full)
        into_empty = ingest(tmp / "empty.db", tmp / "more", args.workers, enrich, every=100)
        print("more into an empty store:", into_empty)
    if args.no_write:
        return
    samples = ", ".join(f"{n:,}: {mb}" for n, mb in big["samples"])
    rows = [("1. one run, empty store", big), (f"2a. {args.more:,} more, into the store of run 1", into_full),
            (f"2b. the same {args.more:,}, into an empty store", into_empty)]
    table = ["| run | pages | articles stored after | s | peak RSS main MB | peak RSS workers MB |",
             "|---|---:|---:|---:|---:|---|"]
    table += [f"| {name} | {r['pages']:,} | {r['stored']:,} | {r['seconds']:.0f} | {r['main_mb']} | "
              f"{', '.join(map(str, r['workers_mb']))} |" for name, r in rows]
    write_section("Memory", (
        f"`python bench/bench_memory.py --pages {args.pages} --more {args.more} --workers {args.workers}"
        f"{' --no-enrich' if not enrich else ''}` — synthetic news pages (bench/synth.py), the whole ingest "
        f"(extract, {'enrich, ' if enrich else ''}dedup, stories, store; SQLite), {args.workers} worker processes.\n\n"
        + "\n".join(table) + f"\n\nMain-process RSS (MB) during run 1, by pages done: {samples}."))


if __name__ == "__main__":
    main()
