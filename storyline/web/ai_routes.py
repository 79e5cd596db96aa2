"""AI pages: ``/ask`` (HTML), ``/briefing`` (the briefing page) and ``/stories/{id}/summary.json``.

The JSON endpoint ``/api/v1/ask`` is part of the API app (:mod:`storyline.api.ask`). The briefing
page is a self-contained document with inline CSS and SVG, so it is served with its own
Content-Security-Policy (no scripts at all).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.ai import ask, build_briefing, render_html, summarize_story
from storyline.ai.briefing import parse_since
from storyline.config import Settings
from storyline.errors import NotFoundError
from storyline.queries.common import Id
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
    return page(request, "ai/ask.html", {"title": "Ask", "q": q, "result": result})


@router.get("/briefing", response_class=HTMLResponse)
def briefing_page(request: Request, since: str = "24h", now: str | None = None, tag: str | None = None,
                  entity: str | None = None, watchlist: Id | None = None):
    try:
        when = datetime.fromisoformat(now) if now else datetime.now(UTC)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        start = parse_since(since, when)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    b = build_briefing(_store(request), since=start, now=when, tag=tag, entity=entity, watchlist=watchlist)
    return HTMLResponse(render_html(b), headers={"Content-Security-Policy": BRIEFING_CSP})


@router.get("/stories/{story_id}/summary.json")
def story_summary(request: Request, story_id: Id, sentences: int = Query(6, ge=1, le=20)):
    try:
        return JSONResponse(summarize_story(_store(request), story_id, max_sentences=sentences).as_dict())
    except NotFoundError:
        raise HTTPException(404, f"story {story_id} not found") from None


__all__ = ["router"]
