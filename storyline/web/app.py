"""The HTML side of Storyline: pages, feeds, accounts, comments and watchlists (FastAPI + Jinja2).

``create_web_app(store, settings)`` builds it; ``storyline.web.server`` adds the JSON API under
``/api/v1`` and serves both with uvicorn.
"""

from __future__ import annotations

import logging
import secrets

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.config import Settings
from storyline.errors import InvalidValueError, NotFoundError, StoreError, StorylineError
from storyline.web import (
    ai_routes,
    routes_account,
    routes_feeds,
    routes_marks,
    routes_pages,
    routes_social,
    routes_sources,
)
from storyline.web.render import STATIC, make_templates, page
from storyline.web.security import CSRF_COOKIE, SESSION_COOKIE, Keys, Limits, cookie_args

log = logging.getLogger(__name__)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


async def _context(request: Request, call_next):
    """Per request: the CSRF seed cookie, the signed-in user, and security headers on the way out."""
    keys: Keys = request.app.state.keys
    seed = request.cookies.get(CSRF_COOKIE)
    fresh_seed = None
    if not seed or len(seed) > 64:
        seed = fresh_seed = secrets.token_urlsafe(24)
    request.state.csrf_token = keys.csrf_token(seed)
    uid = keys.session_user_id(request.cookies.get(SESSION_COOKIE))
    request.state.user = request.app.state.store.get_user(uid) if uid else None
    response = await call_next(request)
    if fresh_seed and not getattr(request.state, "no_cookie", False):  # feeds are shared: no cookie
        response.set_cookie(CSRF_COOKIE, fresh_seed, max_age=365 * 86400, **cookie_args(request))
        request.cookies[CSRF_COOKIE] = fresh_seed
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


async def html_errors(request: Request, exc: Exception):
    """The one handler for this app's errors: an HTML page (a JSON body for HTMX/JSON clients)."""
    if isinstance(exc, StarletteHTTPException):
        status, message = exc.status_code, str(exc.detail)
    elif isinstance(exc, RequestValidationError):
        status, message = (
            422,
            "Some of the parameters are not valid: "
            + "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()),
        )
    elif isinstance(exc, (InvalidValueError, NotFoundError)):
        status, message = (404 if isinstance(exc, NotFoundError) else 400), str(exc)
    elif isinstance(exc, OverflowError):  # a number past the parameter bounds, caught before the 500 handler
        status, message = 422, "A number in the request is out of range."
    else:
        log.exception("error on %s", request.url.path)
        status, message = 500, "Something went wrong on our side."
    accept = request.headers.get("accept", "")
    if request.url.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept):
        return JSONResponse(
            {"error": {"code": status, "message": message, "detail": None}}, status_code=status
        )
    return page(
        request,
        "error.html",
        {"status": status, "message": message, "title": f"Error {status}"},
        status=status,
    )


def _session_secret(store, settings: Settings) -> str:
    """The configured key, else the one kept in the store (every worker the same), else (a store that
    cannot be written) a key for this process alone."""
    if settings.secret_key:
        return settings.secret_key
    try:
        return store.shared_secret("session")
    except StoreError as exc:
        log.warning("%s; sessions will not outlive this process", exc)
        return secrets.token_urlsafe(32)


def create_web_app(store, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="Storyline", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.settings = settings
    app.state.keys = Keys(_session_secret(store, settings))
    app.state.limits = Limits(store)
    app.state.templates = make_templates()
    app.middleware("http")(_context)
    for exc_class in (StarletteHTTPException, RequestValidationError, StorylineError, OverflowError, Exception):
        app.add_exception_handler(exc_class, html_errors)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in (routes_feeds, routes_pages, routes_account, routes_social, routes_sources, routes_marks):
        app.include_router(module.router)
    app.include_router(ai_routes.router)
    return app
