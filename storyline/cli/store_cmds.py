"""Commands on the store itself: check (integrity), backup (SQLite online copy), import (our JSONL export),
resume (finish what an interrupted ingest left)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, console, fail, open_store


@app.command()
def check(
    db: DbOption,
    quick: Annotated[bool, typer.Option("--quick", help="SQLite quick_check (faster, skips index contents).")] = False,
):
    """Check the store's integrity (SQLite integrity_check; PostgreSQL: every table read through)."""
    store = open_store(db)
    problems = store.integrity_problems(quick=quick)
    if problems:
        for line in problems[:20]:
            console.print(f"  {line}", markup=False)
        fail(f"store {db} is damaged ({len(problems)} problem(s) above); restore a backup "
             "(storyline backup) or re-ingest the raw pages", code=2)
    console.print(f"store {db}: ok ({store.dialect}, {store.count_articles()} articles)")


@app.command()
def backup(
    output: Annotated[Path, typer.Argument(help="The new file to write the copy to.")],
    db: DbOption,
):
    """Copy a SQLite store while it is in use (online backup API); PostgreSQL: how to use pg_dump."""
    from storyline.errors import StoreError

    store = open_store(db)
    try:
        size = store.backup_to(output)
    except StoreError as exc:
        fail(str(exc), code=2)
    console.print(f"backed up {db} to {output} ({size:,} bytes, integrity ok)")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="JSONL written by `storyline export` (best with --with-facts).")],
    db: DbOption,
    no_stories: Annotated[
        bool, typer.Option("--no-stories", help="Do not assign stories to imported articles.")
    ] = False,
):
    """Import articles (and their facts) from our own JSONL export; lines already present are skipped."""
    from storyline.importer import import_file

    if not file.is_file():
        fail(f"{file}: no such file")
    store = open_store(db)
    store.check_writable()
    with open(file, encoding="utf-8") as handle:
        summary = import_file(store, handle, stories=not no_stories)
    for line in summary.errors[:20]:
        console.print(f"  {line}", markup=False)
    console.print(
        f"{summary.lines} records: {summary.new} new, {summary.versions} new versions, "
        f"{summary.unchanged} already present; {summary.with_facts} with their facts; "
        f"{summary.stories_new} new stories; {len(summary.errors)} bad lines"
    )
    if summary.errors and not (summary.new or summary.versions or summary.unchanged):
        raise typer.Exit(1)


@app.command()
def resume(
    db: DbOption,
    no_enrich: Annotated[bool, typer.Option("--no-enrich", help="Skip enrichment.")] = False,
):
    """Finish pages an interrupted ingest left (from their stored bytes): extract, enrich, assign stories."""
    from storyline.config import Settings
    from storyline.pipeline import Pipeline

    store = open_store(db)
    store.check_writable()
    pending = store.count_unfinished_pages()
    if not pending:
        console.print("nothing to resume: every stored page is done")
        return
    summary = Pipeline(store, Settings(db=db), enrich=False if no_enrich else None).resume()
    console.print(
        f"resumed {summary.resumed_pages} of {pending} unfinished pages: {summary.articles_new} new articles, "
        f"{summary.enriched} enriched, {summary.stories_new} new stories"
    )
