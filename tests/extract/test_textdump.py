"""Splitting plain-text page dumps written for imaginary sites (other outlets, other wording
than the seeds) into articles, links and chrome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.textdump import extract_text_page, infer_title

FETCHED = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)

AGGREGATOR = """Skip to content
World › Asia-Pacific ›

Philippines and Vietnam sign coast guard cooperation pact
Philippines and Vietnam sign coast guard cooperation pact

By Maria Santos

Updated: March 4, 2025 09:15 PHT

MANILA (AFP) — The Philippines and Vietnam signed a coast guard cooperation agreement on Tuesday, pledging joint training.
The deal was signed by the heads of both coast guards during a ceremony in Manila.
Advertisement
Officials said the first joint exercise would take place later this year near Palawan.
Share this article
Get our morning briefing in your inbox — sign up for the newsletter
12 comments
More from our partners


The Straits Times
2 hours ago
- The Straits Times
Singapore hosts regional dialogue on maritime security
Defence officials from a dozen countries met in Singapore on Monday to discuss maritime security. The talks ended without a joint statement.


Nikkei Asia
yesterday
- Nikkei Asia
Vietnam's exports jump as electronics demand rebounds
Vietnam's exports rose 14 percent in February from a year earlier, customs data showed. Copyright 2025 Nikkei Inc. All rights reserved.


3 hours ago
Seoul and Hanoi agree to expand defence industry ties
SEOUL, March 4 (Yonhap) -- South Korea and Vietnam agreed on Tuesday to expand cooperation in the defence industry. (c) Yonhap News Agency, Co. Ltd.

Trending Now
-
Indonesia Names New Navy Chief Amid Fleet Modernisation
-
Malaysia Tightens Rules on Foreign Fishing Vessels
Install the app and never miss breaking news
Available on the App Store
© 2025 Example Media Group. All rights reserved.
"""

TAG_PAGE = """Site logo
Stories tagged #ChipExportControls

Netherlands widens curbs on chipmaking tools
Netherlands widens curbs on chipmaking tools

Reuters

time6 hours ago

  • Technology
  • Reuters

Netherlands widens curbs on chipmaking tools

THE HAGUE (Reuters) - The Dutch government on Friday expanded export restrictions on advanced semiconductor equipment. The move follows months of talks. (Reporting by Anna Jansen; Editing by Tom Lee)

Taiwan reports record quarter for foundry exports
Taiwan reports record quarter for foundry exports

Focus Taiwan

time02-03-2025

  • Business
  • Focus Taiwan

Taiwan reports record quarter for foundry exports

A worker inspects a wafer at a plant in Hsinchu (CNA photo) Taiwan's exports of foundry services reached a record in the third quarter, the economics ministry said.

Stay informed on the go
Download the free app today and get alerts on the stories you follow.
Google Play
"""

NO_HEADLINE = """
A view of the harbour
9:30 a.m. CET, 12 March 2024
OSLO — Norway will increase its defence budget next year, the government said on Tuesday.
The increase will fund new air defence systems and additional frigates, the minister told reporters.
Opposition parties broadly welcomed the plan.
MOST READ
1
Sweden Joins Nordic Air Command Talks
2
Finland Extends Border Closure With Russia
"""

BLOG = """News › Diplomacy › Canada and Philippines Sign Visiting Forces Agreement

Canada and Philippines Sign Visiting Forces Agreement

A Milestone for Indo-Pacific Defence Ties

Manila, Philippines – November 2, 2025 – Canada and the Philippines signed a status of visiting forces agreement on Sunday.

Why the Deal Matters

The agreement gives a legal framework for joint exercises and follows similar pacts with Japan and Australia.

Delegation Members
Anita Anand Canada, Minister of National Defence
Gilberto Teodoro Philippines, Secretary of National Defense

Fun fact: Canada and the Philippines established diplomatic relations in 1949.

What do you make of the new pact? Let us know below.

A Look Back at Canada-Philippines Relations

The two countries have cooperated on disaster relief for decades.

Canada and Philippines sign visiting forces agreement

Overview of the Agreement

The agreement, described by officials as a [Insert Key Detail], covers training and legal status.

Related posts

