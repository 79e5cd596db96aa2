"""Coverage-guided fuzzing (atheris / libFuzzer) of every parser of untrusted input; bounded.

    python bench/fuzz_parsers.py [--runs 1000000] [--seconds 3600] [--targets ingest,records,...]
    python bench/fuzz_parsers.py --one TARGET --runs N --seconds S   # one target, in this process

Targets are in ``bench/fuzz_targets.py`` (dispatcher on any document, JSONL/JSON/WARC records,
feeds/OPML/sitemaps, HTML and text extraction, dates and decoding, URL/address/webhook guards).
``--runs`` inputs and ``--seconds`` are shared out between the targets in order (slow ones first),
each run in its own process (libFuzzer ends its process when done); a target stops at whichever
of its shares comes first, and what it leaves unused goes to the targets after it. An exception
escaping a target is a crash: libFuzzer stops that target, keeps the input as ``crash-*`` in the
output folder, and the run reports it. Results go to stdout and to the "Fuzzing" section of
BENCHMARKS.md (with ``--write``).

Needs ``atheris`` (``pip install -e '.[fuzz]'``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DONE = re.compile(r"Done (\d+) runs in (\d+) second")
STATS = re.compile(r"#(\d+)\s+(?:pulse|NEW|REDUCE|INITED|DONE)")


def run_one(target: str, runs: int, seconds: int, out: Path) -> None:
    """Fuzz one target in this process (libFuzzer exits the process at the end)."""
    import atheris

    with atheris.instrument_imports(include=["storyline"]):
        from bench.fuzz_targets import SEEDS, TARGETS
    corpus = out / f"corpus-{target}"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS):
        (corpus / f"seed-{i}").write_bytes(seed)
    func = TARGETS[target]
    import logging

    logging.disable(logging.CRITICAL)  # extractors log what they discard; millions of lines otherwise
    from bench.fuzz_targets import warm

    warm()  # one-time costs (dateparser's locale tables) are paid before the clock of the first input
    atheris.Setup(
        [
            sys.argv[0],
            f"-runs={runs}",
            f"-max_total_time={seconds}",
            "-max_len=4096",
            "-print_final_stats=1",
            f"-artifact_prefix={out}/crash-{target}-",
            "-rss_limit_mb=3072",
            "-timeout=60",
            str(corpus),
        ],
        func,
    )
    atheris.Fuzz()


def run_all(targets: list[str], runs: int, seconds: int, out: Path) -> list[dict]:
    rows = []
    began = time.monotonic()
    for index, target in enumerate(targets):
        left = len(targets) - index
        per_runs = max(1, -(-(runs - sum(r["runs"] for r in rows)) // left))
        per_seconds = max(1, int((seconds - (time.monotonic() - began)) // left))
        start = time.monotonic()
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                target,
                "--runs",
                str(per_runs),
                "--seconds",
                str(per_seconds),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        log = proc.stdout + proc.stderr
        (out / f"log-{target}.txt").write_text(log[-200_000:])
        done = DONE.search(log)
        counted = [int(n) for n in STATS.findall(log)]
        executed = int(done.group(1)) if done else (max(counted) if counted else 0)
        # libFuzzer names what it keeps crash-*, timeout-*, oom-* (failures) and slow-unit-* (inputs
        # slower than -report_slow_units, kept for a look, not a failure)
        crashes = sorted(p.name for p in out.glob(f"crash-{target}-*") if "-slow-unit-" not in p.name)
        rows.append(
            {
                "target": target,
                "runs": executed,
                "seconds": round(time.monotonic() - start, 1),
                "crashes": len(crashes),
                "exit": proc.returncode,
                "files": crashes,
            }
        )
        print(
            f"{target:8s} {executed:>10,d} inputs  {rows[-1]['seconds']:>7.1f} s  "
            f"crashes {len(crashes)}  exit {proc.returncode}",
            flush=True,
        )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=int, default=3600)
    ap.add_argument("--targets", default="extract,dates,feeds,ingest,records,urls")
    ap.add_argument("--one", help="fuzz this one target in this process")
    ap.add_argument("--out", type=Path, default=None, help="corpus and crash files (default: a temp folder)")
    ap.add_argument("--write", action="store_true", help="write the Fuzzing section of BENCHMARKS.md")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))
    if args.one:
        run_one(args.one, args.runs, args.seconds, out)
        return 0
    targets = [t for t in args.targets.split(",") if t]
    rows = run_all(targets, args.runs, args.seconds, out)
    total, crashes = sum(r["runs"] for r in rows), sum(r["crashes"] for r in rows)
    print(f"total {total:,d} inputs, {crashes} crashes; corpus and logs in {out}")
    if args.write:
        from bench.report import write_section

        table = "\n".join(f"| {r['target']} | {r['runs']:,d} | {r['seconds']:.0f} | {r['crashes']} |" for r in rows)
        write_section(
            "Fuzzing",
            f"`python bench/fuzz_parsers.py --runs {args.runs} --seconds {args.seconds}` (atheris/libFuzzer, "
            f"coverage-guided, inputs up to 4 KiB, seeds: one small valid document per format; "
            f"{time.strftime('%Y-%m-%d')}, shared 2-core machine).\n\n"
            "| target | inputs run | seconds | crashes |\n|---|---:|---:|---:|\n"
            f"{table}\n| **total** | **{total:,d}** | | **{crashes}** |\n",
        )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
