"""Copies collapsed: one row per original article in any list (tag and entity pages, search,
feeds, the front page), with the outlets that also carried it.

A wire story re-published by three outlets, or one outlet's page ingested both from its feed and
from the page itself, is one text (the stories stage marks later copies ``duplicate_of`` the first).
Lists show it once: the first row of each copy group in list order stays (so ranking and recency
decide which), the others go, and the kept row gets ``also_carried_by``: the other copies' outlets.
"""

from __future__ import annotations


def collapse_copies(store, rows: list[dict], limit: int | None = None, groups: list[dict] | None = None) -> list[dict]:
    """``rows`` (each with an ``id``) with copies of one original reduced to their first row, which
    gets ``also_carried_by`` (outlets, sorted; never its own) and ``copies`` (other copies stored);
    at most ``limit`` rows. ``groups``: ``store.copy_groups`` of these rows, when already fetched."""
    if not rows:
        return []
    if groups is None:
        groups = store.copy_groups([r["id"] for r in rows])
    group = {r["id"]: r for r in groups}
    members: dict[int, list[dict]] = {}
    for r in group.values():
        members.setdefault(r["duplicate_of"] or r["id"], []).append(r)
    out, seen = [], set()
    for row in rows:
        info = group.get(row["id"])
        original = (info["duplicate_of"] or info["id"]) if info else row["id"]
        if original in seen:
            continue
        seen.add(original)
        others = [m for m in members.get(original, []) if m["id"] != row["id"]]
        own = (row.get("outlet") or (info or {}).get("outlet") or "").casefold()
        outlets = sorted({m["outlet"] for m in others if m["outlet"] and m["outlet"].casefold() != own})
        out.append(dict(row, also_carried_by=outlets, copies=len(others)))
        if limit is not None and len(out) >= limit:
            break
    return out


def carried_note(row: dict) -> str | None:
    """"also carried by A, B" for a feed entry, when other outlets carried the same text."""
    outlets = row.get("also_carried_by") or []
    return f"also carried by {', '.join(outlets)}" if outlets else None
