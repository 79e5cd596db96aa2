"""Commands: enrich (re-run), entities, entity, events, tags."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from storyline.cli.app import DbOption, app, console, fail, open_store, parse_when
from storyline.stories.happenings import merge_rows


@app.command()
def enrich(
    db: DbOption,
    all_: Annotated[
        bool, typer.Option("--all", help="Re-enrich every stored article (after a model or gazetteer change).")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: setting 'workers', 0 = one per core).")
    ] = None,
):
    """Re-run enrichment (entities, roles, events, hashtags, quality flags) over stored articles."""
    from storyline.config import Settings
    from storyline.pipeline import Pipeline

    if not all_:
        fail("say --all to re-enrich every stored article")
    store = open_store(db)
    total = store.count_articles()
    with Progress(console=console) as bar:
        task = bar.add_task("enrich", total=total)
        pipe = Pipeline(
            store,
            Settings(workers=workers),
            progress=lambda event, **info: bar.update(task, advance=info.get("count", 0)),
        )
        done = pipe.reenrich_all()
    errors = dict(pipe.summary.errors)
    console.print(f"re-enriched {done} articles" + (f"; errors: {errors}" if errors else ""))


@app.command()
def entities(
    db: DbOption,
    type: Annotated[
        str | None, typer.Option("--type", help="PERSON, COUNTRY, CITY, ORG, GOV_BODY, INTL_ORG, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
):
    """Canonical entities, most mentioned first."""
    store = open_store(db)
    rows = store.list_entities(type=type, limit=limit)
    aliases = store.entity_aliases([r["id"] for r in rows])
    if json_out:
        for r in rows:
            print(
                json.dumps({**r, "aliases": sorted(a for a in aliases[r["id"]] if a != r["name"])}, ensure_ascii=False)
            )
        return
    table = Table("id", "name", "type", "articles", "aliases")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["name"],
            r["type"],
            str(r["articles"]),
            ", ".join(sorted(a for a in aliases[r["id"]] if a != r["name"]))[:60],
        )
    console.print(table)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name or alias, e.g. 'Iwaya Takeshi' or 'ROK'.")],
    db: DbOption,
    json_out: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
):
    """One entity: aliases, roles over time, events."""
    store = open_store(db)
    found = store.find_entities(name)
    if not found:
        fail(f"no entity named {name!r} in {db}")
    ent = store.get_entity(found[0]["id"])
    roles = store.list_roles(person_id=ent["id"])
    events = store.list_events(entity_id=ent["id"], limit=100)
    if json_out:
        from storyline.export import event_record

        print(
            json.dumps(
                {
                    "id": ent["id"],
                    "name": ent["name"],
                    "type": ent["type"],
                    "aliases": ent["aliases"],
                    "roles": [
                        {
                            "office": r["office"],
                            "organization": r["organization"],
                            "as_of": r["as_of"].isoformat() if r["as_of"] else None,
                            "status": r["status"],
                            "evidence": {"article_id": r["article_id"], "sentence": r["sentence"]},
                        }
                        for r in roles
                    ],
                    "events": [event_record(e) for e in events],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    console.rule(f"{ent['name']} ({ent['type']})")
    console.print("aliases: " + ", ".join(ent["aliases"]), highlight=False)
    if len(found) > 1:
        console.print("also matching: " + ", ".join(f"{e['name']} ({e['type']})" for e in found[1:]), highlight=False)
    if roles:
        table = Table("as of", "office", "organization", "status", "evidence", title="Roles over time")
        for r in roles:
            table.add_row(
                r["as_of"].date().isoformat() if r["as_of"] else "date unknown",
                r["office"],
                r["organization"] or "",
                r["status"],
                f"[{r['article_id']}] {r['sentence'][:80]}",
            )
        console.print(table)
    if events:
        _events_table(events, title="Events")


def _events_table(events: list[dict], title: str = "Events") -> None:
    table = Table("date", "type", "participants", "place", "status", "sources", title=title)
    for e in events:
        table.add_row(
            e["date"] or f"undated ({e['date_text'] or '-'})",
            e["type"],
            ", ".join(p["name"] for p in e["participants"]),
            e["place"] or "",
            e["status"],
            f"{e['independent_sources']} ({', '.join(str(s['article_id']) for s in e['sources'])})",
        )
    console.print(table)


@app.command()
def events(
    db: DbOption,
    type: Annotated[
        str | None, typer.Option("--type", help="meeting, phone_call, visit, summit, agreement, statement, tariff, ...")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after (ISO date).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only events with this participant (name or alias).")] = None,
    include_flagged: Annotated[
        bool, typer.Option("--include-flagged", help="Also events only seen in quality-flagged articles.")
    ] = False,
    limit: Annotated[int, typer.Option(help="How many stored events to read.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
    raw: Annotated[
        bool, typer.Option("--raw", help="Every stored event mention as read, not one row per happening.")
    ] = False,
):
    """Typed events with participants, place, date and status; each with its evidence sentences.
    Mentions of one happening (same kind, overlapping participants, compatible dates) are one row
    with every source, unless --raw."""
    from storyline.export import event_record

    store = open_store(db)
    entity_id = None
    if entity:
        found = store.find_entities(entity)
        if not found:
            fail(f"no entity named {entity!r}")
        entity_id = found[0]["id"]
    since_date = parse_when(since).date().isoformat() if since else None
    rows = store.list_events(
        type=type, since=since_date, entity_id=entity_id, include_flagged=include_flagged, limit=limit
    )
    if not raw:
        rows = merge_rows(rows)
    if json_out:
        for e in rows:
            print(json.dumps(event_record(e), ensure_ascii=False))
        return
    _events_table(rows)
    for e in rows[:10]:
        if e["sources"]:
            console.print(f"[dim]{e['id']}:[/dim] {e['sources'][0]['sentence'][:160]}", highlight=False)


@app.command()
def tags(
    db: DbOption,
    since: Annotated[str | None, typer.Option(help="Only articles on or after (ISO or 24h/7d).")] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 50,
):
    """Topic hashtags with their article counts."""
    store = open_store(db)
    table = Table("hashtag", "articles")
    for row in store.tag_counts(limit=limit, since=parse_when(since)):
        table.add_row("#" + row["tag"], str(row["articles"]))
    console.print(table)
