"""Run the production entry point (:func:`storyline.extract.extract_page`) over a folder of gzipped
pages, caching each page's result under ``$STORYLINE_EVAL_CACHE`` (default ``/tmp/storyline-eval``).

The cache key is the page key plus a fingerprint of the extract package's source and data files,
so a code change re-runs every page and an unchanged tree reuses them: an evaluation of the
1,358 WCXB pages costs minutes once, then seconds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from storyline.extract import extract_page
from storyline.models import FetchedPage

FETCHED_AT = datetime(2026, 12, 1, tzinfo=UTC)  # after every DEV page; only refuses future dates


def cache_root() -> Path:
    return Path(os.environ.get("STORYLINE_EVAL_CACHE", "/tmp/storyline-eval"))


def cached_page_json(folder: Path, key: str, path: str, compute):
    """``compute(raw bytes of the gzipped page at path)``, stored as JSON in ``folder`` under the md5 of
    ``key`` and read back from there on later runs (for per-page intermediate results of the evals)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{hashlib.md5(key.encode()).hexdigest()}.json"
    if out.exists():
        return json.loads(out.read_text(encoding="utf-8"))
    with gzip.open(path) as fh:
        found = compute(fh.read())
    out.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def code_fingerprint() -> str:
    """md5 over the extract package's files (code and shipped models)."""
    root = Path(__file__).resolve().parents[1] / "storyline" / "extract"
    h = hashlib.md5()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".csv", ".txt"):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def result_record(result) -> dict:
    """The fields of an ExtractResult the scorers read (the export's article fields)."""
    return {
        "outcome": result.outcome,
        "page_type": getattr(result, "page_type", None),
        "links": len(result.links),
        "articles": [
            {
                "position": i,
                "title": a.title,
                "body": a.body,
                "published": a.published.isoformat() if a.published else None,
                "outlet": a.outlet,
                "authors": list(a.authors or []),
            }
            for i, a in enumerate(result.articles)
        ],
    }


def _one(args: tuple[str, str, str | None, str]) -> tuple[str, dict]:
    key, path, url, out = args
    with gzip.open(path) as fh:
        raw = fh.read()
    page = FetchedPage(source=Path(path).name, content=raw, fetched_at=FETCHED_AT, url=url)
    rec = result_record(extract_page(page))
    Path(out).write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return key, rec


def run_pages(dataset: str, jobs: Iterable[tuple[str, str, str | None]], workers: int = 1) -> dict[str, dict]:
    """``{key: record}`` for ``(key, gz_path, url)`` jobs, from the cache where it holds them."""
    return _cached(cache_root() / dataset / code_fingerprint(), jobs, _one, workers)


def _cached(folder, jobs: Iterable[tuple[str, str, str | None]], fn, workers: int) -> dict[str, dict]:
    """Records kept in ``folder`` (one JSON file per key); ``fn`` makes (and writes) the missing ones."""
    folder.mkdir(parents=True, exist_ok=True)
    done: dict[str, dict] = {}
    todo = []
    for key, path, url in jobs:
        out = folder / f"{hashlib.md5(key.encode()).hexdigest()}.json"
        if out.exists():
            done[key] = json.loads(out.read_text(encoding="utf-8"))
        else:
            todo.append((key, path, url, str(out)))
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(workers) as pool:
            done.update(pool.map(fn, todo, chunksize=2))
    else:
        done.update(map(fn, todo))
    return done


def _baseline_one(args: tuple[str, str, str | None, str]) -> tuple[str, dict]:
    import trafilatura

    key, path, url, out = args
    with gzip.open(path) as fh:
        raw = fh.read()
    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=True, include_formatting=False
        )
        d = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    except Exception:  # noqa: BLE001 - the baseline's own bugs score as an empty page, as the judge would
        d = {}
    rec = {
        "articles": [
            {
                "position": 0,
                "title": d.get("title"),
                "body": d.get("text") or "",
                "published": d.get("date"),
                "outlet": d.get("sitename"),
                "authors": [d["author"]] if d.get("author") else [],
            }
        ]
        if d.get("text")
        else []
    }
    Path(out).write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return key, rec


def run_baseline(dataset: str, jobs: Iterable[tuple[str, str, str | None]], workers: int = 1) -> dict[str, dict]:
    """Plain trafilatura (``bare_extraction`` with metadata) on the same pages, cached per version."""
    import trafilatura

    return _cached(cache_root() / dataset / f"trafilatura-{trafilatura.__version__}", jobs, _baseline_one, workers)


def export_lines(records: dict[str, dict], source_of=lambda key: key) -> list[dict]:
    """The cached records as ``storyline export --format jsonl`` rows (source, position, title,
    body, published, outlet, authors), for the shared scorers."""
    rows = []
    for key, rec in records.items():
        for art in rec.get("articles", []):
            rows.append(dict(art, source=source_of(key)))
    return rows
