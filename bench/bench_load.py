"""Open-loop load curve of the web app: at which request rate do mixed reads keep p95 < 200 ms, with no
ingest and with an ingest running?

    python bench/bench_load.py [--articles 10000] [--rates 10 20 50 80] [--seconds 20] [--workers 2]

A store of synthetic articles (``bench_web.build``) is served by ``storyline serve --workers N`` on
127.0.0.1. For each rate, requests are *scheduled* at fixed intervals whatever the server does (open
loop: a slow server is not given time to catch up), mixing front, story, article, search and API
reads; latency counts from the scheduled moment, so queueing shows. The same rates are then run
while ``storyline ingest`` writes the bundled samples (again and again, into copies of their pages
with new URLs) into the same store. Bounded: rates x seconds x 2 phases, traffic to loopback only.
Writes the "Load curve" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_web import SEARCH_WORDS, _start_server, build
from report import write_section

from storyline.store import open_store

SAMPLES = ROOT / "storyline" / "data" / "samples" / "html"


def path_for(rng: random.Random, n: int, stories: int) -> str:
    kind = rng.choices(["front", "story", "article", "search", "api"], weights=[2, 3, 3, 2, 2])[0]
    if kind == "front":
        return "/"
    if kind == "story":
        return f"/stories/{rng.randint(1, stories)}"
    if kind == "article":
        return f"/articles/{rng.randint(1, n)}"
    if kind == "search":
        return "/search?q=" + "+".join(rng.sample(SEARCH_WORDS, rng.choice((1, 2))))
    return f"/api/v1/articles/{rng.randint(1, n)}"


async def run_rate(base: str, rate: float, seconds: float, n: int, stories: int, seed: int) -> dict:
    rng = random.Random(seed)
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=512, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        start = time.monotonic()

        async def one(i: int) -> None:
            nonlocal errors
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            try:
                resp = await client.get(path_for(rng, n, stories))
                if resp.status_code >= 500:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.monotonic() - due) * 1000)

        await asyncio.gather(*(one(i) for i in range(total)))
        elapsed = time.monotonic() - start
    latencies.sort()
    return {"rate": rate, "sent": total, "achieved": round(total / elapsed, 1), "errors": errors,
            "p50": statistics.median(latencies), "p95": latencies[int(0.95 * (len(latencies) - 1))]}


class Ingester:
    """Keeps `storyline ingest` busy on copies of the sample pages (new bytes each round)."""

    def __init__(self, db: str):
        self.db, self.proc, self.round = db, None, 0
        self.dir = Path(tempfile.mkdtemp(prefix="load-ingest-"))

    def tick(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        self.round += 1
        folder = self.dir / f"r{self.round}"
        folder.mkdir()
        for page in sorted(SAMPLES.glob("*.html")):
            text = page.read_text(encoding="utf-8").replace("</body>", f"<!-- round {self.round} --></body>")
            (folder / f"r{self.round}-{page.name}").write_text(text, encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "ingest", str(folder), "--db", self.db,
                                      "--workers", "1"], cwd=str(ROOT), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


async def with_ingest(ingester: Ingester, coro):
    async def keep_busy():
        while True:
            ingester.tick()
            await asyncio.sleep(0.5)

    busy = asyncio.create_task(keep_busy())
    try:
        return await coro
    finally:
        busy.cancel()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--rates", type=float, nargs="+", default=[10, 20, 50, 80])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    db = os.path.join(tempfile.mkdtemp(prefix="load-"), "load.db")
    build(db, args.articles)
    store = open_store(db)
    stories = store.max_story_id()
    store.close()
    proc, base = _start_server(db, args.workers)
    rows = []
    try:
        warm = random.Random(0)
        with httpx.Client(base_url=base, timeout=60) as client:  # every worker's caches and templates
            for _ in range(10 * args.workers):
                client.get(path_for(warm, args.articles, stories))
        for phase in ("no ingest", "ingest running"):
            ingester = Ingester(db) if phase == "ingest running" else None
            try:
                for rate in args.rates:
                    coro = run_rate(base, rate, args.seconds, args.articles, stories, seed=int(rate))
                    result = asyncio.run(with_ingest(ingester, coro) if ingester else coro)
                    result["phase"] = phase
                    rows.append(result)
                    print(
                        f"{phase:15s} {rate:5.0f}/s  achieved {result['achieved']:5.1f}/s  p50 {result['p50']:7.1f} ms"
                        f"  p95 {result['p95']:7.1f} ms  errors {result['errors']}",
                        flush=True,
                    )
            finally:
                if ingester:
                    ingester.stop()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    best = {
        phase: max([r["rate"] for r in rows if r["phase"] == phase and r["p95"] < 200 and not r["errors"]], default=0)
        for phase in ("no ingest", "ingest running")
    }
    table = "| phase | offered req/s | achieved | p50 ms | p95 ms | errors |\n|---|---:|---:|---:|---:|---:|\n"
    table += "".join(
        f"| {r['phase']} | {r['rate']:.0f} | {r['achieved']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} |\n"
        for r in rows
    )
    body = (
        f"`python bench/bench_load.py --articles {args.articles} --workers {args.workers} --seconds "
        f"{args.seconds:g}`: open-loop mixed reads (front, story, article, search, API) against "
        f"`storyline serve --workers {args.workers}` on a SQLite store of {args.articles:,} synthetic "
        "articles; latency counted from each request's scheduled moment.\n\n"
        + table
        + f"\nHighest offered rate with p95 < 200 ms and no errors: {best['no ingest']:.0f} req/s with no "
        f"ingest, {best['ingest running']:.0f} req/s with an ingest running."
    )
    print(body)
    if not args.no_write:
        write_section("Load curve", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
