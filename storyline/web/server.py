"""The whole application (web pages + feeds + ``/api/v1``) and ``serve(db, host=, port=)``.

This module is the composition root: the one place that puts the web app and the API app together
(they never call each other; both call ``storyline.queries``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from storyline.api import create_api
from storyline.config import Settings
from storyline.queries.watch import run_watch_round
from storyline.store import open_store
from storyline.web.app import create_web_app

log = logging.getLogger(__name__)
WATCH_EVERY = 60.0  # seconds between watchlist rounds while serving


async def _watch_loop(app: FastAPI) -> None:
    """Match watchlists and deliver webhooks every minute (new articles come from `storyline ingest`)."""
    while True:
        await asyncio.sleep(WATCH_EVERY)
        try:
            base = app.state.settings.public_url
            await asyncio.to_thread(run_watch_round, app.state.store, base_url=base, settings=app.state.settings)
        except Exception:
            log.exception("watchlist round failed")


def create_app(store, settings: Settings | None = None, *, watch_loop: bool = False) -> FastAPI:
    settings = settings or Settings()
    app = create_web_app(store, settings)
    api = create_api(store, settings)
    app.mount("/api/v1", api)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi():
        return JSONResponse(api.openapi())

    if watch_loop:

        @app.on_event("startup")
        async def _start():  # pragma: no cover - exercised by `storyline serve`
            app.state.watch_task = asyncio.create_task(_watch_loop(app))

        @app.on_event("shutdown")
        async def _stop():  # pragma: no cover
            task = getattr(app.state, "watch_task", None)
            if task:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return app


def uvicorn_options(settings: Settings) -> dict:
    """Proxy headers are believed only from ``trusted_proxies`` (uvicorn's own default trusts 127.0.0.1,
    which let anyone on the machine pick their address, e.g. to dodge the login limits)."""
    trusted = [a.strip() for a in settings.trusted_proxies.split(",") if a.strip()]
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or []}


def app_from_environment() -> FastAPI:
    """The app of one server worker process (``serve(workers=N)``): its store and settings from the
    ``STORYLINE_*`` environment the parent set. Sessions, CSRF and rate limits live in the store, so
    every worker answers every visitor alike."""
    settings = Settings()
    return create_app(open_store(settings.db), settings, watch_loop=False)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info",
          watch_loop: bool = True, workers: int = 1) -> None:
    """Serve the app on the store ``db`` with uvicorn (blocking). ``watch_loop``: match watchlists
    every minute in this process (off when a scheduler process does it, and with several workers).
    ``workers`` > 1: that many server processes on one port (uvicorn's supervisor)."""
    import os

    import uvicorn

    settings = Settings(db=db, host=host, port=port)
    store = open_store(db)  # created or migrated once, here, before any worker starts
    if workers > 1:
        store.shared_secret("session")  # made once, before the workers race for it
        store.close()
        os.environ.update(STORYLINE_DB=db, STORYLINE_HOST=host, STORYLINE_PORT=str(port))
        uvicorn.run("storyline.web.server:app_from_environment", factory=True, workers=workers, host=host,
                    port=port, log_level=log_level, **uvicorn_options(settings))
        return
    try:
        uvicorn.run(
            create_app(store, settings, watch_loop=watch_loop), host=host, port=port, log_level=log_level,
            **uvicorn_options(settings),
        )
    finally:
        store.close()


@contextlib.contextmanager
def background_server(app, host: str = "127.0.0.1", port: int = 0):
    """Run ``app`` with uvicorn in a thread on an ephemeral port; yields the base URL (tests, screenshots)."""
    import socket
    import threading
    import time

    import uvicorn

    sock = socket.socket()
    sock.bind((host, port))
    port = sock.getsockname()[1]
    settings = getattr(app.state, "settings", None) or Settings()
    config = uvicorn.Config(app, log_level="warning", lifespan="off", **uvicorn_options(settings))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
