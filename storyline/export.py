"""Export stored records as JSONL, CSV or Parquet: articles (default), entities, roles, events, stories.

Field names are a public contract (the ``*_record`` functions below spell them out): later versions
add fields, none change meaning.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

from storyline.errors import InvalidValueError
from storyline.store import Store

KINDS = ("articles", "entities", "roles", "events", "stories")
FORMATS = ("jsonl", "csv", "parquet")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_record(row: dict) -> dict:
    return {
        "id": row["id"], "url": row["url"], "source": row["source"], "position": row["position"],
        "title": row["title"], "title_inferred": bool(row["title_inferred"]), "outlet": row["outlet"],
        "wire": row["wire"], "authors": row["authors"] or [], "dateline": row["dateline"],
        "published": _iso(row["published"]), "relative_age": row["relative_age"], "language": row["language"],
        "body": row["body"], "quality_flags": row["quality_flags"] or [], "hashtags": row["hashtags"] or [],
        "subtitle": row["subtitle"], "photo_caption": row["photo_caption"], "categories": row["categories"] or [],
        "fetched_at": _iso(row["fetched_at"]), "version": row["version"], "story_id": row["story_id"],
        "duplicate_of": row["duplicate_of"], "topics": row["topics"] or [], "keyphrases": row["keyphrases"] or [],
    }


def iter_records(store: Store, kind: str, *, with_facts: bool = False) -> Iterator[dict]:
    """Records of ``kind``; ``with_facts`` adds each article's stored facts ("archive", for import)."""
    if kind == "articles":
        for row in store.iter_articles():
            rec = article_record(row)
            if with_facts:
                rec["archive"] = store.article_facts(row["id"])
            yield rec
    elif kind == "entities":
        offset = 0
        while rows := store.list_entities(limit=1000, offset=offset):
            aliases = store.entity_aliases([r["id"] for r in rows])
            for r in rows:
                yield {"id": r["id"], "key": r["key"], "name": r["name"], "type": r["type"],
                       "aliases": sorted(a for a in aliases[r["id"]] if a != r["name"]), "articles": r["articles"]}
            offset += len(rows)
    elif kind == "roles":
        for r in store.list_roles(limit=10_000_000):
            yield {"person": r["person"], "office": r["office"], "organization": r["organization"],
                   "as_of": _iso(r["as_of"]), "status": r["status"],
                   "evidence": {"article_id": r["article_id"], "sentence": r["sentence"]}}
    elif kind == "events":
        offset = 0
        while rows := store.list_events(limit=1000, offset=offset):
            for e in rows:
                yield event_record(e)
            offset += len(rows)
    elif kind == "stories":
        offset = 0
        while rows := store.list_stories(limit=500, offset=offset):
            for s in rows:
                yield story_record(store, s)
            offset += len(rows)
    else:
        raise InvalidValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")


def event_record(e: dict) -> dict:
    return {
        "id": e["id"], "type": e["type"], "plover": e["plover"], "date": e["date"], "date_text": e["date_text"],
        "place": e["place"], "participants": [p["name"] for p in e["participants"]], "status": e["status"],
        "sources": [s["article_id"] for s in e["sources"]], "independent_sources": e["independent_sources"],
        "evidence": [{"article_id": s["article_id"], "sentence": s["sentence"]} for s in e["sources"]],
    }


def story_record(store: Store, s: dict) -> dict:
    arts = store.list_articles(story_id=s["id"], limit=1000, newest_first=False)
    ids = [a["id"] for a in arts]
    events = store.list_events(article_ids=ids, limit=1000) if ids else []
    return {
        "id": s["id"], "title": s["title"], "articles": ids,
        "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
        "events": [event_record(e) for e in events],
        "first_seen": _iso(s["first_seen"]), "updated": _iso(s["updated"]),
    }


def _flat(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_export(store: Store, kind: str, fmt: str, out: IO[str] | None = None, path: Path | None = None,
                 *, with_facts: bool = False) -> int:
    """Write every record of ``kind`` to ``path`` (or the text stream ``out``); returns the count."""
    if fmt not in FORMATS:
        raise InvalidValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records = iter_records(store, kind, with_facts=with_facts)
    if fmt == "parquet":
        if path is None:
            raise InvalidValueError("parquet needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [{k: _flat(v) for k, v in r.items()} for r in records]
        pq.write_table(pa.Table.from_pylist(rows), path)
        return len(rows)
    handle = open(path, "w", encoding="utf-8", newline="") if path else out
    count = 0
    try:
        if fmt == "jsonl":
            for rec in records:
                handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = None
            for rec in records:
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(rec))
                    writer.writeheader()
                writer.writerow({k: _flat(v) for k, v in rec.items()})
                count += 1
    finally:
        if path:
            handle.close()
    return count


def export_to_string(store: Store, kind: str = "articles", fmt: str = "jsonl", *, with_facts: bool = False) -> str:
    buf = io.StringIO()
    write_export(store, kind, fmt, out=buf, with_facts=with_facts)
    return buf.getvalue()
