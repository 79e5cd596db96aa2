"""Roles beyond ministers: corporate officers, agency heads, U.S. titles, ranks, relative clauses,
coordinated offices; one fact per office."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.models import Article

CASES = [
    ("NASA Administrator Jim Bridenstine said in a statement on Monday.", ("Jim Bridenstine", "Administrator", "NASA")),
    ("Home Depot COO Ted Decker spoke to analysts.", ("Ted Decker", "COO", "Home Depot")),
    ("Blue Origin founder Jeff Bezos announced the lander.", ("Jeff Bezos", "Founder", "Blue Origin")),
    ("U.S. Attorney James Kennedy Jr. said the case was serious.", ("James Kennedy Jr.", "U.S. Attorney", None)),
    ("Congresswoman Alexandria Ocasio-Cortez spoke first.", ("Alexandria Ocasio-Cortez", "Congresswoman", None)),
    ("Interim BART Police Chief Ed Alvarez told reporters about the fight.", ("Ed Alvarez", "Police Chief", "BART")),
    (
        "Thomas Zurbuchen, NASA's associate administrator, said in the statement.",
        ("Thomas Zurbuchen", "Associate Administrator", "NASA"),
    ),
    (
        "\"It helps,\" says André Neu, Head of Platform Solutions for Ascom.",
        ("André Neu", "Head of Platform Solutions", None),
    ),
    (
        "Jaimie Tilbrook, Chief Product Officer of EncompaaS, said many agree.",
        ("Jaimie Tilbrook", "Chief Product Officer", "EncompaaS"),
    ),
]


@pytest.fixture(scope="module")
def enriched():
    texts = [t for t, _ in CASES] + [
        "Among the issues is whether WeWork's founder and former CEO, Adam Neumann, indulged in self-dealing.",
        "The late Sen. John McCain was praised by the Senate.",
        "\"It is smaller,\" said Steve Lederer, who is Napa County Public Works Director.",
        "BVI Governor John Rankin called for calm. The Governor of the BVI, John Rankin, spoke again on Friday.",
    ]
    arts = [
        Article(source=f"t{i}", title="", body=t, published=datetime(2019, 11, 19, tzinfo=UTC))
        for i, t in enumerate(texts)
    ]
    return [[(r.person, r.office, r.organization, r.status) for r in e.roles] for e in enrich_many(arts)]


@pytest.mark.parametrize("index", range(len(CASES)))
def test_title_shapes(enriched, index):
    person, office, org = CASES[index][1]
    found = [(p, o, g) for p, o, g, _ in enriched[index]]
    assert (person, office, org) in found, found


def test_coordinated_offices_are_one_fact_each_with_status(enriched):
    roles = enriched[len(CASES)]
    assert ("Adam Neumann", "Founder", "WeWork", "current") in roles
    assert ("Adam Neumann", "CEO", "WeWork", "former") in roles


def test_late_senator_is_former(enriched):
    assert ("John McCain", "Senator", None, "former") in enriched[len(CASES) + 1]


def test_office_in_a_relative_clause(enriched):
    assert any(p == "Steve Lederer" and o.endswith("Public Works Director") for p, o, _, _ in enriched[len(CASES) + 2])


def test_one_fact_per_office(enriched):
    offices = [(p, o) for p, o, _, _ in enriched[len(CASES) + 3]]
    assert offices.count(("John Rankin", "Governor")) == 1, offices
