"""Comments (post, edit, delete, moderate) and watchlists (follow, unfollow, webhook, run now)."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from storyline.queries import comments as cq
from storyline.queries import watch
from storyline.queries.common import Id
from storyline.web.render import page
from storyline.web.routes_account import require_user
from storyline.web.routes_pages import safe_comments
from storyline.web.security import check_csrf, client_ip, limit

router = APIRouter()


def _target_path(target_type: str, target_id: int) -> str:
    return f"/{'articles' if target_type == 'article' else 'stories'}/{target_id}"


def _back(request: Request, path: str, anchor: str = "comments"):
    """HTMX gets the refreshed comments block; plain forms get a redirect (post/redirect/get)."""
    return RedirectResponse(f"{path}#{anchor}", status_code=303)


def _comments_partial(request: Request, target_type: str, target_id: int, error: str | None = None,
                      status: int = 400):
    rows = safe_comments(request.app.state.store, target_type, target_id, request.state.user)
    return page(
        request,
        "_comments.html",
        {"comments": rows, "target": (target_type, target_id), "error": error},
        status=status if error else 200,
    )


@router.post("/comments")
def post_comment(
    request: Request,
    target_type: str = Form(...),
    target_id: Id = Form(...),
    body: str = Form(""),
    csrf_token: str = Form(""),
):
    check_csrf(request, csrf_token)
    user = require_user(request)
    try:
        limit(request.app.state.limits.post, f"u{user['id']}")
        limit(request.app.state.limits.post, client_ip(request))
    except HTTPException as exc:  # say so where the comment was typed; the text stays in the box
        if request.headers.get("hx-request"):
            return _comments_partial(request, target_type, target_id, str(exc.detail), status=exc.status_code)
        raise
    try:
        cq.post_comment(request.app.state.store, user, target_type, target_id, body)
    except cq.CommentTargetMissing as exc:
        raise HTTPException(404, str(exc)) from exc
    except cq.CommentError as exc:
        if request.headers.get("hx-request"):
            return _comments_partial(request, target_type, target_id, str(exc))
        raise HTTPException(400, str(exc)) from exc
    if request.headers.get("hx-request"):
        return _comments_partial(request, target_type, target_id)
    return _back(request, _target_path(target_type, target_id))


@router.post("/comments/{comment_id:int}/{action}")
def change_comment(
    request: Request, comment_id: Id, action: str, body: str = Form(""), csrf_token: str = Form("")
):
    check_csrf(request, csrf_token)
    user = require_user(request)
    store = request.app.state.store
    try:
        if action == "edit":
            limit(request.app.state.limits.post, f"u{user['id']}")
            c = cq.edit_comment(store, user, comment_id, body)
        elif action == "delete":
            c = cq.delete_comment(store, user, comment_id)
        elif action in ("hide", "show"):
            c = cq.moderate(store, user, comment_id, action)
        else:
            raise HTTPException(404, f"Unknown comment action {action!r}.")
    except cq.CommentError as exc:
        raise HTTPException(403, str(exc)) from exc
    if action in ("hide", "show") and request.headers.get("referer", "").endswith("/admin/moderation"):
        return RedirectResponse("/admin/moderation", status_code=303)
    return _back(request, _target_path(c["target_type"], c["target_id"]))


@router.post("/follow")
def follow(
    request: Request,
    kind: str = Form(...),
    value: str = Form(...),
    label: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/me"),
):
    check_csrf(request, csrf_token)
    user = require_user(request)
    try:
        watch.follow(request.app.state.store, user["id"], kind, value, label or None)
    except (watch.WatchError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc
    return RedirectResponse(
        next if next.startswith("/") and not next.startswith("//") else "/me", status_code=303
    )


@router.post("/unfollow/{rule_id:int}")
def unfollow(request: Request, rule_id: Id, csrf_token: str = Form(""), next: str = Form("/me")):
    check_csrf(request, csrf_token)
    user = require_user(request)
    try:
        watch.unfollow(request.app.state.store, user["id"], rule_id)
    except watch.WatchError as exc:
        raise HTTPException(404, str(exc)) from exc
    return RedirectResponse(
        next if next.startswith("/") and not next.startswith("//") else "/me", status_code=303
    )


@router.post("/watchlists/{watchlist_id:int}")
def update_watchlist(
    request: Request,
    watchlist_id: Id,
    name: str = Form(""),
    webhook_url: str = Form(""),
    csrf_token: str = Form(""),
):
    check_csrf(request, csrf_token)
    user = require_user(request)
    store = request.app.state.store
    wl = store.get_watchlist(watchlist_id)
    if wl is None or wl["user_id"] != user["id"]:
        raise HTTPException(404, "No such watchlist.")
    try:
        url = watch.check_webhook_url(webhook_url, request.app.state.settings)
    except watch.WatchError as exc:
        raise HTTPException(400, str(exc)) from exc
    store.update_watchlist(watchlist_id, name=(name.strip() or wl["name"])[:100], webhook_url=url)
    return RedirectResponse("/me", status_code=303)


@router.post("/watch/run")
def run_watch(request: Request, csrf_token: str = Form("")):
    """Admin: match watchlists and deliver webhooks now (the server also does it every minute)."""
    check_csrf(request, csrf_token)
    user = require_user(request)
    if not user["is_admin"]:
        raise HTTPException(403, "Only an admin can run the watchlist round.")
    watch.run_watch_round(
        request.app.state.store, base_url=request.app.state.settings.public_url, settings=request.app.state.settings
    )
    return RedirectResponse("/me", status_code=303)
