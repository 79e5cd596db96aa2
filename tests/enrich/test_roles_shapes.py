"""Roles read from shapes the parse does not mark as an apposition, from verbs of office, and in
names with lower-case particles, police ranks (sentences written for the test, not taken from the roles gold)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.names import clean_person
from storyline.models import Article

CASES = [
    # a title set off by a comma before the name: "<title> of <body>, <Name>"
    ("The Secretary General of the Commonwealth, Patricia Scotland, opened the meeting.",
     ("Patricia Scotland", "Secretary General")),
    ("Vice Chairman of the Federal Reserve, Richard Clarida, spoke on Friday.", ("Richard Clarida", "Vice Chairman")),
    ("Member representing Kano Central, Musa Bello, raised the matter in plenary.", None),
    # a verb that gives its subject an office
    ("Jane Fraser was named chief executive of Citigroup last year.", ("Fraser", "Chief Executive")),
    ("After the vote, Karen Bass became mayor of the city.", ("Bass", "Mayor")),
    ("Paul Polman, who served as chief executive of Unilever, joined the board.", ("Polman", "Chief Executive")),
    # police ranks
    ("Inspector Jane Doe of the Metropolitan Police said two men were held.", ("Jane Doe", "Inspector")),
    ("Chief Constable Andy Marsh said the force would review the footage.", ("Andy Marsh", "Chief Constable")),
    # a name with a particle
    ("Mayor Bill de Blasio spoke at City Hall on Monday.", ("Bill de Blasio", "Mayor")),
    ("The son of former German President Richard von Weizsäcker was attacked in Berlin.",
     ("Richard von Weizsäcker", "President")),
]


@pytest.fixture(scope="module")
def enriched():
    arts = [Article(source=f"s{i}", title="", body=t, published=datetime(2019, 11, 19, tzinfo=UTC))
            for i, (t, _) in enumerate(CASES)]
    arts.append(Article(source="neg", title="", body="He met the foreign minister, Smith said on Monday.",
                        published=datetime(2019, 11, 19, tzinfo=UTC)))
    return [[(r.person, r.office, r.organization, r.status) for r in e.roles] for e in enrich_many(arts)]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_role_shapes(enriched, k):
    want = CASES[k][1]
    got = enriched[k]
    if want is None:  # a constituency is not an organisation
        assert all(org != "Kano Central" for _p, _o, org, _s in got), got
        return
    person, office = want
    assert any(person in p and o == office for p, o, _org, _s in got), got


def _case(start: str) -> int:
    return next(k for k, (text, _) in enumerate(CASES) if text.startswith(start))


def test_served_as_is_a_former_office(enriched):
    assert ("Paul Polman", "Chief Executive", "Unilever", "former") in enriched[_case("Paul Polman")]


def test_named_gives_a_new_office_with_its_organisation(enriched):
    assert ("Jane Fraser", "Chief Executive", "Citigroup", "new") in enriched[_case("Jane Fraser")]


def test_comma_before_a_name_that_does_not_close_an_apposition(enriched):
    assert enriched[-1] == []


def test_particles_only_inside_a_name():
    assert clean_person("Bill de Blasio") == "Bill de Blasio"
    assert clean_person("de Blasio") is None
    assert clean_person("Vincent van") is None
