"""Small helpers shared by the ingest readers: problems, times, bounded reads."""

from __future__ import annotations

import io
import zlib
from datetime import UTC, datetime
from typing import BinaryIO

from storyline.errors import StorylineError
from storyline.models import IngestProblem

READ_CHUNK = 1 << 16


def problem(source: str, kind: str, message: str, content: bytes | None = None) -> IngestProblem:
    """An :class:`IngestProblem` whose message always names the input."""
    if source not in message:
        message = f"{source}: {message}"
    return IngestProblem(source=source, kind=kind, message=message, content=content or None)


def problem_from(exc: StorylineError, source: str) -> IngestProblem:
    """Turn a raised ingest error into a problem record (kind from the error, body if it kept one)."""
    found = problem(source, exc.kind, str(exc), getattr(exc, "content", None))
    found.retry_after = getattr(exc, "retry_after", None)
    return found


def parse_time(value: object) -> datetime | None:
    """An ISO-8601 string as a tz-aware datetime (naive means UTC), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def mtime_utc(stat_mtime: float) -> datetime:
    return datetime.fromtimestamp(stat_mtime, tz=UTC)


def gunzip_capped(data: bytes, cap: int) -> tuple[bytes, bool]:
    """Decompress (possibly multi-member) gzip ``data`` up to ``cap`` bytes.

    Raises ``ValueError`` for a corrupt or truncated stream. The flag says the output passed
    the cap (a gzip bomb stops there instead of filling memory).
    """
    out, total = [], 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(data, cap + 1 - total)
        except zlib.error as exc:
            raise ValueError(str(exc)) from exc
        out.append(chunk)
        total += len(chunk)
        if total > cap:
            return b"".join(out)[:cap], True
        if not inflater.eof:
            raise ValueError("compressed data ends before the end-of-stream marker (truncated)")
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(out), False


def inflate_head(raw: bytes, size: int) -> bytes:
    """Up to ``size`` decompressed bytes from the start of gzip data (ValueError when corrupt).

    Tolerates truncation (the caller finds out later, with every record before the break kept).
    """
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, size)
    except zlib.error as exc:
        raise ValueError(str(exc)) from exc


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, lower-cased, or None."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'").lower()
    return None


class GunzipStream(io.RawIOBase):
    """Streaming multi-member gzip reader that keeps what it inflated before a break.

    ``gzip.GzipFile`` raises on a truncated file and the bytes of that last read are lost;
    here the data up to the break is returned, then end-of-file, and ``error`` says what broke.
    Output per step is bounded, so a gzip bomb never sits in memory whole.
    """

    STEP = 1 << 16

    def __init__(self, raw: BinaryIO):
        self.raw, self.error = raw, ""
        self._inflater, self._started = zlib.decompressobj(16 + zlib.MAX_WBITS), False
        self._pending, self._out = b"", b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._out and self._fill():
            pass
        size = min(len(buffer), len(self._out))
        buffer[:size] = self._out[:size]
        self._out = self._out[size:]
        return size

    def _fill(self) -> bool:
        """Inflate one step into ``_out``; False at the end (clean or broken)."""
        data = self._pending or self.raw.read(self.STEP)
        if not data:
            if self._started:
                self.error = "compressed data ends before the end-of-stream marker (truncated)"
            return False
        try:
            self._out = self._inflater.decompress(data, self.STEP * 16)
        except zlib.error as exc:
            self.error = f"corrupt gzip data ({exc})"
            return False
        self._started, self._pending = True, self._inflater.unconsumed_tail
        if self._inflater.eof:  # next member, if any (some writers pad with NULs)
            self._pending = self._inflater.unused_data.lstrip(b"\x00")
            self._inflater, self._started = zlib.decompressobj(16 + zlib.MAX_WBITS), False
        return True
