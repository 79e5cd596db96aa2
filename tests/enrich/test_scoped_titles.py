"""A title with its scope before the name, read by the NER as one ORG ("Secretary of Commerce Gina
Raimondo"), splits into the office and a PERSON (sentences written for the test, not taken from the
roles gold or its pages)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.models import Article

TEXTS = {
    "org_span": "The Secretary of Commerce Gina Raimondo said exports had risen.",
    "untagged": "Secretary of the Interior Deb Haaland toured the canyon on Tuesday. Haaland said the land "
                "would be protected.",
    "surname_told": "Secretary of Homeland Security Alejandro Mayorkas spoke in El Paso. Mayorkas told reporters "
                    "that more agents would come.",
    "no_name": "The Secretary of Homeland Security Affairs said the rules would change.",
    "no_name_minister": "The Minister of Natural Resources Development visited the mine.",
    "scope_speaks": "The Secretary of Homeland Security Affairs spoke on Monday. Affairs said nothing.",
}


@pytest.fixture(scope="module")
def enriched():
    arts = [Article(source=k, title="", body=t, published=datetime(2024, 1, 1, tzinfo=UTC)) for k, t in TEXTS.items()]
    return dict(zip(TEXTS, enrich_many(arts)))


def test_a_name_after_a_scoped_title_inside_an_org_span_is_a_person(enriched):
    e = enriched["org_span"]
    assert "Gina Raimondo" in {x.name for x in e.entities if x.type == "PERSON"}
    assert not any("Raimondo" in x.name for x in e.entities if x.type != "PERSON")
    assert [(r.person, r.office) for r in e.roles] == [("Gina Raimondo", "Commerce Secretary")]


@pytest.mark.parametrize("case,person,office", [
    ("untagged", "Deb Haaland", "Secretary of the Interior"),
    ("surname_told", "Alejandro Mayorkas", "Secretary of Homeland Security"),
])
def test_a_name_the_ner_misses_after_a_scoped_title_is_a_person_when_its_surname_speaks(enriched, case, person, office):
    e = enriched[case]
    assert person in {x.name for x in e.entities if x.type == "PERSON"}
    assert (person, office) in {(r.person, r.office) for r in e.roles}


@pytest.mark.parametrize("case", ["no_name", "no_name_minister", "scope_speaks"])
def test_scope_words_without_a_name_make_no_person(enriched, case):
    e = enriched[case]
    assert [x.name for x in e.entities if x.type == "PERSON"] == []
    assert e.roles == []
