"""``/api/v1/ask``: a question in (``GET ?q=`` or ``POST {"question": ...}``), an answer with the
sentences it cites out. Part of the API app, so it is in ``/openapi.json`` and its errors have the
API's one shape."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Query, Request

from storyline.ai import ask
from storyline.config import Settings

router = APIRouter()
MAX_QUESTION = 500


def _answer(request: Request, q: str) -> dict:
    q = (q or "").strip()
    if not q:
        raise HTTPException(422, "Ask a question: ?q=... or a JSON body {\"question\": ...}")
    if len(q) > MAX_QUESTION:
        raise HTTPException(422, f"Questions are limited to {MAX_QUESTION} characters.")
    settings = getattr(request.app.state, "settings", None) or Settings()
    return ask(request.app.state.store, q, settings=settings)


@router.get("/ask", summary="Answer a question with citations")
def ask_get(request: Request, q: str = Query("", description="The question (at most 500 characters).")):
    return _answer(request, q)


@router.post("/ask", summary="Answer a question with citations")
def ask_post(request: Request, body: Annotated[dict, Body(examples=[{"question": "Who met whom in Tokyo?"}])]):
    return _answer(request, str(body.get("question") or body.get("q") or ""))
