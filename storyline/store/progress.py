"""Where each raw page is in the pipeline, and the lock that serialises story assignment.

A page is ``stored`` when its bytes are committed, ``extracted`` once its articles are stored,
``enriched`` once they are enriched, ``done`` once they are in stories. Each step's writes are
idempotent (same key + same text = "unchanged"; enrichment replaces; assignment is per article),
so a run killed at any moment is finished by running it again or by ``storyline resume``: pages
not ``done`` are processed again from their stored bytes, and their articles that still lack an
enrichment or a story get one.

``story_lock()`` is held while one process assigns stories (PostgreSQL: a session advisory lock;
SQLite: an exclusive lock on a file beside the database), so concurrent ingests never assign at
the same time and each sees the other's stories before assigning its own.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update

from storyline.models import FetchedPage
from storyline.store.schema import articles, raw_pages

STORED, EXTRACTED, ENRICHED, DONE = "stored", "extracted", "enriched", "done"
STATES = (STORED, EXTRACTED, ENRICHED, DONE)
_LOCK_KEY = 0x5709_11E5  # the advisory-lock number for story assignment (any constant of our own)
MIGRATION_LOCK_KEY = 0x5709_11E6  # ... and for schema upgrades (two first runs on an empty database)


class ProgressMixin:
    engine: Any

    def page_state(self, raw_page_id: int) -> str | None:
        with self.connect() as conn:
            return conn.execute(select(raw_pages.c.state).where(raw_pages.c.id == raw_page_id)).scalar()

    def set_pages_state(self, raw_page_ids: list[int], state: str) -> None:
        if state not in STATES:
            raise ValueError(f"unknown page state {state!r}")
        if raw_page_ids:
            with self.begin() as conn:
                conn.execute(update(raw_pages).where(raw_pages.c.id.in_(raw_page_ids)).values(state=state))

    def count_unfinished_pages(self) -> int:
        with self.connect() as conn:
            return conn.execute(select(text("count(*)")).select_from(raw_pages)
                                .where(raw_pages.c.state != DONE)).scalar()

    def iter_unfinished_pages(self, batch: int = 100) -> Iterator[FetchedPage]:
        """Pages a run left before ``done``, oldest first, as the pages ingest gave (bytes from the store)."""
        last = 0
        while True:
            with self.connect() as conn:
                rows = conn.execute(select(raw_pages).where(raw_pages.c.state != DONE, raw_pages.c.id > last)
                                    .order_by(raw_pages.c.id).limit(batch)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield FetchedPage(
                    source=row["source"], content=row["content"], fetched_at=row["fetched_at"], url=row["url"],
                    status=row["status"], content_type=row["content_type"], kind=row["kind"],
                    encoding=row["encoding"], headers=row["headers"] or {}, feed_entry=row["feed_entry"],
                )
            last = rows[-1]["id"]

    def unfinished_articles(self, raw_page_ids: list[int]) -> list[dict]:
        """Articles of these pages still without an enrichment or without a story (id, flags)."""
        if not raw_page_ids:
            return []
        with self.connect() as conn:
            rows = conn.execute(
                select(articles.c.id, articles.c.enriched_at, articles.c.story_id)
                .where(articles.c.raw_page_id.in_(raw_page_ids),
                       (articles.c.enriched_at.is_(None)) | (articles.c.story_id.is_(None)))
                .order_by(articles.c.id)).all()
        return [{"id": r.id, "enriched": r.enriched_at is not None, "in_story": r.story_id is not None}
                for r in rows]

    def story_lock(self) -> contextlib.AbstractContextManager[None]:
        """Exclusive across processes while held (see the module docstring)."""
        return engine_lock(self.engine, _LOCK_KEY, "story-lock")


@contextlib.contextmanager
def engine_lock(engine, key: int, name: str) -> Iterator[None]:
    """A lock shared by every process using this database: a PostgreSQL session advisory lock
    numbered ``key``, or for a SQLite file an exclusive ``flock`` on ``<database>.<name>``."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield  # one connection, one process: nothing to serialise against
        return
    path = Path(database.removeprefix("file:").split("?", 1)[0])
    with open(f"{path}.{name}", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
