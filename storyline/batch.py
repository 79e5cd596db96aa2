"""Batch ingest on a Dask distributed cluster: the pipeline's extract + enrich work on many machines.

    this process (the client)                         Dask workers (any number of machines)
    read inputs (WARC/JSONL/HTML/feeds), store raw  --batches-->  extract each page, enrich its
    pages; store articles + enrichments in input    <--results--  articles (spaCy loaded once per
    order; assign stories (an ordered reduce)                     worker)

:class:`ClusterWorkers` has the interface of :class:`storyline.pipeline_work.Workers`, so the
pipeline is the same one ``storyline ingest`` runs: raw pages stored first, results written in
order by one writer (to PostgreSQL for a large deployment), story assignment incremental and in input
order. A batch is a pure task: when a worker dies, Dask runs it again elsewhere; when the client dies,
a re-run (or ``storyline resume``) finishes the pages it left, and nothing is stored twice.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from storyline.config import Settings
from storyline.enrich.nlp import get_nlp
from storyline.errors import ConfigError
from storyline.pipeline_work import resolve_workers

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


def _warm() -> None:
    get_nlp()


class ClusterWorkers:
    """Runs the pipeline's batches on a ``distributed.Client``'s workers, handing results back in order."""

    def __init__(self, client: Any, *, warm: bool = True, ahead: int | None = None):
        self.client = client
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.ahead = ahead or 2 * workers
        if warm:
            client.run(_warm)  # each worker loads spaCy once, before the first batch

    def map_ordered(self, fn: Callable[..., R], items: Iterable[T], *args: Any,
                    ahead: int | None = None) -> Iterator[tuple[T, R | BaseException]]:
        """``(item, fn(item, *args))`` in input order; at most ``ahead`` batches in flight."""
        ahead = ahead or self.ahead
        pending: deque[tuple[T, Any]] = deque()
        for item in items:
            pending.append((item, self.client.submit(fn, item, *args, pure=False, retries=1)))
            if len(pending) >= ahead:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    @staticmethod
    def _collect(item: T, future: Any) -> tuple[T, Any]:
        try:
            return item, future.result()
        except Exception as exc:  # noqa: BLE001 - handed back like a local worker's failure: recorded, run goes on
            log.error("cluster task failed: %s: %s", exc.__class__.__name__, exc)
            return item, exc
        finally:
            future.release()

    def close(self) -> None:
        """The client belongs to whoever opened it (:func:`cluster_workers`)."""


@contextlib.contextmanager
def cluster_workers(cluster: str, settings: Settings | None = None, *, warm: bool = True) -> Iterator[ClusterWorkers]:
    """``local``: a cluster of worker processes on this machine (``workers`` setting, 0 = one per
    core), on 127.0.0.1; ``tcp://HOST:8786``: the scheduler of an existing cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("batch ingest on a cluster needs Dask: pip install 'storyline[cluster]'") from exc
    settings = settings or Settings()
    with contextlib.ExitStack() as stack:
        if cluster == "local":
            local = stack.enter_context(LocalCluster(
                n_workers=resolve_workers(settings.workers), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.WARNING))
            client = stack.enter_context(Client(local))
        elif cluster.startswith(("tcp://", "tls://")):
            client = stack.enter_context(Client(cluster, timeout=30))
        else:
            raise ConfigError(f"--cluster {cluster!r}: use 'local' or a scheduler address such as tcp://HOST:8786")
        yield ClusterWorkers(client, warm=warm)
