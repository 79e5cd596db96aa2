"""Load benchmark of the web app: p50/p95 latency of the front, story, article and search pages with
10k and 100k stored articles.

Synthetic articles (``bench/synth.py``, fixed seed) are written straight into a fresh SQLite store in
bulk (articles, stories, entities with mentions, hashtags). The app then runs under uvicorn in a
second process on 127.0.0.1 and one httpx client requests each page type in turn, bounded in count
and time. Writes a "## Web" section into BENCHMARKS.md (only that section is replaced).

    python bench/bench_web.py                 # 10k and 100k
    python bench/bench_web.py --sizes 10000 --requests 40
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import bindparam, insert, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import COUNTRIES, generate

from storyline.models import normalize_text
from storyline.store import open_store
from storyline.store.schema import article_tags, articles, entities, mentions, stories

BATCH = 2000
SEARCH_WORDS = [
    "gallium",
    "germanium",
    "graphite",
    "magnets",
    "antimony",
    "tungsten",
    "lithium",
    "cobalt",
    "silicon",
    "nickel",
    "indium",
    "vanadium",
    "semiconductor",
    "battery",
    "shipbuilding",
    "drone",
    "cables",
    "tariff",
    "solar",
    "steel",
    "beef",
    "export",
    "controls",
    "licences",
    "minister",
    "talks",
    "phone",
    "subsidy",
    "plant",
    "port",
    "hospital",
    "railway",
    "cyberattack",
    "maritime",
    "security",
    "energy",
    "Japan",
    "Korea",
    "China",
    "Australia",
    "India",
    "Vietnam",
    "Germany",
    "France",
    "Brazil",
    "Turkey",
    "Poland",
]


def _entity_rows() -> tuple[list[dict], dict[str, int]]:
    rows = [
        dict(
            id=i + 1,
            key=f"country:{name.removeprefix('the ').lower()}",
            name=name.removeprefix("the "),
            type="COUNTRY",
            attrs={},
        )
        for i, (name, _adj, _cap) in enumerate(COUNTRIES)
    ]
    return rows, {r["name"]: r["id"] for r in rows}


def _article_row(i: int, rec: dict, story_ids: dict[str, int], shift) -> dict:
    published = datetime.fromisoformat(rec["published"]) + shift
    body = rec["body"]
    return dict(
        id=i,
        key=hashlib.sha1(f"bench|{rec['id']}".encode()).hexdigest(),
        url=rec["url"],
        source=rec["url"],
        position=0,
        title=rec["title"],
        title_inferred=False,
        outlet=rec["outlet"],
        authors=[],
        published=published,
        published_offset=int(published.utcoffset().total_seconds() // 60),
        fetched_at=published,
        language="en",
        body=body,
        body_hash=hashlib.sha1(normalize_text(body).encode()).hexdigest(),
        categories=[],
        tags=[],
        quality_flags=[],
        quality_evidence={},
        hashtags=[],
        keyphrases=[],
        topics=[],
        extra={},
        version=1,
        story_id=story_ids[rec["story"]],
        first_seen=published,
        updated_at=published,
    )


def _write(conn, table, rows: list[dict]) -> None:
    """Bulk rows into ``table``: COPY on PostgreSQL (values bound by the columns' own SQLAlchemy
    types, Python-side defaults filled in as an INSERT would), executemany INSERT elsewhere."""
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    dialect = conn.dialect
    names = list(rows[0])
    missing = [c for c in table.c if c.name not in names and c.default is not None]
    cols = [table.c[name] for name in names] + missing
    procs = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
    defaults = [c.default.arg(None) if callable(c.default.arg) else c.default.arg for c in missing]

    def value(proc, v):
        v = proc(v) if proc is not None and v is not None else v
        return json.dumps(v) if isinstance(v, (dict, list)) else v

    dbapi = conn.connection.driver_connection
    with dbapi.cursor() as cur, cur.copy(
            f'COPY {table.name} ({", ".join(dialect.identifier_preparer.quote(c.name) for c in cols)}) FROM '
            'STDIN') as copy:
        for row in rows:
            values = [row[name] for name in names] + defaults
            copy.write_row([value(p, v) for p, v in zip(procs, values, strict=True)])


def build(db: str, n: int, seed: int = 7) -> None:
    """A store with ``n`` synthetic articles, their stories, country mentions and hashtags."""
    store = open_store(db)
    latest = max(datetime.fromisoformat(r["published"]) for r in generate(n, seed))
    shift = datetime.now(UTC) - latest  # the newest article is "now", as on a live site
    ent_rows, ent_ids = _entity_rows()
    names = re.compile("|".join(re.escape(name) for name in sorted(ent_ids, key=len, reverse=True)))
    story_ids: dict[str, int] = {}
    story_stats: dict[int, list] = defaultdict(list)
    with store.engine.begin() as conn:
        _write(conn, entities, ent_rows)
    arts, ments, tags, new_stories = [], [], [], []

    def flush():
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # rows consistent by construction: no per-row FK triggers
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            if new_stories:
                _write(conn, stories, new_stories)
            _write(conn, articles, arts)
            if ments:
                _write(conn, mentions, ments)
            if tags:
                _write(conn, article_tags, tags)
        arts.clear(), ments.clear(), tags.clear(), new_stories.clear()

    for i, rec in enumerate(generate(n, seed), start=1):
        if rec["story"] not in story_ids:
            story_ids[rec["story"]] = len(story_ids) + 1
            new_stories.append(
                dict(
                    id=story_ids[rec["story"]], title=rec["title"], article_count=0, outlet_count=0, attrs={}
                )
            )
        row = _article_row(i, rec, story_ids, shift)
        seen: dict[int, None] = {}
        for m in names.finditer(row["body"][:3000]):
            eid = ent_ids[m.group(0)]
            seen.setdefault(eid)
            ments.append(
                dict(
                    article_id=i,
                    entity_id=eid,
                    text=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    sentence=row["body"][max(0, m.start() - 80) : m.end() + 80],
                    metonym=False,
                )
            )
        hashtags = ["".join(w.title() for w in rec["event_type"].split("_"))]
        hashtags += [ent_rows[e - 1]["name"].replace(" ", "") for e in list(seen)[:2]]
        row["hashtags"] = hashtags
        tags.extend(dict(article_id=i, tag=t, rank=r) for r, t in enumerate(dict.fromkeys(hashtags)))
        story_stats[row["story_id"]].append((row["published"], row["outlet"], row["title"]))
        arts.append(row)
        if len(arts) >= BATCH:
            flush()
            if i % 50_000 == 0:
                print(f"  {i:,} articles written", flush=True)
    if arts:
        flush()
    story_rows = []
    for sid, items in story_stats.items():
        times = [t for t, _, _ in items]
        story_rows.append(
            dict(
                sid=sid,
                first_seen=min(times),
                updated=max(times),
                article_count=len(items),
                outlet_count=len({o for _, o, _ in items}),
            )
        )
    stmt = (
        update(stories)
        .where(stories.c.id == bindparam("sid"))
        .values(
            first_seen=bindparam("first_seen"),
            updated=bindparam("updated"),
            article_count=bindparam("article_count"),
            outlet_count=bindparam("outlet_count"),
        )
    )
    with store.engine.begin() as conn:
        for k in range(0, len(story_rows), BATCH):
            conn.execute(stmt, story_rows[k : k + BATCH])
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`storyline serve` (without the scheduler) in its own process; waits until it answers."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers), "--no-scheduler"], cwd=str(ROOT),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/sources", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start")


def _paths(kind: str, n: int, stories_n: int, rng: random.Random) -> str:
    if kind == "front":
        return "/"
    if kind == "story":
        return f"/stories/{rng.randint(1, stories_n)}"
    if kind == "article":
        return f"/articles/{rng.randint(1, n)}"
    words = rng.sample(SEARCH_WORDS, rng.choice((1, 2)))  # distinct queries: the result cache rarely helps
    return "/search?q=" + "+".join(words)


def measure(base: str, n: int, stories_n: int, requests: int, seconds: float) -> dict[str, dict]:
    rng = random.Random(1)
    out = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for kind in ("front", "story", "article", "search"):
            for _ in range(3):  # warm caches and connections
                client.get(_paths(kind, n, stories_n, rng))
            times, deadline = [], time.monotonic() + seconds
            while len(times) < requests and time.monotonic() < deadline:
                t0 = time.perf_counter()
                resp = client.get(_paths(kind, n, stories_n, rng))
                times.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, (kind, resp.status_code)
            times.sort()
            out[kind] = dict(
                n=len(times),
                p50=statistics.median(times),
                p95=times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
            )
    return out


def write_section(results: dict[int, dict], build_s: dict[int, float], requests: int) -> None:
    lines = [
        "## Web",
        "",
        "`python bench/bench_web.py` — app under uvicorn in its own process on 127.0.0.1, "
        f"one httpx client, sequential requests (up to {requests} per page type after 3 warm-ups; "
        "random story/article ids, random one- or two-word searches), SQLite store of synthetic "
        "articles (bench/synth.py, seed 7) with stories, country mentions and hashtags. "
        f"Measured {datetime.now(UTC):%Y-%m-%d} on the shared 2-core machine.",
        "",
        "| articles | page | requests | p50 ms | p95 ms |",
        "|---:|---|---:|---:|---:|",
    ]
    for n, res in results.items():
        for kind, r in res.items():
            lines.append(f"| {n:,} | {kind} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} |")
    lines += [
        "",
        "Search facets count the 500 best matches (exact counts over every match cost 0.3-1 s at 100k); "
        "most of the remaining search time is `storyline.search`'s own hit and count queries.",
        "",
        "Store build (bulk insert incl. FTS triggers): "
        + ", ".join(f"{n:,} articles {s:.0f} s" for n, s in build_s.items()),
        "",
    ]
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    section = "\n".join(lines)
    pattern = re.compile(r"^## Web\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = (
        pattern.sub(section + "\n", text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section + "\n"
    )
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0, help="time cap per page type")
    parser.add_argument("--dir", default="/tmp", help="where the benchmark databases go")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    results, build_s = {}, {}
    for n in args.sizes:
        db = os.path.join(args.dir, f"bench_web_{n}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        t0 = time.perf_counter()
        build(db, n)
        build_s[n] = time.perf_counter() - t0
        store = open_store(db)
        stories_n = store.max_story_id()
        store.close()
        print(f"{n:,} articles, {stories_n:,} stories built in {build_s[n]:.0f} s", flush=True)
        proc, base = _start_server(db)
        try:
            results[n] = measure(base, n, stories_n, args.requests, args.seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        for kind, r in results[n].items():
            print(f"  {kind:8s} n={r['n']:3d}  p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms", flush=True)
    if not args.no_write:
        write_section(results, build_s, args.requests)


if __name__ == "__main__":
    main()
