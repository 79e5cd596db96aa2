"""The pipeline's worker side: extraction and enrichment of a batch of pages, in worker processes.

    main process                                  worker processes (one per core)
    read inputs, store raw pages  --batch-->      extract each page, enrich all its articles
    store articles + enrichments  <--results--    (one spaCy pass per batch)
    assign stories (incremental)

:func:`process_pages` is the whole job of a worker for one batch: it returns plain records
(:class:`PageWork`) that the main process, the one writer, stores. :meth:`Workers.map_ordered`
keeps every worker busy: it runs ahead of the results being stored (a bounded number of batches in
flight, so memory does not grow with the input) and hands results back in input order, so article
ids, duplicates and stories come out the same as in one process.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from storyline.enrich import enrich_many
from storyline.enrich.nlp import get_nlp, one_blas_thread
from storyline.extract import extract_page, load_models
from storyline.models import Article, Enrichment, ExtractResult, FetchedPage

log = logging.getLogger(__name__)

ENRICH_BATCH = 32  # articles per spaCy ``pipe`` call
_END = object()
T = TypeVar("T")
R = TypeVar("R")


@dataclass(slots=True)
class PageWork:
    """What a worker made of one raw page: its extraction and, per article, its enrichment."""

    raw_id: int
    result: ExtractResult
    # one per ``result.articles``: its enrichment, or the message of the failure that lost it;
    # None when enrichment did not run
    enrichments: list[Enrichment | str] | None = None


def default_workers() -> int:
    """One process per CPU core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(setting: int) -> int:
    """The ``workers`` setting: a positive count, or 0 for one per core."""
    return int(setting) if int(setting) > 0 else default_workers()


def safe_extract(page: FetchedPage) -> ExtractResult:
    """Extraction for one page; a bug in an extractor becomes an outcome, not a crash."""
    try:
        result = extract_page(page)
    except Exception as exc:
        log.exception("extract failed for %s", page.source)
        return ExtractResult(
            outcome="extract-error", message=f"{page.url or page.source}: {exc.__class__.__name__}: {exc}"
        )
    complete_articles(page, result)
    return result


def complete_articles(page: FetchedPage, result: ExtractResult) -> None:
    """What an article takes from its page before it is enriched and stored: the fetch time, and a
    number telling apart two articles of one page that share a key."""
    seen: Counter = Counter()
    for article in result.articles:
        if seen[article.key]:
            article.extra["occurrence"] = seen[article.key]
        seen[article.key] += 1
        if article.fetched_at is None:
            article.fetched_at = page.fetched_at


def safe_enrich(articles: list[Article]) -> tuple[list[Enrichment] | None, str | None]:
    """Enrich a batch (one spaCy pass); an unexpected failure is returned as a message, not raised."""
    try:
        return enrich_many(articles), None
    except Exception as exc:
        log.exception("enrichment failed")
        return None, f"{exc.__class__.__name__}: {exc}"


def process_pages(batch: list[tuple[int, FetchedPage]], enrich: bool = True) -> list[PageWork]:
    """Extract every page of the batch, then enrich their articles together (spaCy batches of
    ``ENRICH_BATCH``)."""
    works = [PageWork(raw_id, safe_extract(page)) for raw_id, page in batch]
    owners = [w for w in works for _ in w.result.articles]
    articles = [a for w in works for a in w.result.articles]
    if not enrich or not articles:
        return works
    for w in works:
        w.enrichments = []
    for start in range(0, len(articles), ENRICH_BATCH):
        chunk = articles[start : start + ENRICH_BATCH]
        enrichments, error = safe_enrich(chunk)
        for owner, enrichment in zip(owners[start : start + len(chunk)], enrichments or [error] * len(chunk)):
            owner.enrichments.append(enrichment)
    return works


def enrich_chunk(chunk: list[tuple[int, Article]]) -> tuple[list[tuple[int, Enrichment]] | None, str | None]:
    """Re-enrichment of stored articles, (id, article) pairs, in a worker."""
    enrichments, error = safe_enrich([a for _, a in chunk])
    return (None, error) if error else (list(zip([i for i, _ in chunk], enrichments)), None)


# an English page of the bundled samples: what one page's work loads at first use, loaded before the fork
WARM_PAGE = (
    Path(__file__).parent / "data" / "samples" / "html" / "meridian-times_japan-korea-foreign-ministers_2026-11-18.html"
)
_warmed: set[bool] = set()


def load_worker_models(enrich: bool = True) -> None:
    """What the workers need loaded, loaded here in the main process before they fork: they inherit
    it (pages shared copy-on-write) instead of each loading its own. Extraction's page-type trees,
    language identifier and dateparser languages; with ``enrich``, the spaCy pipeline (seconds of
    CPU per process, and two hundred MB each); then :func:`warm_up`."""
    load_models()
    if enrich:
        get_nlp()
    warm_up(enrich)


