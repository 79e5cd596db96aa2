"""Per-user triage: read / starred / saved marks on articles, mark all read, the starred and saved lists."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse

from storyline.queries.articles import card
from storyline.queries.common import Page
from storyline.web.render import page
from storyline.web.routes_account import require_user
from storyline.web.security import check_csrf

router = APIRouter()
KINDS = ("read", "star", "save")
MAX_IDS = 500


def _ids(text: str) -> list[int]:
    out = [int(t) for t in (text or "").replace(" ", "").split(",") if t.isdigit()]
    if len(out) > MAX_IDS:
        raise HTTPException(422, f"At most {MAX_IDS} articles at once.")
    return out


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or bool(request.headers.get("hx-request"))


@router.get("/marks.json", include_in_schema=False)
def marks(request: Request, ids: str = ""):
    user = request.state.user
    if not user:
        return JSONResponse({"marks": {}, "signed_in": False})
    found = request.app.state.store.marks_for(user["id"], _ids(ids))
    return JSONResponse({"marks": {str(k): v for k, v in found.items()}, "signed_in": True})


@router.post("/marks", include_in_schema=False)
def set_marks(request: Request, ids: str = Form(""), kind: str = Form("read"), on: str = Form("1"),
              csrf_token: str = Form(""), next: str = Form("/")):
    check_csrf(request, csrf_token)
    user = require_user(request)
    if kind not in KINDS:
        raise HTTPException(422, f"kind is one of {', '.join(KINDS)}, not {kind!r}.")
    article_ids = _ids(ids)
    store = request.app.state.store
    count = store.set_marks(user["id"], article_ids, kind, on not in ("0", "false", "off", ""))
    if _wants_json(request):
        found = store.marks_for(user["id"], article_ids)
        return JSONResponse({"count": count, "marks": {str(k): v for k, v in found.items()}})
    return RedirectResponse(next if next.startswith("/") and not next.startswith("//") else "/", status_code=303)


@router.get("/me/{kind}", name="marked")
def marked(request: Request, kind: str, offset: int = Query(0, ge=0), limit: int = Query(30, ge=1, le=100)):
    if kind not in ("starred", "saved"):
        raise HTTPException(404, "Lists are /me/starred and /me/saved.")
    user = request.state.user
    if not user:
        return RedirectResponse(f"/login?next=/me/{kind}", status_code=303)
    store = request.app.state.store
    ids, total = store.marked_article_ids(user["id"], "star" if kind == "starred" else "save",
                                          limit=limit, offset=offset)
    rows = {a["id"]: a for a in store.get_articles(ids)}
    result = Page([card(rows[i]) for i in ids if i in rows], total, limit, offset)
    return page(request, "marked.html", {"title": kind.capitalize(), "kind": kind, "result": result,
                                         "base": f"/me/{kind}?limit={limit}&"})
