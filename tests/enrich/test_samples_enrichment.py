"""Enrichment of the bundled sample corpus (storyline/data/samples) against its expected.toml.

The sample pages are extracted exactly as the pipeline does (``extract_page`` on FetchedPage
records, saved at the corpus's ``fetched_at``), enriched in one batch, and checked for the roles
and events ``expected.toml`` lists, plus properties every entity name must have (no wire credits,
markup, headings or CamelCase hashtags taken for names).
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.names import person_key
from storyline.enrich.role_phrases import is_office_head
from storyline.enrich.taxonomy import load_taxonomy
from storyline.extract import extract_page
from storyline.models import FetchedPage

SAMPLES = Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples"
EXPECTED = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))


def _sample_articles():
    """(key, story, Article) for every expected article found in the HTML and text pages."""
    fetched_at = datetime.fromisoformat(EXPECTED["fetched_at"])
    out = []
    for page in EXPECTED["page"]:
        path = SAMPLES / page["file"]
        if path.suffix not in (".html", ".txt") or not path.is_file():
            continue
        kind = "text" if path.suffix == ".txt" else "html"
        result = extract_page(FetchedPage(source=str(path), content=path.read_bytes(), fetched_at=fetched_at,
                                          url=page.get("url"), kind=kind))
        for i, exp in enumerate(page.get("article", [])):
            found = [a for a in result.articles if exp.get("title") and a.title == exp["title"]]
            if not found and i < len(result.articles) and not exp.get("title"):
                found = [result.articles[i]]
            if found:
                out.append((exp["key"], exp.get("story"), found[0]))
    return out


@pytest.fixture(scope="module")
def enriched():
    items = _sample_articles()
    outs = enrich_many([a for _, _, a in items])
    return [(key, story, article, out) for (key, story, article), out in zip(items, outs)]


def _names(out) -> dict[str, str]:
    return {e.key: e.name for e in out.entities}


def test_the_corpus_is_read(enriched):
    keys = {key for key, *_ in enriched}
    assert {"a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "d1", "e1", "e2"} <= keys


@pytest.mark.parametrize("role", EXPECTED["role"], ids=lambda r: r["person"])
def test_expected_roles_are_found(enriched, role):
    pkey = person_key(role["person"])
    held = [(r.office, r.organization, r.status) for *_, out in enriched for r in out.roles if r.person_key == pkey]
    assert (role["office"], role["organization"], role["status"]) in held, held


@pytest.mark.parametrize("role", EXPECTED["role"], ids=lambda r: r["person"])
def test_no_role_gives_the_office_to_another_country(enriched, role):
    """Aoyagi is Japan's foreign minister in every article, whatever his counterpart's country."""
    pkey = person_key(role["person"])
    wrong = [(key, r.organization, r.sentence[:80]) for key, _, _, out in enriched for r in out.roles
             if r.person_key == pkey and r.office == role["office"] and r.organization != role["organization"]]
    assert not wrong


def _event_matches(event, expected, names: dict[str, str]) -> bool:
    if event.type != expected["type"] or event.date != expected.get("date"):
        return False
    shown = [names.get(k, k) for k in event.participants]
    keys = set(event.participants)
    if any(person_key(p) not in keys for p in expected.get("participants", [])):
        return False
    for field in ("actor", "organization"):  # "China Ministry of Commerce": the country must be named
        if field in expected and not any(expected[field].split()[0] in n for n in shown):
            return False
    return "place" not in expected or (event.place or "").lower() == expected["place"].lower()


@pytest.mark.parametrize("expected", EXPECTED["event"], ids=lambda e: f"{e['story']}-{e['type']}")
def test_expected_events_are_found(enriched, expected):
    story = [(key, out) for key, st, _, out in enriched if st == expected["story"]]
    assert story
    hits = [key for key, out in story for ev in out.events if _event_matches(ev, expected, _names(out))]
    assert hits, [(key, ev.type, ev.date, ev.participants) for key, out in story for ev in out.events]


def test_roles_have_a_real_office_and_organisation(enriched):
    for key, _, _, out in enriched:
        for r in out.roles:
            assert is_office_head(r.office.split()[-1]), (key, r)
            assert r.organization is None or r.organization.lower() not in {"new", "former", "acting", "incoming"}


_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
_GOV_BODY = re.compile(r"^[\w .'-]+ \([\w .'-]+\)$")  # "Foreign Ministry (Japan)"


def test_every_entity_name_is_a_plausible_name(enriched):
    for key, _, _, out in enriched:
        for e in out.entities:
            name = e.name
            assert "--" not in name and "\n" not in name and ":" not in name and "[" not in name, (key, name)
            assert "(" not in name or (e.type == "GOV_BODY" and _GOV_BODY.match(name)), (key, name)
            assert not _CAMEL.match(name), (key, name)
            words = name.split()
            assert not (len(words) > 1 and any(len(w) > 3 and w.isalpha() and w.isupper() for w in words)), (key, name)
            assert not (len(words) == 1 and e.type != "PERSON" and name.lower() in {"north", "operations"}), name


def test_no_role_or_event_comes_from_page_furniture(enriched):
    for key, _, _, out in enriched:
        assert all(len(r.person.split()) >= 2 for r in out.roles), (key, [r.person for r in out.roles])
        names = _names(out)
        for ev in out.events:
            assert all(not _CAMEL.match(names.get(k, "")) for k in ev.participants), (key, ev)


def test_background_clauses_and_look_backs_make_no_event(enriched):
    """"her first visit since she took office" is no appointment; "The reorganization comes as ..."
    repeats the event already reported."""
    for key, _, _, out in enriched:
        for ev in out.events:
            assert not (ev.type == "appointment" and " since " in ev.sentence), (key, ev.sentence)
            assert ev.participants or not ev.sentence.startswith("The "), (key, ev.sentence)


def test_fallback_hashtags_are_no_common_words(enriched):
    """One-word tags outside the taxonomy (the keyphrase fallback) must be names, not "End"."""
    topics = {t.hashtag for t in load_taxonomy().topics.values()}
    for key, _, article, out in enriched:
        for tag in out.hashtags:
            if tag not in topics and not re.search(r"[a-z][A-Z]", tag):
                assert not re.search(rf"\b{tag.lower()}\b", article.body), (key, tag)
