"""The always-on part: subscriptions polled on their own intervals, alerts sent by themselves.

:class:`Scheduler` runs rounds (:mod:`storyline.scheduler.poll`); :func:`run_daemon` is the
process that ``storyline daemon`` runs and that ``storyline serve`` starts beside the web app;
:mod:`storyline.scheduler.subscribe` adds subscriptions from URLs and OPML files and writes OPML.
"""

from storyline.scheduler.daemon import run_daemon, start_daemon_process
from storyline.scheduler.poll import RoundReport, Scheduler, next_check
from storyline.scheduler.subscribe import export_opml, subscribe

__all__ = ["RoundReport", "Scheduler", "export_opml", "next_check", "run_daemon", "start_daemon_process",
           "subscribe"]
