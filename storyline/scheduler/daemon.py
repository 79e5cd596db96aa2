"""The scheduler as a process: ``storyline daemon`` runs it in the foreground; ``storyline serve``
starts it beside the web app with :func:`start_daemon_process` (its own process, so polling and
enrichment never hold up page views)."""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading

from storyline.config import Settings
from storyline.scheduler.poll import Scheduler
from storyline.store import open_store

log = logging.getLogger(__name__)


def run_daemon(db: str, *, base_url: str = "http://127.0.0.1:8000", stop=None, settings: dict | None = None,
               handle_signals: bool = True) -> None:
    """Poll the subscriptions of ``db`` until ``stop`` is set or SIGTERM/SIGINT arrives."""
    stop = stop or threading.Event()
    if handle_signals and threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    store = open_store(db)
    try:
        Scheduler(store, Settings(**(settings or {})), base_url=base_url).run_forever(stop)
    finally:
        store.close()


def _child(db: str, base_url: str, stop, settings: dict | None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s scheduler %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request drowns the rest
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent's Ctrl-C stops us through ``stop``
    run_daemon(db, base_url=base_url, stop=stop, settings=settings, handle_signals=False)


def start_daemon_process(db: str, *, base_url: str = "http://127.0.0.1:8000",
                         settings: dict | None = None) -> tuple[multiprocessing.Process, object]:
    """Start the scheduler in a child process; returns (process, stop event). Set the event, then join."""
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(db, base_url, stop, settings), name="storyline-scheduler",
                       daemon=True)
    proc.start()
    return proc, stop
