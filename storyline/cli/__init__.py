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
    copy_cmds,
    store_cmds,
    ai_cmds,
    eval_extract_cmds,
    eval_pages_cmds,
    eval_enrich_cmds,
    eval_events_cmds,
    eval_tags_cmds,
    eval_stories_cmds,
    eval_seeds_cmds,
    eval_bilingual_cmds,
    eval_weekgold_cmds,
)
from storyline.cli.app import app


def main() -> None:
    """Run the CLI; a database failure anywhere ends it with one line on stderr and exit status 2."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from storyline.cli.app import err_console
    from storyline.errors import StoreError
    from storyline.store import store_failure

    try:
        app()
    except StoreError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except (SQLAlchemyError, sqlite3.Error) as exc:
        err_console.print(f"error: {store_failure(exc)}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
