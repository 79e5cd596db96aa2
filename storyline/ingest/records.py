"""Container inputs holding many pages: JSONL (and JSON arrays) and WARC archives.

Both are streamed, so a large container is fine; the size cap applies to each page. A bad
record is a problem naming ``file:line`` (JSONL) or ``file#recordN`` (WARC); the other
records still go through.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from storyline.ingest.common import charset_of, parse_time, problem
from storyline.models import FetchedPage, IngestProblem

Record = FetchedPage | IngestProblem
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


# ---------------------------------------------------------------------------- JSONL


def iter_jsonl(stream: BinaryIO, source: str, cap: int, default_time: datetime) -> Iterator[Record]:
    """One page per line of ``{"url", "html" | "text", "fetched_at"}``; blank lines are skipped."""
    lineno = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > cap and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield problem(where, "too-large", f"line over the {cap}-byte cap; skipped")
            continue
        if line.strip():
            yield _line_record(line, source, where, default_time)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 16)
        if not chunk or chunk.endswith(b"\n"):
            return


def _line_record(line: bytes, source: str, where: str, default_time: datetime) -> Record:
    try:
        obj = json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return problem(where, "malformed-jsonl", f"not a JSON line ({exc})", line)
    return record_page(obj, source, where, default_time, line)


def iter_json_document(data: bytes, source: str, default_time: datetime) -> Iterator[Record]:
    """A ``.json`` file holding one record object or an array of them."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        yield problem(source, "unsupported", f"not JSON Feed and not JSON records ({exc})", data)
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        raw = json.dumps(item, ensure_ascii=False).encode("utf-8")
        yield record_page(item, source, f"{source}[{index}]", default_time, raw)


def record_page(obj: Any, source: str, where: str, default_time: datetime, raw: bytes) -> Record:
    """A page from one record, or a ``malformed-jsonl`` problem saying which field is wrong."""
    if not isinstance(obj, dict):
        return problem(where, "malformed-jsonl", f"expected an object, got {type(obj).__name__}", raw)
    html, text, url = obj.get("html"), obj.get("text"), obj.get("url")
    body, kind = (html, "html") if isinstance(html, str) and html.strip() else (text, "text")
    if not isinstance(body, str) or not body.strip():
        return problem(where, "malformed-jsonl", "record has no non-empty 'html' or 'text' string", raw)
    if url is not None and not isinstance(url, str):
        return problem(where, "malformed-jsonl", "'url' must be a string", raw)
    fetched = parse_time(obj.get("fetched_at"))
    if obj.get("fetched_at") is not None and fetched is None:
        return problem(where, "malformed-jsonl", f"'fetched_at' is not ISO-8601: {obj['fetched_at']!r}", raw)
    return FetchedPage(
        source=source, content=body.encode("utf-8"), fetched_at=fetched or default_time,
        url=url or None, kind=kind, encoding="utf-8",
        content_type=f"text/{'html' if kind == 'html' else 'plain'}; charset=utf-8",
    )


# ---------------------------------------------------------------------------- WARC


def iter_warc(stream: BinaryIO, source: str, cap: int, default_time: datetime) -> Iterator[Record]:
    """Pages from WARC ``response`` (and ``resource``) records; other record types are skipped.

    warcio treats a truncated file as a normal end, so the stream is watched: a gzip break, a
    record shorter than its Content-Length, or bytes left after the last whole record are problems.
    """
    watch = _Watch(stream)
    iterator = ArchiveIterator(watch)
    iterator.loader = _Loader(verify_http=False, arc2warc=False)
    end = 0
    try:
        for number, rec in enumerate(iterator, start=1):
            result = _warc_record(rec, source, cap, default_time, number) if rec.rec_type in (
                "response", "resource") else None
            if _cut_short(rec):
                yield problem(source, "malformed-warc", f"record {number} is cut short (truncated file?)")
                return
            if result is not None:
                yield result
            end = iterator.get_record_offset() + iterator.get_record_length()
    except ArchiveLoadFailed as exc:
        yield problem(source, "malformed-warc", f"unreadable WARC data ({exc}); records before it were kept")
        return
    if watch.error:
        yield problem(source, "bad-gzip", f"gzip stream breaks off ({watch.error}); records before it were kept")
    elif watch.leftover(end).strip():
        yield problem(source, "malformed-warc", "incomplete record at the end of the file; earlier records kept")


