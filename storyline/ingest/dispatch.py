"""The dispatcher behind :func:`storyline.ingest.iter_inputs`: one input in, records out.

Local paths are sniffed (content first, then extension) and read with bounded memory; URLs go
through one shared :class:`Fetcher`. Feeds, OPML lists and sitemaps turn into more fetches, kept
within ``MAX_DEPTH`` levels. Every failure becomes an :class:`IngestProblem` and the run goes on.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from storyline.config import Settings
from storyline.errors import InputFormatError, StorylineError, TooLargeError
from storyline.ingest import sniff
from storyline.ingest.common import (
    GunzipStream,
    gunzip_capped,
    inflate_head,
    mtime_utc,
    problem,
    problem_from,
)
from storyline.ingest.feeds import FeedEntry, FeedState, entry_page, parse_feed, parse_json_feed, parse_opml
from storyline.ingest.http import Fetcher
from storyline.ingest.records import iter_json_document, iter_jsonl, iter_warc
from storyline.ingest.sitemaps import MAX_DEPTH, MAX_SITEMAPS, parse_sitemap
from storyline.models import FetchedPage, IngestProblem

log = logging.getLogger(__name__)
Record = FetchedPage | IngestProblem
HEAD_BYTES = 1 << 16
_DOCS = (sniff.FEED, sniff.JSONFEED, sniff.OPML, sniff.SITEMAP)


class Ingest:
    """State for one run: settings, the shared fetcher (made on first use), feed state."""

    def __init__(self, settings: Settings, *, fetched_at: datetime | None = None,
                 client: httpx.Client | None = None, feed_state: FeedState | None = None,
                 fetcher: Fetcher | None = None):
        self.settings, self.fetched_at, self.feed_state = settings, fetched_at, feed_state
        self._client, self._fetcher, self._own_fetcher = client, fetcher, False
        self._sitemaps_read = 0

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher, self._own_fetcher = Fetcher(self.settings, self._client), self._client is None
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    # ------------------------------------------------------------------ inputs

    def run(self, inputs: list[str]) -> Iterator[Record]:
        try:
            for raw in inputs:
                item = os.fspath(raw) if isinstance(raw, os.PathLike) else str(raw)
                self._sitemaps_read = 0
                if not item.strip():
                    yield problem(repr(item), "not-found", "blank input name; give a path or a URL")
                    continue
                yield from self.guarded(item, lambda item=item: self.one(item))
        finally:
            self.close()

    def guarded(self, source: str, make: Callable[[], Iterator[Record]]) -> Iterator[Record]:
        """Records of ``make()``; an error (even a bug) ends only this input, as a problem."""
        try:
            yield from make()
        except StorylineError as exc:
            yield problem_from(exc, source)
        except OSError as exc:  # permissions, a file vanishing mid-run, a device instead of a file
            yield problem(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        except Exception as exc:
            log.exception("ingest failed on %s", source)
            yield problem(source, "internal-error", f"{type(exc).__name__}: {exc} (a bug; please report)")

    def one(self, item: str, depth: int = 0) -> Iterator[Record]:
        scheme = urlsplit(item).scheme.lower() if "://" in item else ""
        if scheme in ("http", "https"):
            yield from self.url(item, depth)
        elif scheme == "file":
            yield from self.path(Path(unquote(urlsplit(item).path)), item, depth)
        elif scheme:
            yield problem(item, "blocked-scheme", f"scheme {scheme!r} is not read; give a path or an http(s) URL")
        else:
            yield from self.path(Path(item), item, depth)

    def path(self, path: Path, source: str, depth: int) -> Iterator[Record]:
        if path.is_dir():
            for file in walk_sorted(path):
                if file.suffix.lower() in NOT_PAGES:  # docs and code beside the pages, not input
                    continue
                yield from self.guarded(str(file), lambda f=file: self.file(f, str(f), depth))
        elif path.is_file():
            yield from self.file(path, source, depth)
        else:
            yield problem(source, "not-found", "no such file or folder")

    # ------------------------------------------------------------------ local files

    def file(self, path: Path, source: str, depth: int) -> Iterator[Record]:
        stat = path.stat()
        when = self.fetched_at or mtime_utc(stat.st_mtime)
        if stat.st_size == 0:
            yield problem(source, "empty", "file is empty")
            return
        with open(path, "rb") as fh:
            raw_head = fh.read(HEAD_BYTES)
        gz = raw_head.startswith(sniff.GZIP_MAGIC)
        try:
            head = inflate_head(raw_head, HEAD_BYTES) if gz else raw_head
        except ValueError as exc:
            yield problem(source, "bad-gzip", f"corrupt or truncated gzip ({exc})", raw_head)
            return
        fmt = sniff.detect(head, path.name)
        if fmt in (sniff.WARC, sniff.JSONL):
            yield from self.container(path, source, fmt, gz, when)
            return
        cap = self.settings.max_page_bytes
        if stat.st_size > cap:
            yield problem(source, "too-large", f"{stat.st_size} bytes, over the {cap}-byte cap; not read")
            return
        data = path.read_bytes()
        if gz:
            try:
                data, over = gunzip_capped(data, cap)
            except ValueError as exc:
                yield problem(source, "bad-gzip", f"corrupt or truncated gzip ({exc})", data)
                return
            if over:
                yield problem(source, "too-large", f"decompresses to over the {cap}-byte cap")
                return
        yield from self.document(data, fmt, source, when, depth, base=path.parent)

    def container(self, path: Path, source: str, fmt: str, gz: bool, when: datetime) -> Iterator[Record]:
        """A JSONL or WARC file, streamed (the cap applies per record, not to the file).

        A gzipped one is inflated by :class:`GunzipStream` (not warcio), which notices a truncated
        last member and keeps every record before the break.
        """
        reader = iter_warc if fmt == sniff.WARC else iter_jsonl
        with open(path, "rb") as raw:
            gunzip = GunzipStream(raw) if gz else None
            stream = io.BufferedReader(gunzip) if gunzip else raw
            yield from reader(stream, source, self.settings.max_page_bytes, when)
        if gunzip and gunzip.error:
            yield problem(source, "bad-gzip", f"{gunzip.error}; records before it were kept")

    # ------------------------------------------------------------------ documents

    def document(self, data: bytes, fmt: str, source: str, when: datetime, depth: int, *,
                 base: Path | None = None, page: FetchedPage | None = None) -> Iterator[Record]:
        """Records from one whole document whose format is known (a parse error keeps the bytes)."""
        try:
            yield from self._document(data, fmt, source, when, depth, base=base, page=page)
        except InputFormatError as exc:
            exc.content = data  # type: ignore[attr-defined]
            raise

    def _document(self, data: bytes, fmt: str, source: str, when: datetime, depth: int, *,
                  base: Path | None, page: FetchedPage | None) -> Iterator[Record]:
        if fmt in (sniff.HTML, sniff.TEXT):
            yield page or FetchedPage(source=source, content=data, fetched_at=when, kind=fmt)
        elif fmt == sniff.EMPTY:
            yield problem(source, "empty", "no content (only whitespace)", data)
        elif fmt == sniff.BINARY:
            named = sniff.known_format(data)
            kind, what = ("unsupported", f"a {named}, not a page") if named else ("binary", "binary data, not text")
            yield problem(source, kind, what, data)
        elif fmt in _DOCS and depth >= MAX_DEPTH:
            yield problem(source, "too-deep", f"nested more than {MAX_DEPTH} feed/sitemap levels; not followed")
        elif fmt == sniff.FEED:
            entries, reason = parse_feed(data, source, page.url if page else None)
            if reason:
                yield problem(source, "malformed-feed", f"XML errors ({reason}); {len(entries)} entries "
                              "read leniently", data)
            yield from self.entries(entries, source, when, base)
        elif fmt == sniff.JSONFEED:
            yield from self.entries(parse_json_feed(data, source, page.url if page else None), source, when, base)
        elif fmt == sniff.OPML:
            yield from self.opml(parse_opml(data, source), base, depth, page)
        elif fmt == sniff.SITEMAP:
            yield from self.sitemap(data, source, depth, page)
        elif fmt == sniff.JSON:
            yield from iter_json_document(data, source, when)
        elif fmt == sniff.JSONL:
            yield from iter_jsonl(io.BytesIO(data), source, self.settings.max_page_bytes, when)
        elif fmt == sniff.WARC:
            yield from iter_warc(io.BytesIO(data), source, self.settings.max_page_bytes, when)
        else:
            yield problem(source, "unsupported", "not HTML, a page dump, records, a feed, OPML or a sitemap "
                          "(plain text needs the .txt extension)", data)

    def opml(self, feeds: list[str], base: Path | None, depth: int, page: FetchedPage | None) -> Iterator[Record]:
        for feed in feeds:
            yield from self.guarded(feed, lambda f=feed: self.reference(f, base, depth + 1, page))

    def sitemap(self, data: bytes, source: str, depth: int, page: FetchedPage | None) -> Iterator[Record]:
        kind, locs = parse_sitemap(data, source)
        self._sitemaps_read += 1
        for loc in locs:
            if kind == "sitemapindex" and self._sitemaps_read >= MAX_SITEMAPS:
                yield problem(loc, "too-deep", f"over {MAX_SITEMAPS} sitemaps for one input; not followed")
                continue
            yield from self.guarded(loc, lambda u=loc: self.reference(u, None, depth + 1, page))

    def reference(self, ref: str, base: Path | None, depth: int, page: FetchedPage | None) -> Iterator[Record]:
        """Follow a URL named inside a document: http(s), or a relative URL/path resolved against it.

        A document never makes us read a local file by ``file://`` or an absolute path; a *local*
        OPML may name feed files by relative path inside its own folder.
        """
        if page is not None:
            ref = urljoin(page.url or page.source, ref)
        scheme = urlsplit(ref).scheme.lower()
        if scheme in ("http", "https"):
            yield from self.url(ref, depth)
        elif base is not None and not scheme and (local := inside(base, ref)) is not None:
            yield from self.path(local, str(local), depth)
        else:
            yield problem(ref, "blocked-scheme", "a document may only point to http(s) URLs "
                          "(or, for a local OPML, files in its own folder); not followed")

    # ------------------------------------------------------------------ URLs and feed entries

    def url(self, url: str, depth: int) -> Iterator[Record]:
        """Fetch a URL and read whatever it turns out to be (page, feed, OPML, sitemap...)."""
        etag, modified = (self.feed_state.get(url) if self.feed_state else None) or (None, None)
        page = self.fetcher.fetch(url, etag=etag, last_modified=modified)
        if page.status == 304:
            yield problem(url, "not-modified", "unchanged since the last fetch (HTTP 304); nothing new")
            return
        data, fmt = self._sniff_fetched(page)
        if self.fetched_at:
            page.fetched_at = self.fetched_at
        if fmt in (sniff.HTML, sniff.TEXT):
            page.kind, page.content = fmt, data
        yield from self.document(data, fmt, url, page.fetched_at, depth, page=page)
        if fmt in (sniff.FEED, sniff.JSONFEED) and self.feed_state:
            self.feed_state.set(url, page.headers.get("etag"), page.headers.get("last-modified"))

    def _sniff_fetched(self, page: FetchedPage) -> tuple[bytes, str]:
        data = page.content
        if data.startswith(sniff.GZIP_MAGIC):  # e.g. sitemap.xml.gz served as application/gzip
            try:
                data, over = gunzip_capped(data, self.settings.max_page_bytes)
            except ValueError as exc:
                raise InputFormatError(f"{page.source}: corrupt gzip body ({exc})", source=page.source,
                                       kind="bad-gzip") from exc
            if over:
                raise TooLargeError(f"{page.source}: gzip body decompresses past the "
                                    f"{self.settings.max_page_bytes}-byte cap", source=page.source)
        fmt = sniff.detect(data[:HEAD_BYTES], urlsplit(page.url or page.source).path)
        if fmt == sniff.UNKNOWN:
            mime = (page.content_type or "").split(";", 1)[0].strip().lower()
            fmt = {"text/html": sniff.HTML, "application/xhtml+xml": sniff.HTML, "text/plain": sniff.TEXT}.get(
                mime, fmt)
        return data, fmt

    def entries(self, entries: list[FeedEntry], source: str, when: datetime, base: Path | None) -> Iterator[Record]:
        if not entries:  # a valid feed with no items is an outcome, not silence
            yield problem(source, "empty-feed", "a valid feed with no items (nothing to read yet)")
        for entry in entries:
            yield from self.guarded(entry.link or source, lambda e=entry: self.entry(e, source, when, base))

    def entry(self, entry: FeedEntry, source: str, when: datetime, base: Path | None) -> Iterator[Record]:
        """The entry's page (fetched); if that fails, a page built from the feed's own content."""
        link, failure = entry.link, None
        if link and _scheme(link) in ("http", "https") and self.settings.fetch_feed_entries:
            try:
                page = self.fetcher.fetch(link)
                data, fmt = self._sniff_fetched(page)
                if fmt in (sniff.HTML, sniff.TEXT):
                    page.source, page.kind, page.content, page.feed_entry = source, fmt, data, entry.meta()
                    page.fetched_at = self.fetched_at or page.fetched_at
                    yield page
                    return
                failure = problem(link, "unsupported", f"entry of {source} links to {fmt} content, not a page")
            except StorylineError as exc:
                failure = problem_from(exc, link)
                failure.message += f" (entry of feed {source})"
        elif link and base is not None and (local := inside(base, link)) is not None and local.is_file():
            for rec in self.file(local, str(local), MAX_DEPTH):
                if isinstance(rec, FetchedPage):
                    rec.source, rec.feed_entry = source, entry.meta()
                yield rec
            return
        if failure:
            yield failure
        fallback = entry_page(entry, source, self.fetched_at or when)
        if fallback:
            yield fallback
        elif not failure:
            yield problem(source, "empty", f"feed entry {entry.title or entry.link!r} has no fetchable link "
                          "and no content")


# In a folder walk these are documentation, configuration or code, never pages: skipped quietly.
# Named explicitly on the command line they are still reported as unsupported.
NOT_PAGES = frozenset({".md", ".rst", ".toml", ".ini", ".cfg", ".yaml", ".yml", ".py", ".js", ".css",
                       ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".lock"})

def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:  # e.g. "Invalid IPv6 URL": not fetched; the entry's own content is kept
        return ""


def walk_sorted(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, skipping hidden files and folders (``.git``...)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def inside(base: Path, ref: str) -> Path | None:
    """``base / ref`` when that stays inside ``base`` (no absolute paths, no ``..`` escapes), else None."""
    target = (base / unquote(ref)).resolve()
    root = base.resolve()
    return target if target == root or root in target.parents else None
