"""Crash consistency of ingest: kill -9 at random moments, then finish, and compare with an uninterrupted run.

    python bench/crash_consistency.py [--trials-sqlite 12] [--trials-pg 10] [--zyte 30] [--seed 7] [--write]

Pages: the first ``--zyte`` pages of /work/shared/eval/article_extraction_zyte/html (gzipped real
pages) plus the bundled samples (storyline/data/samples/html), copied into one folder. For each
backend, one uninterrupted ``storyline ingest`` (with enrichment and stories) gives the reference:
its article keys. Each trial then ingests the same folder into a fresh store, sends SIGKILL after a
random moment: a random fraction f of the way through the work (it waits until f × the reference's
articles are stored, or f × twice the reference time has passed, then a further 0-1 s), runs
``storyline resume`` (checks: no unfinished page;
every stored article enriched and in a story) and ``storyline ingest`` again (checks: exactly the
reference's articles, every one enriched and in a story). Bounded by the trial counts; results go
to stdout and, with ``--write``, to the "Crash consistency" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ZYTE = Path("/work/shared/eval/article_extraction_zyte/html")
SAMPLES = ROOT / "storyline" / "data" / "samples" / "html"
PG_ADMIN = os.environ.get("STORYLINE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FETCHED_AT = "2026-11-22T12:00:00+00:00"


def cli(*args: str, timeout: float = 1800) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


def ingest_args(pages: Path, db: str) -> list[str]:
    return ["ingest", str(pages), "--db", db, "--fetched-at", FETCHED_AT, "--json"]


def snapshot(db: str) -> dict:
    """Article keys, how many lack an enrichment or a story, and unfinished pages."""
    from storyline.store import open_store

    store = open_store(db)
    try:
        keys, unenriched, storyless = [], 0, 0
        for row in store.iter_articles():
            keys.append(row["key"])
            unenriched += row["enriched_at"] is None
            storyless += row["story_id"] is None
        return {"keys": sorted(keys), "unenriched": unenriched, "storyless": storyless,
                "unfinished": store.count_unfinished_pages(), "stories": store.count_stories()}
    finally:
        store.close()


class Databases:
    """Fresh databases: files under a temp folder, or PostgreSQL databases dropped at the end."""

    def __init__(self, backend: str, tmp: Path):
        self.backend, self.tmp, self.made = backend, tmp, []

    def new(self) -> str:
        if self.backend == "sqlite":
            path = self.tmp / f"{uuid.uuid4().hex[:8]}.db"
            self.made.append(path)
            return str(path)
        from sqlalchemy import create_engine, text

        name = f"storyline_crash_{uuid.uuid4().hex[:10]}"
        engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        self.made.append(name)
        return PG_ADMIN.rsplit("/", 1)[0] + "/" + name

    def drop(self, db: str) -> None:
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm", ".story-lock", ".migrate-lock"):
                Path(db + suffix).unlink(missing_ok=True)
            return
        from sqlalchemy import create_engine, text

        engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1]}" WITH (FORCE)'))
        engine.dispose()


def stored_articles(db: str) -> int:
    """How many articles the running ingest has committed so far (0 before the schema exists)."""
    from sqlalchemy import create_engine, text

    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0
    except Exception:  # noqa: BLE001 - not created yet, or locked for a moment
        return 0
    finally:
        engine.dispose()


def trial(pages: Path, dbs: Databases, reference: dict, fraction: float, ref_seconds: float,
          rng: random.Random) -> dict:
    db = dbs.new()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", *ingest_args(pages, db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target, limit = fraction * len(reference["keys"]), fraction * 2 * ref_seconds
    while proc.poll() is None and time.monotonic() - start < limit and stored_articles(db) < target:
        time.sleep(0.25)
    time.sleep(rng.uniform(0, 1.0))
    delay = time.monotonic() - start
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = snapshot(db)
    resumed = cli("resume", "--db", db)
    after_resume = snapshot(db)
    rerun = cli(*ingest_args(pages, db))
    final = snapshot(db)
    dbs.drop(db)
    ok_resume = resumed.returncode == 0 and after_resume["unfinished"] == 0 and \
        after_resume["unenriched"] == 0 and after_resume["storyless"] == 0
    ok_final = rerun.returncode == 0 and final["keys"] == reference["keys"] and final["unenriched"] == 0 and \
        final["storyless"] == 0 and final["unfinished"] == 0
    return {"delay": round(delay, 1), "killed": killed, "articles_at_kill": len(at_kill["keys"]),
            "unfinished_at_kill": at_kill["unfinished"], "after_resume_ok": ok_resume,
            "final_articles": len(final["keys"]), "missing": len(set(reference["keys"]) - set(final["keys"])),
            "extra": len(set(final["keys"]) - set(reference["keys"])), "unenriched": final["unenriched"],
            "storyless": final["storyless"], "ok": ok_resume and ok_final,
            "error": (resumed.stderr + rerun.stderr).strip().splitlines()[-1:] if not (ok_resume and ok_final) else []}


def run_backend(backend: str, pages: Path, trials: int, rng: random.Random, tmp: Path) -> list[dict]:
    dbs = Databases(backend, tmp)
    ref_db = dbs.new()
    start = time.monotonic()
    result = cli(*ingest_args(pages, ref_db))
    ref_seconds = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"reference run failed on {backend}: {result.stderr[-2000:]}")
    reference = snapshot(ref_db)
    dbs.drop(ref_db)
    print(f"{backend}: reference {len(reference['keys'])} articles, {reference['stories']} stories, "
          f"{ref_seconds:.1f} s", flush=True)
    rows = []
    for i in range(trials):
        row = trial(pages, dbs, reference, rng.uniform(0.02, 0.98), ref_seconds, rng)
        row.update(backend=backend, trial=i + 1, reference_articles=len(reference["keys"]),
                   reference_seconds=round(ref_seconds, 1))
        rows.append(row)
        print(f"  {backend} trial {i + 1}: kill at {row['delay']} s (killed={row['killed']}, "
              f"{row['articles_at_kill']} articles, {row['unfinished_at_kill']} unfinished pages) -> "
              f"{row['final_articles']} articles, missing {row['missing']}, extra {row['extra']}, "
              f"unenriched {row['unenriched']}, storyless {row['storyless']}: {'ok' if row['ok'] else 'FAIL'} "
              f"{' '.join(row['error'])}", flush=True)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials-sqlite", type=int, default=12)
    ap.add_argument("--trials-pg", type=int, default=10)
    ap.add_argument("--zyte", type=int, default=30, help="how many of the real zyte pages to use")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as tmp_name:
        tmp = Path(tmp_name)
        pages = tmp / "pages"
        pages.mkdir()
        for path in sorted(ZYTE.glob("*.html.gz"))[: args.zyte]:
            shutil.copy(path, pages / path.name)
        for path in sorted(SAMPLES.glob("*.html")):
            shutil.copy(path, pages / path.name)
        rows = []
        if args.trials_sqlite:
            rows += run_backend("sqlite", pages, args.trials_sqlite, rng, tmp)
        if args.trials_pg:
            rows += run_backend("postgresql", pages, args.trials_pg, rng, tmp)
        n_pages = len(list(pages.iterdir()))
    passed = sum(r["ok"] for r in rows)
    killed = sum(r["killed"] for r in rows)
    print(f"{passed}/{len(rows)} trials ended with exactly the reference articles, all enriched and in a story "
          f"({killed} killed mid-run)")
    if args.write:
        write(rows, n_pages, args)
    return 0 if passed == len(rows) else 1


def write(rows: list[dict], n_pages: int, args) -> None:
    from bench.report import write_section

    header = ("| backend | trial | kill after s | killed mid-run | articles at kill | unfinished pages at kill | "
              "after resume ok | final articles | missing | extra | unenriched | no story | ok |")
    lines = [header, "|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r['backend']} | {r['trial']} | {r['delay']} | {'yes' if r['killed'] else 'no'} | "
                     f"{r['articles_at_kill']} | {r['unfinished_at_kill']} | {'yes' if r['after_resume_ok'] else 'NO'} "
                     "| "
                     f"{r['final_articles']} / {r['reference_articles']} | {r['missing']} | {r['extra']} | "
                     f"{r['unenriched']} | {r['storyless']} | {'ok' if r['ok'] else 'FAIL'} |")
    refs = {r["backend"]: (r["reference_articles"], r["reference_seconds"]) for r in rows}
    summary = "; ".join(f"{b}: {n} articles in {s} s uninterrupted" for b, (n, s) in refs.items())
    passed = sum(r["ok"] for r in rows)
    backends = sorted({r["backend"] for r in rows})
    title = "Crash consistency" if len(backends) > 1 else f"Crash consistency ({backends[0]})"
    write_section(
        title,
        f"`python bench/crash_consistency.py --trials-sqlite {args.trials_sqlite} --trials-pg {args.trials_pg} "
        f"--zyte {args.zyte} --seed {args.seed}`: {n_pages} real pages ({args.zyte} from the zyte extraction set, "
        f"gzipped, plus the bundled samples), ingest with enrichment and stories (worker processes as configured); "
        f"`kill -9` at a random point of the work (once a random fraction of the reference's articles is stored, "
        f"or that fraction of twice the reference time has passed, plus 0-1 s), then `storyline resume`, then the "
        f"same `storyline ingest` again. "
        f"Reference: {summary}.\n\n**{passed}/{len(rows)} trials** ended with exactly the articles of the "
        f"uninterrupted run, every one enriched and in a story (before this work: 1 of 10 on SQLite).\n\n"
        + "\n".join(lines),
    )


if __name__ == "__main__":
    sys.exit(main())
