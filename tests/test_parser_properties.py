"""Hypothesis properties for every parser of untrusted input (bounded; bench/fuzz_parsers.py runs millions).

The targets (bench/fuzz_targets.py) call the production entry points; a target raising anything
is a crash. Beyond "never crashes", each parser keeps a property that could fail.
"""

from __future__ import annotations

import io
import ipaddress
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_targets import SEEDS, T0, TARGETS
from storyline.errors import StorylineError
from storyline.extract import extract_page
from storyline.ingest.common import parse_time
from storyline.ingest.feeds import no_surrogate_refs, no_surrogates, parse_feed
from storyline.ingest.netguard import is_public_address
from storyline.ingest.records import iter_jsonl, iter_warc
from storyline.models import FetchedPage, IngestProblem

FEW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
NASTY = [b"&#xD800;", b"[", b"]", b"\x00", b"<a:b>", b"\xff\xfe", b"99999999999999999999", b"\r\n", b"\\ud800",
         b"http://[::1", b"<![CDATA[", b"encoding=\"x\"", b"<!ENTITY a \"b\">"]


@st.composite
def mutated(draw) -> bytes:
    """A seed document with a few bytes changed, deleted or inserted (nasty fragments included)."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "nasty"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 16))]
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=12))
        else:
            data[at:at] = draw(st.sampled_from(NASTY))
    return bytes(data)


inputs = st.one_of(st.binary(max_size=600), mutated())


@FEW
@given(inputs)
def test_ingest_records_feeds_dates_urls_never_crash(data):
    for name in ("ingest", "records", "feeds", "dates", "urls"):
        TARGETS[name](data)


@SLOW
@given(inputs)
def test_extraction_never_crashes_and_ok_means_an_article(data):
    TARGETS["extract"](data)
    result = extract_page(FetchedPage(source="p", content=data, fetched_at=T0, url="https://x.example/a", kind="html"))
    assert result.outcome != "ok" or all(a.body.strip() for a in result.articles)


@FEW
@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(["url", "html", "text", "fetched_at"]),
                                          st.one_of(st.text(max_size=40), st.integers(), st.none())),
                          st.text(max_size=30)), max_size=8))
def test_jsonl_gives_one_record_per_non_blank_line(objs):
    lines = [json.dumps(o) if not isinstance(o, str) else o.replace("\n", " ") for o in objs]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    recs = list(iter_jsonl(io.BytesIO(data), "f", 100_000, T0))
    assert len(recs) == sum(1 for line in data.split(b"\n") if line.strip())
    for rec in recs:
        assert isinstance(rec, IngestProblem) or (rec.content and rec.fetched_at.tzinfo is not None)


@FEW
@given(mutated())
def test_warc_reader_only_yields_pages_or_named_problems(data):
    for rec in iter_warc(io.BytesIO(data), "w", 100_000, T0):
        assert isinstance(rec, FetchedPage) or rec.kind in {
            "malformed-warc", "bad-gzip", "unsupported", "too-large", "http-error"}


@FEW
@given(st.text(max_size=40))
def test_parse_time_is_none_or_aware(text):
    moment = parse_time(text)
    assert moment is None or moment.tzinfo is not None


@FEW
@given(st.integers(0, 2**32 - 1))
def test_ipv6_forms_of_an_ipv4_address_are_judged_like_it(value):
    v4 = ipaddress.IPv4Address(value)
    verdict = is_public_address(str(v4))
    forms = [f"::ffff:{v4}", f"64:ff9b::{v4}", str(ipaddress.IPv6Address((0x2002 << 112) | (value << 80)))]
    assert [is_public_address(f) for f in forms] == [verdict] * 3


@FEW
@given(st.text(st.characters(categories=["Cs", "L", "N", "P", "Zs"]), max_size=60))
def test_surrogates_never_survive(text):
    clean = no_surrogates(text)
    assert len(clean) == len(text) and clean.encode("utf-8").decode("utf-8") == clean
    ref = f"<p>&#x{0xD800 + len(text) % 0x800:X};</p>".encode()
    assert b"&#xFFFD;" in no_surrogate_refs(ref)


@FEW
@given(mutated())
def test_parse_feed_answers_entries_or_a_named_error(data):
    try:
        entries, _reason = parse_feed(data, "f")
    except StorylineError as exc:
        assert exc.kind == "malformed-feed"
        return
    for entry in entries:
        for value in (entry.title, entry.link, entry.content_html, entry.author):
            assert value is None or value.encode("utf-8")
