"""The one place that runs the stages in order and writes to the store.

    ingest.iter_inputs -> store.add_raw_page (raw bytes kept first)
      -> extract.extract_page -> store.upsert_article / add_links
      -> enrich.enrich_many (new or changed articles) -> store.save_enrichment
      -> stories (duplicates, story assignment) -> store

Bad input never stops a run: every problem is recorded with the input's name (and its raw
bytes), counted by kind in the summary, and the run goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from storyline.config import Settings
from storyline.enrich import enrich_many
from storyline.extract import extract_page
from storyline.ingest import iter_inputs
from storyline.models import Article, ExtractResult, FetchedPage, IngestProblem
from storyline.pipeline_stories import StoryAssigner
from storyline.store import Store
from storyline.store.rows import article_from_row

log = logging.getLogger(__name__)

Progress = Callable[..., None]
PAGE_BATCH = 16
QUIET_OUTCOMES = {"not-modified"}
ENRICH_BATCH = 32


@dataclass
class IngestSummary:
    pages: int = 0  # raw pages seen
    new_pages: int = 0
    duplicate_pages: int = 0  # same bytes from the same place: nothing added
    articles_new: int = 0
    articles_unchanged: int = 0
    articles_versions: int = 0
    links: int = 0
    enriched: int = 0
    stories_new: int = 0
    outcomes: Counter = field(default_factory=Counter)  # extract outcomes by name
    errors: Counter = field(default_factory=Counter)  # problems by kind
    error_messages: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.articles_new + self.articles_versions

    def as_dict(self) -> dict:
        return {
            "pages": self.pages, "new_pages": self.new_pages, "duplicate_pages": self.duplicate_pages,
            "articles_new": self.articles_new, "articles_unchanged": self.articles_unchanged,
            "articles_versions": self.articles_versions, "links": self.links, "enriched": self.enriched,
            "stories_new": self.stories_new, "outcomes": dict(self.outcomes), "errors": dict(self.errors),
            "error_messages": self.error_messages[:50],
        }


class StoreFeedState:
    """Conditional-GET state (ETag / Last-Modified) kept in the store's sources table."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, feed_url: str):
        return self.store.get_feed_state(feed_url)

    def set(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.store.set_feed_state(feed_url, etag, last_modified)


def _safe_extract(page: FetchedPage) -> ExtractResult:
    """Extraction for one page; a bug in an extractor becomes an outcome, not a crash."""
    try:
        return extract_page(page)
    except Exception as exc:
        log.exception("extract failed for %s", page.source)
        return ExtractResult(outcome="extract-error", message=f"{page.url or page.source}: {exc.__class__.__name__}: {exc}")


def _safe_enrich(articles: list[Article]):
    try:
        return enrich_many(articles), None
    except Exception as exc:
        log.exception("enrichment failed")
        return None, f"{exc.__class__.__name__}: {exc}"


class Pipeline:
    def __init__(self, store: Store, settings: Settings | None = None, *, progress: Progress | None = None,
                 enrich: bool | None = None, stories: bool = True):
        self.store = store
        self.settings = settings or Settings()
        self.progress = progress or (lambda *a, **k: None)
        self.do_enrich = self.settings.enrich if enrich is None else enrich
        self.do_stories = stories
        self.summary = IngestSummary()
        self.run_id: int | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._stories = None

    # -- public
    def ingest(self, inputs: list[str], *, fetched_at: datetime | None = None, client=None) -> IngestSummary:
        self.run_id = self.store.start_run("ingest " + " ".join(inputs)[:500])
        workers = max(1, int(self.settings.workers))
        self._pool = ProcessPoolExecutor(workers) if workers > 1 else None
        try:
            stream = iter_inputs(inputs, self.settings, fetched_at=fetched_at, client=client,
                                 feed_state=StoreFeedState(self.store))
            self._consume(stream)
        finally:
            if self._pool:
                self._pool.shutdown()
            self.store.finish_run(self.run_id, self.summary.as_dict())
        return self.summary

    def ingest_pages(self, pages: Iterable[FetchedPage | IngestProblem], *, label: str = "ingest-pages") -> IngestSummary:
        """Same as :meth:`ingest` for records fetched elsewhere (the scheduler); each call counts anew."""
        self.summary = IngestSummary()
        self.run_id = self.store.start_run(label[:500])
        try:
            self._consume(pages)
        finally:
            self.store.finish_run(self.run_id, self.summary.as_dict())
        return self.summary

    # -- stages
    def _consume(self, stream: Iterable[FetchedPage | IngestProblem]) -> None:
        batch: list[tuple[int, FetchedPage]] = []
        for item in stream:
            if isinstance(item, IngestProblem):
                if item.kind in QUIET_OUTCOMES:  # not an error: the source had nothing new
                    self.summary.outcomes[item.kind] += 1
                    continue
                self._problem(item.source, "ingest", item.kind, item.message, content=item.content)
                self.progress("problem", source=item.source, kind=item.kind)
                continue
            self.summary.pages += 1
            try:
                raw_id, is_new = self.store.add_raw_page(item)
            except Exception as exc:  # noqa: BLE001 - a store error for one page is recorded, run goes on
                self._problem(item.source, "store", "store-error", f"{item.source}: {exc}")
                continue
            if not is_new:
                self.summary.duplicate_pages += 1
                self.progress("page", source=item.source, duplicate=True)
                continue
            self.summary.new_pages += 1
            batch.append((raw_id, item))
            if len(batch) >= PAGE_BATCH:
                self._process(batch)
                batch = []
        if batch:
            self._process(batch)

    def _process(self, batch: list[tuple[int, FetchedPage]]) -> None:
        pages = [p for _, p in batch]
        results = list(self._pool.map(_safe_extract, pages)) if self._pool else [_safe_extract(p) for p in pages]
        fresh: list[tuple[int, Article]] = []
        for (raw_id, page), result in zip(batch, results):
            fresh.extend(self._store_result(raw_id, page, result))
            self.progress("page", source=page.source, duplicate=False)
        if fresh and self.do_enrich:
            self._enrich(fresh)
        if fresh and self.do_stories:
            self._assign_stories([aid for aid, _ in fresh])

    def _store_result(self, raw_id: int, page: FetchedPage, result: ExtractResult) -> list[tuple[int, Article]]:
        self.summary.outcomes[result.outcome] += 1
        self.store.set_page_outcome(raw_id, result.outcome, result.message)
        if result.outcome != "ok":
            kind = result.outcome
            self._problem(page.url or page.source, "extract", kind, result.message or f"{page.source}: {kind}",
                          raw_page_id=raw_id, count_as_error=kind not in {"no-article"})
        self.summary.links += self.store.add_links(raw_id, result.links)
        fresh = []
        seen_keys: Counter = Counter()
        for article in result.articles:
            key = article.key
            if seen_keys[key]:
                article.extra["occurrence"] = seen_keys[key]
            seen_keys[key] += 1
            if article.fetched_at is None:
                article.fetched_at = page.fetched_at
            article_id, status = self.store.upsert_article(article, raw_id)
            if status == "new":
                self.summary.articles_new += 1
            elif status == "version":
                self.summary.articles_versions += 1
            else:
                self.summary.articles_unchanged += 1
                continue
            fresh.append((article_id, article))
        return fresh

    def _enrich(self, fresh: list[tuple[int, Article]]) -> None:
        for start in range(0, len(fresh), ENRICH_BATCH):
            chunk = fresh[start:start + ENRICH_BATCH]
            enrichments, error = _safe_enrich([a for _, a in chunk])
            if error:
                for aid, art in chunk:
                    self._problem(art.url or art.source, "enrich", "enrich-error", f"article {aid}: {error}")
                continue
            for (aid, _art), enrichment in zip(chunk, enrichments):
                self.store.save_enrichment(aid, enrichment)
                self.summary.enriched += 1

    def _assign_stories(self, article_ids: list[int]) -> None:
        if self._stories is None:
            self._stories = StoryAssigner(self.store)
        try:
            self.summary.stories_new += self._stories.assign(article_ids)
        except Exception as exc:
            log.exception("story assignment failed")
            self._problem("stories", "stories", "stories-error", f"{exc.__class__.__name__}: {exc}")

    def _problem(self, source: str, stage: str, kind: str, message: str, *, content: bytes | None = None,
                 raw_page_id: int | None = None, count_as_error: bool = True) -> None:
        if count_as_error:
            self.summary.errors[kind] += 1
            self.summary.error_messages.append(message)
        self.store.record_problem(source, stage, kind, message, content=content, raw_page_id=raw_page_id,
                                  run_id=self.run_id)

    # -- re-runs over stored data
    def reenrich_all(self, batch: int = ENRICH_BATCH) -> int:
        """Re-run enrichment over every stored article (after a model or gazetteer change)."""
        done = 0
        chunk: list[tuple[int, Article]] = []
        for row in self.store.iter_articles():
            chunk.append((row["id"], article_from_row(row)))
            if len(chunk) >= batch:
                self._enrich(chunk)
                done += len(chunk)
                self.progress("enrich", count=len(chunk))
                chunk = []
        if chunk:
            self._enrich(chunk)
            done += len(chunk)
            self.progress("enrich", count=len(chunk))
        return done
