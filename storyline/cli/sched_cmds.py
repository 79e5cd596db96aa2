"""Commands: subscribe (URLs, OPML), sources (list, pause, resume, remove, refresh, export OPML),
daemon (the scheduler without the web app)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import DbOption, app, console, fail, open_store, parse_duration

sources_app = typer.Typer(help="Subscriptions the scheduler polls: list, pause, resume, remove, refresh, "
                               "export as OPML.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "—"
    secs = (when - now).total_seconds()
    span = abs(secs)
    text = f"{span:.0f}s" if span < 90 else f"{span / 60:.0f}m" if span < 5400 else f"{span / 3600:.1f}h"
    return f"in {text}" if secs > 0 else f"{text} ago"


def _next(sub: dict, now: datetime) -> str:
    if sub["paused"]:
        return "—"
    return "due now" if sub["next_check_at"] <= now else _ago(sub["next_check_at"], now)


@app.command()
def subscribe(
    inputs: Annotated[list[str], typer.Argument(help="Feed/sitemap/page URLs, or OPML files of feeds.")],
    db: DbOption,
    every: Annotated[str | None, typer.Option("--every", help="Check interval: 30m, 2h, 1d "
                                                 "(default: the poll_interval setting).")] = None,
    title: Annotated[str | None, typer.Option(help="A name for a single subscription.")] = None,
):
    """Subscribe to sources; the scheduler (`storyline serve` or `storyline daemon`) polls them."""
    from storyline.errors import SchedulerError
    from storyline.scheduler import subscribe as add

    interval = int(parse_duration(every, option="--every").total_seconds()) if every else None
    try:
        result = add(open_store(db), inputs, interval_s=interval, title=title)
    except SchedulerError as exc:
        fail(str(exc))
    for url in result.added:
        console.print(f"[green]subscribed[/green] {url}")
    for url in result.existing:
        console.print(f"already subscribed: {url}")
    for why in result.refused:
        console.print(f"[red]refused[/red] {why}")
    if result.refused and not (result.added or result.existing):
        raise typer.Exit(1)


@sources_app.callback()
def sources_list(ctx: typer.Context, db: DbOption,
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False):
    """List subscriptions with their interval, last/next check, errors and conditional-GET state."""
    if ctx.invoked_subcommand:
        return
    subs = open_store(db).list_subscriptions()
    if as_json:
        console.print_json(json.dumps(subs, default=str))
        return
    now = datetime.now(UTC)
    table = Table("id", "source", "every", "status", "last check", "next check", "errors", "new", "last error",
                  title=f"{len(subs)} subscriptions")
    for s in subs:
        status = "paused" if s["paused"] else (s["last_status"] or "new")
        table.add_row(str(s["id"]), s["title"] or s["url"], f"{s['interval_s'] // 60}m", status,
                      _ago(s["last_checked_at"], now), _next(s, now),
                      str(s["consecutive_errors"]), str(s["total_new_articles"]), (s["last_error"] or "")[:60])
    console.print(table)


def _change(db: str, sub_id: int, **values) -> None:
    if not open_store(db).update_subscription(sub_id, **values):
        fail(f"no subscription {sub_id} (see `storyline sources`)")


@sources_app.command("pause")
def sources_pause(sub_id: Annotated[int, typer.Argument(help="Subscription id.")], db: DbOption):
    """Stop polling a subscription (its state is kept)."""
    _change(db, sub_id, paused=True)
    console.print(f"paused {sub_id}")


@sources_app.command("resume")
def sources_resume(sub_id: Annotated[int, typer.Argument(help="Subscription id.")], db: DbOption):
    """Poll a paused subscription again, starting now."""
    _change(db, sub_id, paused=False, next_check_at=datetime.now(UTC))
    console.print(f"resumed {sub_id}")


@sources_app.command("refresh")
def sources_refresh(sub_id: Annotated[int, typer.Argument(help="Subscription id.")], db: DbOption):
    """Make a subscription due now (the scheduler picks it up within one tick)."""
    _change(db, sub_id, next_check_at=datetime.now(UTC))
    console.print(f"{sub_id} is due now")


@sources_app.command("remove")
def sources_remove(sub_id: Annotated[int, typer.Argument(help="Subscription id.")], db: DbOption):
    """Unsubscribe (articles already stored stay)."""
    if not open_store(db).remove_subscription(sub_id):
        fail(f"no subscription {sub_id} (see `storyline sources`)")
    console.print(f"removed {sub_id}")


@sources_app.command("export")
def sources_export(db: DbOption,
                   output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None):
    """Every subscription as OPML 2.0 (importable with `storyline subscribe FILE.opml`)."""
    from storyline.scheduler import export_opml

    text = export_opml(open_store(db))
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        typer.echo(text, nl=False)


@app.command()
def daemon(
    db: DbOption,
    once: Annotated[bool, typer.Option("--once", help="Run one round of due subscriptions, then exit.")] = False,
    base_url: Annotated[str, typer.Option(help="Base URL of the web app, for links in alerts.")] =
    "http://127.0.0.1:8000",
):
    """Run the scheduler without the web app: poll due subscriptions, ingest, alert; until Ctrl-C."""
    import logging

    from storyline.scheduler import Scheduler, run_daemon

    if once:
        report = Scheduler(open_store(db), base_url=base_url).run_once()
        for row in report.checked:
            colour = "red" if row["status"] == "error" else "green"
            console.print(f"[{colour}]{row['status']}[/{colour}] {row['url']}: {row['new_articles']} new"
                          + (f" — {row['error']}" if row["error"] else ""))
        console.print(f"{report.claimed} checked, {report.new_articles} new articles, {report.matched} matches")
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    console.print(f"Scheduler polling {db} (Ctrl-C to stop)")
    run_daemon(db, base_url=base_url)
