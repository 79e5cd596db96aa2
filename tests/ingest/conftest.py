"""Fixtures for ingest tests: the data folder, settings, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from storyline.config import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

Route = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def data_dir() -> Path:
    return DATA


def _make_settings(**overrides) -> Settings:
    base = {"per_host_delay": 0.0, "fetch_timeout": 2.0, "allowed_hosts": "", "allow_private_addresses": False,
            "respect_robots": True, "max_redirects": 5, "max_page_bytes": 10_000_000}
    base.update(overrides)
    return Settings(**base)


@pytest.fixture
def make_settings() -> Callable[..., Settings]:
    """Settings for tests: no politeness delay, short timeout; keyword overrides."""
    return _make_settings


@pytest.fixture
def settings() -> Settings:
    return _make_settings()


@dataclass
class LocalServer:
    """A threaded http.server; tests register routes (path -> handler function) and read the log."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def serve(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> str:
        """A fixed response at ``path``; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers.setdefault("Content_Type", "text/html; charset=utf-8")
        self.routes[path] = lambda h: send(h, status, data, **headers)
        return self.url(path)

    send = staticmethod(lambda h, status, body=b"", **headers: send(h, status, body, **headers))


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    """Write a whole response (headers given as keyword args, ``_`` for ``-``)."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _handler_class(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(path)
            if route is None:
                send(self, 404, b"<html><body>not here</body></html>", Content_Type="text/html")
            else:
                route(self)

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture(scope="module")
def _server() -> Iterator[LocalServer]:
    state = LocalServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def local_server(_server: LocalServer) -> LocalServer:
    """The module's server with no routes and an empty request log."""
    _server.routes.clear()
    _server.requests.clear()
    _server.sent.clear()
    return _server


@pytest.fixture
def local_client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False) as client:
        yield client


def slow_route(seconds: float) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            send(h, 200, b"<html><body>late</body></html>", Content_Type="text/html")
        except OSError:
            pass

    return route


LocalServer.slow = staticmethod(slow_route)  # type: ignore[attr-defined]
