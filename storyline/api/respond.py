"""JSON responses with ETags (a 304 when ``If-None-Match`` matches) and paginated list envelopes."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from fastapi import Request
from fastapi.responses import Response

from storyline.queries.common import Page


def _default(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, bytes):
        return None
    return str(value)


def etag_json(request: Request, data, *, max_age: int = 30) -> Response:
    body = json.dumps(data, default=_default, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    tag = '"' + hashlib.sha1(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={max_age}"}
    wanted = request.headers.get("if-none-match", "")
    if wanted and (wanted.strip() == "*" or tag in [t.strip().removeprefix("W/") for t in wanted.split(",")]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def page_json(request: Request, page: Page, **extra) -> Response:
    return etag_json(request, {**page_dict(request, page), **extra})


def public_link(request: Request, url) -> str:
    """A link to ``url`` on the configured public address (settings ``base_url``, else host:port),
    never on the request's Host header."""
    settings = getattr(request.app.state, "settings", None)
    base = urlsplit(settings.public_url if settings is not None else "http://127.0.0.1:8000")
    u = urlsplit(str(url))
    return urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + u.path, u.query, ""))


def page_dict(request: Request, page: Page) -> dict:
    """The list envelope: items, total (when known), limit, offset, and next/prev links."""
    nxt = page.next_offset
    next_url = (
        public_link(request, request.url.include_query_params(offset=nxt, limit=page.limit))
        if nxt is not None
        else None
    )
    prev = page.prev_offset
    prev_url = (
        public_link(request, request.url.include_query_params(offset=prev, limit=page.limit))
        if prev is not None
        else None
    )
    return {
        "items": page.items,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next": next_url,
        "prev": prev_url,
    }
