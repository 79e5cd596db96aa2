"""The one place that runs the stages in order and writes to the store.

    ingest.iter_inputs -> store.add_raw_page (raw bytes kept first)
      -> [worker processes, batches of pages] extract.extract_page, enrich.enrich_many
      -> store.upsert_article / add_links / save_enrichment (new or changed articles)
      -> stories (duplicates, story assignment) -> store

This process reads the inputs and is the store's one writer; extraction and enrichment run
together in ``workers`` processes (setting ``workers``; 0 = one per core), a few batches ahead of
the writer (:mod:`storyline.pipeline_work`). Results are stored in input order, so a run gives
the same articles, facts and stories with one worker or many.

Bad input never stops a run: every problem is recorded with the input's name (and its raw
bytes), counted by kind in the summary, and the run goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from storyline.config import Settings
from storyline.ingest import iter_inputs
from storyline.models import Article, ExtractResult, FetchedPage, IngestProblem
from storyline.pipeline_stories import StoryAssigner
from storyline.pipeline_work import (
    ENRICH_BATCH,
    PageWork,
    Workers,
    enrich_chunk,
    load_worker_models,
    process_pages,
    resolve_workers,
)
from storyline.store import Store
from storyline.store.progress import DONE, ENRICHED, EXTRACTED
from storyline.store.rows import article_from_row

log = logging.getLogger(__name__)

Progress = Callable[..., None]
PAGE_BATCH = 8  # pages per worker task
QUIET_OUTCOMES = {"not-modified"}
MAX_MESSAGES = 200  # error messages kept in the summary (all problems are in the store)
RECORDED_OUTCOMES = {"empty-feed"}  # kept in the store's problems table, counted as an outcome, not an error


@dataclass
class IngestSummary:
    pages: int = 0  # raw pages seen
    new_pages: int = 0
    duplicate_pages: int = 0  # same bytes from the same place: nothing added
    resumed_pages: int = 0  # stored by an interrupted run, processed now
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
            "resumed_pages": self.resumed_pages,
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


class Pipeline:
    def __init__(self, store: Store, settings: Settings | None = None, *, progress: Progress | None = None,
                 enrich: bool | None = None, stories: bool = True, workers: Workers | None = None):
        """``workers``: where extraction and enrichment run (default: this machine's processes, per the
        ``workers`` setting); e.g. a :class:`storyline.batch.ClusterWorkers` on a Dask cluster."""
        self.store = store
        self._workers = workers
        self.settings = settings or Settings()
        self.progress = progress or (lambda *a, **k: None)
        self.do_enrich = self.settings.enrich if enrich is None else enrich
        self.do_stories = stories
        self.summary = IngestSummary()
        self.run_id: int | None = None
        self._stories = None

    # -- public
    def ingest(self, inputs: list[str], *, fetched_at: datetime | None = None, client=None) -> IngestSummary:
        self.run_id = self.store.start_run("ingest " + " ".join(inputs)[:500])
        try:
            stream = iter_inputs(inputs, self.settings, fetched_at=fetched_at, client=client,
                                 feed_state=StoreFeedState(self.store))
            self._consume(stream)
        finally:
            self.store.finish_run(self.run_id, self.summary.as_dict())
        return self.summary

    def ingest_pages(
        self, pages: Iterable[FetchedPage | IngestProblem], *, label: str = "ingest-pages"
    ) -> IngestSummary:
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
        """Raw pages are stored here as they are read; batches of new ones go to the workers
        (extract + enrich), and come back, in order, to be stored and put in stories."""
        workers = self._workers or Workers(
            resolve_workers(self.settings.workers),
            warm=self.do_enrich,
            before_fork=partial(load_worker_models, self.do_enrich),
        )
        try:
            for batch, works in workers.map_ordered(process_pages, self._new_pages(stream), self.do_enrich):
                self._store_batch(batch, works)
        finally:
            if workers is not self._workers:
                workers.close()

    def _new_pages(self, stream: Iterable[FetchedPage | IngestProblem]) -> Iterator[list[tuple[int, FetchedPage]]]:
        """Batches of (raw page id, page) for pages not stored before; problems are recorded on the way."""
        batch: list[tuple[int, FetchedPage]] = []
        for item in stream:
            if isinstance(item, IngestProblem):
                if item.kind in QUIET_OUTCOMES:  # not an error: the source had nothing new
                    self.summary.outcomes[item.kind] += 1
                    continue
                quiet = item.kind in RECORDED_OUTCOMES
                if quiet:
                    self.summary.outcomes[item.kind] += 1
                self._problem(
                    item.source, "ingest", item.kind, item.message, content=item.content, count_as_error=not quiet
                )
                self.progress("problem", source=item.source, kind=item.kind)
                continue
            self.summary.pages += 1
            try:
                raw_id, is_new = self.store.add_raw_page(item)
            except Exception as exc:  # noqa: BLE001 - a store error for one page is recorded, run goes on
                self._problem(item.source, "store", "store-error", f"{item.source}: {exc}")
                continue
            if not is_new and self.store.page_state(raw_id) == DONE:
                self.summary.duplicate_pages += 1
                self.progress("page", source=item.source, duplicate=True)
                continue
            if is_new:
                self.summary.new_pages += 1
            else:  # an interrupted run stored it and stopped before the end: finish it now
                self.summary.resumed_pages += 1
            batch.append((raw_id, item))
            if len(batch) >= PAGE_BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _store_batch(self, batch: list[tuple[int, FetchedPage]], works: list[PageWork] | BaseException) -> None:
        """Store a batch's work, then walk its pages through their states (extracted -> enriched -> done),
        finishing on the way what an interrupted run left of them."""
        raw_ids = [raw_id for raw_id, _ in batch]
        if isinstance(works, BaseException):  # the worker died on this batch: its pages stay stored, raw
            for raw_id, page in batch:
                self._store_work(
                    page,
                    PageWork(
                        raw_id,
                        ExtractResult(
                            outcome="worker-error",
                            message=f"{page.url or page.source}: {works.__class__.__name__}: {works}",
                        ),
                    ),
                )
            self.store.set_pages_state(raw_ids, DONE)
            return
        fresh: list[int] = []
        for (_raw_id, page), work in zip(batch, works):
            with self.store.transaction():  # a page's outcome, links, articles and enrichments: all or none
                fresh += self._store_work(page, work)
        self.store.set_pages_state(raw_ids, EXTRACTED)
        # articles an interrupted run stored ("unchanged" now) but left without enrichment or story
        redo_enrich, redo_assign = leftovers(
            self.store, raw_ids, set(fresh), enrich=self.do_enrich, stories=self.do_stories
        )
        if redo_enrich:
            self._save_enriched(redo_enrich, enrich_chunk(redo_enrich))
        self.store.set_pages_state(raw_ids, ENRICHED)
        if (fresh or redo_assign) and self.do_stories:
            self._assign_stories(fresh + redo_assign)
        self.store.set_pages_state(raw_ids, DONE)
        if fresh or redo_enrich or redo_assign:
            self.store.bump_data_generation()  # explicit invalidation of cached pages (queries.cached_read)

    def _store_work(self, page: FetchedPage, work: PageWork) -> list[int]:
        """Store one page's outcome, links, articles and their enrichments; returns new or changed article ids."""
        raw_id, result = work.raw_id, work.result
        self.summary.outcomes[result.outcome] += 1
        self.store.set_page_outcome(raw_id, result.outcome, result.message)
        if result.outcome != "ok":
            kind = result.outcome
            self._problem(
                page.url or page.source,
                "extract",
                kind,
                result.message or f"{page.source}: {kind}",
                raw_page_id=raw_id,
                count_as_error=kind not in {"no-article"},
            )
        self.summary.links += self.store.add_links(raw_id, result.links)
        fresh = []
        for i, article in enumerate(result.articles):
            article_id, status = self.store.upsert_article(article, raw_id)
            if status == "new":
                self.summary.articles_new += 1
            elif status == "version":
                self.summary.articles_versions += 1
            else:
                self.summary.articles_unchanged += 1
                continue
            fresh.append(article_id)
            enrichment = work.enrichments[i] if work.enrichments is not None else None
            if isinstance(enrichment, str):
                self._problem(
                    article.url or article.source, "enrich", "enrich-error", f"article {article_id}: {enrichment}"
                )
            elif enrichment is not None:
                self.store.save_enrichment(article_id, enrichment)
                self.summary.enriched += 1
        self.progress("page", source=page.source, duplicate=False, articles=len(fresh))
        return fresh

    def _save_enriched(self, chunk: list[tuple[int, Article]], done) -> None:
        enriched, error = done if not isinstance(done, BaseException) else (None, f"{done.__class__.__name__}: {done}")
        if error:
            for aid, art in chunk:
                self._problem(art.url or art.source, "enrich", "enrich-error", f"article {aid}: {error}")
            return
        for aid, enrichment in enriched:
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

    def _problem(
        self,
        source: str,
        stage: str,
        kind: str,
        message: str,
        *,
        content: bytes | None = None,
        raw_page_id: int | None = None,
        count_as_error: bool = True,
    ) -> None:
        if count_as_error:
            self.summary.errors[kind] += 1
            if len(self.summary.error_messages) < MAX_MESSAGES:
                self.summary.error_messages.append(message)
        self.store.record_problem(
            source, stage, kind, message, content=content, raw_page_id=raw_page_id, run_id=self.run_id
        )

    # -- re-runs over stored data
    def resume(self) -> IngestSummary:
        """Finish what interrupted runs left: every page not ``done``, from its stored bytes."""
        return self.ingest_pages(self.store.iter_unfinished_pages(), label="resume")

    def reenrich_all(self, batch: int = ENRICH_BATCH) -> int:
        """Re-run enrichment over every stored article (after a model or gazetteer change), on the workers."""
        workers = Workers(resolve_workers(self.settings.workers))
        done = 0
        try:
            for chunk, result in workers.map_ordered(enrich_chunk, self._stored_chunks(batch)):
                self._save_enriched(chunk, result)
                self.store.bump_data_generation()
                done += len(chunk)
                self.progress("enrich", count=len(chunk))
        finally:
            workers.close()
        return done

    def _stored_chunks(self, batch: int) -> Iterator[list[tuple[int, Article]]]:
        chunk: list[tuple[int, Article]] = []
        for row in self.store.iter_articles():
            chunk.append((row["id"], article_from_row(row)))
            if len(chunk) >= batch:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def leftovers(
    store: Store, raw_ids: list[int], fresh: set[int], *, enrich: bool, stories: bool
) -> tuple[list[tuple[int, Article]], list[int]]:
    """Articles of these pages, not just stored, that still need enriching / a story."""
    rows = [r for r in store.unfinished_articles(raw_ids) if r["id"] not in fresh]
    need_enrich = [r["id"] for r in rows if enrich and not r["enriched"]]
    to_enrich = [(a["id"], article_from_row(a)) for a in store.get_articles(need_enrich)] if need_enrich else []
    return to_enrich, [r["id"] for r in rows if stories and not r["in_story"]]
