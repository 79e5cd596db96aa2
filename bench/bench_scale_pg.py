"""PostgreSQL scale curves: 10k, 100k and 1M stored articles.

For each size a fresh database ``storyline_bench_<n>`` is migrated by the store itself, filled in
bulk with synthetic articles (``bench_web.build``: bench/synth.py, seed 7, with stories, country
mentions and hashtags), its sequences moved past the explicit ids and ANALYZEd. Sizes above ``--distinct``
(100k) are that many distinct articles plus server-side copies of them (bench/replicate_pg.py: shifted ids,
stories and dates, vocabulary rotated), so 1M builds in under an hour instead of ~3 hours. The full-text GIN
indexes are dropped for the bulk load and re-created afterwards from their own definitions
(``pg_indexes``), so the store is indexed exactly as the migrations leave it. Then, per size:

1. store size (``pg_database_size``);
2. the web app (``storyline serve --no-scheduler``, one process) on 127.0.0.1: front / story /
   article / search p50 and p95 (``bench_web.measure``), and the server's peak RSS;
3. ingest rate: ``--ingest-pages`` new synthetic HTML pages through the whole pipeline
   (``Pipeline``: extract, enrich unless ``--no-enrich``, dedup, stories, store) into that store,
   once with 1 and once with 2 worker processes (different pages each time), with peak RSS of the
   main process and of each worker.

Every phase is bounded in time (``--deadline`` minutes for the whole run; a size that cannot start
before it is skipped and said so). Results go to the "PostgreSQL scale" section of BENCHMARKS.md.

    python bench/bench_scale_pg.py                              # 10k, 100k, 1M
    python bench/bench_scale_pg.py --sizes 10000 --requests 30 --no-write
    python bench/bench_scale_pg.py --sizes 1000000 --keep        # keep the database for EXPLAIN
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import PeakRss
from bench_web import _start_server, build, measure
from replicate_pg import replicate, verify
from report import write_section
from synth import write_html_pages

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store

PG = os.environ.get("STORYLINE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
PREFIX = "storyline_bench_"
RESULTS = ROOT / "bench" / "results" / "scale_pg.json"


def log(msg: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {msg}", flush=True)


def _admin():
    return create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")


def create_db(name: str) -> str:
    assert name.startswith(PREFIX), name  # never touch the test suite's databases
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{PG}/{name}"


def drop_db(name: str) -> None:
    assert name.startswith(PREFIX), name
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _bulk_indexes(conn) -> list[tuple[str, str]]:
    """Indexes of the bulk-filled tables that back no constraint (GIN full text, plain b-trees):
    dropped for the load and re-created from these same definitions after it."""
    rows = conn.execute(text(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND i.tablename IN ('articles', 'mentions', 'article_tags', 'stories') "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(i.indexname))"))
    return [tuple(r) for r in rows]


def advance_sequences(conn) -> int:
    """Every serial/identity column's sequence moved past the largest id written explicitly."""
    rows = conn.execute(text(
        "SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) "
        "FROM information_schema.columns c WHERE c.table_schema = 'public' "
        "AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL")).all()
    for table, column, seq in rows:
        conn.execute(text(f"SELECT setval('{seq}', coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"))
    return len(rows)


def build_pg(url: str, n: int, distinct: int | None = None) -> dict:
    """``bench_web.build`` into a migrated PostgreSQL store, secondary indexes rebuilt after the load.
    With ``distinct`` < ``n``: that many distinct synthetic articles, then server-side copies of them
    (bench/replicate_pg.py) up to ``n``."""
    store = open_store(url)  # runs the migrations
    with store.engine.begin() as conn:
        gins = _bulk_indexes(conn)
        for name, _ in gins:
            conn.execute(text(f'DROP INDEX "{name}"'))
    store.close()
    t0 = time.perf_counter()
    base = n if distinct is None or distinct >= n else distinct
    build(url, base)
    out: dict = {"distinct": base, "distinct_s": time.perf_counter() - t0}
    if base < n:
        log(f"  {base:,} distinct articles written in {out['distinct_s']:.0f} s; copying up to {n:,}")
        out.update(replicate(url, base, n, log))
    load_s = time.perf_counter() - t0
    log(f"  rows written in {load_s:.0f} s; re-creating {len(gins)} indexes")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    t1 = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(text("SET maintenance_work_mem = '512MB'"))
        for name, definition in gins:
            t2 = time.perf_counter()
            conn.execute(text(definition))
            out.setdefault("index_each_s", {})[name] = round(time.perf_counter() - t2, 1)
        seqs = advance_sequences(conn)
        t2 = time.perf_counter()
        conn.execute(text("VACUUM ANALYZE"))
        out["vacuum_s"] = time.perf_counter() - t2
    engine.dispose()
    verify(url)  # the loads ran with foreign-key triggers off
    log(f"  indexes and VACUUM ANALYZE in {time.perf_counter() - t1:.0f} s")
    return {**out, "load_s": load_s, "index_s": time.perf_counter() - t1, "indexes": [g for g, _ in gins],
            "sequences": seqs}