Leave a Reply
"""


def _extract(text):
    return extract_text_page(text, source="page.txt", url="https://example.invalid/a", fetched_at=FETCHED)


def test_aggregator_page_splits_main_article_partner_items_and_links():
    result = _extract(AGGREGATOR)
    titles = [a.title for a in result.articles]
    assert titles == [
        "Philippines and Vietnam sign coast guard cooperation pact",
        "Singapore hosts regional dialogue on maritime security",
        "Vietnam's exports jump as electronics demand rebounds",
        "Seoul and Hanoi agree to expand defence industry ties",
    ]
    assert [a.position for a in result.articles] == [0, 1, 2, 3]
    main, straits, nikkei, yonhap = result.articles
    assert main.authors == ["Maria Santos"] and main.outlet is None
    assert main.wire == "AFP" and main.dateline == "MANILA"
    assert main.published == datetime(2025, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=8)))
    assert main.body.startswith("The Philippines and Vietnam signed")
    assert main.body.endswith("near Palawan.")
    assert main.body.count("\n\n") == 2  # three paragraphs; the ad label is gone
    assert main.url == "https://example.invalid/a" and straits.url is None
    assert (straits.outlet, straits.relative_age) == ("The Straits Times", "2 hours ago")
    assert straits.published == FETCHED - timedelta(hours=2)
    assert nikkei.published == FETCHED - timedelta(days=1)
    assert nikkei.body.endswith("customs data showed.")
    # no outlet line: the copyright notice names the publisher; the dateline names the wire
    assert (yonhap.outlet, yonhap.wire, yonhap.dateline) == ("Yonhap News Agency", "Yonhap", "SEOUL")
    assert yonhap.body.startswith("South Korea and Vietnam agreed")
    assert [(link.title, link.section) for link in result.links] == [
        ("Indonesia Names New Navy Chief Amid Fleet Modernisation", "Trending Now"),
        ("Malaysia Tightens Rules on Foreign Fishing Vessels", "Trending Now"),
    ]
    bodies = " ".join(a.body for a in result.articles)
    for line in (
        "Advertisement",
        "Share this article",
        "12 comments",
        "Install the app",
        "All rights reserved",
    ):
        assert line not in bodies
        assert any(line in c for c in result.chrome)


def test_tag_page_items_with_repeated_titles_bullets_and_time_prefix():
    result = _extract(TAG_PAGE)
    assert [a.title for a in result.articles] == [
        "Netherlands widens curbs on chipmaking tools",
        "Taiwan reports record quarter for foundry exports",
    ]
    dutch, taiwan = result.articles
    assert (dutch.outlet, dutch.relative_age, dutch.categories) == ("Reuters", "6 hours ago", ["Technology"])
    assert dutch.authors == ["Anna Jansen"] and dutch.dateline == "THE HAGUE"
    assert dutch.body.endswith("months of talks.")
    assert dutch.tags == ["ChipExportControls"]
    assert taiwan.outlet == "Focus Taiwan" and taiwan.categories == ["Business"]
    assert taiwan.published is None  # "02-03-2025": day and month could be swapped; never guessed
    assert taiwan.photo_caption == "A worker inspects a wafer at a plant in Hsinchu (CNA photo)"
    assert taiwan.body.startswith("Taiwan's exports") and taiwan.body.endswith("the economics ministry said.")
    assert "Stay informed on the go" in result.chrome
    assert result.links == []


def test_page_without_headline_infers_title_and_keeps_ranking_as_links():
    result = _extract(NO_HEADLINE)
    assert len(result.articles) == 1
    article = result.articles[0]
    assert article.title_inferred and article.title.startswith("Norway will increase its defence budget")
    assert article.photo_caption == "A view of the harbour"
    assert article.published == datetime(2024, 3, 12, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.dateline == "OSLO"
    assert article.body.endswith("broadly welcomed the plan.")
    assert [link.title for link in result.links] == [
        "Sweden Joins Nordic Air Command Talks",
        "Finland Extends Border Closure With Russia",
    ]
    assert {link.section for link in result.links} == {"MOST READ"}


def test_blog_page_repeated_title_starts_second_article_and_trailer_is_dropped():
    result = _extract(BLOG)
    assert len(result.articles) == 2
    first, second = result.articles
    assert first.title == "Canada and Philippines Sign Visiting Forces Agreement"
    assert first.subtitle == "A Milestone for Indo-Pacific Defence Ties"
    assert first.dateline == "Manila, Philippines"
    assert first.published == datetime(2025, 11, 2, tzinfo=UTC)
    assert first.extra["facts_table"] == [
        ["Anita Anand", "Canada, Minister of National Defence"],
        ["Gilberto Teodoro", "Philippines, Secretary of National Defense"],
    ]
    assert "Why the Deal Matters" in first.body.split("\n\n")  # subheadings stay as paragraphs
    assert first.body.endswith("with Japan and Australia.")
    assert "disaster relief" not in first.body and "Let us know" not in first.body
    assert second.title == "Canada and Philippines sign visiting forces agreement"
    assert second.body.startswith("The agreement, described by officials")
    assert "Leave a Reply" in result.chrome and "Related posts" in result.chrome


def test_pages_without_article_text_are_an_outcome():
    assert _extract("").outcome == "no-article"
    result = _extract("Site logo\nSubscribe now for unlimited access to our journalism\n© 2025 Example Media")
    assert result.outcome == "no-article" and result.articles == []
    assert len(result.chrome) == 3


def test_infer_title_uses_first_sentence_cut_short():
    assert infer_title("Norway will raise spending. More follows.") == "Norway will raise spending"
    long = infer_title(" ".join(["word"] * 30) + ".")
    assert long.endswith("…") and len(long.split()) == 14


def test_furniture_between_headline_and_body_ends_nothing():
    text = (
        "Chile and Peru agree to share seismic data\nShare this article\nSite logo\n"
        "Chile and Peru agreed on Monday to share real-time seismic data between their monitoring agencies.\n"
    )
    result = _extract(text)
    assert [a.title for a in result.articles] == ["Chile and Peru agree to share seismic data"]
    assert result.articles[0].body.startswith("Chile and Peru agreed on Monday")


def test_long_run_after_closed_body_is_an_article_but_a_short_trailer_is_not():
    para = ("Officials from both ministries met again on {} to review progress on the joint supply-chain programme "
            "and its funding, a spokesperson said.")
    text = "\n".join(
        [
            "Brazil and India extend trade talks",
            para.format("Monday"),
            "Leave a comment",
            "A note on sources",
            para.format("Tuesday"),  # short trailer: dropped
            "Subscribe to our newsletter for daily updates",
            "Background to the talks",
            para.format("Wednesday"),
            para.format("Thursday"),
            para.format("Friday"),
        ]
    )
    result = _extract(text)
    assert [a.title for a in result.articles] == [
        "Brazil and India extend trade talks",
        "Background to the talks",
    ]
    assert "Tuesday" not in " ".join(a.body for a in result.articles)
    assert result.articles[1].body.count("\n\n") == 2


def test_outlet_and_age_on_one_line():
    text = (
        "Kenya Opens Bids for Mombasa Port Expansion\nThe East African · 4h ago\n"
        "Kenya opened bidding on Monday for a second container terminal at Mombasa, the ports authority said.\n"
        "Bangladesh Signs Power Deal With Nepal\nDhaka Tribune | March 3, 2025\n"
        "Bangladesh signed a deal to import hydropower from Nepal through India, officials said on Monday.\n"
    )
    kenya, dhaka = _extract(text).articles
    assert (kenya.outlet, kenya.relative_age) == ("The East African", "4 hours ago")
    assert kenya.published == FETCHED - timedelta(hours=4)
    assert (dhaka.title, dhaka.outlet) == ("Bangladesh Signs Power Deal With Nepal", "Dhaka Tribune")
    assert dhaka.published == datetime(2025, 3, 3, tzinfo=UTC)


def test_time_stamp_inside_a_body_does_not_split_it():
    text = (
        "Mongolia and Japan sign rare earths memorandum\n"
        "Mongolia and Japan signed a memorandum on rare earths exploration in Ulaanbaatar on Monday.\n"
        "Updated March 3, 2025\n"
        "The memorandum covers joint surveys and processing technology, the ministry said.\n"
    )
    result = _extract(text)
    assert len(result.articles) == 1
    article = result.articles[0]
    assert article.body.endswith("the ministry said.") and "Updated" not in article.body
    assert article.published == datetime(2025, 3, 3, tzinfo=UTC)


def test_item_metadata_in_other_orders():
    text = "\n".join(
        [
            "Thailand and Cambodia reopen border crossing",
            "Thailand and Cambodia reopened a key border crossing on Monday after weeks of talks between officials.",
            "",
            "Laos Approves New Rail Link Financing",
            "Vientiane Times",
            "5 hours ago",
            "Laos approved financing for a rail link to the Thai border, the transport ministry said on Tuesday.",
            "",
            "3 hours ago",
            "Khmer Times",
            "Cambodia Signs Solar Power Purchase Deal",
            "Cambodia signed a solar power purchase agreement with a private developer, officials said on Tuesday.",
        ]
    )
    first, laos, cambodia = _extract(text).articles
    assert first.body.endswith("between officials.")
    assert (laos.title, laos.outlet, laos.relative_age) == (
        "Laos Approves New Rail Link Financing",
        "Vientiane Times",
        "5 hours ago",
    )
    assert (cambodia.title, cambodia.outlet, cambodia.relative_age) == (
        "Cambodia Signs Solar Power Purchase Deal",
        "Khmer Times",
        "3 hours ago",
    )


def test_caption_between_headline_and_time_line():
    text = (
        "Japan, EU to Launch Security Dialogue\nA view of the Berlaymont building\n"
        "10:05 JST, July 4, 2023\nBRUSSELS — Japan and the European Union will launch a strategic dialogue.\n"
    )
    article = _extract(text).articles[0]
    assert (article.title, article.subtitle) == ("Japan, EU to Launch Security Dialogue", None)
    assert article.photo_caption == "A view of the Berlaymont building"
    assert article.body.startswith("Japan and the European Union will launch")


def test_line_shape_helpers():
    from storyline.extract.split import date_line, is_age_line, is_caption_like, is_outlet_like, same_title

    assert is_age_line("time3 days ago") and is_age_line("Updated 2 hours ago")
    assert not is_age_line("The treaty was signed two hours ago in Geneva by both sides")
    assert date_line("time05-05-2025") == "05-05-2025" and date_line("12:57 JST, July 3, 2023")
    assert date_line("The talks began on July 3, 2023 in Geneva and ended late.") is None
    assert is_outlet_like("The Straits Times") and is_outlet_like("NHK") and not is_outlet_like("Asked 3 times")
    assert is_caption_like("The EU headquarters") and not is_caption_like("The Fed raises rates again")
    assert same_title("Japan’s New Cabinet Meets", "japan's new cabinet meets")
    assert not same_title("Japan weighs spending more", "Japan weighs spending less on bases")


_LINES = st.sampled_from(
    [
        "",
        "-",
        "•",
        "#",
        "1",
        "Related Articles",
        "4 hours ago",
        "time05-05-2025",
        "- Reuters",
        "  • Politics",
        "Asahi Shimbun",
        "By Jane Doe",
        "Share this article",
        "© KYODO",
        "Home » World »",
        "A view of the harbour",
        "Japan and Korea agree to expand talks",
        "Officials said the talks would resume next week in Seoul, officials said.",
        "Key Participants",
        "Cho Hyun South Korea, Minister",
        "12:57 JST, July 3, 2023",
        "NHK · 2h ago",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=25))
def test_extract_never_raises_and_keeps_positions(lines):
    result = _extract("\n".join(lines))
    assert result.outcome in ("ok", "no-article")
    assert [a.position for a in result.articles] == list(range(len(result.articles)))
    for article in result.articles:
        assert article.body.strip() and article.title
        assert "\n\n\n" not in article.body


def test_hashtag_line_tags_the_article_above_it():
    text = (
        "Fiji and Tonga sign fisheries pact\n"
        "Fiji and Tonga signed a fisheries pact on Monday covering patrols and licensing, officials said.\n"
        "Hashtags\n#Fiji #Tonga\nRelated Articles\nRNZ\n2 hours ago\nSamoa Hosts Pacific Forum Talks\n"
        "Samoa hosted talks among Pacific foreign ministers on Tuesday, the forum secretariat said.\n"
    )
    main, samoa = _extract(text).articles
    assert main.tags == ["Fiji", "Tonga"] and samoa.tags == []
    assert (samoa.outlet, samoa.extra["section"]) == ("RNZ", "Related Articles")


EMBED_BODY = """Harbour authority approves new ferry terminal for the east side
3 hours ago

The harbour authority approved a new ferry terminal on Tuesday after two years of planning and public hearings.
{head}
Opening day cannot come soon enough for those of us who commute across the bay every morning.
{when}
Construction is expected to start next spring, officials said, with the first ferries running in two years.
"""


@pytest.mark.parametrize("head", ["Jane Doe (@janedoe)", "Jane Doe @janedoe", "@janedoe"])
@pytest.mark.parametrize("when", ["May 3, 2025", ""])
def test_embedded_post_under_a_handle_line_stays_out_of_the_body(head, when):
    page = EMBED_BODY.format(head=head, when=when)
    [article] = _extract(page).articles
    assert "@janedoe" not in article.body
    assert "commute across the bay" not in article.body
    assert article.body.startswith("The harbour authority approved")
    assert article.body.endswith("in two years.")


def test_a_handle_inside_a_sentence_is_no_embedded_post():
    page = EMBED_BODY.format(head="Follow the project at @harbourferry for updates on the timetable and fares.", when="")
    [article] = _extract(page).articles
    assert "@harbourferry" in article.body
