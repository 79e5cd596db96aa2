"""Role shapes of issue 19 (point 7) read by general mechanisms: abbreviated ranks kept whole by the tokenizer, county
and state prosecutors and legislators, an office head running on over "of" after a verb ("appointed chief of
staff"), "X replaces Y as Z", a verb of office after a title before the name, "who chairs the <Name> committee", a
dashed aside, a named scope after "Head of", and what must not be read: an office the subject gives to someone else
("X appointed a special prosecutor") and an office inside a relative clause. Sentences written for the test, not taken
from the roles gold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.names import clean_person
from storyline.enrich.nlp import parse
from storyline.enrich.role_titles import Title
from storyline.enrich.roles import _distinct
from storyline.models import Article

CASES = [
    # a rank abbreviation the tokenizer used to split ("Brig" "."), so the parser cut the sentence there
    ("Brig. Gen. Tom Hart was installed as state adjutant general on Saturday.",
     {("Tom Hart", "Brigadier General"), ("Tom Hart", "Adjutant General")}),
    # "X replaces Y as <office>": the subject takes the office (and keeps the rank before the name)
    ("Col. Ann Ray replaces Hart as assistant adjutant general.",
     {("Ann Ray", "Colonel"), ("Ann Ray", "Assistant Adjutant General")}),
    # an office head that runs on over "of" after a verb of office
    ("Col. Ann Ray was appointed chief of staff on Friday.", {("Ann Ray", "Chief of Staff"), ("Ann Ray", "Colonel")}),
    # county and state prosecutors and legislators
    ("Wayne County Prosecuting Attorney Kym Worthy filed charges.", {("Kym Worthy", "Prosecuting Attorney")}),
    ("But state Rep. Sue Lane, D-Anchorage, disagreed.", {("Sue Lane", "State Representative")}),
    ("Knesset Member Dov Lipman spoke at the event.", {("Dov Lipman", "Knesset Member")}),
    # a hyphenated corporate rank keeps its "senior"
    ("Tom Lane, a senior vice-president at Acme Corp, said the deal closed.", {("Tom Lane", "Senior Vice-President")}),
    # "who chairs <a body named by a proper noun>"
    ('"We will act," said MP Jane Hill, who chairs the Health committee in the Commons.',
     {("Jane Hill", "MP"), ("Jane Hill", "Chair")}),
    # a dashed aside after the name, and a tagger span run on into it
    ("Acme co-founder Bob Case - now chairman of the Startup Alliance - gave the keynote speech.",
     {("Bob Case", "Co-Founder"), ("Bob Case", "Chair")}),
    # a plural title over a list set off by commas and party tags, which the parse does not coordinate
    ("Sens. Joan Ward, D-Ore., and Sam Kirby, R-Utah, will appear on Sunday.",
     {("Joan Ward", "Senator"), ("Sam Kirby", "Senator")}),
    # abbreviated general and flag-officer ranks
    ("Lt. Gen. Mark Hale, the corps commander, spoke on Monday.", {("Mark Hale", "Lieutenant General")}),
    ("Rear Adm. Joan Kirk, the Navy's spokeswoman, said the ship was safe.",
     {("Joan Kirk", "Rear Admiral"), ("Joan Kirk", "Spokeswoman")}),
    # a possessor before the title set off by a comma: "<Name>'s prime minister, X"
    ("The talks were led by Acme's chief executive, Jane Roe, and two bankers.", {("Jane Roe", "Chief Executive")}),
]

NEGATIVES = [
    # the subject appoints someone else: the office is the object's
    ("Ohio Attorney General Dave Yost appointed a special prosecutor in May.", "Dave Yost", "Prosecutor"),
    # an office inside a relative clause is another person's
    ("Amy Wu, the first employee who Lee and Acme's other founder, Bob Chan, hired, left the firm.", "Amy Wu",
     "Founder"),
    # the one a spokesman speaks for is not the spokesman
    ("Paul Okoro, a spokesman for Mr Bamba, said the fighters had reached the city.", "Bamba", "Spokesman"),
    # a crown held over no country is a figure of speech
    ("Burlesque queen Dita Morel opened the show.", "Dita Morel", "Queen"),
    ("The King of Swing Benny Adler played on.", "Benny Adler", "King"),
    # a team's captain and a statistic's leader are no offices (a police captain is a rank)
    ("Kenya captain Otieno Rotich praised the bowlers.", "Otieno Rotich", "Captain"),
    ("Rivers, the Hawks' scoring leader, was a late scratch.", "Rivers", "Leader"),
    # a craft, a task or a promotion named like an office
    ("She is the niece of opera director Paolo Verdi, the critic said.", "Paolo Verdi", "Opera Director"),
    ("Actor-turned-director Sam Reyes has built a career.", "Sam Reyes", "Director"),
    ("Mehmet Ozan, study leader and a professor at Yale, spoke.", "Mehmet Ozan", "Leader"),
]


def _enrich(texts):
    when = datetime(2026, 1, 1, tzinfo=UTC)
    return enrich_many([Article(body=t, source=f"r{i}", published=when) for i, t in enumerate(texts)])


@pytest.fixture(scope="module")
def found():
    return [{(r.person, r.office) for r in e.roles} for e in _enrich([t for t, _ in CASES])]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_shapes(found, k):
    assert CASES[k][1] <= found[k], (CASES[k][0], found[k])


@pytest.mark.parametrize("k", range(len(NEGATIVES)))
def test_not_this_persons_office(k):
    text, person, office = NEGATIVES[k]
    roles = _enrich([text])[0].roles
    assert (person, office) not in {(r.person, r.office) for r in roles}, roles


def test_the_office_and_body_of_a_named_scope():
    roles = _enrich(["Head of Instagram Adam Mosseri posted a video."])[0].roles
    assert [(r.person, r.office, r.organization) for r in roles] == [("Adam Mosseri", "Head", "Instagram")]


def test_the_rank_verb_gives_a_new_office():
    roles = _enrich(["Brig. Gen. Tom Hart was installed as state adjutant general on Saturday."])[0].roles
    assert {(r.office, r.status) for r in roles} == {("Brigadier General", "current"), ("Adjutant General", "new")}


def test_rank_abbreviations_stay_one_token_and_one_sentence():
    doc = parse("Brig. Gen. Tom Hart spoke. Lt. Col. Ann Ray and Sgt. Bo Lee left.")
    assert [t.text for t in doc][:4] == ["Brig.", "Gen.", "Tom", "Hart"]
    assert [s.text for s in doc.sents] == ["Brig. Gen. Tom Hart spoke.", "Lt. Col. Ann Ray and Sgt. Bo Lee left."]


def test_a_spaced_dash_ends_a_name():
    assert clean_person("Steve Case - now") == "Steve Case"
    assert clean_person("Alexandria Ocasio-Cortez") == "Alexandria Ocasio-Cortez"


def test_a_crown_over_a_country_stays():
    roles = _enrich(["Jordan's King Abdullah met the envoy."])[0].roles
    assert [(r.office, r.organization) for r in roles] == [("King", "Jordan")]


def test_a_piece_of_a_longer_title_is_not_a_second_office():
    doc = parse("Kremlin chief of staff Sergei Ivanov met the envoy.")
    whole = Title("Chief of Staff", 0, head=3)
    piece = Title("Kremlin Chief", 0, head=1)
    other = Title("Co-Founder", 0, head=1)  # "co-founder and head of product development X": another office
    assert _distinct([whole, piece]) == [whole]
    assert _distinct([Title("Head of Product Development", 0, head=3), other])[1] is other
    assert len(doc) > 3


def test_an_agency_director_stays():
    roles = _enrich(["FBI director Chris Wray testified on Tuesday."])[0].roles
    assert [(r.person, r.office, r.organization) for r in roles] == [("Chris Wray", "Director", "FBI")]


def test_a_police_captain_keeps_the_rank():
    roles = _enrich(["Police captain Dana Holt said the road was closed."])[0].roles
    assert [(r.person, r.office) for r in roles] == [("Dana Holt", "Captain")]


def test_a_plural_possessive_names_the_body():
    roles = _enrich(["Airbus' CEO Louis Gallois announced the delay.",
                     "Rick Wagoner, General Motors' chairman, said sales fell."])
    found = [(r.office, r.organization) for e in roles for r in e.roles]
    assert found == [("CEO", "Airbus"), ("Chair", "General Motors")]
