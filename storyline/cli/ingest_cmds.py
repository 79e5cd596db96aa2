"""Commands: ingest, articles, show, search, export, problems."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyline.cli.app import DbOption, app, console, fail, open_store, parse_when
from storyline.errors import StorylineError

CONTAINERS = {".jsonl", ".warc", ".gz", ".xml", ".opml", ".rss", ".atom", ".json"}


def _count_local(inputs: list[str]) -> int | None:
    """Number of local files to ingest, for a progress bar with a total (None: unknown, e.g. URLs)."""
    total = 0
    for item in inputs:
        path = Path(item)
        if item.startswith(("http://", "https://")) or not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        if any(p.suffix.lower() in CONTAINERS for p in files):
            return None  # a feed, archive or record file holds an unknown number of pages
        total += len(files)
    return total


def print_summary(summary) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("pages", f"{summary.pages} ({summary.new_pages} new, {summary.duplicate_pages} already stored)")
    table.add_row("articles", f"{summary.articles_new} new, {summary.articles_versions} new versions, "
                              f"{summary.articles_unchanged} unchanged")
    table.add_row("headline-only links", str(summary.links))
    table.add_row("enriched", str(summary.enriched))
    table.add_row("new stories", str(summary.stories_new))
    outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(summary.outcomes.items())) or "-"
    table.add_row("page outcomes", outcomes)
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(summary.errors.items())) or "none"
    table.add_row("errors by kind", errors)
    console.print(table)
    for msg in summary.error_messages[:20]:
        console.print(f"  [yellow]![/yellow] {msg}", highlight=False)
    more = sum(summary.errors.values()) - 20
    if more > 0:
        console.print(f"  ... and {more} more (storyline problems)")


def run_ingest(db: str, inputs: list[str], *, fetched_at=None, workers: int | None = None,
               enrich: bool | None = None, allow_hosts: list[str] | None = None, quiet: bool = False,
               fetch_feed_entries: bool | None = None, cluster: str | None = None):
    import contextlib

    from storyline.config import Settings
    from storyline.pipeline import Pipeline

    settings = Settings(db=db, workers=workers, fetch_feed_entries=fetch_feed_entries)
    if allow_hosts:
        settings.allowed_hosts = ",".join(sorted(settings.allowed_host_set | set(allow_hosts)))
    store = open_store(db)
    store.check_writable()  # a read-only store: one line now, not a traceback at the first INSERT
    total = _count_local(inputs)
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
                  console=console, disable=quiet or not console.is_terminal and total is None, transient=False) as bar:
        task = bar.add_task("ingest", total=total, last="", rate="")
        done = {"articles": 0}
        started = time.monotonic()

        def progress(event: str, **info) -> None:
            if event in {"page", "problem"}:
                done["articles"] += info.get("articles", 0)
                rate = done["articles"] / max(time.monotonic() - started, 1e-6)
                bar.update(task, advance=1, last=Path(str(info.get("source", ""))).name[:40],
                           rate=f"{rate:.1f} articles/s")

        with contextlib.ExitStack() as stack:
            remote = None
            if cluster:
                from storyline.batch import cluster_workers

                remote = stack.enter_context(cluster_workers(cluster, settings, warm=enrich is not False))
            pipeline = Pipeline(store, settings, progress=progress, enrich=enrich, workers=remote)
            summary = pipeline.ingest(inputs, fetched_at=fetched_at)
    return store, summary


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, feeds, OPML lists, sitemaps, JSONL or WARC files.")
    ],
    db: DbOption,
    fetched_at: Annotated[
        str | None,
        typer.Option("--fetched-at", help="Fetch time for local files (ISO); default: each file's modification time."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Worker processes for extraction and enrichment (default: setting 'workers', 0 = one per core)."
        ),
    ] = None,
    no_enrich: Annotated[
        bool, typer.Option("--no-enrich", help="Skip entities/events/hashtags (run 'storyline enrich --all' later).")
    ] = False,
    allow_host: Annotated[
        list[str] | None, typer.Option("--allow-host", help="Host or IP fetched even if private/loopback (repeatable).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
):
    """Ingest pages: store each raw page, extract its articles, enrich them and assign stories."""
    _ingest_and_report(
        db,
        inputs,
        json_out,
        fetched_at=fetched_at,
        workers=workers,
        enrich=False if no_enrich else None,
        allow_hosts=allow_host,
    )


def _ingest_and_report(db: str, inputs: list[str], json_out: bool, *, fetched_at: str | None, **options) -> None:
    when = parse_when(fetched_at, option="--fetched-at") if fetched_at else None
    try:
        _store, summary = run_ingest(db, inputs, fetched_at=when, quiet=json_out, **options)
    except StorylineError as exc:
        fail(str(exc))
    if json_out:
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        print_summary(summary)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Archives and folders: WARC, JSONL, HTML files, feeds.")],
    db: DbOption,
    cluster: Annotated[
        str,
        typer.Option(help="'local' (worker processes on this machine) or a Dask scheduler address, tcp://HOST:8786."),
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes of a local cluster (default: setting 'workers', 0 = one per core)."),
    ] = None,
    fetched_at: Annotated[str | None, typer.Option("--fetched-at", help="Fetch time for local files (ISO).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
):
    """Ingest archives on a Dask cluster: workers extract and enrich, this process stores in order and
    assigns stories. Re-running the same inputs finishes an interrupted batch and stores nothing twice."""
    _ingest_and_report(db, inputs, json_out, fetched_at=fetched_at, workers=workers, cluster=cluster)


def _age(row) -> str:
    when = row.get("published")
    return when.isoformat() if when else (row.get("relative_age") or "")


@app.command()
def articles(
    db: DbOption,
    limit: Annotated[int, typer.Option(help="How many.")] = 30,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date or 24h/7d).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only articles with this hashtag.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
):
    """List stored articles, newest first."""
    from storyline.export import article_record

    store = open_store(db)
    rows = store.list_articles(
        limit=limit, outlet=outlet, since=parse_when(since), tag=tag, until=parse_when(until, option="--until")
    )
    if json_out:
        for r in rows:
            rec = article_record(r)
            rec.pop("body")
            print(json.dumps(rec, ensure_ascii=False))
        return
    table = Table("id", "title", "outlet", "published / age", "flags")
    for r in rows:
        table.add_row(
            str(r["id"]),
            (r["title"] or "")[:70] + (" (inferred)" if r["title_inferred"] else ""),
            r["outlet"] or "",
            _age(r),
            ",".join(r["quality_flags"] or []),
        )
    console.print(table)
    console.print(f"{store.count_articles()} articles stored")


@app.command()
def show(
    article_id: Annotated[int, typer.Argument(help="Article id.")],
    db: DbOption,
    json_out: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
):
    """Show one article: metadata, body, hashtags, entities."""
    from storyline.export import article_record

    store = open_store(db)
    row = store.get_article(article_id)
    if row is None:
        fail(f"no article {article_id} in {db}")
    if json_out:
        print(json.dumps(article_record(row), ensure_ascii=False, indent=2))
        return
    console.rule(row["title"] or "(no title)")
    meta = [
        ("outlet", row["outlet"]),
        ("wire", row["wire"]),
        ("authors", ", ".join(row["authors"] or [])),
        ("dateline", row["dateline"]),
        ("published", _age(row)),
        ("source", row["source"]),
        ("url", row["url"]),
        ("hashtags", " ".join("#" + t for t in row["hashtags"] or [])),
        ("quality flags", ", ".join(row["quality_flags"] or [])),
        ("story", row["story_id"]),
        ("version", row["version"]),
    ]
    for key, value in meta:
        if value:
            console.print(f"[bold]{key}:[/bold] {value}", highlight=False)
    console.print()
    console.print(row["body"], highlight=False, markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words must all appear; "quoted phrases"; OR; prefix*.')],
    db: DbOption,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO or 24h/7d).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. en.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only articles with this hashtag.")] = None,
    limit: Annotated[int, typer.Option(help="How many hits.")] = 10,
    json_out: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
):
    """Full-text search (BM25) over titles and bodies, with highlighted snippets."""
    from storyline.search import search_articles

    store = open_store(db)
    res = search_articles(
        store,
        query,
        outlet=outlet,
        since=parse_when(since),
        until=parse_when(until, option="--until"),
        language=language,
        tag=tag,
        limit=limit,
    )
    if json_out:
        hits = [
            {
                "id": h["id"],
                "title": h["title"],
                "outlet": h["outlet"],
                "published": h["published"].isoformat() if h["published"] else None,
                "score": round(h["score"], 4),
                "snippet": h["snippet"],
            }
            for h in res.hits
        ]
        print(
            json.dumps(
                {"query": query, "total": res.total, "hits": hits, "facets": res.facets}, ensure_ascii=False, indent=2
            )
        )
        return
    console.print(f"{res.total} matching articles")
    for h in res.hits:
        snippet = h["snippet"].replace("<mark>", "[bold yellow]").replace("</mark>", "[/bold yellow]")
        console.print(f"[bold]{h['id']}[/bold] {h['title'] or '(no title)'} — {h['outlet'] or ''}", highlight=False)
        console.print(
            "   "
            + snippet.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&quot;", '"')
            .replace("&#x27;", "'"),
            highlight=False,
        )


@app.command()
def export(
    db: DbOption,
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    kind: Annotated[str, typer.Option("--kind", help="articles, entities, roles, events or stories.")] = "articles",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout; parquet needs a file).")
    ] = None,
    with_facts: Annotated[
        bool, typer.Option("--with-facts", help="Articles (jsonl) with every stored fact, for `storyline import`.")
    ] = False,
):
    """Export stored records (one object per article by default)."""
    from storyline.export import FORMATS, KINDS, write_export

    if format not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if kind not in KINDS:
        fail(f"--kind must be one of {', '.join(KINDS)}")
    if format == "parquet" and output is None:
        fail("--format parquet needs --output FILE")
    store = open_store(db)
    if with_facts and (kind != "articles" or format != "jsonl"):
        fail("--with-facts is for --kind articles --format jsonl")
    count = write_export(store, kind, format, out=sys.stdout, path=output, with_facts=with_facts)
    if output:
        console.print(f"wrote {count} {kind} to {output}")


@app.command()
def problems(
    db: DbOption,
    limit: Annotated[int, typer.Option(help="How many.")] = 30,
    json_out: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
):
    """Inputs that failed, newest first, with the kind of failure (raw bytes are kept in the store)."""
    store = open_store(db)
    if json_out:
        for p in store.list_problems(limit=limit):
            print(json.dumps({**p, "created_at": p["created_at"].isoformat()}, ensure_ascii=False))
        return
    table = Table("id", "stage", "kind", "input", "message", "kept bytes")
    for p in store.list_problems(limit=limit):
        table.add_row(
            str(p["id"]), p["stage"], p["kind"], p["source"][-50:], p["message"][:80], str(p["kept_bytes"] or 0)
        )
    console.print(table)
    counts = store.count_problems_by_kind()
    console.print("by kind: " + (", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"))
