"""Feeds: RSS 2.0 (.rss), Atom (.atom) and JSON Feed (.json) for hashtags, entities, stories,
searches, saved searches and each user's watchlist."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from storyline.queries import feeds
from storyline.queries.common import Id
from storyline.queries.watch import saved_search_params
from storyline.web.feeds import feed_response
from storyline.web.routes_pages import search_params
from storyline.web.routes_pages import tag as tag_page

router = APIRouter()
FORMATS = ("rss", "atom", "json")


def _base(request: Request) -> str:
    """Links in feeds use the configured public address, never the request's Host header."""
    return request.app.state.settings.public_url


def _fmt(fmt: str) -> str:
    if fmt not in FORMATS:
        raise HTTPException(404, f"Feeds come as .rss, .atom or .json, not .{fmt}.")
    return fmt


@router.api_route("/tags/{name}.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def tag_feed(request: Request, name: str, fmt: str):
    if fmt not in FORMATS:  # a tag with a dot in it ("u.s.") is a page, not a feed
        return tag_page(request, f"{name}.{fmt}", offset=0, limit=30)
    return feed_response(feeds.tag_feed(request.app.state.store, name), fmt, _base(request), request)


@router.api_route("/entities/{entity_id:int}.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def entity_feed(request: Request, entity_id: Id, fmt: str):
    spec = feeds.entity_feed(request.app.state.store, entity_id)
    if spec is None:
        raise HTTPException(404, f"There is no entity {entity_id}.")
    return feed_response(spec, _fmt(fmt), _base(request), request)


@router.api_route("/stories/top.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def top_stories_feed(request: Request, fmt: str):
    return feed_response(feeds.top_stories_feed(request.app.state.store), _fmt(fmt), _base(request), request)


@router.api_route("/stories/{story_id:int}.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def story_feed(request: Request, story_id: Id, fmt: str):
    spec = feeds.story_feed(request.app.state.store, story_id)
    if spec is None:
        raise HTTPException(404, f"There is no story {story_id}.")
    return feed_response(spec, _fmt(fmt), _base(request), request)


@router.api_route("/search.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def search_feed(
    request: Request,
    fmt: str,
    q: str = "",
    outlet: str | None = None,
    tag: str | None = None,
    entity: Id | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
):
    params = search_params(q, outlet, tag, entity, event_type, since, until, 0)
    return feed_response(feeds.search_feed(request.app.state.store, params), _fmt(fmt), _base(request), request)


@router.api_route("/saved/{rule_id:int}.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def saved_search_feed(request: Request, rule_id: Id, fmt: str):
    rule = request.app.state.store.get_rule(rule_id)
    if rule is None or rule["kind"] != "search":
        raise HTTPException(404, f"There is no saved search {rule_id}.")
    spec = feeds.search_feed(
        request.app.state.store, saved_search_params(rule["value"]), title=f"Saved search: {rule['label']}"
    )
    return feed_response(spec, _fmt(fmt), _base(request), request)


@router.api_route("/me/feed.{fmt}", methods=["GET", "HEAD"], include_in_schema=False)
def personal_feed(request: Request, fmt: str, token: str = ""):
    user = request.app.state.store.get_user_by_feed_token(token)
    if user is None:
        raise HTTPException(404, "No feed for that token; copy the feed link from your page.")
    return feed_response(feeds.personal_feed(request.app.state.store, user), _fmt(fmt), _base(request), request)
