"""Names after a title that the NER mis-spans or mis-types, and rank words kept in the office
(sentences written for the test, not taken from the roles gold or its pages)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.models import Article

TEXTS = {
    "org_span": "According to Nvidia CFO Colette Kress, revenue rose in the quarter.",
    "person_span": "Alphabet CFO Ruth Porat said spending would rise.",
    "possessive": "Nvidia CFO Colette Kress's comments lifted the shares.",
    "regnal": "Britain's Queen Elizabeth II died in September.",
    "appos_before": "The prime minister, Olaf Scholz, said on Friday that talks would go on.",
    "company_rank": "General Motors Corporation posted its first annual loss since 1992.",
    "deputy": "Deputy Governor Mark Evans said the bank would act.",
    "deputy_appos": "The deputy governor, Sarah Breeden, spoke later in the day.",
    "spokesman_for": "Ali Musa, spokesman for the army, said the road was open.",
    "copula": "Maria Gomez is the chief executive of Acme Foods.",
    "copula_past": "Maria Gomez was the mayor of Springfield until 2019.",
    "copula_no_office": "Maria Gomez is a fan of the mayor.",
    "judge": "Judge Maria Gomez dismissed the case on Tuesday.",
    "justice_department": "The Justice Department said Maria Gomez had been charged.",
}


@pytest.fixture(scope="module")
def enriched():
    arts = [Article(source=k, title="", body=t, published=datetime(2024, 1, 1, tzinfo=UTC)) for k, t in TEXTS.items()]
    return dict(zip(TEXTS, enrich_many(arts)))


def _people(e) -> set[str]:
    return {x.name for x in e.entities if x.type == "PERSON"}


def _roles(e) -> set[tuple]:
    return {(r.person, r.office, r.organization) for r in e.roles}


@pytest.mark.parametrize("case", ["org_span", "person_span", "possessive"])
def test_a_corporate_title_inside_an_ner_span_splits_it(enriched, case):
    e = enriched[case]
    person = "Ruth Porat" if case == "person_span" else "Colette Kress"
    company = "Alphabet" if case == "person_span" else "Nvidia"
    assert person in _people(e)
    assert (person, "CFO", company) in _roles(e)
    assert not any("CFO" in p for p in _people(e))  # "Meta CFO" is no person


def test_a_regnal_numeral_belongs_to_the_name(enriched):
    e = enriched["regnal"]
    assert "Elizabeth II" in _people(e)
    assert any(p == "Elizabeth II" and o == "Queen" for p, o, _ in _roles(e))


def test_a_name_after_a_title_and_comma_is_a_person(enriched):
    e = enriched["appos_before"]
    assert "Olaf Scholz" in _people(e)
    assert any(p == "Olaf Scholz" and o == "Prime Minister" for p, o, _ in _roles(e))


def test_a_rank_word_opening_a_company_name_is_no_title(enriched):
    e = enriched["company_rank"]
    assert _people(e) == set()
    assert e.roles == []


@pytest.mark.parametrize("case,person", [("deputy", "Mark Evans"), ("deputy_appos", "Sarah Breeden")])
def test_deputy_stays_in_the_office(enriched, case, person):
    got = _roles(enriched[case])
    assert any(p == person and o == "Deputy Governor" for p, o, _ in got), got
    assert not any(o == "Governor" or org == "Deputy" for _, o, org in got), got


def test_a_spokesman_for_a_body_has_no_portfolio(enriched):
    got = _roles(enriched["spokesman_for"])
    assert any(p == "Ali Musa" and o == "Spokesman" for p, o, _ in got), got
    assert not any("For" in o for _, o, _ in got), got


def test_a_copula_states_an_office(enriched):
    assert ("Maria Gomez", "Chief Executive", "Acme Foods") in _roles(enriched["copula"])
    assert [(r.office, r.status) for r in enriched["copula_past"].roles] == [("Mayor", "former")]
    assert enriched["copula_no_office"].roles == []  # the office belongs to someone else


def test_judges_hold_an_office(enriched):
    assert any(p == "Maria Gomez" and o == "Judge" for p, o, _ in _roles(enriched["judge"]))
    assert enriched["justice_department"].roles == []
