"""Command-line interface: a thin layer over pipeline, store, search and the app.

Each group of commands lives in its own module and registers itself on ``app`` (or on
``eval_app`` for ``storyline eval ...``).
"""

from __future__ import annotations

# Command modules register on import, in the order `storyline --help` lists them: keep it.
from storyline.cli import (  # noqa: F401
    ingest_cmds,
    run_cmds,
    enrich_cmds,
    stories_cmds,
    web_cmds,
    sched_cmds,
    ai_cmds,
    eval_extract_cmds,
    eval_enrich_cmds,
    eval_events_cmds,
    eval_tags_cmds,
    eval_stories_cmds,
    eval_seeds_cmds,
)
from storyline.cli.app import app


def main() -> None:
    app()
