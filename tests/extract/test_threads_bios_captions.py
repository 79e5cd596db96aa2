"""Reader threads printed date first, author bio boxes, credited captions, a page's <title> line
and crumb trails, on pages written here for an imaginary site (the "Fenwick Gazette", a paper
about a lakeside town): not the layout generator's pages, not the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.extract.chrome import chrome_kind, is_bio_line, is_ugc_head, split_breadcrumb
from storyline.extract.html import extract_html
from storyline.extract.textdump import extract_text_page
from storyline.extract.textthreads import comment_blocks, credited_caption, title_with_site

FETCHED = datetime(2025, 11, 4, 9, 0, tzinfo=UTC)

HEAD = "Fenwick ferry returns after winter repairs"
P1 = ("The Fenwick ferry made its first crossing of the season on Monday after a winter in the boatyard, where "
      "workers replaced its engine and half of the deck planks.")
P2 = ("The operator said the boat would run every forty minutes until the end of October, and that bicycles would "
      "again travel free on weekday mornings.")
P3 = ("Residents of the north shore, who had driven round the lake for four months, lined the jetty to watch the "
      "boat come in, and some brought flasks of tea for the crew.")
C1 = "Glad to see it back, the drive round the lake took me an hour each way."
C2 = "Will they keep the early sailing on Sundays this year? It was the only one that worked for me."
C3 = "My grandfather worked on the old ferry, so this made my week."


def _text(text: str):
    return extract_text_page(text, source="page.txt", url="https://fenwick.example/a", fetched_at=FETCHED)


def _html(markup: str):
    return extract_html(markup, source="page.html", url="https://fenwick.example/a", fetched_at=FETCHED)


def _only(result):
    assert len(result.articles) == 1, [a.title for a in result.articles]
    return result.articles[0]


def test_comments_printed_date_first_are_no_articles():
    page = "\n".join([HEAD, "By Olive Marsh", "Mar 3, 2025", "", P1, P2, P3, "",
                      "March 3, 2025 at 8:12 pm", "Henry Voss", C1, "",
                      "March 4, 2025 at 7:40 am", "lakeside_dan", C2, "",
                      "March 4, 2025 at 9:02 am", "Rita Okafor", C3])
    art = _only(_text(page))
    assert art.title == HEAD and art.body.endswith(P3)
    for comment in (C1, C2, C3):
        assert comment not in art.body


def test_a_feed_of_dated_stories_is_no_comment_thread():
    """Time and name lines over a long body are a story's header: two such stories stay two."""
    long1, long2 = " ".join([P1, P2, P3, P1, P2, P3]), " ".join([P3, P2, P1, P3, P2, P1])
    entries = [(n, s) for n, s in enumerate(["March 3, 2025", "Olive Marsh", long1, "March 4, 2025", "Henry Voss",
                                             long2])]
    assert comment_blocks(entries, 0) == 0
    short = [(n, s) for n, s in enumerate(["March 3, 2025 at 8:12 pm", "Henry Voss", C1, "2 hours ago",
                                           "rita.o", C2])]
    assert comment_blocks(short, 0) == 2


def test_a_caption_ending_in_its_outlets_credit_leaves_the_body():
    caption = "Passengers wait on the jetty at the north shore before the first crossing | Fenwick Gazette"
    art = _only(_text("\n".join([HEAD, "2 hours ago", "", P1, caption, P2, P3])))
    assert caption not in art.body and art.body.endswith(P3) and P2 in art.body
    assert credited_caption(caption)
    assert not credited_caption("Fenwick Ferry Returns After Winter Repairs | Fenwick Gazette")  # a headline
    assert not credited_caption("Prices rose by 4 | 5 percent in the north")  # no name after the bar


def test_html_caption_paragraph_without_a_class_leaves_the_body():
    caption = "The ferry leaves the boatyard on Friday after its engine was replaced (Photo: Olive Marsh)"
    markup = (f"<html><head><title>{HEAD}</title></head><body><article><h1>{HEAD}</h1><p>{P1}</p>"
              f"<div class='slide'><img src='/f.jpg'><p>{caption}</p></div><p>{P2}</p><p>{P3}</p></article>"
              "</body></html>")
    art = _only(_html(markup))
    assert "(Photo: Olive Marsh)" not in art.body and P3[:40] in art.body


def test_html_comment_list_under_its_heading_leaves_the_body():
    items = "".join(f"<li><div><a href='#c{k}'>March {k}, 2025 at 8:1{k} pm</a></div><div><cite>{who}</cite> "
                    f"<span>says:</span></div><p>{c}</p></li>"
                    for k, (who, c) in enumerate([("Henry Voss", C1), ("Rita Okafor", C2), ("Dan Pike", C3)], 1))
    markup = (f"<html><head><title>{HEAD}</title></head><body><div class='site'><h1>{HEAD}</h1><div class='post'>"
              f"<p>{P1}</p><p>{P2}</p></div><h2>3 thoughts on “{HEAD}”</h2><ol>{items}</ol></div></body></html>")
    art = _only(_html(markup))
    assert art.body.endswith(P2)
    assert all(c not in art.body for c in (C1, C2, C3))


def test_an_author_bio_after_the_story_is_no_part_of_it():
    bio = "Olive Marsh is a staff reporter at the Fenwick Gazette who covers transport and the lake."
    for box in (["About the Author", bio], ["Olive Marsh", bio], [bio, "Follow Olive on Twitter @olive"]):
        art = _only(_text("\n".join([HEAD, "By Olive Marsh", "", P1, P2, P3, "", *box])))
        assert art.body.endswith(P3), box
    assert chrome_kind("About the author") == "bio" and is_bio_line(bio)


def test_a_story_opening_with_its_writers_line_keeps_it():
    lead = "Olive Marsh writes about transport for the Fenwick Gazette."
    art = _only(_text("\n".join([HEAD, "", lead, P1, P2])))
    assert art.body.startswith(lead)


def test_testimonials_under_their_head_are_reader_content():
    quote = f"“{C3}”"
    art = _only(_text("\n".join([HEAD, "", P1, P2, "", "What people are saying", quote, "— Dan Pike, Fenwick",
                                 f"“{C1}”", "Henry Voss"])))
    assert art.body.endswith(P2) and quote not in art.body
    assert is_ugc_head("Testimonials") and is_ugc_head("What our readers are saying")


def test_a_page_title_line_above_the_menu_is_not_the_headline():
    page = "\n".join([f"{HEAD} - Fenwick Gazette", "", "Home", "News", "Lake", "Sport", "Home > News > Lake", "",
                      HEAD, "By Olive Marsh", "3 days ago", "", P1, P2])
    art = _only(_text(page))
    assert art.title == HEAD and art.body.startswith(P1[:40])
    assert title_with_site(f"{HEAD} | Fenwick Gazette", HEAD) == "Fenwick Gazette"
    assert title_with_site(f"{HEAD}: what it means for the north shore", HEAD) is None


def test_a_trails_last_crumb_is_part_of_the_trail():
    assert split_breadcrumb("Home > News > Lake District") == ("Home > News > Lake District", "")
    crumbs, rest = split_breadcrumb(f"Home » News » {HEAD}")
    assert crumbs == "Home » News »" and rest == HEAD


def test_header_lines_under_a_section_label_are_no_facts_table():
    page = "\n".join(["Fenwick Gazette", "TRANSPORT", HEAD, "Mar 3, 2025 10:12 AM", "4 days ago", "By Olive Marsh",
                      "", P1, P2])
    art = _only(_text(page))
    assert art.title == HEAD and not art.extra.get("facts_table")
