"""Accounts: register (the first account is the admin), sign in/out, the reader's own page."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from storyline.queries.accounts import AccountError, authenticate, register
from storyline.queries.common import optional_write
from storyline.queries.watch import match_watchlists
from storyline.web.render import page
from storyline.web.security import SESSION_AGE, SESSION_COOKIE, check_csrf, client_ip, cookie_args, limit

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect off-site after a login."""
    return (
        target
        if target and target.startswith("/") and not target.startswith("//") and "\\" not in target
        else "/me"
    )


def _signed_in(request: Request, user_id: int, target: str) -> RedirectResponse:
    resp = RedirectResponse(_safe_next(target), status_code=303)
    resp.set_cookie(
        SESSION_COOKIE,
        request.app.state.keys.session_value(user_id),
        max_age=SESSION_AGE,
        **cookie_args(request),
    )
    return resp


@router.get("/register", name="register")
def register_form(request: Request, next: str = "/me"):
    return page(request, "register.html", {"title": "Create an account", "next": next, "error": None})


@router.post("/register")
def register_post(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/me"),
):
    check_csrf(request, csrf_token)
    limit(request.app.state.limits.register, client_ip(request))
    try:
        uid = register(request.app.state.store, username, password)
    except AccountError as exc:
        return page(
            request,
            "register.html",
            {"title": "Create an account", "next": next, "error": str(exc), "username": username},
            status=400,
        )
    return _signed_in(request, uid, next)


@router.get("/login", name="login")
def login_form(request: Request, next: str = "/me"):
    return page(request, "login.html", {"title": "Sign in", "next": next, "error": None})


@router.post("/login")
def login_post(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/me"),
):
    check_csrf(request, csrf_token)
    limit(request.app.state.limits.login, client_ip(request))
    limit(request.app.state.limits.login_account, "account:" + username.strip().lower()[:100])
    user = authenticate(request.app.state.store, username, password)
    if user is None:
        return page(
            request,
            "login.html",
            {"title": "Sign in", "next": next, "username": username, "error": "Wrong username or password."},
            status=400,
        )
    return _signed_in(request, user["id"], next)


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    resp = RedirectResponse("/", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


def require_user(request: Request) -> dict:
    user = request.state.user
    if not user:
        raise HTTPException(401, "Sign in first.")
    return user


@router.get("/me", name="me")
def me(request: Request):
    user = request.state.user
    if not user:
        return RedirectResponse("/login?next=/me", status_code=303)
    store = request.app.state.store
    # cheap when nothing is new (rules already at the newest article are skipped); never needed to render
    optional_write("watchlist matching", match_watchlists, store)
    return page(
        request,
        "me.html",
        {
            "title": "My page",
            "watchlists": (lists := store.list_watchlists(user["id"])),
            "unread": store.unread_match_counts(user["id"], [w["id"] for w in lists]),
            "matches": store.list_matches(user_id=user["id"], limit=60),
        },
    )


@router.get("/admin/moderation", name="moderation")
def moderation(request: Request):
    user = require_user(request)
    if not user["is_admin"]:
        raise HTTPException(403, "Only an admin can see the moderation queue.")
    store = request.app.state.store
    return page(
        request,
        "moderation.html",
        {
            "title": "Moderation queue",
            "pending": store.comments_by_status("pending"),
            "hidden": store.comments_by_status("hidden", limit=30),
        },
    )
