"""Score event extraction on the five seed pages against the hand-made gold (``shared/gold/seeds.json``).

The whole chain runs as in production: :func:`storyline.extract.extract_page` then
:func:`storyline.enrich.enrich_many` (quality flags, entities, roles, events).

A gold event matches a predicted event from one of its source articles when
* the type agrees (ours mapped onto the gold vocabulary: meeting/negotiation -> meeting, ...);
* the participants agree: the gold names, resolved to entity keys through the page's entities
  (name, aliases, or the same name words in the key), equal the predicted participants; for a
  statement the gold ``actor`` and ``target`` must both be among them; an event with no gold
  participants (a reorganization) is matched on type and date;
* the date agrees when the gold gives a ``date`` key (``null`` means it must stay unresolved);
* the status agrees when the gold gives one.

Fetch time (an assumption, stated here and printed with the score): the seed pages show only
relative ages ("4 hours ago") for most articles, so the time they were fetched is derived from
the gold itself, never invented: (1) an article with both an absolute ``published`` and a
``relative`` age fixes it (``published + age``; page 001: Jul 30, 2025 16:20 JST + "an hour ago");
(2) else a dated gold event sourced from an article with a relative age is taken as published
at noon UTC of that date (page 000: 2025-07-29 + "4 hours ago"; page 004: 2025-05-23 +
"5 days ago"); (3) else the page gives absolute dates and no fetch time is used (``None``).
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.enrich import enrich_many
from storyline.extract import extract_page
from storyline.models import Entity, Event, FetchedPage, normalize_text

TYPE_MAP = {"meeting": "meeting", "negotiation": "meeting", "phone_call": "phone_call",
            "reorganization": "reorganization", "statement": "statement", "summit": "summit"}
_AGE = re.compile(r"(\d+|an?|one)\s+(minute|hour|day|week)s?\s+ago", re.IGNORECASE)


def age_delta(age: str | None) -> timedelta | None:
    """ "4 hours ago" -> 4 hours; None when the text is not an age."""
    m = _AGE.search(age or "")
    if not m:
        return None
    n = 1 if m.group(1).lower() in {"a", "an", "one"} else int(m.group(1))
    return timedelta(**{m.group(2).lower() + "s": n})


def fetched_at_for(page: str, gold: dict) -> tuple[datetime | None, str]:
    """The fetch time the gold implies for one page, and how it was derived (see module doc)."""
    stem = page[:3]
    for art in gold["pages"][page]["articles"]:
        delta = age_delta(art.get("relative"))
        if art.get("published") and delta and "T" in art["published"]:
            return datetime.fromisoformat(art["published"]) + delta, "published + relative age of one article"
    for ev in gold.get("events", []):
        for src in ev.get("sources", []):
            page_id, _, pos = src.partition("#")
            if page_id != stem or not ev.get("date"):
                continue
            delta = age_delta(gold["pages"][page]["articles"][int(pos)].get("relative"))
            if delta:
                noon = datetime.fromisoformat(ev["date"]).replace(hour=12, tzinfo=UTC)
                return noon + delta, f"gold event date {ev['date']} (noon UTC) + relative age of {src}"
    return None, "page states absolute dates; no fetch time used"


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", normalize_text(text)))


def resolve_names(names: list[str], entities: list[Entity], aliases: list[list[str]]) -> list[str | None]:
    """Gold names -> entity keys of the page (by name, alias or the words of the key)."""
    alias_of = {normalize_text(a): normalize_text(b) for a, b in aliases}
    out = []
    for name in names:
        wanted = {_words(name), _words(alias_of.get(normalize_text(name), name))}
        hit = None
        for ent in entities:
            forms = {_words(ent.name), _words(ent.key.split(":", 1)[-1])} | {_words(a) for a in ent.aliases}
            if forms & wanted:
                hit = ent.key
                break
        out.append(hit)
    return out


def _matches(gold_ev: dict, pred: Event, entities: list[Entity], aliases) -> bool:
    if TYPE_MAP.get(pred.type) != gold_ev["type"]:
        return False
    if "date" in gold_ev and pred.date != gold_ev["date"]:
        return False
    if gold_ev.get("status") and pred.status != gold_ev["status"]:
        return False
    if gold_ev.get("participants"):
        keys = resolve_names(gold_ev["participants"], entities, aliases)
        return None not in keys and set(keys) == set(pred.participants)
    required = [n for n in (gold_ev.get("actor"), gold_ev.get("target")) if n and gold_ev["type"] == "statement"]
    keys = resolve_names(required, entities, aliases)
    return None not in keys and set(keys) <= set(pred.participants)


def run_page(path: Path, fetched_at: datetime | None) -> list[dict[str, Any]]:
    """One seed page through the production entry points (``extract_page``, ``enrich_many``):
    per article its entities and events."""
    page = FetchedPage(source=str(path), content=path.read_bytes(), kind="text",
                       fetched_at=fetched_at or datetime.now(UTC))
    articles = extract_page(page).articles
    if fetched_at is None:  # the page states absolute dates: no fetch time behind relative ones
        for article in articles:
            article.fetched_at = None
    return [{"article": a, "entities": e.entities, "events": e.events}
            for a, e in zip(articles, enrich_many(articles))]


def score_seed_events(seeds_dir: Path, gold_path: Path) -> dict[str, Any]:
    """Recall of the gold events, precision over predicted events of the gold types, per-event detail."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    pages, fetch_notes = {}, {}
    for page in sorted(gold["pages"]):
        fetched_at, how = fetched_at_for(page, gold)
        fetch_notes[page[:3]] = f"{fetched_at.isoformat() if fetched_at else None} ({how})"
        pages[page[:3]] = run_page(Path(seeds_dir) / page, fetched_at)
    seconds = time.perf_counter() - started
    detail, used = [], set()
    for gev in gold["events"]:
        hit = None
        for src in gev["sources"]:
            page_id, _, pos = src.partition("#")
            arts = pages.get(page_id, [])
            if int(pos) >= len(arts):
                continue
            ents = [e for a in arts for e in a["entities"]]
            for i, ev in enumerate(arts[int(pos)]["events"]):
                if _matches(gev, ev, ents, gold.get("aliases", [])):
                    hit = (src, i, ev)
                    break
            if hit:
                break
        if hit:
            used.add((hit[0], hit[1]))
        detail.append({"gold": {k: gev.get(k) for k in ("type", "date", "participants", "status", "place")},
                       "matched": bool(hit), "predicted": _brief(hit[2]) if hit else None})
    predicted = [(f"{p}#{i}", j) for p, arts in pages.items() for i, a in enumerate(arts)
                 for j, ev in enumerate(a["events"]) if TYPE_MAP.get(ev.type)
                 and any(f"{p}#{i}" in g["sources"] for g in gold["events"])]
    n_events = sum(len(a["events"]) for arts in pages.values() for a in arts)
    matched = sum(d["matched"] for d in detail)
    return {"matched": matched, "gold": len(detail), "recall": matched / (len(detail) or 1),
            "precision": len(used) / (len(predicted) or 1), "predicted_in_gold_types": len(predicted),
            "events_total": n_events, "seconds": seconds, "fetched_at": fetch_notes, "detail": detail}


def _brief(ev: Event) -> dict[str, Any]:
    return {"type": ev.type, "date": ev.date, "participants": ev.participants, "status": ev.status,
            "place": ev.place, "sentence": ev.sentence[:160]}
