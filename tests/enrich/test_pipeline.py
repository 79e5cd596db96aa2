"""The enrich orchestrator: order, one parse, loud start-up failures, contained data failures."""

from __future__ import annotations

import importlib
import logging
import sys

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.entities import extract_entities
from storyline.enrich.pipeline import COMPONENTS, Component, check_components, run_components
from storyline.enrich.roles import extract_roles
from storyline.errors import ComponentError
from storyline.models import Article, Enrichment


def test_components_table_order_and_contract():
    assert [c.name for c in COMPONENTS] == ["quality", "entities", "roles", "events", "hashtags", "headline"]
    sets = {f for c in COMPONENTS for f in c.sets}
    assert sets <= set(Enrichment.__dataclass_fields__)
    available = {"article", "doc", "title_doc"}  # the parses, made before any component runs
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


def test_failures_on_one_article_are_contained(caplog):
    def boom(article):  # a component that chokes on this article's data
        raise ValueError(f"cannot read {article.source}")

    table = (
        Component("entities", extract_entities, ("article", "doc"), ("entities", "mentions")),
        Component("boom", boom, ("article",), ("keyphrases",)),
        Component("roles", extract_roles, ("article", "doc", "mentions"), ("roles",)),
    )
    with caplog.at_level(logging.WARNING, logger="storyline.enrich.pipeline"):
        [out] = run_components([Article(body="French President Emmanuel Macron spoke.", source="x")], table)
    assert "boom" in caplog.text and out.keyphrases == []
    assert [(r.person, r.office, r.organization_key) for r in out.roles] == [
        ("Emmanuel Macron", "President", "country:FRA")]


def test_a_bug_in_a_component_is_raised_not_logged():
    def typo(article):
        return undefined_name  # noqa: F821 - the typo under test

    with pytest.raises(NameError):
        run_components([Article(body="Text.", source="x")],
                       (Component("typo", typo, ("article",), ("keyphrases",)),))


def test_a_missing_component_module_fails_at_start_up(monkeypatch):
    """As if enrich/roles.py had been renamed: importing the stage fails, naming the module."""
    monkeypatch.setitem(sys.modules, "storyline.enrich.roles", None)
    monkeypatch.delitem(sys.modules, "storyline.enrich.pipeline")
    with pytest.raises(ImportError, match="storyline.enrich.roles"):
        importlib.import_module("storyline.enrich.pipeline")


@pytest.mark.parametrize("component", [
    Component("wrong-args", lambda article: [], ("article", "doc"), ("hashtags",)),
    Component("unknown-field", lambda article: [], ("article",), ("no_such_field",)),
    Component("not-callable", "storyline.enrich.roles.extract_roles", ("article",), ("roles",)),
])
def test_a_broken_component_fails_before_any_article(component):
    with pytest.raises(ComponentError, match=component.name):
        check_components((component,))
    with pytest.raises(ComponentError):
        run_components([Article(body="Text.", source="x")], (component,))


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


def test_fast_lemmatizer_and_ruler_annotations_give_spacys_tokens():
    """The memoised lemmatizer and the ruler's span-free annotations against spaCy's own pipes on
    the same parse: every token's lemma, POS, morphology and norm equal, twice (memo cold, then warm)."""
    import spacy

    from storyline.config import Settings
    from storyline.enrich.fast_lemma import fast_lemmatizer
    from storyline.enrich.nlp import get_nlp

    fast_nlp = get_nlp()
    assert type(fast_nlp.get_pipe("lemmatizer")).__name__.startswith("Fast")  # switched on load
    plain_nlp = spacy.load(Settings().spacy_model)  # spaCy's own ruler and lemmatizer
    assert not type(plain_nlp.get_pipe("lemmatizer")).__name__.startswith("Fast")
    text = ("The ministers were meeting again; she'd said the talks went better than feared. Mice ran, "
            "geese flew, and the U.S.-made drones' batteries were running down.\n\nHe is being "
            "investigated by the better-known agencies, whose findings are expected on Tuesdays.")
    fresh = spacy.load(Settings().spacy_model)
    assert fast_lemmatizer(fresh.get_pipe("lemmatizer")) and not fast_lemmatizer(fresh.get_pipe("lemmatizer"))
    for nlp in (fast_nlp, fresh):
        for _ in range(2):
            got = [(t.text, t.lemma_, t.pos_, str(t.morph), t.norm_) for t in nlp(text)]
            want = [(t.text, t.lemma_, t.pos_, str(t.morph), t.norm_) for t in plain_nlp(text)]
            assert got == want
            assert {"meet", "say", "go", "mouse", "run", "be", "investigate", "battery"} <= {
                lemma for _, lemma, *_ in got}
    # the set-valued index is used only inside the call: the pipe keeps the model's own tables
    index = fresh.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, list) for words in index.values())
