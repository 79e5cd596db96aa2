"""Header lines on pages written for imaginary sites (not the layout pages the rules were chosen
on): Title Case lines are headlines even when they break at "?" or close on "!)"; a summary box
sentence right under the headline opens the story, while a box inside the body stays furniture."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.extract.textdump import extract_text_page
from storyline.extract.textlines import is_headline

FETCHED = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)

QUESTION_HEADLINE = """Can Tidal Power Light a Whole Town? What Orkney's Engineers Learned in Ten Winters
The turbines off Eday were lowered into the channel in 2015, and the first winter nearly ended the project.
Storms tore two cables loose in January, and divers could only reach them in the short calm between tides.
By the third winter the team had moved the junction boxes ashore, and outages fell to a handful a year.
"""

PAREN_HEADLINE = """Orkney Gazette
Seven Cheap Ways to Insulate an Old Stone Cottage (Number 4 Surprised Us!)
March 2, 2025

Thick walls keep a cottage cool in summer, but they drink up heat in winter unless the gaps are sealed.
We tried seven fixes on a croft house near Stromness and measured the heating bill before and after each one.
"""


def test_title_case_line_breaking_at_question_mark_is_the_headline():
    result = extract_text_page(QUESTION_HEADLINE, source="page.txt", fetched_at=FETCHED)
    assert len(result.articles) == 1
    art = result.articles[0]
    assert art.title == "Can Tidal Power Light a Whole Town? What Orkney's Engineers Learned in Ten Winters"
    assert art.body.startswith("The turbines off Eday")


def test_title_case_line_closing_on_exclamation_in_parentheses_is_the_headline():
    result = extract_text_page(PAREN_HEADLINE, source="page.txt", fetched_at=FETCHED)
    assert [a.title for a in result.articles] == [
        "Seven Cheap Ways to Insulate an Old Stone Cottage (Number 4 Surprised Us!)"
    ]
    assert result.articles[0].body.startswith("Thick walls keep a cottage cool")


def test_prose_and_shouting_stay_what_they_are():
    assert is_headline("Can Tidal Power Light a Whole Town? What Orkney's Engineers Learned")
    assert not is_headline("It rained all night. Then the ferry left the harbour at dawn.")
    assert not is_headline("We loved it. You Will Too!")  # a sentence in title case with under four long words
    assert not is_headline("Stop the Press. Nobody Reads Them Anyway.")  # Title Case still ends on a full stop
    assert not is_headline("Seven ways to insulate a cottage (number 4 surprised us!)")


SUMMARY_LEAD = """Harbour Notes
Ferry Timetables Shift as the Pentland Firth Crossing Gets a Second Boat
June 3, 2025

TL;DR: From July the crossing runs every ninety minutes, and the last sailing leaves Stromness at nine in the evening.
The council confirmed the second vessel on Monday after a year of delays at the shipyard in Leith.
Islanders have asked for a later sailing for years, since the last boat left before most shifts ended.
Did you know? The first ferry on this route carried mail, two cows and a piano in the summer of 1856.
The operator said fares would stay at last year's level until the end of the season.
"""


def test_summary_box_under_the_headline_opens_the_body_but_a_box_after_it_stays_out():
    result = extract_text_page(SUMMARY_LEAD, source="page.txt", fetched_at=FETCHED)
    assert len(result.articles) == 1
    body = result.articles[0].body
    assert body.startswith("TL;DR: From July the crossing runs every ninety minutes")
    assert "carried mail, two cows and a piano" not in body
