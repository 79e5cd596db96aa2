"""``storyline import``: read our own JSONL article export back into a store.

Each line is an article record as ``storyline export`` writes it. With ``--with-facts`` the
export carries every fact enrichment stored (entities, mentions, roles, events by key), and
import writes them back unchanged, so ``export --with-facts`` → ``import`` → ``export --with-facts``
gives the same records (ids aside). A record without facts is stored as an article to enrich
later (``storyline enrich --all``). Imported articles are then assigned to stories. A bad line is
reported by line number and skipped; the other lines go through.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from storyline.models import Article
from storyline.pipeline_stories import StoryAssigner
from storyline.store import Store

REQUIRED = ("body", "source")


@dataclass
class ImportSummary:
    lines: int = 0
    new: int = 0
    versions: int = 0
    unchanged: int = 0
    with_facts: int = 0
    stories_new: int = 0
    errors: list[str] = field(default_factory=list)


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def record_article(rec: dict[str, Any]) -> Article:
    """The :class:`Article` an export record describes (ValueError/TypeError when it is not one)."""
    missing = [k for k in REQUIRED if not isinstance(rec.get(k), str) or not rec[k].strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    archived = rec.get("archive") or {}
    return Article(
        body=rec["body"], source=rec["source"], position=int(rec.get("position") or 0), url=rec.get("url"),
        title=rec.get("title"), title_inferred=bool(rec.get("title_inferred")), subtitle=rec.get("subtitle"),
        outlet=rec.get("outlet"), wire=rec.get("wire"), authors=list(rec.get("authors") or []),
        dateline=rec.get("dateline"), published=_time(rec.get("published")),
        published_text=archived.get("published_text"), relative_age=rec.get("relative_age"),
        fetched_at=_time(rec.get("fetched_at")), language=rec.get("language"),
        photo_caption=rec.get("photo_caption"), categories=list(rec.get("categories") or []),
        tags=list(archived.get("tags") or []),
        quality_flags=list((archived.get("extra") or {}).get("extract_quality_flags", rec.get("quality_flags") or [])),
        extra=dict(archived.get("extra") or {}),
    )


def import_lines(store: Store, lines: Iterable[str], *, stories: bool = True) -> ImportSummary:
    summary = ImportSummary()
    fresh: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        summary.lines += 1
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise TypeError("not a JSON object")
            article = record_article(rec)
        except (ValueError, TypeError) as exc:
            summary.errors.append(f"line {number}: not an exported article ({exc})")
            continue
        archived = rec.get("archive") if isinstance(rec.get("archive"), dict) else None
        aid, status = store.import_article(article, rec, archived)
        if status == "unchanged":
            summary.unchanged += 1
            continue
        summary.new += status == "new"
        summary.versions += status == "version"
        summary.with_facts += archived is not None
        fresh.append(aid)
    if stories and fresh:
        summary.stories_new = StoryAssigner(store).assign(fresh)
    return summary


def import_file(store: Store, handle: IO[str], *, stories: bool = True) -> ImportSummary:
    return import_lines(store, handle, stories=stories)
