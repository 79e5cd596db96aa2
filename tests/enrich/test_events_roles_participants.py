"""Events whose participants are named by office, and meetings that extend an earlier meeting.

"The foreign ministers of Brazil and Portugal held talks" is the two people the article names as
those ministers (through its roles); "The meeting ... was followed by a trilateral discussion
involving X" is a separate meeting of the first meeting's participants plus X. Real chain: spaCy
parse, ``extract_entities``, ``extract_roles`` (inside ``extract_events`` or through the pipeline).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.models import Article

MON = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(scope="module")
def run():
    from storyline.enrich.entities import extract_entities
    from storyline.enrich.events import extract_events
    from storyline.enrich.nlp import parse

    def _run(body: str, published=MON, roles=None):
        article = Article(body=body, source="test", published=published)
        doc = parse(body)
        entities, mentions = extract_entities(article, doc)
        return extract_events(article, doc, mentions, entities, roles)

    return _run


def _names(keys):
    return {frozenset(k.split(":", 1)[1].split()) if k.startswith("person:") else k for k in keys}


def _people(*names):
    return {frozenset(n.lower().split()) for n in names}


def _meetings(events, trigger_word):
    return [e for e in events if e.type == "meeting" and trigger_word in e.sentence]


def test_plural_office_of_two_countries_is_the_named_ministers(run):
    body = ("Brazilian Foreign Minister Mauro Vieira arrived in Lisbon on Sunday. "
            "Portuguese Foreign Minister Paulo Rangel welcomed the delegation at the airport. "
            "On Monday the foreign ministers of Brazil and Portugal held talks on trade.")
    found = _meetings(run(body), "held talks")
    assert len(found) == 1, found
    assert _names(found[0].participants) == _people("Mauro Vieira", "Paulo Rangel")
    assert found[0].date == "2025-03-03"


def test_the_two_ministers_are_the_office_holders_not_the_nearest_people(run):
    body = ("Polish Defence Minister Marek Nowak and Lithuanian Defence Minister Ruta Kairiene toured a border "
            "post on Tuesday. A local mayor, Jonas Petraitis, showed them the new fence. "
            "Later the two defence ministers held talks in Vilnius.")
    found = _meetings(run(body), "held talks")
    assert len(found) == 1, found
    assert _names(found[0].participants) == _people("Marek Nowak", "Ruta Kairiene")


def test_a_country_s_minister_is_its_named_holder(run):
    body = ("Mexican Economy Minister Marcelo Ebrard said tariffs would hurt both economies. "
            "Canadian Trade Minister Dominic LeBlanc agreed with that view. "
            "On Tuesday Ebrard held talks with Canada's trade minister in Ottawa.")
    found = _meetings(run(body), "held talks")
    assert len(found) == 1, found
    assert _names(found[0].participants) == _people("Marcelo Ebrard", "Dominic LeBlanc")
    assert found[0].place == "Ottawa"


def test_an_office_nobody_in_the_article_holds_stays_unresolved(run):
    body = "The foreign ministers of Kenya and Ghana held talks in Accra on Monday."
    found = _meetings(run(body), "held talks")
    assert found and not any(k.startswith("person:") for e in found for k in e.participants)


def test_roles_passed_in_are_the_ones_used(run):
    body = ("Polish Defence Minister Marek Nowak and Lithuanian Defence Minister Ruta Kairiene toured a border "
            "post on Tuesday. A local mayor, Jonas Petraitis, showed them the new fence. "
            "Later the two defence ministers held talks in Vilnius.")
    with_roles = _meetings(run(body), "held talks")
    without = _meetings(run(body, roles=[]), "held talks")  # no roles: only the nearest-people fallback
    assert [_names(e.participants) for e in with_roles] == [_people("Marek Nowak", "Ruta Kairiene")]
    assert without and [_names(e.participants) for e in without] != [_people("Marek Nowak", "Ruta Kairiene")]


def test_trilateral_discussion_extends_the_earlier_meeting_as_a_separate_event(run):
    body = ("Argentine Foreign Minister Gerardo Werthein met Uruguayan Foreign Minister Mario Lubetkin "
            "in Montevideo.\n\n"
            "The meeting between the foreign ministers of Argentina and Uruguay was followed by a trilateral "
            "discussion involving Paraguayan Foreign Minister Ruben Ramirez.")
    events = run(body, published=datetime(2025, 3, 4, 7, 0, tzinfo=UTC))
    meetings = [e for e in events if e.type == "meeting"]
    pairs = [e for e in meetings if _names(e.participants) == _people("Gerardo Werthein", "Mario Lubetkin")]
    trios = [e for e in meetings
             if _names(e.participants) == _people("Gerardo Werthein", "Mario Lubetkin", "Ruben Ramirez")]
    assert len(pairs) == 1 and len(trios) == 1, [(e.participants, e.sentence) for e in meetings]
    assert pairs[0].date is None  # the bilateral meeting itself is not dated by the article
    trio = trios[0]
    assert trio.date == "2025-03-04" and "dateline" in (trio.date_note or "")  # undated: the article's date
    assert "trilateral discussion" in trio.sentence and trio.attrs.get("extends")


def test_a_discussion_that_extends_nothing_needs_its_own_two_participants(run):
    body = "A trilateral discussion involving Paraguayan Foreign Minister Ruben Ramirez took place on Monday."
    assert not [e for e in run(body) if e.type == "meeting"]


def test_pipeline_passes_the_article_roles_to_events():
    from storyline.enrich.pipeline import run_components

    body = ("Brazilian Foreign Minister Mauro Vieira arrived in Lisbon on Sunday. "
            "Portuguese Foreign Minister Paulo Rangel welcomed the delegation at the airport. "
            "On Monday the foreign ministers of Brazil and Portugal held talks on trade.")
    out = run_components([Article(body=body, source="test", published=MON)])[0]
    assert {r.person for r in out.roles} >= {"Mauro Vieira", "Paulo Rangel"}
    found = _meetings(out.events, "held talks")
    assert len(found) == 1 and _names(found[0].participants) == _people("Mauro Vieira", "Paulo Rangel")
