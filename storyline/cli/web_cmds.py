"""Commands: serve (the web app and API), admin create (an admin account), watch (match watchlists,
send webhooks)."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, console, fail, open_store

admin_app = typer.Typer(help="Accounts with the admin role.", no_args_is_help=True)
app.add_typer(admin_app, name="admin")


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Server processes (default: the "
                       "web_workers setting, 1).")] = None,
    scheduler: Annotated[bool | None, typer.Option("--scheduler/--no-scheduler", help="Poll subscriptions "
                         "and send alerts in a scheduler process beside the server (default: the "
                         "scheduler setting, on).")] = None,
):
    """Serve the web app, feeds and the JSON API (/api/v1) on the store; the scheduler runs beside it."""
    from storyline.config import Settings
    from storyline.scheduler import start_daemon_process
    from storyline.web.server import serve as serve_app

    problems = open_store(db).integrity_problems(quick=True)  # a damaged store: say so before serving it
    if problems:
        fail(f"store {db} failed its quick check ({problems[0]}); run `storyline check`, restore a backup", code=2)
    poll = Settings().scheduler if scheduler is None else scheduler
    proc = stop = None
    if poll:
        proc, stop = start_daemon_process(db, base_url=f"http://{host}:{port}")
    console.print(f"Serving {db} on http://{host}:{port}/ (Ctrl-C to stop)"
                  + (" with the scheduler polling subscriptions" if poll else ""))
    try:
        serve_app(db, host=host, port=port, watch_loop=not poll, workers=workers or Settings().web_workers)
    finally:
        if proc is not None:
            stop.set()
            proc.join(timeout=30)
            if proc.is_alive():
                proc.terminate()


@admin_app.command("create")
def admin_create(
    username: Annotated[str, typer.Argument(help="The new admin's username.")],
    db: DbOption,
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, help="Password (prompted when not given)."
        ),
    ] = "",
):
    """Create an admin account (or make an existing account admin, keeping its password)."""
    from storyline.queries.accounts import AccountError, register

    store = open_store(db)
    user = store.get_user_by_name(username)
    if user:
        store.update_user(user["id"], is_admin=True)
        console.print(f"{user['username']} is now an admin")
        return
    try:
        register(store, username, password, is_admin=True)
    except AccountError as exc:
        fail(str(exc))
    console.print(f"created admin {username}")


@app.command()
def watch(
    db: DbOption,
    base_url: Annotated[
        str, typer.Option(help="Where the app is served, for links in webhook payloads.")
    ] = "http://127.0.0.1:8000",
):
    """Match watchlists against new articles and POST webhooks (run after `storyline ingest`)."""
    from storyline.queries.watch import run_watch_round

    result = run_watch_round(open_store(db), base_url=base_url)
    console.print(f"{result['matched']} new matches")
    for d in result["deliveries"]:
        console.print(
            f"watchlist {d['watchlist_id']}: {d['matches']} matches -> "
            f"{'ok' if d['ok'] else 'failed'} ({d['status']})"
        )
