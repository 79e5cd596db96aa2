"""Command: copy (a whole store to another database, verified)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline.cli.app import app, console, fail, open_store


@app.command("copy")
def copy_cmd(
    source: Annotated[str, typer.Option("--from", help="The store to copy: a SQLite file or SQLAlchemy URL.")],
    target: Annotated[str, typer.Option("--to", help="An empty store to fill, e.g. postgresql+psycopg://...")],
    batch: Annotated[int, typer.Option(help="Rows per insert batch.", min=1)] = 2000,
):
    """Copy every table to another database (e.g. SQLite -> PostgreSQL), then compare row counts and
    checksums table by table. The destination must be empty; stop writers while copying."""
    from storyline.errors import StoreError
    from storyline.store.copy import copy_store

    src, dst = open_store(source), open_store(target)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("copying rows", total=None)
        try:
            report = copy_store(src, dst, batch=batch,
                                progress=lambda table, n: bar.update(task, advance=n, description=table))
        except StoreError as exc:
            fail(str(exc))
    table = Table("table", "rows", "copied", "checksum", title=f"{source} -> {target}")
    for t in report.tables:
        table.add_row(t.name, str(t.rows), str(t.target_rows), "same" if t.ok else "[red]DIFFERENT[/red]")
    console.print(table)
    if not report.ok:
        fail("the copy differs from its source (see the table above)")
    console.print(f"{report.rows} rows in {len(report.tables)} tables copied; counts and checksums identical")