class _Loader(ArcWarcRecordLoader):
    """warcio's loader, except that a record without ``WARC-Target-URI`` does not crash it.

    warcio calls ``uri.startswith`` on the (missing) URI; such a record is read without HTTP
    headers, and a ``response`` record without them is reported as a problem below.
    """

    def load_http_headers(self, rec_type, uri, stream, length):
        return super().load_http_headers(rec_type, uri or "", stream, length)


def _status(rec: Any) -> int | None:
    """The archived HTTP status as a number; None when the status line does not start with one."""
    code = (rec.http_headers.get_statuscode() or "").strip()
    return int(code) if code.isdigit() and len(code) <= 3 else None


def _cut_short(rec: Any) -> bool:
    """Drain the record's raw block; True if the file ended inside its headers or its block."""
    length = rec.rec_headers.get_header("Content-Length") or ""
    if not length.strip().isdigit():  # mandatory in WARC; missing when the header block was cut
        return True
    raw = rec.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


class _Watch:
    """A read-only stream wrapper that counts bytes, keeps the tail, and turns a gzip break into a flag."""

    TAIL = 1 << 16

    def __init__(self, stream: BinaryIO):
        self.stream, self.consumed, self.tail, self.error = stream, 0, b"", ""

    def _seen(self, data: bytes) -> bytes:
        self.consumed += len(data)
        self.tail = (self.tail + data)[-self.TAIL:]
        return data

    def read(self, size: int = -1) -> bytes:
        try:
            return self._seen(self.stream.read(size))
        except (EOFError, OSError, zlib.error) as exc:
            self.error = str(exc) or type(exc).__name__
            return b""

    def readline(self, size: int = -1) -> bytes:
        try:
            return self._seen(self.stream.readline(size))
        except (EOFError, OSError, zlib.error) as exc:
            self.error = str(exc) or type(exc).__name__
            return b""

    def leftover(self, end: int) -> bytes:
        """Bytes read after offset ``end`` (all of them if more than the kept tail: then surely junk)."""
        extra = self.consumed - end
        if extra <= 0:
            return b""
        return self.tail[-extra:] if extra <= len(self.tail) else b"x"


def _warc_record(rec: Any, source: str, cap: int, default_time: datetime, number: int) -> Record:
    uri = rec.rec_headers.get_header("WARC-Target-URI") or None
    where = f"{source}#record{number} ({uri or 'no target URI'})"
    fetched = parse_time(rec.rec_headers.get_header("WARC-Date")) or default_time
    status: int | None = None
    headers: dict[str, str] = {}
    content_type = rec.rec_headers.get_header("Content-Type")
    if rec.http_headers is not None:
        status = _status(rec)
        if status is None:
            return problem(where, "malformed-warc", "archived HTTP status line has no numeric status")
        headers = {k.lower(): v for k, v in rec.http_headers.headers}
        content_type = headers.get("content-type", content_type)
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if rec.rec_type == "response" and rec.http_headers is None:
        return problem(where, "malformed-warc", "response record without HTTP headers")
    if mime and mime not in _PAGE_TYPES:
        return problem(where, "unsupported", f"media type {mime} is not a page; skipped")
    body = rec.content_stream().read(cap + 1)
    if len(body) > cap:
        return problem(where, "too-large", f"record body over the {cap}-byte cap")
    if status is not None and status >= 300:
        return problem(where, "http-error", f"archived response has HTTP status {status}", body)
    return FetchedPage(
        source=source, content=body, fetched_at=fetched, url=uri, status=status,
        content_type=content_type, kind="text" if mime == "text/plain" else "html",
        encoding=charset_of(content_type), headers=headers,
    )
