"""Headline mentions: the title's entities linked like the body's (issue 19: "S. Korean" and
"N Korea" in headlines). Texts written for this test, not taken from the seeds or samples."""

from __future__ import annotations

from storyline.enrich import enrich_article
from storyline.models import Article
from storyline.queries.articles import mark_mentions

BODY = ("Foreign Minister Takeshi Iwaya met his counterpart in Seoul on Tuesday to discuss export "
        "controls on semiconductor materials. Iwaya said both governments would meet again in March.")


def _headline(enrichment):
    return [m for m in enrichment.mentions if m.label == "headline"]


def test_press_short_forms_in_a_headline_reach_their_countries():
    art = Article(title="S. Korean and Japanese envoys weigh N Korea missile curbs", body=BODY, source="t")
    e = enrich_article(art)
    got = {(m.text, m.entity_key) for m in _headline(e)}
    assert ("S. Korean", "country:KOR") in got
    assert ("N Korea", "country:PRK") in got
    for m in _headline(e):  # offsets are into the title, the sentence is the title
        assert art.title[m.start:m.end] == m.text and m.sentence == art.title
    ents = {x.key: x for x in e.entities}
    assert "country:PRK" in ents, "a country named only in the headline becomes an entity of the article"
    assert "S. Korean" in ents["country:KOR"].aliases and "N Korea" in ents["country:PRK"].aliases


def test_a_surname_in_the_headline_is_the_body_person_and_not_an_alias():
    body = ("Foreign Minister Takeshi Iwaya met his counterpart in Seoul on Tuesday to discuss export "
            "controls on semiconductor materials.")
    art = Article(title="Iwaya presses Seoul on chip materials", body=body, source="t")
    e = enrich_article(art)
    person = next(x for x in e.entities if x.type == "PERSON" and "Iwaya" in x.name)
    assert any(m.entity_key == person.key and m.text == "Iwaya" for m in _headline(e))
    assert "Iwaya" not in person.aliases, "a bare surname is a link, not a name the person goes by"


def test_headline_offsets_never_mark_the_body():
    art = Article(title="Iwaya presses Seoul", body=BODY, source="t")
    e = enrich_article(art)
    rows = [{"start": m.start, "end": m.end, "entity_id": i, "label": m.label} for i, m in enumerate(e.mentions)]
    marked = [seg["text"] for para in mark_mentions(BODY, rows) for seg in para if "entity_id" in seg]
    body_texts = [m.text for m in e.mentions if m.label != "headline"]
    assert marked and sorted(marked) == sorted(body_texts)


def test_a_currency_prefix_is_no_country():
    e = enrich_article(Article(title="Carmaker offers US$ 78 million for a plant in the US", body=BODY, source="t"))
    got = [(m.text, m.start) for m in _headline(e) if m.entity_key == "country:USA"]
    assert got == [("US", 50)], got


def test_no_title_changes_nothing():
    with_title = enrich_article(Article(title="", body=BODY, source="t"))
    assert not _headline(with_title)


CAR_BODY = ("The carmaker said on Monday that it would close two plants in Ohio. Union leaders said the "
            "closures would cost 4,000 jobs, and the company's shares fell 3 percent in New York.")


def test_names_the_title_parse_finds_are_mentions_in_a_sentence_case_headline():
    art = Article(title="Harrow Motors to close two plants, union leaders say", body=CAR_BODY, source="t")
    e = enrich_article(art)
    got = {(m.text, m.entity_key) for m in _headline(e)}
    assert any(text == "Harrow Motors" for text, _ in got), got
    key = next(k for text, k in got if text == "Harrow Motors")
    assert key in {x.key for x in e.entities}


def test_a_title_case_headline_adds_no_name_the_body_lacks():
    art = Article(title="Harrow Motors To Close Two Plants, Union Leaders Say", body=CAR_BODY, source="t")
    e = enrich_article(art)
    assert all(m.entity_key in {"country:USA"} or "ohio" in m.entity_key for m in _headline(e)), _headline(e)
    assert not [x for x in e.entities if "harrow" in x.key]
