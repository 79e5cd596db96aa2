"""Titles one step further from the name, signatures and appositive conjuncts (issue 19; sentences written for
the test, not taken from the roles gold)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.models import Article

TEXTS = [
    # a post before a rank word: both are held
    "The suspect was arrested at dawn, state police spokesman Sergeant Lisa Moran told reporters.",
    "Nobody was hurt, county police spokesman Officer Dan Ruiz said.",
    # a title right before another title
    "Senate Banking Committee Chairman Sen. Paul Ortega said he would hold hearings.",
    # a title before "and" and a conjunct that is no title of the lexicon
    '"Demand is strong," says Bright Events Co-Owner and Lead Stylist Nora Fields.',
    # a signature: "Name, title, Org" gives the organisation no office
    '"We are growing," said Tom Baker, senior vice president and general manager, Acme Cloud.',
    # an appositive conjunct
    "Rita Vance, a climate expert and director of the Ocean Policy Program, said the rule was weak.",
    # county offices and "prior"
    "The prior county judge, Sam Ortiz, resigned to run for Congress.",
    # a PERSON span the NER ran from the scope over the name
    "Head of Instagram Adam Mosseri said the feature would roll out next week.",
]


@pytest.fixture(scope="module")
def roles():
    arts = [Article(source=f"t{i}", title="", body=t, published=datetime(2024, 5, 2, tzinfo=UTC))
            for i, t in enumerate(TEXTS)]
    return [{(r.person.split()[-1], r.office, r.status) for r in e.roles} | {("org", r.organization, r.person)
            for r in e.roles} for e in enrich_many(arts)]


def _offices(found, surname):
    return {o for (p, o, _s) in found if p == surname}


def test_post_before_a_rank(roles):
    assert {"Sergeant"} <= _offices(roles[0], "Moran") and any("Spokesman" in o for o in _offices(roles[0], "Moran"))
    assert any("Spokesman" in o for o in _offices(roles[1], "Ruiz"))


def test_title_before_a_title(roles):
    offices = _offices(roles[2], "Ortega")
    assert "Senator" in offices and {"Chair", "Chairman"} & offices


def test_title_before_a_non_title_conjunct(roles):
    assert "Co-Owner" in _offices(roles[3], "Fields")


def test_signature_gives_the_organisation_no_office(roles):
    assert {"Senior Vice President", "General Manager"} <= _offices(roles[4], "Baker")
    assert not _offices(roles[4], "Cloud")


def test_appositive_conjunct(roles):
    assert "Director" in _offices(roles[5], "Vance")


def test_county_office_and_prior(roles):
    assert ("Ortiz", "County Judge", "former") in roles[6]


def test_scope_inside_a_person_span(roles):
    assert _offices(roles[7], "Mosseri")
