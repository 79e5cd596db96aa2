"""The enrich orchestrator: order, one parse, skipping missing components, surviving failures."""

from __future__ import annotations

import logging

from storyline.enrich import enrich_many
from storyline.enrich.pipeline import COMPONENTS, Component, run_components
from storyline.models import Article, Enrichment


def test_components_table_order_and_contract():
    assert [c.name for c in COMPONENTS] == ["quality", "entities", "roles", "events", "hashtags"]
    sets = {f for c in COMPONENTS for f in c.sets}
    assert sets <= set(Enrichment.__dataclass_fields__)
    available = {"article", "doc"}
    for c in COMPONENTS:  # every component needs only what is there before it runs
        assert set(c.needs) <= available, c.name
        available |= set(c.sets)


def test_enrich_many_fills_entities_mentions_and_roles():
    arts = [Article(body="NATO Secretary General Mark Rutte met Japanese Foreign Minister Takeshi Iwaya "
                         "in Tokyo. Iwaya said Tokyo wants closer ties.", source="a"),
            Article(body="", source="empty")]
    first, empty = enrich_many(arts)
    keys = {e.key for e in first.entities}
    assert {"org:nato", "person:mark rutte", "person:iwaya takeshi", "city:tokyo", "country:JPN"} <= keys
    assert {(r.person, r.office) for r in first.roles} >= {("Mark Rutte", "Secretary General"),
                                                           ("Takeshi Iwaya", "Foreign Minister")}
    assert empty.entities == [] and empty.roles == []


def test_missing_component_is_skipped_and_failures_are_contained(caplog):
    table = (
        Component("ghost", "storyline.enrich.no_such_module", "f", ("article",), ("hashtags",)),
        Component("entities", "storyline.enrich.entities", "extract_entities", ("article", "doc"),
                  ("entities", "mentions")),
        Component("boom", "json", "loads", ("article",), ("keyphrases",)),  # TypeError on an Article
        Component("roles", "storyline.enrich.roles", "extract_roles", ("article", "doc", "mentions"), ("roles",)),
    )
    with caplog.at_level(logging.WARNING, logger="storyline.enrich.pipeline"):
        [out] = run_components([Article(body="French President Emmanuel Macron spoke.", source="x")], table)
    assert "ghost" in caplog.text and "boom" in caplog.text
    assert out.hashtags == [] and out.keyphrases == []
    assert [(r.person, r.office, r.organization_key) for r in out.roles] == [
        ("Emmanuel Macron", "President", "country:FRA")]


def test_numpy_gemm_gives_the_same_parse_as_blis():
    from storyline.enrich.nlp import get_nlp, route_gemm_to_numpy

    nlp = get_nlp()
    text = "Japanese Foreign Minister Takeshi Iwaya met his South Korean counterpart Cho Hyun in Tokyo on Tuesday."
    try:
        route_gemm_to_numpy(False)
        blis = [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]
        route_gemm_to_numpy(True)
        fast = [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]
    finally:
        route_gemm_to_numpy(True)
    assert fast == blis


def test_attribute_ruler_lookups_find_what_spacys_matcher_finds():
    from spacy.pipeline import AttributeRuler

    from storyline.enrich.nlp import get_nlp

    nlp = get_nlp()
    fast = nlp.get_pipe("attribute_ruler")
    assert type(fast).__name__ == "FastAttributeRuler"  # switched on load
    plain = AttributeRuler(nlp.vocab)
    plain.add_patterns(fast.patterns)
    text = ("There's nothin' he didn't try: y'all got 3 U.S.-made drones, and it gets worse.\n\n"
            "Japanese Foreign Minister Takeshi Iwaya met his South Korean counterpart Cho Hyun in Tokyo "
            "on Tuesday (local time) -- \"We will respond calmly,\" he said.  There were 2 meetings.")
    doc = nlp(text)
    found = fast.match(doc)
    assert len(found) >= len(doc)  # every token matches at least its tag's rule
    assert sorted(set(found)) == sorted(set(plain.match(doc)))
