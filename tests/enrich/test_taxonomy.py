"""The topic taxonomy: its data is consistent, and matching finds topics in unseen texts."""

from __future__ import annotations

import re

from storyline.enrich.taxonomy import (
    bilateral_topic,
    country_hits,
    find_countries,
    lemmas,
    load_taxonomy,
    match_topics,
)


def test_taxonomy_is_consistent():
    tax = load_taxonomy()
    assert len(tax.topics) >= 50
    tags = [t.hashtag for t in tax.topics.values()]
    for topic in tax.topics.values():
        assert topic.parent is None or topic.parent in tax.topics, topic.id
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", topic.hashtag), topic.hashtag
    # one tag per topic, except "tech" which is the folder of technology areas under CriticalTechnology
    dupes = {t for t in tags if tags.count(t) > 1}
    assert dupes <= {"CriticalTechnology"}
    # the Act's four pillars, clearance and screening, and the seed vocabulary are there
    for topic_id in ("econsec.supply", "econsec.infrastructure", "econsec.technology", "econsec.patents",
                     "econsec.clearance", "econsec.screening", "material.rare_earths", "material.semiconductors",
                     "material.fertilizers", "material.antimicrobials", "infra.finance", "infra.logistics",
                     "tech.quantum", "tech.space", "diplomacy.sanctions", "diplomacy.tariffs", "diplomacy.summit"):
        assert topic_id in tax.topics
    assert tax.get("econsec").hashtag == "EconomicSecurity"


def test_lemmas_fold_case_plural_hyphen_possessive():
    assert lemmas("Rare-Earth exports, batteries and Japan's tariffs") == [
        "rare", "earth", "export", "battery", "and", "japan", "tariff"]
    assert lemmas("U.S. R&D") == ["us", "r&d"]


def test_bilateral_topics_are_generated_in_a_stable_order():
    a, b = bilateral_topic("KOR", "JPN"), bilateral_topic("JPN", "KOR")
    assert a == b
    assert a.id == "relations.JPN-KOR" and a.hashtag == "JapanSouthKoreaRelations"
    assert a.label == "Japan–South Korea relations" and a.parent == "diplomacy.bilateral"
    assert bilateral_topic("CHN", "USA").hashtag == "USChinaRelations"
    assert bilateral_topic("BRA", "ARG").hashtag == "ArgentinaBrazilRelations"  # neither in the order list
    assert load_taxonomy().get("relations.JPN-PHL").hashtag == "JapanPhilippinesRelations"


def test_country_names_need_capitals_and_short_aliases_upper_case():
    text = "Let us meet. The U.S. and Japan talk; china cups are sold in the EU and eu shops."
    assert find_countries(text) == {"USA": 1, "JPN": 1, "EUU": 1}
    assert [iso for iso, _ in country_hits("North Korea fired; South Korean officials said")] == ["PRK", "KOR"]


def test_match_topics_on_unseen_economic_security_text():
    text = ("Tokyo tightened export controls on chipmaking equipment and lithium-ion battery materials, "
            "citing economic security. The trade ministry also screens foreign investment in telecom "
            "operators and said stockpiles of gallium and germanium would be expanded.")
    found = {t: (s, e) for t, s, e in match_topics(text, title="Japan widens chip export curbs")}
    for topic_id in ("econsec", "econsec.screening", "material.batteries", "material.critical_minerals",
                     "material.semiconductors", "infra.telecom"):
        assert topic_id in found, topic_id
    assert found["econsec.screening"][1].lower() in {"export curbs", "export controls"}
    assert "diplomacy.sanctions" not in found and "tech.quantum" not in found


def test_match_topics_ignores_topics_inside_longer_names_and_ranks_title_higher():
    text = "Officials of the National Security Secretariat visited Washington."
    assert "diplomacy.national_security" not in {t for t, _, _ in match_topics(text)}
    ranked = match_topics("Sanctions were discussed. Tariffs were discussed.", title="New tariffs")
    assert ranked[0][0] == "diplomacy.tariffs" and ranked[0][1] > ranked[1][1]


def test_bilateral_relations_from_text_need_repeated_joint_mentions():
    text = ("Japanese and Philippine defense ministers met in Manila on Monday. Japan and the Philippines "
            "agreed to expand joint drills. The Philippines thanked Japan for patrol vessels.")
    ids = [t for t, _, _ in match_topics(text)]
    assert "relations.JPN-PHL" in ids
    listing = "Exports rose to China, India and Brazil. Imports from Chile fell. China and India were named."
    assert not [t for t, _, _ in match_topics(listing) if t.startswith("relations.")]
