"""General rules behind the sample-corpus fixes, on invented lines of outlets never seen:
bylines that name a wire or the site, header lines above a story, agency datelines, sign-offs,
furniture lines, a text dump whose site header was taken for the article's, HTML captions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.extract import extract_page
from storyline.extract.bylines import clean_credits, is_site_name
from storyline.extract.chrome import chrome_kind
from storyline.extract.html_lead import is_stamp, split_lead
from storyline.extract.meta import dateline_wire, split_authors, split_dateline, split_wire
from storyline.extract.textdump import extract_text_page
from storyline.models import FetchedPage

FETCHED = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)
SENTENCE = "Officials from both governments met on Tuesday to discuss export controls on advanced chips and minerals."


# ------------------------------------------------------------------ bylines


def test_wire_byline_becomes_the_wire_not_an_author():
    assert clean_credits(["AP"], None, "Harbor Gazette", "https://harborgazette.example.com/x") == (
        [], "AP", "Harbor Gazette")  # fmt: skip


def test_publisher_byline_becomes_the_outlet_when_none_is_known():
    people, wire, outlet = clean_credits(
        ["Lakeside Post"], None, None, "https://www.lakesidepost.example.net/a"
    )
    assert (people, wire, outlet) == ([], None, "Lakeside Post")


def test_agency_shaped_byline_of_another_organisation_is_a_wire():
    assert clean_credits(["Northwind News"], None, None, "https://dailyledger.example.com/a") == (
        [], "Northwind News", None)  # fmt: skip


def test_people_stay_and_account_names_go():
    people, _wire, _outlet = clean_credits(["Admin", "Mara Quint", "Staff"], None, "Site", None)
    assert people == ["Mara Quint"]


@pytest.mark.parametrize(
    "name, site, url, expected",
    [
        ("The River Times", "River Times", None, True),
        ("Pine Valley Daily", None, "https://pinevalleydaily.example.org/p", True),
        ("Pine Valley Daily", "Pine Valley Daily - Latest", None, True),
        ("Jon Pine", "Pine Valley Daily", "https://pinevalleydaily.example.org/p", False),
    ],
)
def test_site_name_matches_by_name_or_host(name, site, url, expected):
    assert is_site_name(name, site, url) is expected


# ------------------------------------------------------------------ header lines above the story


def test_kicker_headline_and_stamps_above_the_story_are_dropped():
    paragraphs = ["Economy", "Port workers strike over pay", "- Posted : 2025.07.30 09:12", SENTENCE]
    assert split_lead(paragraphs, "Port workers strike over pay") == ([SENTENCE], None)


def test_header_lines_above_a_dateline_are_dropped_and_the_standfirst_kept():
    paragraphs = ["Talks to resume next month, officials say", f"OSLO — {SENTENCE}", SENTENCE]
    kept, subtitle = split_lead(paragraphs, "Some headline")
    assert kept == paragraphs[1:] and subtitle == paragraphs[0]


def test_a_body_without_header_lines_is_left_alone():
    paragraphs = [SENTENCE, "A subheading", f"OSLO — {SENTENCE}"]
    assert split_lead(paragraphs, "Some headline") == (paragraphs, None)


@pytest.mark.parametrize(
    "line, expected",
    [("- Updated : 2025.07.30 09:12", True), ("2025年7月30日 9時12分", True), ("July 30, 2025", True),
     ("Ministers met in July 2025", False)],
)  # fmt: skip
def test_time_stamps(line, expected):
    assert is_stamp(line) is expected


# ------------------------------------------------------------------ datelines, credits, sign-offs


@pytest.mark.parametrize(
    "body, place, wire",
    [
        ("LIMA (Andes Wire)-- Peru said on Monday ...", "LIMA", "Andes Wire"),
        ("Hanoi, July 3 (Mekong News)-- Vietnam said ...", "Hanoi", "Mekong News"),
        ("NAIROBI (Reuters) - Kenya said ...", "NAIROBI", "Reuters"),
    ],
)
def test_agency_datelines(body, place, wire):
    assert split_dateline(body)[0] == place and dateline_wire(body) == wire


def test_parenthesised_date_is_no_agency():
    assert dateline_wire("LIMA (2025)-- Peru said ...") is None


def test_japanese_dateline():
    place, _time, rest = split_dateline("【ソウル＝山田花子】韓国政府は３日、発表した。")
    assert place == "ソウル" and rest.startswith("韓国政府")


def test_end_mark_and_reporting_sign_off_are_stripped():
    assert split_wire("He left on Friday. (END)") == (None, "He left on Friday.")
    names, body = split_authors(
        "He left. (Reporting by Ana Ruiz in Lima and Tom Berg in Quito; Editing by Kim Lo)"
    )
    assert names == ["Ana Ruiz", "Tom Berg"] and body == "He left."


# ------------------------------------------------------------------ furniture lines


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Skip to the content", "label"),
        ("Jump to navigation", "label"),
        ("Skip to main content", "label"),
        ("News | Sport | Weather | Culture", "label"),
        ("関連記事", "list"),
        ("記事・写真の無断転載を禁じます。", "copyright"),
        ("Japan | China | Korea", None),
        ("Skip the queue: ministers agreed to fast-track the bill.", None),
    ],
)
def test_furniture_kinds(line, kind):
    assert chrome_kind(line) == kind


# ------------------------------------------------------------------ a text dump's site header


def test_text_dump_site_header_is_not_the_headline():
    dump = "\n\n".join([
        "Skip to the content", "Harbor Gazette", "News from the coast since 1921", "Home", "Politics",
        "Politics", "Council approves new harbor budget", "Jul 30, 2025 10:05 (JST) by Lena Ortiz",
        f"PORTVILLE — {SENTENCE}", SENTENCE,
    ])  # fmt: skip
    art = extract_text_page(dump, source="dump.txt", fetched_at=FETCHED).articles[0]
    assert art.title == "Council approves new harbor budget" and not art.title_inferred
    assert art.outlet == "Harbor Gazette" and art.authors == ["Lena Ortiz"] and art.dateline == "PORTVILLE"
    assert art.published_text == "Jul 30, 2025 10:05 (JST)" and art.body.startswith("Officials")


# ------------------------------------------------------------------ HTML


def _html(head: str, body: str) -> FetchedPage:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return FetchedPage(source="p.html", content=page.encode(), fetched_at=FETCHED)


def test_generic_title_naming_the_site_is_no_headline():
    body = "<article>" + "".join(f"<p>{SENTENCE}</p>" for _ in range(3)) + "</article>"
    head = '<title>Coastline Courier</title><meta property="og:site_name" content="Coastline Courier">'
    art = extract_page(_html(head, body)).articles[0]
    assert art.title_inferred and art.title.startswith("Officials from both governments")
    assert art.outlet == "Coastline Courier"


BUDGET = (
    "The city council approved the harbor budget on Tuesday after a three-hour debate over dredging costs.",
    "Council members said the plan would fund new cranes and repairs to the eastern pier by next spring.",
    "Opponents argued that the port authority should have put the contract out to a public tender first.",
)


def test_figcaption_is_the_photo_caption_and_a_reporter_box_the_author():
    body = (
        "<article><h1>Council approves new harbor budget</h1>"
        "<figure><img src='a.jpg'><figcaption>The council chamber in Portville on Tuesday.</figcaption></figure>"
        + "".join(f"<p>{text}</p>" for text in BUDGET)  # distinct: a repeated paragraph is kept once
        + "<div class='reporter-box'>By Lena Ortiz <a href='mailto:l@x.example'>l@x.example</a></div></article>"
    )
    result = extract_page(_html("<title>Council approves new harbor budget</title>", body))
    art = result.articles[0]
    assert art.photo_caption == "The council chamber in Portville on Tuesday."
    assert art.authors == ["Lena Ortiz"]


def test_a_person_whose_own_site_it_is_stays_an_author():
    assert clean_credits(["Jane Doe"], None, None, "https://janedoe.example.com/p/1") == (
        ["Jane Doe"], None, "Jane Doe")  # fmt: skip


def test_party_tag_in_parentheses_is_no_agency_dateline():
    assert dateline_wire("Senator Vale (D) - the bill ...") is None


def test_a_person_whose_site_is_named_after_them_stays_an_author():
    """A personal blog: the site name is the owner's name, and the owner wrote the post."""
    assert clean_credits(["Jane Doe"], None, "Jane Doe", None) == (["Jane Doe"], None, "Jane Doe")
    assert clean_credits(["Lakeside Post"], None, "Lakeside Post", None) == ([], None, "Lakeside Post")


def test_surnames_with_a_prefix_or_two_parts_are_person_shaped():
    """Mc/Mac/O'/D' surnames and double-barrelled ones are people on their own blogs too."""
    for name in ("Aoife O'Brien", "Ian MacLeod", "Priya D'Souza", "Sarah Smith-Jones", "Rory McIlroy"):
        assert clean_credits([name], None, name, None) == ([name], None, name), name
    for name in ("NBW World", "McKinsey Insights Daily", "The MacNews"):
        assert clean_credits([name], None, name, None)[0] == [], name  # publishers stay outlets
