"""Container inputs: JSONL (and JSON), WARC written with warcio."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import iter_inputs
from storyline.ingest.records import iter_jsonl
from storyline.models import FetchedPage, IngestProblem

WHEN = datetime(2025, 7, 1, tzinfo=UTC)


def test_jsonl_bad_line_is_named_and_others_go_through(data_dir, settings):
    path = data_dir / "records" / "pages.jsonl"
    records = list(iter_inputs([str(path)], settings))
    assert [r.kind for r in records] == ["html", "malformed-jsonl", "text", "malformed-jsonl"]
    first, bad, text, no_body = records
    assert first.url == "https://news.example.org/2025/04/01/rail-link"
    assert first.fetched_at == datetime(2025, 4, 1, 12, tzinfo=UTC)
    assert first.content.startswith(b"<html>") and first.encoding == "utf-8"
    assert f"{path}:2" in bad.message and bad.content.startswith(b'{"url"')
    assert text.fetched_at.utcoffset() == timedelta(hours=9)
    assert text.content.startswith(b"Tariff review delayed\n")
    assert f"{path}:5" in no_body.message and "html" in no_body.message


def test_jsonl_without_time_uses_given_or_file_time(settings, tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"url": "https://e.example/a", "text": "Body"}\n{"html": "<p>b</p>", "fetched_at": "soon"}\n')
    page, bad = iter_inputs([str(path)], settings, fetched_at=WHEN)
    assert page.fetched_at == WHEN and page.kind == "text"
    assert bad.kind == "malformed-jsonl" and "fetched_at" in bad.message


def test_jsonl_gz_and_overlong_line(make_settings, tmp_path):
    path = tmp_path / "x.jsonl.gz"
    lines = ['{"html": "<p>%s</p>"}' % ("w" * 3000), '{"text": "short page"}']
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    records = list(iter_inputs([str(path)], make_settings(max_page_bytes=1000)))
    assert [r.kind for r in records] == ["too-large", "text"]


def test_json_array_of_records(settings, tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"url": "https://e.example/1", "html": "<p>one</p>"}, {"text": ""}]')
    records = list(iter_inputs([str(path)], settings))
    assert [r.kind for r in records] == ["html", "malformed-jsonl"]


@hsettings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_jsonl_parsing_never_raises_on_arbitrary_bytes(blob):
    records = list(iter_jsonl(io.BytesIO(blob), "fuzz.jsonl", 200, WHEN))
    # one record per non-blank line (a line past the cap is one "too-large" record, blank or not)
    expected = [ln for ln in blob.split(b"\n") if ln.strip() or len(ln) > 200]
    assert len(records) == len(expected)
    for rec in records:
        assert isinstance(rec, (FetchedPage, IngestProblem))
        if isinstance(rec, IngestProblem):
            assert rec.kind in {"malformed-jsonl", "too-large"} and rec.source.startswith("fuzz.jsonl:")


# ---------------------------------------------------------------------------- WARC


def _write_warc(path, *, gz: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(uri, status, ctype, body, date):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)

        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "storyline-tests"}))
        response("https://news.example.org/a", "200 OK", "text/html; charset=windows-1252",
                 "<html><body><p>Caf\u00e9 owners protest rent rules</p></body></html>".encode("cp1252"),
                 "2025-02-03T04:05:06Z")
        response(
            "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n", "2025-02-03T04:05:07Z"
        )
        response(
            "https://news.example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>", "2025-02-03T04:05:08Z"
        )
        req = writer.create_warc_record(
            "https://news.example.org/a",
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET /a HTTP/1.1", [], is_http_request=True),
        )
        writer.write_record(req)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records(settings, tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(path, gz=gz)
    records = list(iter_inputs([str(path)], settings))
    assert [r.kind for r in records] == ["html", "unsupported", "http-error"]
    page = records[0]
    assert page.url == "https://news.example.org/a" and page.status == 200
    assert page.encoding == "windows-1252" and "Caf\u00e9".encode("cp1252") in page.content
    assert page.fetched_at == datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert page.headers["content-type"].startswith("text/html")
    assert "image/png" in records[1].message and "404" in records[2].message


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_warc_keeps_earlier_records(settings, tmp_path, gz, keep):
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    _write_warc(whole, gz=gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: int(len(data) * keep)])
    records = list(iter_inputs([str(cut)], settings))
    assert records[0].kind == "html" and records[0].url == "https://news.example.org/a"
    assert records[-1].kind == ("bad-gzip" if gz else "malformed-warc")
    assert str(cut) in records[-1].message


def test_warc_cut_inside_first_header(settings, tmp_path):
    path = tmp_path / "head.warc"
    _write_warc(path, gz=False)
    path.write_bytes(path.read_bytes()[:100])
    assert [r.kind for r in iter_inputs([str(path)], settings)] == ["malformed-warc"]


def test_truncated_jsonl_gz_keeps_lines_before_the_break(settings, tmp_path):
    lines = b"".join(b'{"text": "page %d"}\n' % i for i in range(2000))
    packed = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    records = list(iter_inputs([str(path)], settings))
    pages = [r for r in records if r.kind == "text"]
    assert len(pages) > 1000 and pages[0].content == b"page 0"
    assert records[-1].kind == "bad-gzip"
