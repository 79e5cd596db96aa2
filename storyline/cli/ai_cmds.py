"""Commands: ask, summarize, whatsnew, brief (the AI layer: answers and briefings with citations)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, console, eval_app, fail, open_store  # noqa: F401
from storyline.errors import NotFoundError


def _print_citations(citations: list[dict]) -> None:
    for i, c in enumerate(citations, start=1):
        src = c.get("outlet") or "outlet unknown"
        console.print(f"  [{i}] article {c['article_id']} ({src}): {c['sentence']}", highlight=False, soft_wrap=True)


@app.command("ask")
def ask_cmd(question: Annotated[str, typer.Argument(help="The question, in English.")], db: DbOption,
            fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text"):
    """Answer a question from the stored articles and facts, citing every source sentence."""
    from storyline.ai import ask

    store = open_store(db)
    try:
        result = ask(store, question)
    finally:
        store.close()
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    console.print(result["answer"], highlight=False, soft_wrap=True)
    _print_citations(result["citations"])
    meta = result.get("retrieval")
    console.print(f"[dim]({result['mode']}{'; ' + meta['sparse'] + ' + ' + meta['dense'] if meta else ''})[/dim]")


@app.command("summarize")
def summarize_cmd(db: DbOption, story: Annotated[int | None, typer.Option("--story", help="Story id.")] = None,
                  article: Annotated[int | None, typer.Option("--article", help="Article id.")] = None,
                  sentences: Annotated[int, typer.Option("--sentences", "-n", help="Sentences to keep.")] = 6,
                  fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text"):
    """Extractive summary of a story (across its outlets) or of one article; each sentence cited."""
    from storyline.ai import summarize_article, summarize_story

    if (story is None) == (article is None):
        fail("give exactly one of --story ID or --article ID")
    store = open_store(db)
    try:
        summary = (summarize_story(store, story, max_sentences=sentences) if story is not None
                   else summarize_article(store, article, max_sentences=sentences))
    except NotFoundError as exc:
        fail(str(exc))
    finally:
        store.close()
    if fmt == "json":
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2, default=str))
        return
    console.print(f"[bold]{summary.title}[/bold]", highlight=False)
    console.print(summary.text, highlight=False, soft_wrap=True)
    if summary.participants:
        console.print("\n[bold]Key participants[/bold]")
        for p in summary.participants:
            console.print(f"  {p.person} — {p.office or '?'} ({p.country or '?'})", highlight=False)


@app.command("whatsnew")
def whatsnew_cmd(story: Annotated[int, typer.Argument(help="Story id.")], db: DbOption,
                 since: Annotated[str, typer.Option("--since", help="When you last looked: ISO time or 24h/7d.")],
                 fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text"):
    """Sentences and events added to a story since a time."""
    from storyline.ai import whats_new
    from storyline.ai.briefing import parse_since

    try:
        when = parse_since(since, datetime.now(UTC))
    except ValueError as exc:
        fail(str(exc))
    store = open_store(db)
    try:
        news = whats_new(store, story, when)
    except NotFoundError as exc:
        fail(str(exc))
    finally:
        store.close()
    if fmt == "json":
        print(json.dumps(news.as_dict(), ensure_ascii=False, indent=2, default=str))
        return
    console.print(f"{len(news.articles)} new/changed articles, {len(news.sentences)} new sentences, "
                  f"{len(news.events)} new events since {when.isoformat()}")
    _print_citations([s.citation() for s in news.sentences])


@app.command("brief")
def brief_cmd(
    db: DbOption,
    since: Annotated[str, typer.Option("--since", help="Window: 24h, 7d... back from --now, or a date.")] = "24h",
    now: Annotated[str | None, typer.Option("--now", help="End of the window (ISO); default: now.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only articles with this hashtag.")] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only articles naming this entity (id or name).")
    ] = None,
    watchlist: Annotated[
        int | None, typer.Option("--watchlist", help="Only articles matching this watchlist's rules.")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the HTML and PDF.")] = Path("briefings"),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also print a PDF with headless Chromium.")] = True,
):
    """Write a self-contained HTML briefing (and a PDF): top stories, events, role changes, trends, charts."""
    from storyline.ai import build_briefing, write_briefing
    from storyline.ai.briefing import parse_since

    try:
        end = datetime.fromisoformat(now) if now else datetime.now(UTC)
        end = end if end.tzinfo else end.replace(tzinfo=UTC)
        start = parse_since(since, end)
    except ValueError as exc:
        fail(str(exc))
    store = open_store(db)
    try:
        b = build_briefing(store, since=start, now=end, tag=tag, entity=entity, watchlist=watchlist)
        result = write_briefing(b, output, pdf=pdf)
    finally:
        store.close()
    console.print(
        f"{b.article_count} articles, {len(b.stories)} top stories, {len(b.events)} events, "
        f"{len(b.role_changes)} role changes, {len(b.charts)} charts"
    )
    console.print(f"HTML: {result['html']}", highlight=False)
    if result["pdf"]:
        console.print(f"PDF:  {result['pdf']}", highlight=False)
    elif pdf:
        console.print(f"[yellow]{result['note']}[/yellow]", highlight=False)
