"""Sources, raw pages, runs and problems: everything ingest hands over is kept here first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from storyline.models import FetchedPage, Link
from storyline.store.schema import links, problems, raw_pages, runs, sources


class PagesMixin:
    engine: Any

    # -- sources and feed state
    def source_id(self, location: str, kind: str) -> int:
        with self.begin() as conn:
            found = conn.execute(select(sources.c.id).where(sources.c.location == location)).scalar()
            if found is not None:
                return found
            return conn.execute(insert(sources).values(location=location, kind=kind)).inserted_primary_key[0]

    def get_feed_state(self, feed_url: str) -> tuple[str | None, str | None] | None:
        with self.connect() as conn:
            row = conn.execute(
                select(sources.c.etag, sources.c.last_modified).where(sources.c.location == feed_url)
            ).first()
        return (row.etag, row.last_modified) if row and (row.etag or row.last_modified) else None

    def set_feed_state(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.source_id(feed_url, "feed")
        with self.begin() as conn:
            conn.execute(
                update(sources).where(sources.c.location == feed_url).values(
                    etag=etag, last_modified=last_modified, last_fetched_at=datetime.now(UTC))
            )

    # -- raw pages
    def add_raw_page(self, page: FetchedPage) -> tuple[int, bool]:
        """Store the page's bytes; returns (raw_page_id, is_new). Same location + same bytes = same page."""
        location = page.url or page.source
        digest = page.content_hash
        with self.begin() as conn:
            found = conn.execute(
                select(raw_pages.c.id).where(raw_pages.c.location == location, raw_pages.c.content_hash == digest)
            ).scalar()
            if found is not None:
                return found, False
            src = conn.execute(select(sources.c.id).where(sources.c.location == page.source)).scalar()
            if src is None:
                kind = "url" if page.source.startswith(("http://", "https://")) else "file"
                src = conn.execute(insert(sources).values(location=page.source, kind=kind)).inserted_primary_key[0]
            new_id = conn.execute(insert(raw_pages).values(
                source_id=src, source=page.source, url=page.url, location=location,
                fetched_at=page.fetched_at, status=page.status, content_type=page.content_type,
                encoding=page.encoding, kind=page.kind, content=page.content, content_hash=digest,
                size=len(page.content), headers=page.headers or None, feed_entry=page.feed_entry,
            )).inserted_primary_key[0]
            return new_id, True

    def set_page_outcome(self, raw_page_id: int, outcome: str, message: str | None = None) -> None:
        with self.begin() as conn:
            conn.execute(update(raw_pages).where(raw_pages.c.id == raw_page_id)
                         .values(outcome=outcome, outcome_message=message))

    def get_raw_page(self, raw_page_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(raw_pages).where(raw_pages.c.id == raw_page_id)).first()
        return dict(row._mapping) if row else None

    def add_links(self, raw_page_id: int, items: list[Link]) -> int:
        if not items:
            return 0
        with self.begin() as conn:
            have = set(conn.execute(select(links.c.position).where(links.c.raw_page_id == raw_page_id)).scalars())
            rows = [dict(raw_page_id=raw_page_id, position=i.position, title=i.title, url=i.url,
                         outlet=i.outlet, section=i.section) for i in items if i.position not in have]
            if rows:
                conn.execute(insert(links), rows)
        return len(rows)

    def list_links(self, raw_page_id: int | None = None, limit: int = 100) -> list[dict]:
        query = select(links).order_by(links.c.raw_page_id, links.c.position).limit(limit)
        if raw_page_id is not None:
            query = query.where(links.c.raw_page_id == raw_page_id)
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # -- runs and problems
    def start_run(self, command: str) -> int:
        with self.begin() as conn:
            return conn.execute(insert(runs).values(command=command)).inserted_primary_key[0]

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id)
                         .values(finished_at=datetime.now(UTC), summary=summary))

    def list_runs(self, limit: int = 20) -> list[dict]:
        with self.connect() as conn:
            rows = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit))
            return [dict(r._mapping) for r in rows]

    def record_problem(self, source: str, stage: str, kind: str, message: str, *,
                       content: bytes | None = None, raw_page_id: int | None = None,
                       run_id: int | None = None) -> int:
        with self.begin() as conn:
            return conn.execute(insert(problems).values(
                source=source, stage=stage, kind=kind, message=message, content=content,
                raw_page_id=raw_page_id, run_id=run_id)).inserted_primary_key[0]

    def list_problems(self, limit: int = 50, run_id: int | None = None) -> list[dict]:
        query = select(problems.c.id, problems.c.source, problems.c.stage, problems.c.kind,
                       problems.c.message, problems.c.raw_page_id, problems.c.created_at,
                       func.length(problems.c.content).label("kept_bytes")).order_by(problems.c.id.desc()).limit(limit)
        if run_id is not None:
            query = query.where(problems.c.run_id == run_id)
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def count_problems_by_kind(self) -> dict[str, int]:
        with self.connect() as conn:
            rows = conn.execute(select(problems.c.kind, func.count()).group_by(problems.c.kind))
            return {k: n for k, n in rows}
