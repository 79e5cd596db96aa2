"""Dates come from the article's clock, never the fetch time (real-page fixture)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from storyline.enrich import enrich_many
from storyline.enrich.timex import tag_sentence
from storyline.extract import extract_page
from storyline.models import FetchedPage

PAGE = Path(__file__).resolve().parents[1] / "data" / "facts" / "washingtonexaminer-2019-ghosn.html.gz"
FETCHED = datetime(2025, 12, 4, 12, 0, tzinfo=UTC)


def test_a_year_ago_tuesday_is_not_read_from_the_fetch_time():
    result = extract_page(FetchedPage(source=str(PAGE), content=gzip.decompress(PAGE.read_bytes()), fetched_at=FETCHED))
    ghosn = [a for a in result.articles if "Ghosn" in (a.title or "")]
    assert ghosn, [a.title for a in result.articles]
    article = ghosn[0]
    # the sentence "A year ago Tuesday, ..." is not the page's age label
    assert article.published is None or article.published.year == 2019, article.published
    events = enrich_many([article])[0].events
    arrest = [e for e in events if "A year ago Tuesday" in e.sentence]
    assert arrest
    for event in arrest:
        assert event.date is None or event.date.startswith(("2018", "2019")), (event.date, event.date_note)
        if event.date is None:
            assert event.date_note and "unresolved" in event.date_note


def test_relative_expressions_resolve_against_the_publication_time_only():
    sent = "The two leaders met on Tuesday, a week after the summit."
    on_page = tag_sentence(sent, datetime(2019, 11, 20, tzinfo=UTC))
    assert any(t.value == "2019-11-19" for t in on_page)
    unknown = tag_sentence(sent, None)
    assert all(t.value is None for t in unknown if t.type == "DATE")
    assert any(t.note and "publication time unknown" in t.note for t in unknown)
