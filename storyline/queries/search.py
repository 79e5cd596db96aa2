"""Full-text search with facets (outlet, entity, hashtag, event type, date)."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.queries.common import Page, TTLCache, clamp, parse_when
from storyline.queries.copies import collapse_copies
from storyline.search import FACET_SAMPLE, MAX_TERMS, search_articles, split_negatives

_CACHE = TTLCache(seconds=60)


@dataclass
class SearchParams:
    q: str = ""
    outlet: str | None = None
    tag: str | None = None
    entity: int | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    language: str | None = None
    sort: str = "relevance"  # or "date": newest first
    limit: int | None = None
    offset: int | None = None
    extra: dict = field(default_factory=dict)

    def filters(self) -> dict:
        """The active filters as query-string values (for links and saved searches)."""
        out = {
            k: getattr(self, k)
            for k in ("outlet", "tag", "entity", "event_type", "since", "until", "language")
        }
        if self.sort == "date":
            out["sort"] = "date"
        return {k: v for k, v in out.items() if v not in (None, "")}


def search_page(store, params: SearchParams, *, facets: bool = True) -> dict:
    """One page of hits (with safe-HTML snippets), the total, and facets; cached a minute per query
    (and invalidated by every ingest batch: ``Store.data_version``)."""
    limit, offset = clamp(params.limit, params.offset)
    positive, negatives = split_negatives(params.q)
    if not params.q.strip() or not positive:
        notice = ("Add a word to look for: -word and NOT word only leave out articles that contain it."
                  if negatives else None)
        return {"params": params, "results": Page([], 0, limit, offset), "facets": {}, "notice": notice}
    key = (store.db, id(store), params.q, tuple(sorted(params.filters().items())), limit, offset, facets)
    return _CACHE.get(key, store.data_version(), lambda: _search(store, params, limit, offset, facets))


def _search(store, params: SearchParams, limit: int, offset: int, facets: bool) -> dict:
    filters = dict(
        outlet=params.outlet,
        tag=params.tag,
        entity_id=params.entity,
        event_type=params.event_type,
        since=parse_when(params.since),
        until=parse_when(params.until),
        language=params.language,
    )
    res = search_articles(store, params.q, limit=limit, offset=offset, facets=facets,
                          sort="date" if params.sort == "date" else "relevance", relax=True, **filters)
    facet_data = {}
    for name, values in res.facets.items():
        items = []
        for value, n in values:
            if name == "entity":
                label, _, eid = str(value).rpartition("|")
                items.append({"value": eid, "label": label, "count": n})
            else:
                items.append({"value": value, "label": value, "count": n})
        facet_data[name] = items
    return {
        "params": params,
        "results": Page(collapse_copies(store, [dict(h) for h in res.hits]), res.total, limit, offset),
        "facets": facet_data,
        "facets_sampled": res.facets_sampled,
        "facet_sample": FACET_SAMPLE,
        "relaxed": res.relaxed,
        "clipped": res.clipped,
        "total_capped": res.total_capped,
        "max_terms": MAX_TERMS,
    }
