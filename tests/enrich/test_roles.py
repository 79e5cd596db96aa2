"""Roles read from titles, appositions, counterparts and facts tables, on real parses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich.entities import extract_entities
from storyline.enrich.nlp import parse
from storyline.enrich.role_phrases import normalize_office
from storyline.enrich.roles import extract_roles
from storyline.models import Article

WHEN = datetime(2025, 7, 30, tzinfo=UTC)


def roles_of(body: str, **kw):
    article = Article(body=body, source="test", published=WHEN, **kw)
    doc = parse(body)
    _, mentions = extract_entities(article, doc)
    return {(r.person, r.office, r.organization_key, r.status) for r in extract_roles(article, doc, mentions)}


@pytest.mark.parametrize("body, expected", [
    ("Japanese Foreign Minister Takeshi Iwaya arrived on Monday.",
     ("Takeshi Iwaya", "Foreign Minister", "country:JPN", "current")),
    ("NATO Secretary General Mark Rutte spoke to reporters.",
     ("Mark Rutte", "Secretary General", "org:nato", "current")),
    ("Chinese Foreign Ministry spokesman Guo Jiakun said the move was provocative.",
     ("Guo Jiakun", "Foreign Ministry Spokesman", "country:CHN", "current")),
    ("U.S. Secretary of State Marco Rubio will travel to Asia.",
     ("Marco Rubio", "Secretary of State", "country:USA", "current")),
    ("Foreign Minister Cho Hyun of South Korea met reporters in Seoul.",
     ("Cho Hyun", "Foreign Minister", "country:KOR", "current")),
    ("French President Emmanuel Macron hosted the summit.",
     ("Emmanuel Macron", "President", "country:FRA", "current")),
    ("Indian External Affairs Minister S. Jaishankar said the talks went well.",
     ("S. Jaishankar", "External Affairs Minister", "country:IND", "current")),
    ("The plan was criticised by former Australian Prime Minister Scott Morrison.",
     ("Scott Morrison", "Prime Minister", "country:AUS", "former")),
    ("Former South Korean President Yoon Suk-yeol was indicted.",
     ("Yoon Suk-yeol", "President", "country:KOR", "former")),
    ("Japanese Chief Cabinet Secretary Yoshimasa Hayashi told a news conference that Japan would respond.",
     ("Yoshimasa Hayashi", "Chief Cabinet Secretary", "country:JPN", "current")),
    ("Brazilian Finance Minister Fernando Haddad, speaking in Brasilia, defended the budget.",
     ("Fernando Haddad", "Finance Minister", "country:BRA", "current")),
    ("Olaf Scholz, Germany's chancellor, met the press.",
     ("Olaf Scholz", "Chancellor", "country:DEU", "current")),
    ("Land, Infrastructure, Transport and Tourism Minister Hiromasa Nakano inspected the port in Japan.",
     ("Hiromasa Nakano", "Land, Infrastructure, Transport and Tourism Minister", "country:JPN", "current")),
])
def test_title_roles(body, expected):
    assert expected in roles_of(body)


def test_lower_case_portfolio_and_context_country():
    body = ("Japan and the United States disagree. At a press conference on Tuesday, economic revitalization "
            "minister Ryosei Akazawa, who led Japan's delegation, spoke. Japan wants the cut soon.")
    assert ("Ryosei Akazawa", "Economic Revitalization Minister", "country:JPN", "current") in roles_of(body)


def test_counterpart_takes_the_other_officials_office():
    body = "South Korean Foreign Minister Cho Hyun and his Japanese counterpart Takeshi Iwaya shared concerns."
    got = roles_of(body)
    assert ("Cho Hyun", "Foreign Minister", "country:KOR", "current") in got
    assert ("Takeshi Iwaya", "Foreign Minister", "country:JPN", "current") in got


def test_context_country_skips_a_government_without_that_office():
    # Japan is the most-named country, but Japan has no president: the president is South Korea's.
    body = ("Japan and Japan's government met South Korea's envoy in Japan. Iwaya said ties have grown "
            "since the launch of President Lee Jae-myung's administration.")
    got = roles_of(body)
    assert ("Lee Jae-myung", "President", "country:KOR", "current") in got


def test_prime_minister_takes_the_articles_country():
    body = "Japan will host the talks. Prime Minister Shigeru Ishiba canceled his trip to Japan's ally."
    assert ("Shigeru Ishiba", "Prime Minister", "country:JPN", "current") in roles_of(body)


def test_facts_table_roles():
    got = roles_of("The ministers met on Tuesday.",
                   extra={"facts_table": [["Cho Hyun", "South Korea, Minister of Foreign Affairs"],
                                          ["Marco Rubio", "United States, Secretary of State"]]})
    assert ("Cho Hyun", "Foreign Minister", "country:KOR", "current") in got
    assert ("Marco Rubio", "Secretary of State", "country:USA", "current") in got


def test_as_of_is_the_publication_time():
    article = Article(body="Japanese Foreign Minister Takeshi Iwaya arrived.", source="t", published=WHEN)
    doc = parse(article.body)
    _, mentions = extract_entities(article, doc)
    [role] = extract_roles(article, doc, mentions)
    assert role.as_of == WHEN and role.person_key == "person:iwaya takeshi"
    assert "Iwaya arrived" in role.sentence


def test_no_role_without_a_title():
    assert roles_of("Takeshi Iwaya walked to the station with Mark Rutte.") == set()


@pytest.mark.parametrize("raw, norm", [
    ("Minister of Foreign Affairs", "Foreign Minister"),
    ("minister for foreign affairs", "Foreign Minister"),
    ("foreign affairs minister", "Foreign Minister"),
    ("Secretary-General", "Secretary General"),
    ("economic revitalization minister", "Economic Revitalization Minister"),
    ("Minister of Economy, Trade and Industry", "Economy, Trade and Industry Minister"),
])
def test_normalize_office(raw, norm):
    assert normalize_office(raw) == norm


@pytest.mark.parametrize("body, expected", [
    ("Japan and Japan again. Sony CEO Kenichiro Yoshida said sales rose.",
     ("Kenichiro Yoshida", "CEO", "org:sony", "current")),
    ("Japan's market fell. Steve Harris, chief executive of Circassia Pharmaceuticals, said the results were good.",
     ("Steve Harris", "Chief Executive", "org:circassia-pharmaceuticals", "current")),
])
def test_company_titles_take_the_company_not_the_context_country(body, expected):
    got = roles_of(body)
    assert expected in got
    assert not [r for r in got if r[0] == expected[0] and (r[2] or "").startswith("country:")]


@pytest.mark.parametrize("body, person, status", [
    ("Japan was hit. Fumio Kishida, then the prime minister, said Japan would respond.", "Fumio Kishida", "former"),
    ("Ex-Prime Minister Boris Johnson of Britain spoke.", "Boris Johnson", "former"),
    ("Newly appointed Japanese Foreign Minister Toshimitsu Motegi met reporters.", "Toshimitsu Motegi", "new"),
    ("Incoming U.S. President Donald Trump spoke.", "Donald Trump", "incoming"),
    ("Kim Jong Un, North Korea's leader, fired missiles.", "Kim Jong Un", "current"),
])
def test_status(body, person, status):
    got = {(r[0], r[3]) for r in roles_of(body)}
    assert (person, status) in got, got


def offices_of(body: str) -> set[tuple[str, str]]:
    return {(person, office) for person, office, _org, _status in roles_of(body)}


@pytest.mark.parametrize(
    "body, expected",
    [
        # "<title> of|to <body> <Name>": the scope sits between the title and the name
        ("Secretary of the Navy Ben Ross testified on Tuesday.", ("Ben Ross", "Secretary of the Navy")),
        ("The plan was praised by the Minister of Industry Paul Grady.", ("Paul Grady", "Industry Minister")),
        # a ministry's portfolio after "of" in an apposition, even when the parser tags the title ORG
        (
            "Paul Grady, Canada's Minister of Finance, said the budget would be balanced.",
            ("Paul Grady", "Finance Minister"),
        ),
        # any C-suite "chief ... officer"
        (
            "Chief Investment Officer Laura Finch said the fund was cautious.",
            ("Laura Finch", "Chief Investment Officer"),
        ),
        # a rank or title before the name and a post in an apposition: two facts
        ("Gen. Mark Holt, chairman of the Joint Chiefs of Staff, testified on Tuesday.", ("Mark Holt", "Chair")),
        ("Colonel Ruth Ames, a spokeswoman for the army, said supplies arrived.", ("Ruth Ames", "Spokeswoman")),
        ("Whitey Ross, chairperson of the local union, said there was anger.", ("Whitey Ross", "Chairperson")),
    ],
)
def test_scoped_portfolio_and_second_titles(body, expected):
    assert expected in offices_of(body)


@pytest.mark.parametrize(
    "body, unexpected",
    [
        # a department after "vice president of" is not part of the office; "for" portfolios of
        # multi-word offices neither
        (
            "Mike Stone, the company's vice president of sales and marketing, said demand fell.",
            ("Mike Stone", "Vice President of Sales and Marketing"),
        ),
        (
            "Jim Hale, associate administrator for exploration at the agency, spoke.",
            ("Jim Hale", "Associate Administrator for Exploration"),
        ),
        # "general secretary of Unite": Unite is the organisation, not a ministry
        (
            "Sharon Graham, general secretary of Unite, called a strike.",
            ("Sharon Graham", "General Secretary of Unite"),
        ),
    ],
)
def test_departments_are_not_portfolios(body, unexpected):
    assert unexpected not in offices_of(body)


def test_new_in_a_place_name_is_not_a_status():
    roles = roles_of("New York City Mayor Eric Adams said the city would act.")
    assert {(p, s) for p, _o, _k, s in roles} == {("Eric Adams", "current")}
