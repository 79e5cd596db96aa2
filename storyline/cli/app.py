"""The Typer application and the options every command shares."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from storyline.errors import InvalidValueError
from storyline.text import times

console = Console()
err_console = Console(stderr=True)

app = typer.Typer(
    name="storyline",
    help="Storyline: news pages in; clean articles, entities, events and stories out.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score Storyline against gold data and write predictions.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
def _evals_present() -> None:
    """The scorers live in the top-level ``evals`` package beside ``storyline`` (a source checkout
    or an install with it); the runtime package never imports them. Without it, say so plainly."""
    import importlib.util

    if importlib.util.find_spec("evals") is None:
        err_console.print("storyline eval: the evaluation package `evals` is not installed; run from a source "
                          "checkout installed with `pip install -e '.[test]'`")
        raise typer.Exit(2)


def default_db() -> str:
    return os.environ.get("STORYLINE_DB", "storyline.db")


DbOption = Annotated[
    str,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL (default: $STORYLINE_DB, else ./storyline.db).",
                 default_factory=default_db, show_default=False),
]


def open_store(db: str):
    """Open (creating or upgrading) the store named by --db."""
    from storyline.store import open_store as _open

    return _open(db)


def parse_when(value: str | None, *, option: str = "--since"):
    """'2025-07-30', '2025-07-30T12:00+09:00', '24h', '7d', '2w' -> aware datetime (UTC if no zone)."""
    try:
        return times.parse_when(value)
    except InvalidValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def parse_duration(value: str, *, option: str = "--window"):
    """'24h', '3d', '2w', '90m' -> timedelta."""
    try:
        return times.parse_duration(value)
    except InvalidValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def fail(message: str, code: int = 1):
    """One line on stderr (never wrapped, never read as markup), then exit with ``code``."""
    from rich.markup import escape

    err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)
