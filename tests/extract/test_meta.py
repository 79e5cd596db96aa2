"""Metadata helpers: times, relative ages, wire credits, authors, datelines, photo captions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.meta import (
    find_relative_age,
    parse_absolute_time,
    parse_absolute_time_ex,
    publisher_from_credit,
    resolve_relative_age,
    split_authors,
    split_dateline,
    split_photo_caption,
    split_wire,
)

JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4 hours ago", "4 hours ago"),
        ("an hour ago", "an hour ago"),
        ("27 minutes ago", "27 minutes ago"),
        ("time3 days ago", "3 days ago"),
        ("Updated 1 day ago", "1 day ago"),
        ("2 wks ago", "2 weeks ago"),
        ("4h ago", "4 hours ago"),
        ("I am ago", None),
        ("Posted yesterday", "yesterday"),
        ("The talks ended two decades ago", None),
        ("", None),
    ],
)
def test_find_relative_age(text, expected):
    assert find_relative_age(text) == expected


def test_resolve_relative_age_counts_back_from_fetch_time():
    fetched = datetime(2025, 7, 30, 12, 0, tzinfo=UTC)
    assert resolve_relative_age("4 hours ago", fetched) == fetched - timedelta(hours=4)
    assert resolve_relative_age("an hour ago", fetched) == fetched - timedelta(hours=1)
    assert resolve_relative_age("3 days ago", fetched) == fetched - timedelta(days=3)
    assert resolve_relative_age("yesterday", fetched) == fetched - timedelta(days=1)
    assert resolve_relative_age("soon", fetched) is None
    naive = resolve_relative_age("2 minutes ago", datetime(2025, 7, 30, 12, 0))
    assert naive.tzinfo is not None


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Jul 30, 2025 16:20 (JST)", datetime(2025, 7, 30, 16, 20, tzinfo=JST), "minute"),
        ("12:57 JST, July 3, 2023", datetime(2023, 7, 3, 12, 57, tzinfo=JST), "minute"),
        ("2025-07-30T16:20:00+09:00", datetime(2025, 7, 30, 16, 20, tzinfo=JST), "minute"),
        ("2025-07-30T07:20:00Z", datetime(2025, 7, 30, 7, 20, tzinfo=UTC), "minute"),
        ("October 29, 2025", datetime(2025, 10, 29, tzinfo=UTC), "day"),
        ("05-05-2025", datetime(2025, 5, 5, tzinfo=UTC), "day"),
        ("31/12/2024", datetime(2024, 12, 31, tzinfo=UTC), "day"),
        ("Published 3 March 2024, 10:00 GMT+9", datetime(2024, 3, 3, 10, 0, tzinfo=JST), "minute"),
        (
            "Oct. 2, 2024 4:05 p.m. EDT",
            datetime(2024, 10, 2, 16, 5, tzinfo=timezone(timedelta(hours=-4))),
            "minute",
        ),
        ("9 May 2024 08:00 KST", datetime(2024, 5, 9, 8, 0, tzinfo=JST), "minute"),
        ("2024年5月9日", datetime(2024, 5, 9, tzinfo=UTC), "day"),
        ("14 March 2024 CET", datetime(2024, 3, 14, tzinfo=timezone(timedelta(hours=1))), "day"),
    ],
)
def test_parse_absolute_time_forms_and_zones(text, expected, precision):
    value, got_precision = parse_absolute_time_ex(text)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()
    assert got_precision == precision


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "It may rain on Sunday",
        "second march of the year",
        "05-06-2025",
        "2024-02-30",
        "Tokyo, July 30",
        "room 12:30",
    ],
)
def test_unknown_or_ambiguous_times_stay_unknown(text):
    assert parse_absolute_time(text) is None


def test_dateparser_fallback_reads_other_languages():
    assert parse_absolute_time("3 mars 2024") == datetime(2024, 3, 3, tzinfo=UTC)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_parse_absolute_time_never_raises(text):
    value = parse_absolute_time(text)
    assert value is None or value.tzinfo is not None


@pytest.mark.parametrize(
    "body, wire, rest",
    [
        ("The guidelines matter. © KYODO", "Kyodo", "The guidelines matter."),
        ("Two countries.\n\n© KYODO NEWS", "Kyodo", "Two countries."),
        ("Ties improved. [Copyright The Jiji Press, Ltd.] Jiji Press", "Jiji Press", "Ties improved."),
        ("(Reuters) - Oil prices rose on Monday.", "Reuters", "Oil prices rose on Monday."),
        ("Oil prices rose on Monday. — AP", "AP", "Oil prices rose on Monday."),
        ("The vote passed. (AFP)", "AFP", "The vote passed."),
        ("Nobody credited this story.", None, "Nobody credited this story."),
    ],
)
def test_split_wire(body, wire, rest):
    assert split_wire(body) == (wire, rest)


def test_split_wire_reads_dateline_credit_but_leaves_it():
    wire, rest = split_wire("Tokyo, July 30 (Jiji Press)--Japan said on Wednesday.")
    assert wire == "Jiji Press" and rest.startswith("Tokyo, July 30")


def test_publisher_only_from_full_copyright_notices():
    assert publisher_from_credit("[Copyright The Jiji Press, Ltd.] Jiji Press") == "Jiji Press"
    assert publisher_from_credit("© 2025 Example Media Group. All rights reserved.") == "Example Media Group"
    assert publisher_from_credit("© KYODO") is None


@pytest.mark.parametrize(
    "body, authors, stripped",
    [
        (
            "Text ends here. (This article was written by Mizuki Sato and Azusa Kato.)",
            ["Mizuki Sato", "Azusa Kato"],
            "Text ends here.",
        ),
        ("By Jane Doe and John Roe\nThe ministry said.", ["Jane Doe", "John Roe"], "The ministry said."),
        ("Written by Kim Min-jun\nSeoul said.", ["Kim Min-jun"], "Seoul said."),
        ("Exports rose. (Reporting by Anna Jansen; Editing by Tom Lee)", ["Anna Jansen"], "Exports rose."),
        ("The minister said no by the end of the day.", [], "The minister said no by the end of the day."),
    ],
)
def test_split_authors(body, authors, stripped):
    assert split_authors(body) == (authors, stripped)


def test_split_authors_reads_closing_bios_but_keeps_them():
    body = (
        "Policy continues. Ana Ruiz (ana@ is a senior fellow at the Institute. "
        "Li Wei is a professor of law at Fudan University."
    )
    authors, rest = split_authors(body)
    assert authors == ["Ana Ruiz", "Li Wei"]
    assert rest == body


@pytest.mark.parametrize(
    "body, place, when, rest",
    [
        ("BRUSSELS — Japan and the EU agreed.", "BRUSSELS", None, "Japan and the EU agreed."),
        ("Tokyo, July 30 (Jiji Press)--Japan said.", "Tokyo", "July 30", "Japan said."),
        (
            "Gyeongju, South Korea – October 29, 2025 – Relations improved.",
            "Gyeongju, South Korea",
            "October 29, 2025",
            "Relations improved.",
        ),
        (
            "News from Japan Politics Jul 30, 2025 16:20 (JST) Tokyo, July 30 (Jiji Press)--Ishiba met Cho.",
            "Tokyo",
            "Jul 30, 2025 16:20 (JST)",
            "Ishiba met Cho.",
        ),
        ("WASHINGTON (Reuters) - The U.S. said.", "WASHINGTON", None, "The U.S. said."),
        ("KYIV, Ukraine — Drones struck.", "KYIV, Ukraine", None, "Drones struck."),
        ("The ministry — which is large — said so.", None, None, "The ministry — which is large — said so."),
        ("Japan and NATO agreed Tuesday - a first.", None, None, "Japan and NATO agreed Tuesday - a first."),
        ("NATO — the alliance — said so.", None, None, "NATO — the alliance — said so."),
        ("U.S. — China talks resumed.", None, None, "U.S. — China talks resumed."),
        ("SEOUL, South Korea (AP) — North Korea fired.", "SEOUL, South Korea", None, "North Korea fired."),
        ("BEIJING, Oct 3 (Reuters) - China said.", "BEIJING", "Oct 3", "China said."),
    ],
)
def test_split_dateline(body, place, when, rest):
    assert split_dateline(body) == (place, when, rest)


@pytest.mark.parametrize(
    "body, caption",
    [
        (
            "Foreign Minister Cho Hyun, left, shakes hands with Takeshi Iwaya in Tokyo on July 29. (Pool) Cho said.",
            "Foreign Minister Cho Hyun, left, shakes hands with Takeshi Iwaya in Tokyo on July 29. (Pool)",
        ),
        (
            "Prime Minister Shigeru Ishiba at the White House on Feb. 7 (Kotaro Ebara) The government is",
            "Prime Minister Shigeru Ishiba at the White House on Feb. 7 (Kotaro Ebara)",
        ),
        (
            "A worker inspects a wafer at a plant in Hsinchu (CNA photo) Exports rose.",
            "A worker inspects a wafer at a plant in Hsinchu (CNA photo)",
        ),
        ("Prime Minister Fumio Kishida (LDP) said on Monday that", None),
        ("The Liberal Democratic Party (LDP) The party", None),
        ("Officials met (Reuters) Then they left.", None),
        (
            "U.S. President Donald Trump (R) and Prime Minister Shigeru Ishiba shake hands. (Kyodo) Ishiba said",
            "U.S. President Donald Trump (R) and Prime Minister Shigeru Ishiba shake hands. (Kyodo)",
        ),
    ],
)
def test_split_photo_caption(body, caption):
    got, rest = split_photo_caption(body)
    assert got == caption
    if caption:
        assert body == f"{caption} {rest}"
    else:
        assert rest == body


_TOKENS = st.sampled_from(
    [
        "July",
        "Jul.",
        "mars",
        "3",
        "30",
        "2025",
        "1999",
        "16:20",
        "4:05",
        "p.m.",
        "(JST)",
        "GMT+9",
        "+09:00",
        "-",
        "/",
        ",",
        "年",
        "月",
        "日",
        "T",
        "Z",
        "ago",
        "time",
        "Updated",
        "the",
        "x",
        "99",
        "0000",
        "12-31",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_TOKENS, st.text(max_size=4)), max_size=8).map(" ".join))
def test_parse_absolute_time_never_raises_on_date_like_text(text):
    value, precision = parse_absolute_time_ex(text)
    assert (value is None) == (precision == "none")
    assert value is None or value.tzinfo is not None


@pytest.mark.parametrize(
    "body",
    [
        "They sued over copyright infringement claims",
        "The story was first reported by AP",
        "It said (Reuters",
    ],
)
def test_split_wire_leaves_words_inside_sentences(body):
    assert split_wire(body) == (None, body)


def test_by_phrase_in_a_lead_is_no_byline():
    body = "By Tuesday, officials said the deal was done.\nTalks continue."
    assert split_authors(body) == ([], body)
    assert split_authors("By Jane Doe, Staff Writer\nText.") == (["Jane Doe"], "Text.")
