"""Cheap content sniffing: what an input is, from its first bytes and (weakly) its name.

Strong signals in the content (a WARC header, an RSS/Atom/RDF/OPML/sitemap root element, a JSON
Feed version, an HTML doctype) win over the file extension; the extension decides between the
weak cases (``.txt`` is a page dump, ``.jsonl`` is records); bytes with no marker fall back to
light heuristics. Nothing here decodes a page for real: that is extract's job.
"""

from __future__ import annotations

import json
import re

# formats returned by :func:`detect`
HTML, TEXT, JSONL, JSON, WARC, FEED, JSONFEED, OPML, SITEMAP = (
    "html", "text", "jsonl", "json", "warc", "feed", "jsonfeed", "opml", "sitemap"
)
BINARY, EMPTY, UNKNOWN = "binary", "empty", "unknown"

GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MAGIC = {  # known non-text formats, named in the "unsupported" message
    b"%PDF-": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive", b"BZh": "bzip2 archive", b"\xfd7zXZ": "xz archive", b"RIFF": "RIFF media",
}
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")
_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S | re.I)
_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|h1)[\s>/]", re.I)
_FEED_ROOTS = {b"rss": FEED, b"feed": FEED, b"rdf": FEED}
_XML_ROOTS = {**_FEED_ROOTS, b"opml": OPML, b"urlset": SITEMAP, b"sitemapindex": SITEMAP, b"html": HTML}
EXTENSIONS = {
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".txt": TEXT, ".jsonl": JSONL, ".ndjson": JSONL,
    ".warc": WARC, ".arc": WARC, ".rss": FEED, ".atom": FEED, ".rdf": FEED, ".opml": OPML,
    ".json": JSONFEED, ".xml": UNKNOWN,
}


def known_format(head: bytes) -> str | None:
    """A non-text format named by its magic number ("PDF", "PNG image"...), or None."""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def is_binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes (a BOM'd UTF-16 text is not binary)."""
    if not head or head.startswith(_BOMS[1:]):
        return False
    sample = head[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)  # ESC: ISO-2022-JP
    return controls > len(sample) * 0.05


def strip_bom(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            return head[len(bom):]
    return head


def root_element(head: bytes) -> bytes | None:
    """Local name of the first element, lower-cased (``rdf:RDF`` -> ``rdf``), skipping prolog."""
    text = strip_bom(head)
    pos = 0
    while True:
        m = _SKIP.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _ROOT.match(text, pos)
    if not m:
        return None
    name = m.group(1).lower()
    return name.split(b":")[0] if name.startswith(b"rdf:") else name.rsplit(b":", 1)[-1]


def detect(head: bytes, name: str = "") -> str:
    """Format of an input from its first (decompressed) bytes and its name."""
    body = strip_bom(head).lstrip()
    if not body:
        return EMPTY
    if body.startswith(b"WARC/"):
        return WARC
    if is_binary(head):
        return BINARY
    strong = _strong(body)
    if strong:
        return strong
    by_name = extension_format(name)
    if by_name == JSONFEED:
        return JSON
    if by_name not in (None, UNKNOWN):
        return by_name
    if body.startswith(b"{"):
        return JSONL
    if _HTML_HINT.search(body[:4096]):
        return HTML
    return UNKNOWN if by_name is None else by_name


def _strong(body: bytes) -> str | None:
    if body.startswith(b"<"):
        root = root_element(body)
        if root in _XML_ROOTS:
            return _XML_ROOTS[root]
        if re.match(rb"<!doctype\s+html", body, re.I):
            return HTML
    if body.startswith(b"{") and b"jsonfeed.org/version" in body[:4096]:
        return JSONFEED if _looks_like_json_feed(body) else None
    return None


def _looks_like_json_feed(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:  # truncated head of a large file: trust the version marker
        return b'"version"' in body[:4096]
    return isinstance(data, dict) and "jsonfeed.org/version" in str(data.get("version", ""))


def extension_format(name: str) -> str | None:
    """Format implied by a file name (``.gz`` looked through), or None when unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(".warc") or ".warc." in lower:
        return WARC
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot > lower.rfind("/") else None
