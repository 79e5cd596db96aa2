"""Entities and mentions: gazetteer forms, canonical keys, surnames, metonymy, noise."""

from __future__ import annotations

import pytest

from storyline.enrich.entities import extract_entities, resolve_name
from storyline.enrich.nlp import parse
from storyline.models import Article


def run(body: str, title: str | None = None):
    article = Article(body=body, source="test", title=title)
    return extract_entities(article, parse(body))


def keys_of(body: str) -> dict[str, str]:
    """mention text -> entity key."""
    _, mentions = run(body)
    return {m.text: m.entity_key for m in mentions}


@pytest.mark.parametrize("surface, key", [
    ("ROK", "country:KOR"), ("Republic of Korea", "country:KOR"), ("S. Korean", "country:KOR"),
    ("South Korean", "country:KOR"), ("N Korea", "country:PRK"), ("DPRK", "country:PRK"),
    ("U.S.", "country:USA"), ("US", "country:USA"), ("United States", "country:USA"),
    ("American", "country:USA"), ("Britain", "country:GBR"), ("Japanese", "country:JPN"),
    ("NATO", "org:nato"), ("G7", "org:g7"), ("ASEAN", "org:asean"), ("UN Security Council", "org:unsc"),
    ("METI", "org:jpn-meti"), ("National Security Secretariat", "org:jpn-national-security-secretariat"),
])
def test_gazetteer_forms_resolve(surface, key):
    assert resolve_name(surface) == key


def test_country_forms_in_running_text():
    got = keys_of("Officials from the ROK and the DPRK met an American envoy while N Korea fired missiles "
                  "and S. Korean troops watched. The U.S.-China rivalry deepened.")
    assert got["ROK"] == got["S. Korean"] == "country:KOR"
    assert got["DPRK"] == got["N Korea"] == "country:PRK"
    assert got["American"] == "country:USA"
    assert got["U.S."] == "country:USA" and got["China"] == "country:CHN"


def test_person_key_ignores_name_order_and_surnames_link():
    ents, mentions = run("Japanese Foreign Minister Iwaya Takeshi met Takeshi Iwaya's aides. Iwaya said "
                         "ties matter. Cho Hyun arrived later and Cho responded warmly.")
    keys = {m.text: m.entity_key for m in mentions}
    assert keys["Iwaya Takeshi"] == keys["Takeshi Iwaya"] == keys["Iwaya"] == "person:iwaya takeshi"
    assert keys["Cho"] == "person:cho hyun"
    iwaya = next(e for e in ents if e.key == "person:iwaya takeshi")
    # display rule: the first full form introduced with a title
    assert iwaya.name == "Iwaya Takeshi" and "Takeshi Iwaya" in iwaya.aliases


def test_ministry_forms_resolve_to_one_body():
    body = ("Japan's Foreign Ministry said so. Later the Japanese foreign ministry repeated it, and the "
            "Ministry of Foreign Affairs of Japan issued a statement. China's Foreign Ministry disagreed.")
    ents, mentions = run(body)
    jp = [m for m in mentions if m.entity_key == "org:jpn-foreign-ministry"]
    assert len(jp) == 3
    assert any(m.entity_key == "org:chn-foreign-ministry" for m in mentions)
    assert next(e for e in ents if e.key == "org:jpn-foreign-ministry").type == "GOV_BODY"


def test_unqualified_ministry_takes_the_context_country():
    _, mentions = run("The Foreign Ministry announced new divisions.", title="Japan's Foreign Ministry reshuffle")
    assert [m.entity_key for m in mentions if "Ministry" in m.text] == ["org:jpn-foreign-ministry"]


@pytest.mark.parametrize("body, capital, country", [
    ("Tokyo wants to continue communication with Seoul.", "Tokyo", "country:JPN"),
    ("The war drags on as Moscow's full-scale invasion of Ukraine continues.", "Moscow", "country:RUS"),
    ("They acted in response to Beijing's increasingly hegemonic activities.", "Beijing", "country:CHN"),
    ("Pyongyang has also supplied Russia with munitions.", "Pyongyang", "country:PRK"),
    ("Officials urged Washington to lift the tariffs.", "Washington", "country:USA"),
])
def test_capital_as_actor_is_a_metonym(body, capital, country):
    _, mentions = run(body)
    m = next(m for m in mentions if m.text == capital)
    assert m.metonym and m.entity_key == country


@pytest.mark.parametrize("body, capital", [
    ("The ministers met in Tokyo on Tuesday.", "Tokyo"),
    ("He visited Seoul last week.", "Seoul"),
    ("Tokyo's streets were crowded.", "Tokyo"),
])
def test_capital_as_place_stays_the_city(body, capital):
    _, mentions = run(body)
    m = next(m for m in mentions if m.text == capital)
    assert not m.metonym and m.entity_key.startswith("city:")


def test_city_and_country_entities_both_kept():
    ents, _ = run("Tokyo says it will respond. The talks were held in Tokyo.")
    keys = {e.key for e in ents}
    assert {"city:tokyo", "country:JPN"} <= keys


def test_mentions_carry_offsets_and_sentence():
    body = "Rain fell. NATO Secretary General Mark Rutte spoke in The Hague."
    _, mentions = run(body)
    for m in mentions:
        assert body[m.start:m.end] == m.text
    rutte = next(m for m in mentions if m.entity_key == "person:mark rutte")
    assert rutte.sentence.startswith("NATO Secretary General")


def test_noise_is_filtered():
    _, mentions = run("Hashtags\nComments\nThe deal was signed on Monday in January by the government.")
    texts = {m.text for m in mentions}
    assert not texts & {"Hashtags", "Comments", "Monday", "January"}


def test_office_words_are_not_organizations():
    ents, _ = run("U.S. Secretary of State Marco Rubio met Indian External Affairs Minister S. Jaishankar.")
    assert not [e for e in ents if e.type == "ORG"]
    assert {"person:marco rubio", "person:jaishankar s"} <= {e.key for e in ents}
