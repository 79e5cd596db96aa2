"""The general rules behind the sample-corpus fixes, on invented people and outlets the samples
never mention: home country from dateline/outlet, counterparts, status words, successions,
junk NER spans, measure events with effective dates, background clauses, fallback hashtags."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.ent_junk import junk_reason
from storyline.enrich.hashtags import _fallback_ok
from storyline.enrich.home import home_ranking, place_country
from storyline.enrich.nlp import parse
from storyline.models import Article

WHEN = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)


def _enrich(body: str, **kw):
    return enrich_many([Article(body=body, source="test", published=WHEN, **kw)])[0]


def _roles(out):
    return {(r.person, r.office, r.organization, r.status) for r in out.roles}


def test_place_country_reads_datelines_and_outlet_names():
    assert place_country("PARIS") == "FRA"
    assert place_country("Gyeongju, South Korea") == "KOR"
    assert place_country("The Madrid Courier") == "ESP"
    assert place_country("Global Wire") is None and place_country(None) is None


def test_home_ranking_weighs_dateline_and_national_bodies():
    # one mention of a neighbour loses to the dateline plus a capital mention
    assert home_ranking(["country:PRK", "city:seoul"], dateline="SEOUL")[0] == "KOR"
    assert home_ranking(["org:fra-foreign-ministry", "country:DEU"], dateline=None)[:2] == ["FRA", "DEU"]


def test_counterpart_country_is_not_the_first_ministers():
    out = _enrich("Foreign Minister Pierre Dubois and his German counterpart Anna Weber met in Paris on Monday. "
                  "Germany and France agreed to coordinate. Germany will host the next round.")
    roles = _roles(out)
    assert ("Pierre Dubois", "Foreign Minister", "France", "current") in roles
    assert ("Anna Weber", "Foreign Minister", "Germany", "current") in roles


def test_two_holders_of_one_office_in_a_sentence_serve_different_countries():
    out = _enrich("Foreign Minister Ana Costa and Spanish Foreign Minister Luis Gil agreed on Tuesday to hold "
                  "regular talks. Spain and Spain's partners welcomed it.", dateline="LISBON")
    roles = _roles(out)
    assert ("Ana Costa", "Foreign Minister", "Portugal", "current") in roles
    assert ("Luis Gil", "Foreign Minister", "Spain", "current") in roles


@pytest.mark.parametrize("word, status", [("Incoming", "incoming"), ("New", "new"), ("Acting", "current")])
def test_status_words_are_never_the_organisation(word, status):
    out = _enrich(f"{word} Interior Minister Maria Lopez said on Monday that police would be reinforced.",
                  dateline="MADRID")
    assert ("Maria Lopez", "Interior Minister", "Spain", status) in _roles(out)


def test_a_successor_lends_the_full_office_to_the_former_holder():
    out = _enrich("New Interior Minister Maria Lopez was sworn in on Monday.\n\n"
                  "Lopez replaces former minister Juan Ortega, who resigned last month.", dateline="MADRID")
    assert ("Juan Ortega", "Interior Minister", "Spain", "former") in _roles(out)


def test_a_portfolio_after_the_office_head_names_the_office():
    out = _enrich("Sofia Marin, the minister in charge of digital policy, said the rules would change.",
                  dateline="MADRID")
    assert ("Sofia Marin", "Digital Policy Minister", "Spain", "current") in _roles(out)


def test_a_menu_row_in_a_facts_table_is_no_role():
    out = _enrich("The port reopened on Monday.", extra={"facts_table": [["Contact", "us"], ["Newsletters", ""]]})
    assert out.roles == []


def _span(body: str, text: str):
    doc = parse(body)
    start = body.index(text)
    return doc.char_span(start, start + len(text), alignment_mode="expand")


@pytest.mark.parametrize("body, text, typ, reason", [
    ("WELLINGTON (Harbour Wire)-- New Zealand and Fiji agreed on Tuesday to expand fisheries cooperation.",
     "WELLINGTON (Harbour Wire)-- New Zealand", "ORG", "credit-or-markup"),
    ("Talks are set for [Insert Date Here] in Suva.", "Insert Date Here", "MISC", "placeholder"),
    ("Read more on TradeWatch. Trade watch readers also liked:", "TradeWatch", "ORG", "camel-case"),
    ("Tags: #PortSecurity #FisheriesPolicy\nThe port is busy.", "FisheriesPolicy", "ORG", "camel-case"),
    ("Outlook for Regional Trade and Fisheries\n\nThe port is busy.", "Regional Trade and Fisheries", "ORG",
     "heading"),
    ("Operations resumed at noon.", "Operations", "ORG", "common-noun"),
    ("The summit was attended by the Trade Ministers of Fiji and Samoa.", "Trade Ministers of Fiji", "MISC",
     "title-phrase"),
])
def test_junk_spans_are_refused(body, text, typ, reason):
    assert junk_reason(text, typ, _span(body, text)) == reason


@pytest.mark.parametrize("body, text, typ", [
    ("DaimlerChrysler cut jobs in Stuttgart.", "DaimlerChrysler", "ORG"),
    ("Senator Maria McAllister spoke.", "McAllister", "PERSON"),
    ("The Bank of Portugal raised rates.", "Bank of Portugal", "ORG"),
    ("Airbus delivered its first A380 on Monday.", "A380", "MISC"),
])
def test_real_names_pass(body, text, typ):
    assert junk_reason(text, typ, _span(body, text)) is None


def test_an_export_licence_rule_is_an_export_control_dated_when_it_takes_effect():
    out = _enrich("Indonesia will require exporters of nickel ore to obtain government licences from March 1, "
                  "the trade ministry said on Monday.")
    ev = [e for e in out.events if e.type == "export_control"]
    assert ev and "country:IDN" in ev[0].participants
    assert ev[0].date == "2026-03-01" and ev[0].status == "planned"


def test_a_since_clause_and_a_look_back_make_no_event():
    out = _enrich("Foreign Minister Ana Costa visited Madrid on Monday. It was her first trip abroad since she "
                  "was appointed in May.\n\nThe reorganization comes as the government prepares a new budget.",
                  dateline="LISBON")
    assert not [e for e in out.events if e.type == "appointment"]
    assert not [e for e in out.events if e.type == "reorganization" and not e.participants]


def test_fallback_hashtags_need_a_name_not_a_common_word():
    body = "By the end of the year, gaming revenue rose. Traffic at Hakata port fell. Hakata is busy."
    assert not _fallback_ok("End", body) and not _fallback_ok("Gaming", body)
    assert _fallback_ok("Hakata", body) and _fallback_ok("port traffic", body)


def test_two_days_after_shifts_a_borrowed_date_back():
    out = _enrich("Foreign Minister Ana Costa and her Spanish counterpart Luis Gil held phone talks on Friday "
                  "morning.\n\nThey came two days after the ministers met in Madrid and agreed to launch a dialogue.",
                  dateline="LISBON")
    met = [e for e in out.events if e.type == "meeting"]
    assert met and met[0].date == "2026-02-04"  # Friday 6 Feb minus two days


def test_one_end_of_a_span_of_years_is_no_event_date():
    out = _enrich("Relations between Lisbon and Madrid, strained by a 1930-1975 border dispute, have improved, "
                  "Foreign Minister Ana Costa said.", dateline="LISBON")
    assert all(e.date not in ("1930", "1975") for e in out.events)


def test_a_fight_against_an_abstract_foe_is_no_combat():
    out = _enrich("Finland said it would keep backing Estonia as it fights against Russian aggression.")
    assert not [e for e in out.events if e.type == "fight"]
    out = _enrich("Mali said its army clashed with Wagner fighters near Kidal on Monday.")
    assert [e for e in out.events if e.type == "fight"]  # real combat stays an event