def warm_up(enrich: bool = True) -> None:
    """One bundled page through a worker's whole job, once per process: what the job loads at first
    use (libraries imported lazily such as wordfreq with langcodes, trafilatura's and the
    enrichment's regular expressions built on first call, word-frequency tables, spaCy's lexemes
    and lemma cache) is then loaded before the workers fork, not again in each worker (and in each
    round's new workers, for the scheduler). Measured on the 86 Zyte pages with 2 workers: BENCHMARKS.md,
    "Pipeline vs naive composition". A failure here is logged; the workers load what they need."""
    if enrich in _warmed or not WARM_PAGE.is_file():
        return
    _warmed.add(enrich)
    page = FetchedPage(
        source=str(WARM_PAGE), content=WARM_PAGE.read_bytes(), fetched_at=datetime(2026, 11, 22, tzinfo=UTC)
    )
    try:
        process_pages([(0, page)], enrich)
    except Exception:
        log.exception("warm-up failed")


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """Watch the parent; when it is gone (a ``kill -9`` gives its pool no chance to stop the
    workers, and the orphan would wait for work forever holding its models: ~600 MB), exit."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


def _start_worker(warm: bool) -> None:
    """Worker start-up: exit with the parent, one BLAS thread (the workers are one per core
    already), and, with ``warm``, the spaCy pipeline loaded once, before the first batch arrives."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="exit-with-parent", daemon=True).start()
    one_blas_thread()
    if not warm:
        return
    try:
        get_nlp()
    except Exception:
        log.exception("worker could not load the spaCy pipeline")


class Workers:
    """``workers`` processes (none for one: the work runs in this process), restarted if one dies."""

    def __init__(self, workers: int, *, warm: bool = True, before_fork: Callable[[], None] | None = None):
        self.workers = max(1, workers)
        self.warm = warm  # load the spaCy pipeline in each worker as it starts
        self.before_fork = before_fork  # run here before the workers start (forked, they inherit its work)
        self._pool: ProcessPoolExecutor | None = None

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        fork = self._pool is None
        if fork:
            if self.before_fork is not None:
                self.before_fork()
            self._pool = ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=(self.warm,))
            # The forked workers inherit every object of this process; frozen, the cyclic collector
            # in a worker does not walk them, so it does not write their headers and copy the pages
            # (models included) they share with this process. The first submit forks all workers.
            gc.freeze()
        try:
            return self._pool.submit(fn, *args)
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a native library)
            log.error("a worker process died; starting new ones")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            return self._submit(fn, *args)
        finally:
            if fork:
                gc.unfreeze()  # this process collects as before

    def map_ordered(
        self, fn: Callable[..., R], items: Iterable[T], *args: Any, ahead: int | None = None
    ) -> Iterator[tuple[T, R | BaseException]]:
        """``(item, fn(item, *args))`` in input order; a failure comes back as the exception.

        With processes, up to ``ahead`` items (default: two per worker) are in work while earlier
        results are handed back, and ``items`` is read lazily, only as far as that.
        """
        items = iter(items)
        first = next(items, _END)
        second = next(items, _END) if first is not _END else _END
        if self.workers == 1 or second is _END:  # one worker, or one item: no processes to start
            for item in chain([first, second], items):
                if item is _END:
                    continue
                try:
                    yield item, fn(item, *args)
                except Exception as exc:  # noqa: BLE001 - handed back like a worker's failure
                    yield item, exc
            return
        ahead = ahead or 2 * self.workers
        pending: deque[tuple[T, Future]] = deque()
        for item in chain([first, second], items):
            pending.append((item, self._submit(fn, item, *args)))
            if len(pending) >= ahead:
                yield self._collect(fn, args, *pending.popleft())
        while pending:
            yield self._collect(fn, args, *pending.popleft())

    def _collect(self, fn: Callable[..., R], args: tuple, item: T, future: Future) -> tuple[T, R | BaseException]:
        """The item's result. When a worker died, every batch in flight fails with it: each is
        tried once more on fresh workers, so only the batch that kills a worker twice is lost."""
        try:
            return item, future.result()
        except BrokenProcessPool:
            future = self._submit(fn, item, *args)
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            log.error("worker failed: %s: %s", exc.__class__.__name__, exc)
            return item, exc
        try:
            return item, future.result()
        except Exception as exc:  # noqa: BLE001 - lost twice: handed back as the failure
            log.error("worker failed twice: %s: %s", exc.__class__.__name__, exc)
            return item, exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
