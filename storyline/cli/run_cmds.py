"""Commands: run (the main job: bundled samples into the embedded store, then the web app), settings."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import DbOption, app, console
from storyline.cli.ingest_cmds import print_summary, run_ingest

SAMPLES_FETCHED_AT = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)


def samples_dir() -> str:
    return str(resources.files("storyline") / "data" / "samples")


@app.command()
def run(
    db: DbOption,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web app when the ingest is done.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
):
    """Ingest the bundled sample pages into the store (SQLite by default), print a summary, serve the app."""
    console.print(f"Ingesting the bundled sample corpus from {samples_dir()} into {db}")
    # The bundled feeds are offline copies: their entries are read from the feeds' own content.
    # The pages were saved as if fetched at SAMPLES_FETCHED_AT (see data/samples/README.md), so
    # "2 hours ago" on them means two hours before that, not before the checkout's file times.
    store, summary = run_ingest(db, [samples_dir()], fetch_feed_entries=False, fetched_at=SAMPLES_FETCHED_AT)
    print_summary(summary)
    console.print(f"{store.count_articles()} articles, {store.count_stories()} stories in {db}")
    if serve:
        from storyline.web.server import serve as serve_app

        console.print(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
        serve_app(db, host=host, port=port)


@app.command("settings")
def show_settings():
    """Every setting with its current value (env STORYLINE_* > storyline.toml > default)."""
    from storyline.config import SETTINGS, Settings

    current = Settings()
    table = Table("setting", "value", "default", "help")
    for s in SETTINGS:
        table.add_row(s.name, repr(getattr(current, s.name)), repr(s.default), s.help)
    console.print(table)
