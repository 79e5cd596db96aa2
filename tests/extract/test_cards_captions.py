"""Teaser cards in text dumps and photo captions in HTML, on pages written here for an imaginary
site (the "Ostmark Observer"): not the layout generator's pages, not the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.extract.html import extract_html
from storyline.extract.textcards import read_card
from storyline.extract.textdump import extract_text_page

FETCHED = datetime(2025, 10, 2, 7, 30, tzinfo=UTC)

P1 = ("The river authority opened the new lock at Ostmark on Wednesday, ending eleven years in which barges had to "
      "unload at the weir and send their cargo on by road.")
P2 = ("Skippers queued from dawn to pass through first, and the authority said more than forty boats had used the "
      "lock by the afternoon, twice the number it had planned for.")
P3 = ("The old lock, built in 1887, will be kept as a museum piece; the authority wants to open its keeper's cottage "
      "to visitors next summer if the town council agrees to share the cost.")
CARDS = [
    ("Ferry fares to rise in January", "The operator blames the price of fuel."),
    ("Why the canal path is closed", "Why now?"),
    ("Ostmark Choir Wins Regional Prize", "Forty singers travelled to the final by coach on Saturday."),
    ("New bridge lights divide the town", "Some residents call them too bright for the old quarter."),
]


def _text(text: str):
    return extract_text_page(text, source="page.txt", url="https://ostmark.example/a", fetched_at=FETCHED)


def _html(markup: str):
    return extract_html(markup, source="page.html", url="https://ostmark.example/a", fetched_at=FETCHED)


def test_a_card_reads_headline_teaser_and_outlet_in_any_order():
    card = read_card(["Ferry fares to rise in January", "The operator blames fuel.", "River Post · 3 hours ago"])
    assert (card.headline, card.teaser, card.outlet) == ("Ferry fares to rise in January", "The operator blames fuel.",
                                                         "River Post")
    card = read_card(["Ostmark Choir Wins Prize", "River Post", "2 hours ago", "Forty singers went to the final."])
    assert card.headline == "Ostmark Choir Wins Prize" and card.outlet == "River Post"
    card = read_card(["Business", "Ferry fares to rise in January", "The operator blames fuel.", "Read more"])
    assert card.headline == "Ferry fares to rise in January"
    assert read_card(["Ruth Kale", "August 31, 2025 at 9:14 pm", "I took that barge every week for years."]) is None
    assert read_card(["Ferry fares to rise in January", "2 hours ago"]) is None  # no teaser: a plain headline link


def test_listing_of_cards_with_the_time_under_the_teaser_gives_links_only():
    lines = ["Latest", ""]
    for title, teaser in CARDS:  # a teaser that is a short question reads like a headline on its own
        lines += [title, teaser, "Ostmark Observer · 2 hours ago", ""]
    result = _text("\n".join(lines))
    assert result.articles == []
    assert [link.title for link in result.links] == [title for title, _t in CARDS]
    assert "Why now?" in result.chrome


def test_rail_of_cards_after_a_story_leaves_the_story_whole():
    lines = ["Ostmark lock opens after eleven years", "By Ines Vogt", "October 1, 2025 6:10 PM", "", P1, P2, P3, "",
             "More news", ""]
    for title, teaser in CARDS:
        lines += [title, "Ostmark Observer", "4 hours ago", teaser, ""]
    lines += ["Ostmark lock opens after eleven years", "Ostmark Observer | 1 hour ago",
              "The lock's first day in pictures, from the dawn queue to the last barge.", ""]
    result = _text("\n".join(lines))
    assert [a.title for a in result.articles] == ["Ostmark lock opens after eleven years"]
    assert result.articles[0].body.endswith("share the cost.")
    assert "Why now?" not in result.articles[0].body
    assert len(result.links) == len(CARDS) + 1


def test_a_rail_set_inside_a_story_does_not_end_it():
    lines = ["Ostmark lock opens after eleven years", "", P1, ""]
    for title, teaser in CARDS[:3]:
        lines += [title, teaser, "Ostmark Observer · 5 hours ago", ""]
    lines += [P2, P3]
    (article,) = _text("\n".join(lines)).articles
    assert article.body.startswith("The river authority") and article.body.endswith("share the cost.")
    assert "fuel" not in article.body


def test_photo_captions_and_credits_stay_out_of_the_html_body():
    caption = "Skippers wait at the new lock gates before the first opening on Wednesday morning."
    markup = (
        "<html><head><title>Ostmark lock opens after eleven years</title></head><body><article>"
        f"<h1>Ostmark lock opens after eleven years</h1><p>{P1}</p>"
        f"<figure><img src='/lock.jpg'><figcaption>{caption}</figcaption></figure><p>{P2}</p>"
        "<div class='wp-caption'><img src='/old.jpg'><p class='wp-caption-text'>The lock keeper's cottage of 1887, "
        "to be opened to visitors next summer.</p></div>"
        f"<p>{P3}</p><span class='photo-credit'>Photo: Ines Vogt/Ostmark Observer</span></article></body></html>"
    )
    (article,) = _html(markup).articles
    assert article.body.startswith("The river authority") and article.body.endswith("share the cost.")
    assert "Skippers wait" not in article.body and "cottage of 1887" not in article.body
    assert "Photo:" not in article.body
    assert article.photo_caption == caption  # still read as the article's photo caption


def test_html_cards_whose_teaser_is_a_dashed_list_are_still_a_listing():
    dashed = ("- Lock gates tested by the river authority on Monday - Barge queue cleared by the evening tide - Museum "
              "plans published for the old lock keeper's cottage - Town council asked to share the cost of the repairs "
              "- Skippers invited to the opening on Wednesday - Towpath closed between the weir and the old quarter "
              "until the end of the month - Fares on the river bus frozen for the winter - Volunteers wanted for the "
              "museum's first season next summer - Harbour office moves to the lock house in spring")
    teasers = [dashed,
               "Operators will raise the ferry fares in January and blame the price of fuel for the change.",
               "Forty singers travelled to the regional final by coach on Saturday and came home with the prize.",
               "Some residents call the new bridge lights too bright for the old quarter of the town.",
               "The harbour office will move into the lock house in the spring, the river authority said.",
               "Volunteers are wanted for the first season of the museum in the old lock keeper's cottage."]
    cards = "".join(f"<article class='story'><h2><a href='/n/{i}'>Ostmark story number {i} of this week</a></h2>"
                    f"<p>{t}</p><time>{i + 2} hours ago</time></article>" for i, t in enumerate(teasers))
    result = _html(f"<html><head><title>Latest</title></head><body><main><h1>Latest</h1>{cards}</main></body></html>")
    assert result.articles == []
    assert len(result.links) == 6


def test_title_case_headline_printed_again_over_its_time_is_no_outlet_line():
    title = "Lock Opens for Ostmark Barges"  # a Title Case headline reads like a name
    page = "\n".join(["Ostmark Observer", "• Home", "• Rivers", title, title, "posted 2 days ago", "By Ines Vogt", "",
                      P1, P2, P3])
    (article,) = _text(page).articles
    assert article.title == "Lock Opens for Ostmark Barges"
    assert article.outlet == "Ostmark Observer" and article.relative_age == "2 days ago"
    assert article.body.startswith("The river authority")


def test_rail_after_a_short_opening_with_an_odd_headline_is_still_a_rail():
    opening = "The new lock at Ostmark opened on Wednesday."
    cards = [("Barge Guide (with Free Map!)", "Every mooring between the weir and the sea, with the depth at low tide "
              "and the nearest place to buy fuel."),
             ("Ferry fares to rise in January", "The operator blames the price of fuel and the cost of the new "
              "landing stage at the harbour."),
             ("Ostmark choir wins regional prize", "Forty singers travelled to the final by coach on Saturday and "
              "came home with the first prize.")]
    lines = ["Ostmark lock opens after eleven years", "By Ines Vogt", "", opening, ""]
    for title, teaser in cards:
        lines += [title, "Ostmark Observer", "3 hours ago", teaser, ""]
    lines += [P1, P2]
    (article,) = _text("\n".join(lines)).articles
    assert article.body.startswith(opening) and article.body.endswith("planned for.")
    assert "mooring" not in article.body and "Free Map" not in article.body


def test_rated_reviews_under_a_head_stay_out_of_the_story():
    review = ("We hired a barge for the weekend and the new lock saved us most of a day, though the queue at the "
              "weir was long on Saturday morning.")
    page = "\n".join(["Ostmark lock opens after eleven years", "", P1, P2, P3, "", "What our customers say",
                      "4/5", "by Ruth Kale on Sep 30, 2025", review, "Rated 5 out of 5", "by Owen Pike on Oct 1, 2025",
                      review.replace("We hired", "My family hired"), "★", "by Ann Reyes on Oct 1, 2025",
                      review.replace("We hired", "Friends hired")])
    (article,) = _text(page).articles
    assert article.body.endswith("share the cost.")
    assert "hired a barge" not in article.body


def test_caption_ending_in_a_bracketed_credit_is_no_body_line():
    caption = "Skippers wait at the new lock gates before the first opening (Photo: Ines Vogt)"
    (article,) = _text("\n".join(["Ostmark lock opens after eleven years", "2 hours ago", "", P1, caption, P2,
                                  P3])).articles
    assert "Skippers wait" not in article.body
    assert article.body.endswith("share the cost.")


def test_html_blockquote_ending_in_a_post_credit_is_an_embedded_post():
    post = "Forty boats through the new lock before noon, and the queue still reaches the weir. What a day for Ostmark!"
    markup = (
        "<html><head><title>Ostmark lock opens after eleven years</title></head><body><article>"
        f"<h1>Ostmark lock opens after eleven years</h1><p>{P1}</p><p>{P2}</p>"
        f"<blockquote><p>{post}</p>— Ines Vogt (@ivogt) October 1, 2025</blockquote><p>{P3}</p>"
        "<blockquote><p>We will keep the old lock as it was built, stone by stone.</p></blockquote>"
        "</article></body></html>"
    )
    (article,) = _html(markup).articles
    assert "Forty boats" not in article.body
    assert article.body.endswith("stone by stone.")  # a quotation without a post's credit stays

