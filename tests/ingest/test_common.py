"""Bounded gzip helpers and time parsing."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storyline.ingest.common import GunzipStream, charset_of, gunzip_capped, parse_time


@hsettings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=3000), min_size=1, max_size=3), st.floats(0, 1))
def test_gunzip_stream_returns_a_prefix_and_flags_a_cut(members, keep):
    original = b"".join(members)
    parts = [gzip.compress(m) for m in members]
    packed = b"".join(parts)
    boundaries = {sum(len(p) for p in parts[:i]) for i in range(len(parts) + 1)}  # a cut there is valid gzip
    cut = int(len(packed) * keep)
    stream = GunzipStream(io.BytesIO(packed[:cut]))
    out = io.BufferedReader(stream).read()
    assert original.startswith(out)
    if cut == len(packed):
        assert out == original and stream.error == ""
    elif cut not in boundaries:
        assert stream.error  # a cut inside a member is always reported, never silent


def test_gunzip_capped_multi_member_cap_and_truncation():
    packed = gzip.compress(b"a" * 10) + gzip.compress(b"b" * 10)
    assert gunzip_capped(packed, 100) == (b"a" * 10 + b"b" * 10, False)
    assert gunzip_capped(packed, 15) == (b"a" * 10 + b"b" * 5, True)
    with pytest.raises(ValueError):
        gunzip_capped(packed[:-12], 100)


@pytest.mark.parametrize("text, expected", [
    ("2025-04-01T12:00:00Z", datetime(2025, 4, 1, 12, tzinfo=UTC)),
    ("2025-04-01T12:00:00", datetime(2025, 4, 1, 12, tzinfo=UTC)),
    ("2025-04-01T12:00:00+09:00", datetime(2025, 4, 1, 12, tzinfo=timezone(timedelta(hours=9)))),
    ("yesterday", None), ("", None), (17, None),
])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_charset_of():
    assert charset_of('text/html; charset="Shift_JIS"') == "shift_jis"
    assert charset_of("text/html") is None and charset_of(None) is None
