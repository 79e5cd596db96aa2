"""Admin actions on subscriptions: subscribe, OPML import/export, pause, resume, refresh now, remove.
The scheduler process picks the changes up at its next tick (they live in the store)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from storyline.errors import SchedulerError
from storyline.scheduler.subscribe import MIN_INTERVAL_S, export_opml, subscribe, subscribe_opml_bytes
from storyline.web.routes_account import require_user
from storyline.web.security import check_csrf

router = APIRouter()
MAX_OPML_BYTES = 2_000_000


def _admin(request: Request) -> dict:
    user = require_user(request)
    if not user["is_admin"]:
        raise HTTPException(403, "Only an admin can manage subscriptions.")
    return user


def _back(message: str) -> RedirectResponse:
    from urllib.parse import quote

    return RedirectResponse(f"/sources?msg={quote(message[:300])}#subscriptions", status_code=303)


def _interval(minutes: int) -> int:
    seconds = int(minutes) * 60
    if seconds < MIN_INTERVAL_S or seconds > 7 * 86400:
        raise HTTPException(422, f"The interval must be between {MIN_INTERVAL_S // 60} minute and 7 days.")
    return seconds


@router.post("/sources/subscribe")
def add(request: Request, url: str = Form(""), minutes: int = Form(30), csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    _admin(request)
    try:
        result = subscribe(request.app.state.store, [url.strip()], interval_s=_interval(minutes),
                           settings=request.app.state.settings)
    except SchedulerError as exc:
        raise HTTPException(422, str(exc)) from exc
    if result.refused:
        raise HTTPException(422, result.refused[0])
    return _back(f"Subscribed to {url.strip()}" if result.added else f"Already subscribed to {url.strip()}")


@router.post("/sources/import")
async def import_opml(request: Request, file: Annotated[UploadFile, File()], minutes: int = Form(30),
                      csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    _admin(request)
    data = await file.read(MAX_OPML_BYTES + 1)
    if len(data) > MAX_OPML_BYTES:
        raise HTTPException(413, "That OPML file is over 2 MB.")
    result = subscribe_opml_bytes(request.app.state.store, data, file.filename or "upload.opml",
                                  interval_s=_interval(minutes), settings=request.app.state.settings)
    if result.refused and not (result.added or result.existing):
        raise HTTPException(422, "; ".join(result.refused[:3]))
    return _back(f"Imported {len(result.added)} new, {len(result.existing)} already there, "
                 f"{len(result.refused)} refused")


@router.get("/sources.opml")
def export(request: Request):
    _admin(request)
    return Response(export_opml(request.app.state.store), media_type="text/x-opml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="storyline-subscriptions.opml"'})


@router.post("/sources/{sub_id:int}/{action}")
def act(request: Request, sub_id: int, action: str, csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    _admin(request)
    store, now = request.app.state.store, datetime.now(UTC)
    if action == "remove":
        done = store.remove_subscription(sub_id)
    elif action == "pause":
        done = store.update_subscription(sub_id, paused=True)
    elif action in ("resume", "refresh"):
        done = store.update_subscription(sub_id, paused=False, next_check_at=now)
    else:
        raise HTTPException(404, f"No action {action!r}.")
    if not done:
        raise HTTPException(404, "No such subscription.")
    verb = {"remove": "Removed", "pause": "Paused", "resume": "Resumed", "refresh": "Refresh queued for"}[action]
    return _back(f"{verb} subscription {sub_id}")
