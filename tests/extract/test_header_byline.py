"""A labelled byline line under the headline (storyline.extract.html_furniture.header_byline)."""

from storyline.extract.html_furniture import header_byline
from storyline.extract.html_meta import load_tree


def _page(head_lines: str, h1: str = "<h1>Ten trails to walk this winter</h1>") -> str:
    return (f"<html><body><header><h1>Trail Magazine</h1><nav><a href='/'>Home</a></nav></header>"
            f"<article>{h1}{head_lines}<p>Winter is the quiet season on the ridge, and the views are the best "
            "of the year for anyone willing to start early, pack a flask of something hot and accept that the "
            "paths will be icy in the shade until well after noon on most days.</p></article>"
            "<aside><p>By Someone Else</p></aside></body></html>")


def test_reads_a_labelled_byline_under_a_later_headline():
    # the first <h1> is the site's logo; the byline line ends in the date, with no separator
    assert header_byline(load_tree(_page("<p>By <a href='/a/jd'>Jane Doe</a> December 2, 2025</p>"))) == ["Jane Doe"]
    assert header_byline(load_tree(_page("<div>Written by:<span>Elise Nass</span></div>"))) == ["Elise Nass"]
    assert header_byline(load_tree(_page("<p>By Matthew Digby , Minh Do on Monday, November 18th</p>"))) == [
        "Matthew Digby", "Minh Do"]
    assert header_byline(load_tree(_page("<p>By Ben Applebaum-Bauch ⋅ Review Editor ⋅ Updated May 6, 2025</p>"))) == [
        "Ben Applebaum-Bauch"]


def test_no_byline_when_the_line_names_no_person():
    assert header_byline(load_tree(_page("<p>By Team Tiger Data</p>"))) == []  # a team, not a person
    assert header_byline(load_tree(_page("<p>By the time the snow melts, the trails reopen.</p>"))) == []
    assert header_byline(load_tree(_page("<p>Byron Bay is far from here</p>"))) == []


def test_a_byline_far_below_the_headline_is_not_read():
    filler = "".join(f"<p>Paragraph {i} of the story about the ridge and its trails.</p>" for i in range(20))
    assert header_byline(load_tree(_page(filler + "<p>By Jane Doe</p>"))) == []
    assert header_byline(load_tree("<html><body><p>By Jane Doe</p></body></html>")) == []  # no headline
