"""AI pages: ``/ask`` (HTML), ``/briefing`` (the briefing page) and ``/stories/{id}/summary.json``.

The JSON endpoint ``/api/v1/ask`` is part of the API app (:mod:`storyline.api.ask`). The briefing
page is a self-contained document with inline CSS and SVG, so it is served with its own
Content-Security-Policy (no scripts at all).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.ai import ask, build_briefing, render_html, summarize_story
from storyline.ai.briefing import parse_since
from storyline.ai.suggest import suggested_questions
from storyline.ai.summary_cache import cached_summary
from storyline.config import Settings
from storyline.errors import NotFoundError
from storyline.queries.common import MAX_ID, Id, reference_time
from storyline.web.render import page

router = APIRouter()
BRIEFING_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                "form-action 'none'; frame-ancestors 'none'")


def _store(request: Request):
    return request.app.state.store


def _settings(request: Request) -> Settings:
    return getattr(request.app.state, "settings", None) or Settings()


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = ""):
    result = ask(_store(request), q.strip()[:500], settings=_settings(request)) if q.strip() else None
    suggestions = [] if result else suggested_questions(_store(request))
    return page(request, "ai/ask.html", {"title": "Ask", "q": q, "result": result, "suggestions": suggestions})


WINDOWS = ("24h", "3d", "7d", "14d", "30d")


@router.get("/briefing", response_class=HTMLResponse)
def briefing_page(request: Request, since: str = "24h", now: str | None = None, tag: str | None = None,
                  entity: str | None = None, watchlist: str | None = None):
    """The briefing with its controls: window, hashtag, entity, watchlist, earlier/later windows. Without
    ``now`` the window ends at the newest article when the corpus is older than two days."""
    store = _store(request)
    try:
        when = datetime.fromisoformat(now) if now else reference_time(store)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        start = parse_since(since, when)
        wl = int(watchlist) if watchlist else None  # "" is the form's "all watchlists"
        if wl is not None and not 0 <= wl <= MAX_ID:
            raise ValueError(f"watchlist={watchlist!r} is out of range")
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    b = build_briefing(store, since=start, now=when, tag=tag or None, entity=entity or None, watchlist=wl)
    user = getattr(request.state, "user", None)
    span = when - start

    def link(end) -> str:
        query = {"since": since, "now": end.isoformat(timespec="minutes"), "tag": tag, "entity": entity,
                 "watchlist": watchlist}
        return "/briefing?" + urlencode({k: v for k, v in query.items() if v})

    latest = reference_time(store)
    controls = {
        "windows": WINDOWS if since in WINDOWS else (since, *WINDOWS), "since": since, "tag": tag, "entity": entity,
        "watchlist": wl, "now": when.isoformat(timespec="minutes"),
        "watchlists": store.list_watchlists(user["id"]) if user else [],
        "earlier": link(when - span), "later": link(when + span) if when + span <= latest + span / 2 else None,
        "latest": "/briefing?" + urlencode({"since": since}),
        "note": None if now or abs((datetime.now(UTC) - when).total_seconds()) < 3600
        else f"This corpus is older: the window ends at its newest article ({when:%Y-%m-%d %H:%M} UTC).",
    }
    csp = BRIEFING_CSP.replace("form-action 'none'", "form-action 'self'")
    return HTMLResponse(render_html(b, controls), headers={"Content-Security-Policy": csp})


@router.get("/stories/{story_id:int}/summary", response_class=HTMLResponse, include_in_schema=False)
def story_summary_fragment(request: Request, story_id: int):
    """The story page's summary slot (loaded after the page; cached until the story changes)."""
    return _summary_fragment(request, "story", story_id)


@router.get("/articles/{article_id:int}/summary", response_class=HTMLResponse, include_in_schema=False)
def article_summary_fragment(request: Request, article_id: int):
    return _summary_fragment(request, "article", article_id)


def _summary_fragment(request: Request, kind: str, item_id: int):
    summary = cached_summary(_store(request), kind, item_id)
    if summary is None:
        raise HTTPException(404, f"There is no {kind} {item_id}.")
    return page(request, "ai/_summary.html", {"summary": summary})


@router.get("/stories/{story_id}/summary.json")
def story_summary(request: Request, story_id: Id, sentences: int = Query(6, ge=1, le=20)):
    try:
        return JSONResponse(summarize_story(_store(request), story_id, max_sentences=sentences).as_dict())
    except NotFoundError:
        raise HTTPException(404, f"story {story_id} not found") from None


__all__ = ["router"]
