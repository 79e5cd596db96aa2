"""A feed server on 127.0.0.1 whose answers a test changes while the scheduler polls it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None  # answer 304 to a matching If-None-Match


class FeedServer:
    """``answers[path]`` is served; ``hits`` records (path, start, end) of every request."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.answers: dict[str, Answer] = {}
        self.hits: list[tuple[str, float, float]] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                start = time.monotonic()
                with owner.lock:
                    answer = owner.answers.get(self.path)
                if answer is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                    self.send_response(304)
                    self.send_header("ETag", answer.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    if answer.etag:
                        self.send_header("ETag", answer.etag)
                    for key, value in answer.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(answer.body)
                with owner.lock:
                    owner.hits.append((self.path, start, time.monotonic()))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def set(self, path: str, **kwargs) -> None:
        with self.lock:
            self.answers[path] = Answer(**kwargs)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _, _ in self.hits if p == path)


def rss(base: str, items: list[tuple[str, str]], title: str = "Test Wire") -> bytes:
    """An RSS 2.0 feed whose items link to ``base + path``: [(path, title), ...]."""
    when = format_datetime(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid><pubDate>{when}</pubDate></item>"
        for p, t in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{base}/</link>'
            f"<description>test</description>{entries}</channel></rss>").encode()


def article_html(title: str, paragraphs: list[str], published: str = "2026-11-20T09:00:00+00:00") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="en"><head><title>{title}</title>'
            f'<meta property="og:site_name" content="Test Wire">'
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()
