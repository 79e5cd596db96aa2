"""The pure parts of the query layer: mention mark-up, pagination, time parsing, story ranking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyline.errors import InvalidValueError
from storyline.queries.articles import mark_mentions
from storyline.queries.common import Page, parse_when
from storyline.web.render import age


def m(start, end, eid=1):
    return {"start": start, "end": end, "entity_id": eid, "entity_name": "E", "entity_type": "PERSON"}


def test_mark_mentions_cuts_at_offsets_and_keeps_paragraphs():
    body = "Kenta Aoyagi met Han.\n\nThen <b>Han</b> left."
    paras = mark_mentions(body, [m(0, 12), m(17, 20, 2)])
    assert len(paras) == 2
    assert paras[0][0] == {
        "text": "Kenta Aoyagi",
        "entity_id": 1,
        "entity_name": "E",
        "entity_type": "PERSON",
    }
    assert paras[0][1] == {"text": " met "} and paras[0][2]["entity_id"] == 2
    assert "".join(s["text"] for s in paras[1]) == "Then <b>Han</b> left."  # raw: templates escape


def test_mark_mentions_skips_overlaps_and_bad_offsets():
    body = "South Korea said"
    paras = mark_mentions(body, [m(0, 11), m(6, 11, 2), m(5, 99, 3), m(4, 4, 4)])
    assert [s.get("entity_id") for s in paras[0]] == [1, None]
    assert "".join(s["text"] for s in paras[0]) == body


def test_page_offsets():
    assert Page([1] * 20, 45, 20, 20).next_offset == 40
    assert Page([1] * 5, 45, 20, 40).next_offset is None
    assert Page([1] * 20, None, 20, 0).next_offset == 20 and Page([], None, 20, 0).prev_offset is None
    assert Page([1], 45, 20, 10).prev_offset == 0


def test_parse_when():
    assert parse_when("2026-11-20") == datetime(2026, 11, 20, tzinfo=UTC)
    assert abs(parse_when("24h") - (datetime.now(UTC) - timedelta(hours=24))).total_seconds() < 5
    assert parse_when("") is None
    with pytest.raises(InvalidValueError):  # a typo never drops the filter silently
        parse_when("yesterday-ish")


def test_age_words():
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert age(now - timedelta(hours=4), now) == "4 hours ago"
    assert age(now - timedelta(minutes=1), now) == "1 minute ago"
    assert age(now + timedelta(days=2), now) == "in 2 days"
    assert age(None, now) == ""


def test_role_periods_group_reports():
    from storyline.queries.entities import role_periods

    t = datetime(2026, 11, 18, tzinfo=UTC)
    rows = [
        dict(
            office="Foreign Minister",
            organization="Japan",
            organization_id=1,
            status="current",
            as_of=t,
            article_id=1,
            sentence="a",
        ),
        dict(
            office="foreign minister",
            organization="Japan",
            organization_id=1,
            status="current",
            as_of=t + timedelta(days=3),
            article_id=2,
            sentence="b",
        ),
        dict(
            office="Foreign Minister",
            organization="Japan",
            organization_id=1,
            status="former",
            as_of=None,
            article_id=3,
            sentence="c",
        ),
    ]
    periods = role_periods(rows)
    assert len(periods) == 2
    assert periods[0]["first"] == t and periods[0]["last"] == t + timedelta(days=3)
    assert periods[0]["article_ids"] == [1, 2] and periods[1]["status"] == "former"
