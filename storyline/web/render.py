"""Jinja2 templates (autoescape on) and the filters pages use: ages, exact times, number formats."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from storyline.queries.common import as_utc

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def age(value, now: datetime | None = None) -> str:
    """'4 hours ago', 'in 2 days', 'just now'; '' for no time."""
    when = as_utc(value)
    if when is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    for unit, size in _UNITS:
        if seconds >= size:
            n = int(seconds // size)
            text = f"{n} {unit}{'s' if n != 1 else ''}"
            return f"in {text}" if future else f"{text} ago"
    return "just now"


def exact(value) -> str:
    """The time as the page gave it (its own offset kept): '2026-11-22 21:00 +09:00'."""
    if not isinstance(value, datetime):
        value = as_utc(value)
    if value is None:
        return ""
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    off = value.strftime("%z")
    return value.strftime("%Y-%m-%d %H:%M ") + ("UTC" if off in ("+0000", "") else f"{off[:3]}:{off[3:]}")


def time_tag(value, cls: str = "") -> Markup:
    """``<time datetime=ISO title=exact>4 hours ago</time>``; app.js puts the reader's zone in the title."""
    when = as_utc(value)
    if when is None:
        return Markup("")
    return Markup('<time class="{}" datetime="{}" title="{}">{}</time>').format(
        cls, when.isoformat(), exact(value), age(when)
    )


_ISO = re.compile(r"\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


def machine_time(text) -> bool:
    """True for a machine-readable time (ISO 8601 from a meta tag): shown as a <time>, never raw."""
    return bool(text) and bool(_ISO.fullmatch(str(text)))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.autoescape = True
    env.filters.update(
        age=age,
        exact=exact,
        time_tag=time_tag,
        num=lambda n: f"{n:,}" if isinstance(n, int) else n,
        etype=lambda t: (t or "").replace("_", " "),
        machine_time=machine_time,
    )
    env.globals["now"] = lambda: datetime.now(UTC)
    return templates


def page(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    """Render with the shared context: the signed-in user and the CSRF token for forms."""
    templates: Jinja2Templates = request.app.state.templates
    ctx = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf": getattr(request.state, "csrf_token", ""),
        **context,
    }
    return templates.TemplateResponse(request, template, ctx, status_code=status)
