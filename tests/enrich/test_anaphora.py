"""Definite descriptions ("the agency", "the ministry") resolved to the organisation named earlier
in the article, and used as the actor of a nominal event. Texts written for this test."""

from __future__ import annotations

from storyline.enrich import enrich_article
from storyline.enrich.anaphora import definite_refs
from storyline.enrich.nlp import parse_many
from storyline.models import Article, Entity, Mention

BODY = ("The Japan Fisheries Agency said on Monday it would review its quota system. "
        "The restructuring of the agency will take place in April, officials said.")


def test_the_agency_refers_to_the_agency_named_before():
    doc = parse_many([BODY])[0]
    start = BODY.index("Japan Fisheries Agency")
    m = Mention(entity_key="org:japan-fisheries-agency", text="Japan Fisheries Agency", start=start,
                end=start + len("Japan Fisheries Agency"), sentence="")
    ents = [Entity(key=m.entity_key, name=m.text, type="GOV_BODY")]
    refs = definite_refs(doc, [m], ents)
    agency = [t for t in doc if t.lower_ == "agency" and t.idx > start + len(m.text)]
    assert agency and refs.get(agency[0].i) is m


def test_no_earlier_name_no_referent():
    body = "The agency will be restructured in April. Later the Japan Fisheries Agency published a plan."
    doc = parse_many([body])[0]
    start = body.index("Japan Fisheries Agency")
    m = Mention(entity_key="org:jfa", text="Japan Fisheries Agency", start=start, end=start + 22, sentence="")
    refs = definite_refs(doc, [m], [Entity(key="org:jfa", name=m.text, type="GOV_BODY")])
    first = next(t for t in doc if t.lower_ == "agency")
    assert first.i not in refs, "a description before any name stays unresolved"


def test_nominal_event_takes_the_described_organisation_as_actor():
    body = ("Japan's Defense Ministry announced new procurement rules on Tuesday. "
            "The reorganization of the ministry will take effect on April 1, 2027.")
    e = enrich_article(Article(title="", body=body, source="t"))
    ministry = {x.key for x in e.entities if x.type in ("GOV_BODY", "ORG")}
    events = [ev for ev in e.events if "reorganization" in ev.sentence]
    assert ministry and events
    assert any(set(ev.participants) & ministry for ev in events), [(ev.type, ev.participants) for ev in events]
