"""Local files and folders: pages, page dumps, encodings, gzip, and the named problems."""

from __future__ import annotations

import gzip
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.ingest import iter_inputs
from storyline.models import FetchedPage, IngestProblem

WHEN = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def one(path: Path | str, settings, **kw):
    records = list(iter_inputs([str(path)], settings, **kw))
    assert len(records) == 1, records
    return records[0]


def test_html_page_keeps_raw_bytes_and_mtime(data_dir, settings, tmp_path):
    src = tmp_path / "page.html"
    shutil.copy(data_dir / "pages" / "fisheries-pact.html", src)
    os.utime(src, (1_700_000_000, 1_700_000_000))
    page = one(src, settings)
    assert isinstance(page, FetchedPage)
    assert page.kind == "html" and page.content == src.read_bytes()
    assert page.fetched_at == datetime.fromtimestamp(1_700_000_000, tz=UTC)
    assert one(src, settings, fetched_at=WHEN).fetched_at == WHEN


@pytest.mark.parametrize("name, codec, title", [
    ("kobe-port.sjis.html", "shift_jis", "神戸港の貨物量"),
    ("niigata-rice.eucjp.html", "euc_jp", "新潟の米輸出"),
])
def test_legacy_japanese_encodings_pass_through_undecoded(data_dir, settings, name, codec, title):
    page = one(data_dir / "pages" / name, settings)
    assert page.kind == "html" and page.encoding is None  # decoding is extract's job
    assert page.content == (data_dir / "pages" / name).read_bytes()
    assert title in page.content.decode(codec)


def test_gzipped_page_is_decompressed(data_dir, settings):
    page = one(data_dir / "pages" / "port-strike.html.gz", settings)
    assert page.kind == "html" and b"Port workers end three-day strike" in page.content


def test_gzip_detected_by_content_whatever_the_name(data_dir, settings, tmp_path):
    src = tmp_path / "download.bin"
    src.write_bytes(gzip.compress(b"<!DOCTYPE html><html><body><p>Hidden page</p></body></html>"))
    page = one(src, settings)
    assert page.kind == "html" and b"Hidden page" in page.content


def test_text_dump_is_kind_text(data_dir, settings):
    page = one(data_dir / "dump" / "grain-talks.txt", settings)
    assert page.kind == "text" and page.content.startswith(b"Grain corridor talks")


@pytest.mark.parametrize("name, kind", [
    ("truncated.html.gz", "bad-gzip"), ("junk.bin", "binary"), ("empty.html", "empty"),
])
def test_broken_inputs_are_named_problems(data_dir, settings, name, kind):
    record = one(data_dir / "broken" / name, settings)
    assert isinstance(record, IngestProblem)
    assert record.kind == kind and name in record.message
    if kind != "empty":
        assert record.content  # the raw bytes are kept


def test_known_binary_format_is_unsupported(settings, tmp_path):
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00")
    record = one(tmp_path / "scan.html", settings)
    assert record.kind == "unsupported" and "PDF" in record.message


def test_plain_text_without_txt_extension_is_unsupported(settings, tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\nnothing to see\n")
    assert one(tmp_path / "notes.md", settings).kind == "unsupported"


def test_missing_path_is_not_found(settings, tmp_path):
    record = one(tmp_path / "nowhere.html", settings)
    assert record.kind == "not-found" and "nowhere.html" in record.message


def test_too_large_file_is_refused_without_reading_it(settings, make_settings, tmp_path, monkeypatch):
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        fh.write(b"<!DOCTYPE html><html><body>" + b"<p>words</p>" * 1000)
        fh.truncate(50_000_000)  # sparse: cheap to make

    def refuse(*args, **kwargs):
        raise AssertionError("whole file read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    record = one(big, make_settings(max_page_bytes=1_000_000))
    assert record.kind == "too-large" and "50000000" in record.message


def test_gzip_bomb_stops_at_cap(make_settings, tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body>" + b" " * 5_000_000))
    assert one(bomb, make_settings(max_page_bytes=100_000)).kind == "too-large"


def test_folder_is_recursive_sorted_and_skips_hidden(data_dir, settings, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for path in ("b/2.html", "a/9.html", "a/10.txt", ".git/x.html", "a/.hidden.html"):
        (tmp_path / path).write_text("<html><body><p>page</p></body></html>" if path.endswith("html") else "dump")
    sources = [r.source for r in iter_inputs([str(tmp_path)], settings)]
    assert sources == [str(tmp_path / p) for p in ("a/10.txt", "a/9.html", "b/2.html")]


def test_one_bad_input_does_not_stop_the_run(data_dir, settings):
    inputs = [str(data_dir / "broken"), str(data_dir / "pages" / "fisheries-pact.html"), "/no/such/dir"]
    kinds = [r.kind for r in iter_inputs(inputs, settings)]
    assert kinds == ["empty", "binary", "bad-gzip", "html", "not-found"]


def test_utf16_page_with_bom_is_not_binary(settings, tmp_path):
    (tmp_path / "wide.html").write_bytes("<html><body><p>Grid talks</p></body></html>".encode("utf-16"))
    assert one(tmp_path / "wide.html", settings).kind == "html"


def test_file_url_is_read_as_path(data_dir, settings):
    page = one((data_dir / "dump" / "grain-talks.txt").as_uri(), settings)
    assert page.kind == "text"


def test_a_bug_on_one_input_is_reported_not_raised(data_dir, settings, monkeypatch):
    def broken(data, source):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("storyline.ingest.dispatch.parse_opml", broken)
    inputs = [str(data_dir / "feeds" / "subscriptions.opml"), str(data_dir / "dump" / "grain-talks.txt")]
    records = list(iter_inputs(inputs, settings))
    assert [r.kind for r in records] == ["internal-error", "text"]
    assert "parser exploded" in records[0].message


def test_blank_and_unreadable_inputs(settings, tmp_path, monkeypatch):
    locked = tmp_path / "locked.html"
    locked.write_text("<html><body><p>x</p></body></html>")

    def denied(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("storyline.ingest.dispatch.open", denied, raising=False)
    records = list(iter_inputs(["", "  ", locked], settings))  # a Path is accepted too
    assert [r.kind for r in records] == ["not-found", "not-found", "unreadable"]
    assert "Permission denied" in records[2].message and str(locked) in records[2].message


def test_folder_walk_skips_docs_but_named_file_is_reported(tmp_path):
    from storyline.config import Settings
    from storyline.ingest import iter_inputs
    from storyline.models import IngestProblem

    (tmp_path / "README.md").write_text("# notes\n")
    (tmp_path / "page.html").write_text("<html><body><p>Hello there.</p></body></html>")
    records = list(iter_inputs([str(tmp_path)], Settings()))
    assert [type(r).__name__ for r in records] == ["FetchedPage"]
    named = list(iter_inputs([str(tmp_path / "README.md")], Settings()))
    assert isinstance(named[0], IngestProblem) and named[0].kind == "unsupported"
