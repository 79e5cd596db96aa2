"""Commands: stories, story, related, timeline, trending."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import DbOption, app, console, fail, open_store, parse_duration, parse_when


def _entity_id(store, name: str) -> int:
    found = store.find_entities(name)
    if not found:
        fail(f"no entity named {name!r}")
    return found[0]["id"]


def _when(value) -> str:
    return value.isoformat(timespec="minutes") if hasattr(value, "isoformat") else (value or "")


@app.command()
def stories(
    db: DbOption,
    since: Annotated[str | None, typer.Option(help="Updated on or after (ISO or 24h/7d).")] = None,
    tag: Annotated[str | None, typer.Option(help="Only stories with this hashtag.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only stories mentioning this entity.")] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 20,
    json_out: Annotated[
        bool, typer.Option("--json", help="JSON lines (id, title, articles, outlets, events, first_seen, updated).")
    ] = False,
):
    """Stories: the same news across outlets, newest first."""
    from storyline.export import story_record

    store = open_store(db)
    rows = store.list_stories(
        limit=limit, since=parse_when(since), tag=tag, entity_id=_entity_id(store, entity) if entity else None
    )
    if json_out:
        for s in rows:
            print(json.dumps(story_record(store, s), ensure_ascii=False))
        return
    table = Table("id", "title", "articles", "outlets", "first seen", "updated")
    for s in rows:
        table.add_row(
            str(s["id"]),
            s["title"][:70],
            str(s["article_count"]),
            str(s["outlet_count"]),
            _when(s["first_seen"]),
            _when(s["updated"]),
        )
    console.print(table)


@app.command()
def story(
    story_id: Annotated[int, typer.Argument(help="Story id.")],
    db: DbOption,
    json_out: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
):
    """One story: sources side by side, timeline of its events, what each source adds, disagreements."""
    from storyline.queries.stories import story_detail

    store = open_store(db)
    detail = story_detail(store, story_id)
    if detail is None:
        fail(f"no story {story_id} in {db}")
    if json_out:
        print(json.dumps(detail, default=str, ensure_ascii=False, indent=2))
        return
    s = detail["story"]
    console.rule(s["title"])
    console.print(
        f"{s['article_count']} articles from {s['outlet_count']} outlets; first seen {_when(s['first_seen'])}, "
        f"updated {_when(s['updated'])}",
        highlight=False,
    )
    table = Table("article", "outlet", "published", "wire", "headline", "adds", title="Sources side by side")
    for src in detail["sources"]:
        table.add_row(
            str(src["id"]),
            src.get("outlet") or "",
            _when(src.get("published")) or src.get("relative_age") or "",
            src.get("wire") or "",
            (src.get("title") or "")[:60],
            "\n".join(f"• {t[:120]}" for t in src.get("adds", [])[:2]),
        )
    console.print(table)
    if detail["duplicates"]:
        console.print(
            "also carried by: " + ", ".join(f"{d.get('outlet') or d['id']}" for d in detail["duplicates"]),
            highlight=False,
        )
    if detail["timeline"]:
        tl = Table("when", "type", "participants", "place", "evidence", title="Timeline")
        for e in detail["timeline"]:
            tl.add_row(
                (e["when"] or "") + (" (undated: report date)" if e["undated"] else ""),
                e["type"],
                ", ".join(p["name"] for p in e["participants"]),
                e.get("place") or "",
                (e.get("sentence") or "")[:100],
            )
        console.print(tl)
    for d in detail["disagreements"]:
        console.print(
            f"[bold]disagreement[/bold] ({', '.join(d['about'])}): {d['a']['source']} says "
            f"{d['a']['text']!r}; {d['b']['source']} says {d['b']['text']!r}",
            highlight=False,
        )


@app.command()
def related(
    article_id: Annotated[int, typer.Argument(help="Article id.")],
    db: DbOption,
    limit: Annotated[int, typer.Option(help="How many.")] = 6,
):
    """Related articles from other stories, each with its reasons."""
    from storyline.queries.articles import related as related_articles

    store = open_store(db)
    row = store.get_article(article_id)
    if row is None:
        fail(f"no article {article_id} in {db}")
    table = Table("id", "title", "outlet", "reasons")
    for r in related_articles(store, row, k=limit):
        table.add_row(str(r["id"]), (r.get("title") or "")[:70], r.get("outlet") or "", "; ".join(r["reasons"]))
    console.print(table)


@app.command()
def timeline(
    db: DbOption,
    entity: Annotated[str | None, typer.Option(help="Timeline of this entity (name or alias).")] = None,
    tag: Annotated[str | None, typer.Option(help="Timeline of this hashtag.")] = None,
    story: Annotated[int | None, typer.Option(help="Timeline of this story.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
):
    """Events ordered by event date; undated events placed by publication time and marked."""
    from storyline.queries.stories import timeline_for

    if sum(x is not None for x in (entity, tag, story)) != 1:
        fail("give exactly one of --entity, --tag or --story")
    store = open_store(db)
    entries = timeline_for(
        store,
        story_id=story,
        tag=tag.lstrip("#") if tag else None,
        entity_id=_entity_id(store, entity) if entity else None,
    )
    if json_out:
        for e in entries:
            print(json.dumps(e, default=str, ensure_ascii=False))
        return
    table = Table("when", "type", "participants", "place", "status", "articles", "evidence")
    for e in entries:
        table.add_row(
            (e["when"] or "?") + (" *" if e["undated"] else ""),
            e["type"],
            ", ".join(p["name"] for p in e["participants"]),
            e.get("place") or "",
            e.get("status") or "",
            ",".join(map(str, e["article_ids"])),
            (e.get("sentence") or "")[:90],
        )
    console.print(table)
    console.print("* undated: placed by the report's publication time")


@app.command()
def trending(
    db: DbOption,
    window: Annotated[str, typer.Option(help="Window to look at, ending now: 24h, 3d, 7d...")] = "24h",
    now: Annotated[
        str | None, typer.Option(help="End of the window (ISO; default: the newest stored article).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many of each.")] = 15,
):
    """Trending hashtags and entities: bursts against their own baseline."""
    from storyline.queries.common import reference_time
    from storyline.queries.front import trending_entities, trending_tags

    store = open_store(db)
    end = parse_when(now, option="--now") if now else reference_time(store)
    span = parse_duration(window)
    tags = trending_tags(store, end, k=limit, window=span)
    ents = trending_entities(store, end, k=limit, window=span)
    table = Table("hashtag", "articles", "burst score", title=f"Trending in the {window} to {_when(end)}")
    for t in tags:
        table.add_row("#" + t["tag"], str(t["count"]), "" if t["score"] is None else f"{t['score']:.2f}")
    console.print(table)
    table = Table("entity", "type", "articles", "burst score")
    for e in ents:
        table.add_row(e["name"], e["type"], str(e["count"]), f"{e['score']:.2f}")
    console.print(table)
