"""Every input that once crashed a parser (tests/data/crashes) now goes through without losing its page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.extract import extract_page
from storyline.ingest import iter_inputs
from storyline.models import FetchedPage, IngestProblem
from storyline.pipeline import Pipeline
from storyline.store import open_store

CRASHES = Path(__file__).resolve().parents[1] / "data" / "crashes"
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def records(name: str) -> list:
    settings = Settings(per_host_delay=0.0, fetch_feed_entries=False)
    return list(iter_inputs([str(CRASHES / name)], settings, fetched_at=T0))


def kinds(recs: list) -> list[str]:
    return [r.kind for r in recs]


def test_warc_status_not_a_number_is_a_problem_and_the_next_record_kept():
    recs = records("warc-status-not-a-number.warc")
    assert kinds(recs) == ["malformed-warc", "html"]
    assert "status" in recs[0].message and recs[1].url == "http://news.example/ok"


def test_warc_record_without_target_uri_is_a_problem_and_the_next_record_kept():
    recs = records("warc-no-target-uri.warc")
    assert kinds(recs) == ["malformed-warc", "html"]
    assert "without HTTP headers" in recs[0].message and b"is kept" in recs[1].content


def test_invalid_ipv6_url_page_is_extracted():
    (page,) = records("page-invalid-ipv6-url.jsonl")
    assert page.url == "http://[::1/news/defense"
    result = extract_page(page)
    assert result.outcome == "ok" and result.articles and "defense" in result.articles[0].body.lower()


def test_namespaced_listing_page_is_split():
    page = FetchedPage(source="listing", content=(CRASHES / "listing-namespaced-tag.html").read_bytes(),
                       fetched_at=T0, url="https://newsmesh.example/tags/economic-security", kind="html")
    result = extract_page(page)
    assert result.outcome == "ok" and len(result.articles) >= 2


@pytest.mark.parametrize("name", ["feed-surrogate-charref.xml", "feed-surrogate-escape.json"])
def test_surrogates_in_feeds_become_replacement_characters(name):
    recs = records(name)
    assert [r for r in recs if isinstance(r, IngestProblem)] == []
    (page,) = recs
    text = page.content.decode("utf-8")  # encodable now
    assert "\ufffd" in text


def test_feed_entry_with_invalid_ipv6_link_keeps_its_content():
    (page,) = records("feed-invalid-ipv6-link.xml")
    assert isinstance(page, FetchedPage) and b"body text here" in page.content


@pytest.mark.parametrize("name", ["feed-rss-no-items.xml", "feed-atom-no-items.xml", "feed-json-no-items.json"])
def test_valid_feed_without_items_is_an_outcome(name):
    assert kinds(records(name)) == ["empty-feed"]


def test_all_crash_fixtures_through_the_pipeline_without_internal_errors(tmp_path):
    store = open_store(str(tmp_path / "c.db"))
    try:
        settings = Settings(per_host_delay=0.0, fetch_feed_entries=False)
        summary = Pipeline(store, settings, enrich=False).ingest([str(CRASHES)], fetched_at=T0)
        assert not {"internal-error", "extract-error"} & set(summary.errors), summary.errors
        assert summary.outcomes["empty-feed"] == 3 and "empty-feed" not in summary.errors
        recorded = [p for p in store.list_problems() if p["kind"] == "empty-feed"]
        assert len(recorded) == 3
        assert summary.articles_new >= 4  # the listing (3 items) and the defense page; the rest are short
    finally:
        store.close()


def test_fuzz_found_inputs_no_longer_crash():
    from storyline.extract.dates import find_relative_age, resolve_relative_age

    page = FetchedPage(source="fuzz", content=(CRASHES / "fuzz-extract-empty-paragraphs.html").read_bytes(),
                       fetched_at=T0, url="https://news.example/a/1", kind="html")
    assert extract_page(page).outcome != "ok"
    text = (CRASHES / "fuzz-dates-huge-relative-age.txt").read_text(encoding="utf-8", errors="replace")
    age = find_relative_age(text)
    assert age is not None and resolve_relative_age(age, T0) is None
    assert resolve_relative_age("3 days ago", T0) == T0.replace(day=19)
    from storyline.errors import InputFormatError
    from storyline.ingest.feeds import parse_feed

    with pytest.raises(InputFormatError) as info:
        parse_feed((CRASHES / "fuzz-feed-null-in-encoding.xml").read_bytes(), "fuzz")
    assert info.value.kind == "malformed-feed"


def test_control_characters_and_impossible_offsets_no_longer_crash():
    from storyline.extract.dates import parse_absolute_time

    page = FetchedPage(source="fuzz", content=(CRASHES / "fuzz-extract-control-characters.html").read_bytes(),
                       fetched_at=T0, url="https://news.example/a/2", kind="html")
    assert extract_page(page).outcome  # any outcome, no exception
    assert parse_absolute_time("2025-07-30T10:00:00+4921") is None  # no zone is 49 h ahead
    assert parse_absolute_time("2025-07-30T10:00:00+0900").utcoffset().total_seconds() == 9 * 3600
    html = ("<html><head><title>Talks\x0b resume</title></head><body><article><h1>Talks\x0b resume</h1>"
            + "".join(f"<p>Ministers met in Tokyo on day {i} of the round and agreed to resume talks on export "
                      f"controls for chips and rare earths, officials from both sides said.\x0c</p>" for i in range(8))
            + "</article></body></html>")
    result = extract_page(FetchedPage(source="ctl", content=html.encode(), fetched_at=T0,
                                      url="https://news.example/a/3", kind="html"))
    assert result.outcome == "ok" and "\x0b" not in result.articles[0].title
