"""Entities: the list by article count, and one entity with aliases, roles, events and neighbours."""

from __future__ import annotations

from storyline.queries.articles import card
from storyline.queries.common import Page, cached_read, clamp
from storyline.queries.copies import collapse_copies
from storyline.stories.happenings import merge_rows


def list_entities_page(
    store,
    *,
    type: str | None = None,
    q: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> Page:
    limit, offset = clamp(limit, offset)
    if q:  # name matches: few; found up to the end of this page, then cut (total known when short)
        found = store.find_entities(q, limit=offset + limit + 1)
        total = len(found) if len(found) <= offset + limit else None
        return Page(found[offset:offset + limit], total, limit, offset)
    return Page(store.list_entities(type=type, limit=limit, offset=offset), store.count_entities(type), limit, offset)


def role_periods(roles: list[dict]) -> list[dict]:
    """Roles grouped by (office, organization, status): first and last report dates and the sources,
    ordered by when first reported (undated last)."""
    groups: dict[tuple, dict] = {}
    for r in roles:
        key = (
            r["office"].lower(),
            r.get("organization_id") or (r.get("organization") or "").lower(),
            r["status"],
        )
        g = groups.setdefault(
            key,
            dict(
                office=r["office"],
                organization=r.get("organization"),
                organization_id=r.get("organization_id"),
                status=r["status"],
                first=None,
                last=None,
                article_ids=[],
                sentence=r.get("sentence"),
            ),
        )
        when = r.get("as_of")
        if when is not None:
            g["first"] = when if g["first"] is None or when < g["first"] else g["first"]
            g["last"] = when if g["last"] is None or when > g["last"] else g["last"]
        if r["article_id"] not in g["article_ids"]:
            g["article_ids"].append(r["article_id"])
    return sorted(groups.values(), key=lambda g: (g["first"] is None, g["first"] or 0, g["office"]))


@cached_read()
def entity_detail(store, entity_id: int, *, limit: int = 20, offset: int = 0) -> dict | None:
    ent = store.get_entity(entity_id)
    if ent is None:
        return None
    ids = store.entity_article_ids(entity_id, limit=limit, offset=offset)
    roles = store.list_roles(person_id=entity_id, limit=200) if ent["type"] == "PERSON" else []
    return {
        "entity": ent,
        "roles": roles,
        "role_periods": role_periods(roles),
        "events": merge_rows(store.list_events(entity_id=entity_id, limit=60)),
        "co_occurring": store.co_occurring(entity_id, limit=15),
        "articles": collapse_copies(store, [card(a) for a in store.article_cards(ids)]),
        "stories": store.list_stories(entity_id=entity_id, limit=10),
        "limit": limit,
        "offset": offset,
    }