STORY_STATS = """UPDATE stories s
SET first_seen = a.first, updated = a.last, article_count = a.n, outlet_count = a.outlets
FROM (SELECT story_id, min(published) AS first, max(published) AS last, count(*) AS n,
             count(DISTINCT outlet) AS outlets
      FROM articles GROUP BY story_id) a WHERE a.story_id = s.id"""


def finish_partial(name: str) -> None:
    """A build stopped before its end (its process ended at a deadline; each batch was committed):
    the indexes a fresh migration has and this database lacks are created from the migration's own
    definitions, story figures computed from the stored articles, sequences advanced, ANALYZE."""
    assert name.startswith(PREFIX), name
    template = create_db(f"{PREFIX}defs")
    open_store(template).close()
    engine = create_engine(template)
    with engine.connect() as conn:
        wanted = dict(
            conn.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")).all()
        )
    engine.dispose()
    drop_db(f"{PREFIX}defs")
    engine = create_engine(f"{PG}/{name}", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        have = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
        conn.execute(text("SET maintenance_work_mem = '512MB'"))
        for index, definition in wanted.items():
            if index not in have:
                log(f"  creating {index}")
                conn.execute(text(definition))
        conn.execute(text(STORY_STATS))
        advance_sequences(conn)
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def db_size(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    engine.dispose()
    return int(size)


def ingest_rate(url: str, pages_dir: Path, workers: int, enrich: bool, timeout: float) -> dict:
    """The ingest in a process of its own, so its peak RSS is the ingest's alone (not the build's)."""
    cmd = [sys.executable, __file__, "--ingest-into", url, str(pages_dir), str(workers)]
    done = subprocess.run(
        cmd + ([] if enrich else ["--no-enrich"]),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(ROOT),
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ingest(url: str, pages_dir: Path, workers: int, enrich: bool) -> dict:
    store = open_store(url)
    before = store.count_articles()
    with PeakRss() as rss:
        t0 = time.perf_counter()
        summary = Pipeline(store, Settings(workers=workers), enrich=enrich).ingest(
            [str(pages_dir)], fetched_at=datetime.now(UTC)
        )
        seconds = time.perf_counter() - t0
    after = store.count_articles()
    store.close()
    return {
        "workers": workers,
        "pages": summary.pages,
        "articles": after - before,
        "seconds": seconds,
        "per_s": (after - before) / seconds if seconds else 0.0,
        **rss.report(),
    }


def server_rss_mb(proc) -> int:
    try:
        procs = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
        return max(p.memory_info().rss for p in procs) // (1 << 20)
    except psutil.Error:
        return 0


def run_size(n: int, args, deadline: float, pages: dict[int, Path], existing: str | None = None) -> dict:
    """Build (or, with ``existing``, take a database already built) and measure one size."""
    name = existing or f"{PREFIX}{n}"
    url = f"{PG}/{name}" if existing else create_db(name)
    out: dict = {"n": n}
    try:
        if existing:
            out["build"] = {"total_s": None, "existing": existing}
        else:
            log(f"{n:,}: building {name}")
            t0 = time.perf_counter()
            out["build"] = build_pg(url, n, args.distinct)
            out["build"]["total_s"] = time.perf_counter() - t0
            log(f"  built in {out['build']['total_s']:.0f} s")
        out["size_mb"] = db_size(url) / (1 << 20)
        store = open_store(url)
        stories_n = store.max_story_id()
        store.close()
        out["stories"] = stories_n
        log(f"  {stories_n:,} stories, database {out['size_mb']:,.0f} MB")
        seconds = max(5.0, min(args.seconds, (deadline - time.monotonic()) / 8))
        proc, base = _start_server(url)
        try:
            out["web"] = measure(base, n, stories_n, args.requests, seconds)
            out["server_rss_mb"] = server_rss_mb(proc)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        for kind, r in out["web"].items():
            log(f"  {kind:8s} n={r['n']:3d}  p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms")
        out["ingest"] = []
        for workers in (1, 2) if args.ingest_pages else ():
            if time.monotonic() > deadline:
                log("  deadline reached: ingest skipped")
                break
            r = ingest_rate(
                url, pages[workers], workers, not args.no_enrich, timeout=max(60.0, deadline - time.monotonic())
            )
            out["ingest"].append(r)
            log(
                f"  ingest --workers {workers}: {r['articles']} articles in {r['seconds']:.0f} s = "
                f"{r['per_s']:.1f}/s, peak RSS main {r['main_mb']} MB, workers {r['workers_mb']}"
            )
        out["size_after_mb"] = db_size(url) / (1 << 20)
    finally:
        if not args.keep:
            drop_db(name)
    return out


class LoadSampler:
    """The 1-minute load average every ``every`` seconds while a size is built and measured."""

    def __init__(self, every: float = 30.0):
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(every)

    def summary(self) -> dict:
        """Stops sampling; min, median and max of the samples."""
        self._stop.set()
        self._thread.join()
        s = sorted(self.samples) or [0.0]
        return {"n": len(s), "min": s[0], "median": s[len(s) // 2], "max": s[-1]}


def write(results: list[dict], args, started: datetime, load: str) -> None:
    cmd = "python bench/bench_scale_pg.py " + " ".join(sys.argv[1:])
    rows = [
        "| articles | build s | database MB | server RSS MB | front p50/p95 | story p50/p95 | "
        "article p50/p95 | search p50/p95 |",
        "|---:|---:|---:|---:|---|---|---|---|",
    ]
    for r in results:
        w = r.get("web", {})
        cell = [
            f"{w[k]['p50']:.0f} / {w[k]['p95']:.0f}" if k in w else "—" for k in ("front", "story", "article", "search")
        ]
        built = r["build"]["total_s"]
        rows.append(
            f"| {r['n']:,} | {'—' if built is None else f'{built:.0f}'} | {r['size_mb']:,.0f} | "
            f"{r.get('server_rss_mb', '—')} | " + " | ".join(cell) + " |"
        )
    ing = [
        "| articles stored | workers | pages | new articles | s | articles/s | peak RSS main MB | "
        "peak RSS workers MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        for i in r.get("ingest", []):
            ing.append(
                f"| {r['n']:,} | {i['workers']} | {i['pages']} | {i['articles']} | {i['seconds']:.0f} | "
                f"{i['per_s']:.1f} | {i['main_mb']} | {', '.join(map(str, i['workers_mb']))} |"
            )
    body = (
        f"`{cmd}` — started {started:%Y-%m-%d %H:%M} UTC; {load}. PostgreSQL 15 on 127.0.0.1 "
        "(stock settings: shared_buffers 128 MB, work_mem 4 MB). Each size: a fresh database migrated by the "
        "store, synthetic articles (bench/synth.py, seed 7) with stories, country mentions and hashtags "
        "written in bulk (`bench_web.build`), GIN indexes re-created from the migrations' definitions after "
        "the load, sequences advanced, VACUUM ANALYZE. Pages: one `storyline serve --no-scheduler` process, "
        f"one sequential httpx client, up to {args.requests} requests per page type after 3 warm-ups "
        "(random story/article ids, random one- or two-word searches); ms.\n\n"
        + "\n".join(rows)
        + f"\n\nIngest: {args.ingest_pages} new synthetic HTML pages per run through `Pipeline` "
        f"(extract, {'' if args.no_enrich else 'enrich, '}dedup, stories, store) into the store of that size, "
        "first with 1 then with 2 worker processes (different pages).\n\n" + "\n".join(ing) + "\n"
    )
    write_section("PostgreSQL scale", body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=60.0, help="time cap per page type")
    ap.add_argument("--ingest-pages", type=int, default=200)
    ap.add_argument("--no-enrich", action="store_true")
    ap.add_argument("--deadline", type=float, default=150.0, help="minutes for the whole run")
    ap.add_argument(
        "--distinct",
        type=int,
        default=100_000,
        help="larger sizes: this many distinct synthetic articles, the rest server-side copies (replicate_pg)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the databases (drop them yourself)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--existing",
        metavar="DBNAME",
        help="measure this already built storyline_bench_* database "
        "(its article count is the size) instead of building one; it is kept",
    )
    ap.add_argument(
        "--finish-partial",
        action="store_true",
        help="with --existing: index and analyze a database whose build was stopped early, then measure it",
    )
    ap.add_argument("--ingest-into", nargs=3, metavar=("URL", "PAGES", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ingest_into:
        url, pages_dir, workers = args.ingest_into
        print(json.dumps(_ingest(url, Path(pages_dir), int(workers), not args.no_enrich)))
        return
    started = datetime.now(UTC)
    deadline = time.monotonic() + args.deadline * 60
    load = "load average at start " + " / ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        pages = {w: Path(tmp) / f"pages{w}" for w in (1, 2)}
        for w, d in pages.items():
            write_html_pages(d, args.ingest_pages, seed=100 + w)
            (d / "truth.jsonl").unlink()
        sizes = args.sizes
        if args.existing:
            assert args.existing.startswith(PREFIX), args.existing
            engine = create_engine(f"{PG}/{args.existing}")
            with engine.connect() as conn:
                sizes = [conn.execute(text("SELECT count(*) FROM articles")).scalar()]
            engine.dispose()
            args.keep = True
            if args.finish_partial:
                log(f"finishing {args.existing}")
                finish_partial(args.existing)
        for n in sizes:
            if time.monotonic() > deadline:
                log(f"{n:,}: skipped, deadline reached")
                continue
            sampler = LoadSampler()
            done = run_size(n, args, deadline, pages, args.existing)
            done["load_average"] = sampler.summary()
            results = [r for r in (json.loads(RESULTS.read_text()) if RESULTS.exists() else []) if r["n"] != n]
            results = sorted([*results, done], key=lambda r: r["n"])  # other runs' sizes kept
            RESULTS.parent.mkdir(exist_ok=True)
            RESULTS.write_text(json.dumps(results, indent=1, default=str))
            if not args.no_write:
                write(results, args, started, load)
    log("done")


if __name__ == "__main__":
    main()
