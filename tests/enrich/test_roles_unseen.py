"""Role shapes read by general mechanisms (issue 19, "facts that hold on text never seen"): an apposition read on
the surface, verbs of office with "as" and their objects, honorifics, plural titles, a lower-case department before
the name, and names the NER misses. Sentences written for the test, not taken from the roles gold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.names import clean_person
from storyline.enrich.role_phrases import singular
from storyline.models import Article

CASES = [
    # an apposition after the name, past a party tag
    ("Sen. Chuck Schumer, D-N.Y., the majority leader, said the vote would be held.",
     {("Chuck Schumer", "Majority Leader")}),
    # an apposition listing descriptions: the office is in the second one
    ("This tip is by Jonathan Reed, University of Chicago graduate, general manager of College Greenlight, "
     "which offers free tools.", {("Jonathan Reed", "General Manager")}),
    ("The rule holds, according to Mikey Shulman, a lecturer at MIT Sloan and head of machine learning at Kensho, "
     "which builds software.", {("Mikey Shulman", "Head of Machine Learning")}),
    # verbs that give the office after "as" (with their status) and to their object
    ("John Smith stepped down as chief executive of Acme Corp on Monday.", {("John Smith", "Chief Executive")}),
    ('"The computer remains our core," Jason Wang, who is taking over as interim chief executive, said.',
     {("Jason Wang", "Chief Executive")}),
    ("Acme appointed Jane Smith as its new chief executive.", {("Jane Smith", "Chief Executive")}),
    ("Satya Nadella, who heads Microsoft, said the work would change.", {("Satya Nadella", "Head")}),
    # an honorific between the title and the name
    ("Former Lib Dem leader Sir Menzies Campbell warned against haste.", {("Menzies Campbell", "Leader")}),
    # a lower-case department between the title and the name
    ("It is in co-founder and head of product development Jack Dorsey's interest to help.",
     {("Jack Dorsey", "Head of Product Development"), ("Jack Dorsey", "Co-Founder")}),
    # "head of the <noun>": the noun phrase is a body, not a portfolio
    ("The head of the team, Alireza Safa, estimated the damage.", {("Alireza Safa", "Head")}),
    # a title joined by "and" to the title before the name
    ("Acme President and CEO Jane Roe said sales rose.", {("Jane Roe", "President"), ("Jane Roe", "CEO")}),
    # a plural title shared by coordinated names, before them or after them
    ("Co-founders Larry Page and Sergey Brin stepped back.",
     {("Larry Page", "Co-Founder"), ("Sergey Brin", "Co-Founder")}),
    ("Brian Chesky and Joe Gebbia, Airbnb's co-founders, spoke at the event.",
     {("Brian Chesky", "Co-Founder"), ("Joe Gebbia", "Co-Founder")}),
    # a name the tagger misses: a sentence of names and titles is no headline
    ("Smith faced two rivals: County Commissioner Jeff Travillion and former Travis County Democratic Party Chair "
     "Dyana Limon-Mercado.", {("Dyana Limon-Mercado", "Chair")}),
    # a known surname the tagger reads as a common noun, as the subject of a copula
    ("Warren Jeffs was convicted on Tuesday. Jeffs, 55, is head of the Fundamentalist LDS Church, which is based "
     "in Utah.", {("Warren Jeffs", "Head")}),
]

NEGATIVES = [
    # a description whose noun takes its own phrase holds no office of the person
    ("John Smith, a fan of the mayor, said he would vote.", "John Smith"),
    # "be ... as" states no office
    ("Karen Warren was under constant attack last month as a new leader.", "Karen Warren"),
    # a body's name in the plural is no plural title
    ("They mourned former House of Representatives Speaker, Benjamin Nzeribe, on Monday.", None),
    # "heads" with a thing as its object
    ("Mark Jones heads the ball into the net.", "Mark Jones"),
    # "Chief" + "Executive Officer" is one title, not a title and a name
    ("Fritz Henderson, the Chief Executive Officer of General Motors, outlined a plan.", "Executive Officer"),
]


def _enrich(texts):
    when = datetime(2026, 1, 1, tzinfo=UTC)
    return enrich_many([Article(body=t, source=f"t{i}", published=when) for i, t in enumerate(texts)])


@pytest.fixture(scope="module")
def found():
    return [{(r.person, r.office) for r in e.roles} for e in _enrich([t for t, _ in CASES])]


@pytest.fixture(scope="module")
def negatives():
    return [[(r.person, r.office) for r in e.roles] for e in _enrich([t for t, _ in NEGATIVES])]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_general_shapes(found, k):
    assert CASES[k][1] <= found[k], (CASES[k][0], found[k])


@pytest.mark.parametrize("k", range(len(NEGATIVES)))
def test_no_office(negatives, k):
    text, person = NEGATIVES[k]
    if person is None:  # only the speaker's own office
        assert {o for _, o in negatives[k]} <= {"Speaker"}, negatives[k]
    else:
        assert not [r for r in negatives[k] if r[0] == person], negatives[k]


def test_status_from_the_verb():
    e = _enrich(["John Smith stepped down as chief executive of Acme Corp on Monday.",
                 "Acme hired Jane Smith as chief financial officer."])
    assert [(r.person, r.status) for r in e[0].roles] == [("John Smith", "former")]
    assert [(r.person, r.status) for r in e[1].roles] == [("Jane Smith", "new")]


def test_singular():
    assert singular("Senators") == "Senator"
    assert singular("sens.") == "sen."
    assert singular("foreign ministers") == "foreign minister"
    assert singular("affairs") == "affairs"  # no head of the lexicon
    assert singular("counterparts") == "counterparts"  # a head itself


def test_a_plural_title_is_no_part_of_the_name():
    assert clean_person("Governors Gavin Newsom") == "Gavin Newsom"
    assert clean_person("Sens. Chuck Schumer") == "Chuck Schumer"
    assert clean_person("Rogers Hornsby") == "Rogers Hornsby"
