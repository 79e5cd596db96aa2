"""The API application: routes under ``/api/v1`` (mounted by ``storyline.web.server``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request

from storyline import queries
from storyline.api.ask import router as ask_router
from storyline.api.errors import ERROR_RESPONSES, HANDLED, api_error
from storyline.api.respond import etag_json, page_json
from storyline.config import Settings
from storyline.errors import InvalidValueError
from storyline.queries.common import MAX_OFFSET, Id, Page, clamp, parse_when
from storyline.queries.search import SearchParams
from storyline.stories.happenings import merge_rows

router = APIRouter(responses=ERROR_RESPONSES)
Limit = Query(20, ge=1, le=100, description="Items per page (1-100).")
Offset = Query(0, ge=0, le=MAX_OFFSET, description=f"Items to skip (0-{MAX_OFFSET:,}).")
WHEN = "A date (2026-11-20), an ISO time, or a span back from now (24h, 7d)."


def _store(request: Request):
    return request.app.state.store


def _when(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return parse_when(value)
    except InvalidValueError:
        raise HTTPException(422, f"{name}={value!r} is not a date; {WHEN}") from None


def _article_out(a: dict) -> dict:
    return {k: v for k, v in a.items() if k not in ("raw_page_id", "published_offset", "body_hash", "key")}


@router.get("/articles", summary="Articles, newest first, with filters")
def articles(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    outlet: str | None = None,
    tag: str | None = None,
    since: str | None = Query(None, description=WHEN),
    until: str | None = Query(None, description=WHEN),
    language: str | None = None,
    story_id: Id | None = None,
):
    page = queries.list_articles_page(
        _store(request),
        limit=limit,
        offset=offset,
        outlet=outlet,
        tag=tag,
        since=_when(since, "since"),
        until=_when(until, "until"),
        language=language,
        story_id=story_id,
    )
    return page_json(request, page)


@router.get("/articles/{article_id}", summary="One article: text, entities, mentions, events, related",
            description="Mentions carry character offsets into the body, except those with `label` "
                        "`headline`, whose offsets are into the title.")
def article(request: Request, article_id: Id, related: bool = True):
    data = queries.article_detail(_store(request), article_id, with_related=related)
    if data is None:
        raise HTTPException(404, f"There is no article {article_id}.")
    data["article"] = _article_out(data["article"])
    data.pop("paragraphs")
    return etag_json(request, data)


@router.get("/stories", summary="Stories: top (ranked, with a reason line), newest or most covered")
def stories(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    sort: Literal["top", "newest", "covered"] = Query(
        "top", description="top: ranked by independent outlets, recency, significance, languages and quality, "
        "each item with `reason` and `rank`; newest: last updated first; covered: most outlets first."),
    tag: str | None = None,
    entity_id: Id | None = None,
    outlet: str | None = Query(None, description="An outlet or wire that carried the story."),
    language: str | None = Query(None, description="A language code (en, ja)."),
    since: str | None = Query(None, description=WHEN),
    until: str | None = Query(None, description=WHEN),
):
    page = queries.list_stories_page(
        _store(request), limit=limit, offset=offset, sort=sort, tag=tag, entity_id=entity_id, outlet=outlet,
        language=language, since=_when(since, "since"), until=_when(until, "until"),
    )
    return page_json(request, page)


@router.get("/stories/{story_id}", summary="One story: sources side by side, timeline, disagreements")
def story(request: Request, story_id: Id):
    data = queries.story_detail(_store(request), story_id)
    if data is None:
        raise HTTPException(404, f"There is no story {story_id}.")
    return etag_json(request, data)


@router.get("/entities", summary="Entities by number of articles; q= finds by name or alias")
def entities(
    request: Request, limit: int = Limit, offset: int = Offset, type: str | None = None, q: str | None = None
):
    return page_json(
        request, queries.list_entities_page(_store(request), type=type, q=q, limit=limit, offset=offset)
    )


@router.get("/entities/{entity_id}", summary="One entity: aliases, roles, events, co-occurring entities")
def entity(request: Request, entity_id: Id, limit: int = Limit, offset: int = Offset):
    data = queries.entity_detail(_store(request), entity_id, limit=limit, offset=offset)
    if data is None:
        raise HTTPException(404, f"There is no entity {entity_id}.")
    return etag_json(request, data)


@router.get("/events", summary="Events with participants and sources")
def events(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    type: str | None = None,
    since: str | None = Query(None, description="ISO date (YYYY-MM-DD)"),
    until: str | None = Query(None, description="ISO date (YYYY-MM-DD)"),
    entity_id: Id | None = None,
    merged: bool = Query(True, description="One item per happening: the page's stored event mentions of one "
                         "happening (same kind, overlapping participants, compatible dates) as one item with "
                         "every source, `merged_from` and `independent_sources`; false: each stored mention"),
):
    limit, offset = clamp(limit, offset)
    rows = _store(request).list_events(
        type=type, since=since, until=until, entity_id=entity_id, limit=limit, offset=offset
    )
    # paging stays over stored rows (so every row is reachable); merging is within the page
    return page_json(request, Page(merge_rows(rows) if merged else rows, None, limit, offset))


@router.get("/tags", summary="Hashtags by article count")
def tags(
    request: Request, limit: int = Query(50, ge=1, le=100), offset: int = Offset,
    since: str | None = Query(None, description=WHEN),
):
    page = queries.list_tags(_store(request), limit=limit, offset=offset, since=_when(since, "since"))
    return page_json(request, page)


@router.get("/tags/{name}", summary="Latest articles with a hashtag (name without '#')")
def tag(request: Request, name: str, limit: int = Limit, offset: int = Offset):
    data = queries.tag_page(_store(request), name, limit=limit, offset=offset)
    if not data["articles"].items and offset == 0:
        raise HTTPException(404, f"No articles carry #{data['tag']}.")
    return page_json(request, data["articles"])


@router.get("/search", summary="Full-text search with facets and highlighted snippets")
def search(
    request: Request,
    q: str = Query(
        ...,
        min_length=1,
        description='Words (all must appear; a query of 3+ words that no article holds in full '
        'returns those holding most of them, with "relaxed": true), "phrases", a OR b, '
        '-word or NOT word, prefix*, NEAR(a b, 10); terms after the first 32 are ignored '
        '("clipped": true)',
        max_length=2000,
    ),
    limit: int = Limit,
    offset: int = Offset,
    outlet: str | None = None,
    tag: str | None = None,
    entity: Id | None = None,
    event_type: str | None = None,
    since: str | None = Query(None, description=WHEN),
    until: str | None = Query(None, description=WHEN),
    sort: Literal["relevance", "date"] = Query("relevance", description="relevance (BM25) or date (newest first)"),
):
    _when(since, "since"), _when(until, "until")
    params = SearchParams(
        q=q,
        outlet=outlet,
        tag=tag,
        entity=entity,
        event_type=event_type,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
        sort=sort,
    )
    data = queries.search_page(_store(request), params)
    return page_json(
        request,
        data["results"],
        facets=data["facets"],
        relaxed=data.get("relaxed", False),
        clipped=data.get("clipped", False),
        total_capped=data.get("total_capped", False),
    )


def create_api(store, settings: Settings | None = None) -> FastAPI:
    """The API as its own app (mounted at /api/v1), with its one error handler."""
    api = FastAPI(
        title="Storyline API",
        version="1",
        docs_url=None,
        redoc_url=None,
        description=__doc__,
        servers=[{"url": "/api/v1"}],
    )
    api.state.store = store
    api.state.settings = settings or Settings()
    for exc_class in HANDLED:
        api.add_exception_handler(exc_class, api_error)
    api.include_router(router)
    api.include_router(ask_router, responses=ERROR_RESPONSES)
    api.openapi = lambda: with_response_schemas(api)
    return api


PAGE_SCHEMA = {
    "type": "object",
    "required": ["items", "total", "limit", "offset", "next", "prev"],
    "properties": {
        "items": {"type": "array", "items": {"type": "object"}},
        "total": {"type": ["integer", "null"], "description": "All matching items, when known."},
        "limit": {"type": "integer"},
        "offset": {"type": "integer"},
        "next": {"type": ["string", "null"], "format": "uri", "description": "The next page; null on the last."},
        "prev": {"type": ["string", "null"], "format": "uri"},
    },
}


def with_response_schemas(api: FastAPI) -> dict:
    """The OpenAPI document, with a 200 schema on every route (they return prepared JSON responses):
    the list envelope for paged lists, an object otherwise."""
    if api.openapi_schema:
        return api.openapi_schema
    from fastapi.openapi.utils import get_openapi

    doc = get_openapi(
        title=api.title, version=api.version, description=api.description, routes=api.routes, servers=api.servers
    )
    for ops in doc.get("paths", {}).values():
        for op in ops.values():
            ok = op.setdefault("responses", {}).setdefault("200", {"description": "OK"})
            content = ok.setdefault("content", {}).setdefault("application/json", {})
            if not content.get("schema"):
                paged = any(p.get("name") == "offset" for p in op.get("parameters", []))
                content["schema"] = PAGE_SCHEMA if paged else {"type": "object"}
            ok.setdefault("headers", {})["ETag"] = {
                "schema": {"type": "string"},
                "description": "Send back in If-None-Match for a 304.",
            }
    api.openapi_schema = doc
    return doc
