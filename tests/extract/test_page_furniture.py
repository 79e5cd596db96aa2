"""Reader sections, header blocks, rails, listings, embeds and paywall notes on pages written here
for an imaginary site (the "Fenwick Gazette"): not the layout generator's pages, not the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.extract.chrome import chrome_kind, is_embed_credit, is_ugc_head
from storyline.extract.html import extract_html
from storyline.extract.textdump import extract_text_page

FETCHED = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)

P1 = ("The county council voted on Monday to reopen the Fenwick ferry crossing after a two-year closure, "
      "citing rising commuter numbers on the coastal road.")
P2 = ("Engineers will inspect the landing stages in October, and the first sailings are planned for the spring "
      "if the inspection finds no further damage to the piers.")
P3 = ("Residents of the island villages, who have relied on a bus detour of almost an hour, welcomed the decision "
      "but asked for a timetable that fits school hours.")
COMMENT = ("I have taken that bus every morning for two years and it never once arrived on time, so this is the best "
           "news the village has had in ages.")


def _text(text: str):
    return extract_text_page(text, source="page.txt", url="https://fenwick.example/a", fetched_at=FETCHED)


def _html(markup: str):
    return extract_html(markup, source="page.html", url="https://fenwick.example/a", fetched_at=FETCHED)


def _bodies(result) -> str:
    return " ".join(a.body for a in result.articles)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("4 Comments", "comments"),
        ("Leave a Reply", "comments"),
        ("Customer reviews", "comments"),
        ("Margaret Ellis says:", "comments"),
        ("Reply", "ugc-item"),
        ("Like · Reply", "ugc-item"),
        ("★★★★☆", "ugc-item"),
        ("Verified Purchase", "ugc-item"),
        ("This story is for subscribers only.", "paywall"),
        ("You have reached your limit of free articles.", "paywall"),
        ("Copy link", "label"),
        ("The pier at dawn. Photo: Ann Reyes/Fenwick Gazette", "inline"),
    ],
)
def test_reader_and_box_lines_have_a_kind(line, kind):
    assert chrome_kind(line) == kind


def test_headlines_are_not_reader_heads_or_calls_to_action():
    for line in ("How to write a newsletter people read", "Reviews of the new ferry timetable are mixed so far",
                 "Council says ferry will return"):
        assert not is_ugc_head(line)
        assert chrome_kind(line) is None
    assert is_embed_credit("— Fenwick Council (@fenwickcc) August 30, 2025")
    assert not is_embed_credit("— the council said on Monday")


def test_comment_thread_after_a_head_is_dropped_as_a_unit():
    page = "\n".join(["Fenwick ferry to return next spring", "Aug 31, 2025", "", P1, P2, P3, "", "2 Comments",
                      "Ruth Kale", "August 31, 2025 at 9:14 pm", COMMENT, "Reply",
                      "Owen Pike", "3 hours ago", P2.replace("Engineers", "The engineers"), "Reply"])
    result = _text(page)
    assert [a.title for a in result.articles] == ["Fenwick ferry to return next spring"]
    assert result.articles[0].body.endswith("fits school hours.")
    assert "every morning" not in _bodies(result)


def test_comment_without_a_head_is_cut_back_to_its_author_line():
    page = "\n".join(["Fenwick ferry to return next spring", "", P1, P2, P3, "Ruth Kale",
                      "August 31, 2025 at 9:14 pm", COMMENT, "Reply"])
    result = _text(page)
    assert len(result.articles) == 1
    assert result.articles[0].body.endswith("fits school hours.")


def test_header_block_in_any_order_gives_outlet_section_and_title():
    page = "\n".join(["Fenwick Gazette", "◦ Local", "Fenwick ferry to return next spring",
                      "Fenwick ferry to return next spring", "posted 3 days ago", "By Ann Reyes", "", P1, P2])
    (article,) = _text(page).articles
    assert article.title == "Fenwick ferry to return next spring"
    assert article.outlet == "Fenwick Gazette" and article.categories == ["Local"]
    assert article.relative_age == "3 days ago" and article.authors == ["Ann Reyes"]
    assert article.body.startswith("The county council voted")


def test_sign_up_box_inside_a_body_does_not_end_it_and_paywall_note_does():
    page = "\n".join(["Fenwick ferry to return next spring", "", P1, "Sign up for our newsletter",
                      "Get the Gazette's top stories in your inbox every morning.", P2, P3,
                      "This story is for subscribers only.", "Already a subscriber? Log in"])
    (article,) = _text(page).articles
    assert article.body.startswith("The county council") and article.body.endswith("fits school hours.")
    assert "newsletter" not in article.body and "subscriber" not in article.body


def test_teaser_rail_and_embedded_post_are_not_articles():
    page = "\n".join(["Fenwick ferry to return next spring", "", P1,
                      "Back where it belongs. See you on board next spring!",
                      "— Fenwick Council (@fenwickcc) August 30, 2025", P2, P3, "", "Read next",
                      "Harbour wall repairs finish early", "The contractor finished the work three weeks ahead.",
                      "Bus detour to end with ferry return", "Operators will cut the route once sailings resume.",
                      "Island school asks for later start", "Parents want the first bell moved to nine o'clock."])
    result = _text(page)
    assert [a.title for a in result.articles] == ["Fenwick ferry to return next spring"]
    assert "See you on board" not in _bodies(result)
    assert result.articles[0].body.endswith("fits school hours.")
    assert [link.title for link in result.links] == ["Harbour wall repairs finish early",
                                                     "Bus detour to end with ferry return",
                                                     "Island school asks for later start"]


def test_listing_of_cards_gives_links_not_articles():
    cards = []
    for title, teaser in [("Harbour wall repairs finish early", "The contractor finished three weeks ahead."),
                          ("Bus detour to end with ferry return", "Operators will cut the route in spring."),
                          ("Island school asks for later start", "Parents want the first bell at nine."),
                          ("Lifeboat crew marks fifty years", "Volunteers gathered at the station on Sunday.")]:
        cards += [title, teaser, "Fenwick Gazette · 2 hours ago", ""]
    result = _text("\n".join(["Local news", ""] + cards))
    assert result.articles == []
    assert len(result.links) == 4


def test_html_reader_content_stays_out_of_the_body():
    reviews = "".join(
        f"<div itemscope itemtype='https://schema.org/Review'><span itemprop='author'>{name}</span>"
        f"<p itemprop='reviewBody'>{COMMENT}</p></div>" for name in ("Ruth Kale", "Owen Pike"))
    replies = "".join(f"<div><div><b>{name}</b> <span>August 31, 2025 at 9:14 pm</span></div><p>{text}</p>"
                      f"<a href='#r'>Reply</a></div>" for name, text in (("Ann", COMMENT), ("Bo", P2[::-1])))
    markup = (f"<html><head><title>Fenwick ferry to return</title></head><body><article><h1>Fenwick ferry to return"
              f"</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article><section><h2>Reviews</h2>{reviews}</section>"
              f"<h3>2 Responses</h3><div>{replies}</div></body></html>")
    result = _html(markup)
    assert len(result.articles) == 1
    assert result.articles[0].body.endswith("fits school hours.")
    assert "every morning" not in _bodies(result)


def test_html_site_cards_without_outlets_are_a_listing():
    teasers = ["The contractor finished the harbour wall repairs three weeks ahead of the schedule agreed in May.",
               "Operators will cut the long bus detour as soon as the first ferry sailings resume in the spring.",
               "Parents at the island school want the first bell moved to nine o'clock to fit the ferry timetable.",
               "Volunteers of the lifeboat crew gathered at the station on Sunday to mark fifty years of service."]
    cards = "".join(f"<article class='card'><h2><a href='/n/{i}'>Local story number {i} of the week</a></h2>"
                    f"<p>{t}</p><time>{i + 1} hours ago</time></article>" for i, t in enumerate(teasers))
    result = _html(f"<html><head><title>Local</title></head><body><main><h1>Local</h1>{cards}</main></body></html>")
    assert result.articles == []
    assert len(result.links) == 4
