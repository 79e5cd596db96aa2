"""Reading pages: front, story, article, hashtag, entity, search, sources, status."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse
from markupsafe import Markup

from storyline import queries
from storyline.errors import InvalidValueError
from storyline.queries import comments as cq
from storyline.queries.common import Id, Offset, optional_write, parse_when
from storyline.queries.search import SearchParams
from storyline.web.render import STATIC, page

router = APIRouter()


def safe_comments(store, target_type: str, target_id: int, viewer) -> list[dict]:
    """Comments with their HTML marked safe: ``render_comment`` escaped the text and nh3 cleaned it."""
    rows = cq.comments_for(store, target_type, target_id, viewer)
    for row in rows:
        row["html"] = Markup(row["html"])
    return rows


def _store(request: Request):
    return request.app.state.store


def _following(request: Request, kind: str, value: str) -> int | None:
    """The rule id when the signed-in user follows this tag/entity/search."""
    user = request.state.user
    if not user:
        return None
    for wl in _store(request).list_watchlists(user["id"]):
        for rule in wl["rules"]:
            if rule["kind"] == kind and rule["value"] == value:
                return rule["id"]
    return None


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: the SVG icon, cached for a day."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/", name="front")
def front(request: Request):
    data = queries.front_page(_store(request))
    return page(request, "front.html", {"title": "Storyline — today's stories", **data})


@router.get("/stories", name="stories")
def stories(
    request: Request,
    sort: str = "top",
    tag: str | None = None,
    entity: int | None = Query(None, ge=1),
    outlet: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(20, ge=1, le=100),
):
    """The river of stories: top (ranked, with reasons), newest or most covered; paged and filtered."""
    errors = []
    when = {}
    for name, value in (("since", since), ("until", until)):
        try:  # a bad date is said above the list, with the form kept, not as an error page
            when[name] = parse_when(value)
        except InvalidValueError as exc:
            when[name] = None
            errors.append(f"{name}: {exc}")
    sort = sort if sort in queries.SORTS else "top"
    filters = {"tag": (tag or "").lstrip("#") or None, "entity_id": entity, "outlet": outlet or None,
               "language": language or None}
    result = queries.list_stories_page(_store(request), limit=limit, offset=offset, sort=sort, per_story=3,
                                       since=when["since"], until=when["until"], **filters)
    keep = {k: v for k, v in {"sort": sort, "tag": filters["tag"], "entity": entity, "outlet": outlet,
                              "language": language, "since": since, "until": until, "limit": limit}.items() if v}
    return page(request, "stories.html", {
        "title": "Stories", "result": result, "sort": sort, "errors": errors,
        "form": {"tag": tag or "", "entity": entity or "", "outlet": outlet or "", "language": language or "",
                 "since": since or "", "until": until or ""},
        "base": "/stories?" + urlencode(keep) + "&",
        "outlets": [o["outlet"] for o in _store(request).outlets()[:200]], "sorts": queries.SORTS,
    })


@router.get("/stories/{story_id:int}", name="story")
def story(request: Request, story_id: Id):
    data = queries.story_detail(_store(request), story_id)
    if data is None:
        raise HTTPException(404, f"There is no story {story_id}.")
    comments = safe_comments(_store(request), "story", story_id, request.state.user)
    return page(
        request,
        "story.html",
        {"title": data["story"]["title"], "comments": comments, "target": ("story", story_id), **data},
    )


@router.get("/articles/{article_id:int}", name="article")
def article(request: Request, article_id: Id):
    store = _store(request)
    data = queries.article_detail(store, article_id)
    if data is None:
        raise HTTPException(404, f"There is no article {article_id}.")
    user = request.state.user
    optional_write("read count", store.record_read, article_id, user["id"] if user else None)
    marks = {}
    if user:  # opening an article marks it read for this reader
        store.set_marks(user["id"], [article_id], "read", True)
        marks = store.marks_for(user["id"], [article_id]).get(article_id, {})
    comments = safe_comments(store, "article", article_id, user)
    title = data["article"].get("title") or "Article"
    return page(
        request,
        "article.html",
        {"title": title, "comments": comments, "target": ("article", article_id), "marks": marks, **data},
    )


@router.get("/tags/{name}", name="tag")
def tag(request: Request, name: str, offset: Offset = 0, limit: int = Query(30, ge=1, le=100)):
    data = queries.tag_page(_store(request), name, limit=limit, offset=offset)
    if not data["articles"].items and offset == 0:
        raise HTTPException(404, f"No articles carry #{data['tag']} yet.")
    return page(
        request,
        "tag.html",
        {
            "title": f"Latest news with #{data['tag']}",
            "following": _following(request, "tag", data["tag"]),
            **data,
        },
    )


@router.get("/tags", name="tags")
def tags(request: Request, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=100)):
    result = queries.list_tags(_store(request), limit=limit, offset=offset)
    return page(request, "tags.html", {"title": "Hashtags", "tags": result.items, "result": result,
                                       "base": f"/tags?limit={limit}&"})


@router.get("/entities/{entity_id:int}", name="entity")
def entity(request: Request, entity_id: Id, offset: Offset = 0):
    data = queries.entity_detail(_store(request), entity_id, offset=offset)
    if data is None:
        raise HTTPException(404, f"There is no entity {entity_id}.")
    return page(
        request,
        "entity.html",
        {"title": data["entity"]["name"], "following": _following(request, "entity", str(entity_id)), **data},
    )


@router.get("/entities", name="entities")
def entities(request: Request, type: str | None = None, q: str | None = None,
             offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=100)):
    result = queries.list_entities_page(_store(request), type=type or None, q=q or None, limit=limit, offset=offset)
    keep = urlencode({k: v for k, v in {"type": type, "q": q, "limit": limit}.items() if v})
    return page(request, "entities.html", {"title": "Entities", "entities": result.items, "result": result,
                                           "type": type, "q": q or "", "base": f"/entities?{keep}&"})


def search_params(q: str, outlet, tag, entity, event_type, since, until, offset, limit=20,
                  sort: str = "relevance") -> SearchParams:
    return SearchParams(
        sort="date" if sort == "date" else "relevance",
        q=q or "",
        outlet=outlet or None,
        tag=(tag or "").lstrip("#") or None,
        entity=entity,
        event_type=event_type or None,
        since=since or None,
        until=until or None,
        limit=limit,
        offset=offset,
    )


@router.get("/search", name="search")
def search(
    request: Request,
    q: str = "",
    outlet: str | None = None,
    tag: str | None = None,
    entity: Id | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: Offset = 0,
    sort: str = "relevance",
):
    params = search_params(q, outlet, tag, entity, event_type, since, until, offset, sort=sort)
    data = queries.search_page(_store(request), params)  # a mistyped date: InvalidValueError, a 400 page
    for hit in data["results"].items:  # search escapes the text itself; only its <mark> tags remain
        hit["snippet"] = Markup(hit["snippet"])
    filters = params.filters()
    ctx = {
        "title": f"Search: {q}" if q else "Search",
        "filters": filters,
        "qs": urlencode({"q": q, **filters}),
        "saved": _following(request, "search", urlencode({"q": q, **filters})) if q else None,
        **data,
    }
    template = "search_results.html" if request.headers.get("hx-request") else "search.html"
    return page(request, template, ctx)


@router.get("/sources", name="sources")
def sources(request: Request):
    return page(request, "sources.html", {"title": "Sources", **queries.sources_page(_store(request))})


@router.get("/status", name="status")
def status(request: Request):
    return page(request, "status.html", {"title": "Status", **queries.status_page(_store(request))})
