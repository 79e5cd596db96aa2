"""One "24h / 7d" parser: the CLI, the API, the web and the briefing accept and refuse the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyline.errors import InvalidValueError, StorylineError
from storyline.text.times import MONTHS, parse_duration, parse_when

NOW = datetime(2025, 7, 30, 12, tzinfo=UTC)


def test_spans_and_dates():
    assert parse_duration("24h") == timedelta(hours=24) and parse_duration(" 2w ") == timedelta(weeks=2)
    assert parse_when("7d", NOW) == NOW - timedelta(days=7)
    assert parse_when("2025-07-01") == datetime(2025, 7, 1, tzinfo=UTC)
    assert parse_when("") is None and parse_when(None) is None
    assert MONTHS["sept"] == 9 and MONTHS["december"] == 12


@pytest.mark.parametrize("bad", ["7x", "soon", "24 hours", "-1d", "2025-13-01"])
def test_bad_input_fails_the_same_way_everywhere(bad):
    from storyline.ai.briefing import parse_since
    from storyline.queries.common import parse_when as queries_parse_when

    for parse in (lambda v: parse_when(v, NOW), lambda v: parse_since(v, NOW), queries_parse_when):
        with pytest.raises(InvalidValueError) as info:
            parse(bad)
        assert isinstance(info.value, StorylineError) and repr(bad) in str(info.value)
    with pytest.raises(InvalidValueError):
        parse_duration(bad)
