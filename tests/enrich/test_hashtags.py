"""Hashtags: normalisation (one topic, one tag) and ranked tags for seed-like and unseen articles.

Entities, mentions and events are built here directly, as the entity and event components would
hand them over (deterministic keys such as ``country:KOR``, ``org:...``).
"""

from __future__ import annotations

import re

import pytest

from storyline.enrich.hashtags import normalize_hashtag, select_hashtags, split_tag, tag_article, tag_key
from storyline.models import Article, Entity, Event, Mention


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("#EconSecurity", "EconomicSecurity"),
        ("economic security", "EconomicSecurity"),
        ("#economic-security", "EconomicSecurity"),
        ("#ECONOMICSECURITY", "EconomicSecurity"),
        ("#RareEarth", "RareEarths"),
        ("rare earths", "RareEarths"),
        ("#chips", "Semiconductors"),
        ("#Tariff", "Tariffs"),
        ("#AI", "ArtificialIntelligence"),
        ("#KoreaJapanRelations", "JapanSouthKoreaRelations"),
        ("#JapanSouthKoreaRelations", "JapanSouthKoreaRelations"),
        ("#U.S.-Japan relations", "JapanUSRelations"),
        ("#ChinaUSTies", "USChinaRelations"),
        ("national security secretariat", "NationalSecuritySecretariat"),
        ("#NationalSecuritySecretariat", "NationalSecuritySecretariat"),
        ("host nation support", "HostNationSupport"),
        ("#NATO", "NATO"),
        ("", ""),
    ],
)
def test_normalize_hashtag(raw, canonical):
    assert normalize_hashtag(raw) == canonical


def test_split_and_key():
    assert split_tag("#AIRulesForG7") == ["AI", "Rules", "For", "G", "7"]
    assert tag_key("#EconSecurities") == tag_key("economic security") == "economicsecurity"


def test_select_merges_spellings_and_keeps_best_score():
    tags = select_hashtags([(2.0, "rare earths"), (5.0, "#RareEarth"), (3.0, "EconSecurity"),
                            (1.6, "economic security"), (0.2, "Weak"), (0.1, "Weaker")])
    assert tags[:2] == ["RareEarths", "EconomicSecurity"]
    assert len(tags) == 3 and tags[2] == "Weak"  # topped up to the minimum of three


def _mentions(body: str, names: dict[str, str]) -> list[Mention]:
    """Mentions of each name (key -> surface regex) with its sentence, as the entity component gives them."""
    sentences = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^.]+\.?", body)]
    out = []
    for key, pattern in names.items():
        for m in re.finditer(pattern, body):
            sentence = next(s for a, b, s in sentences if a <= m.start() < b)
            out.append(Mention(entity_key=key, text=m.group(0), start=m.start(), end=m.end(), sentence=sentence))
    return out


SEED_LIKE = Article(
    source="t",
    title="Japan weighs spending more on U.S. military facilities",
    body=("The government is considering boosting its annual spending on U.S. military facilities in Japan to "
          "appease the Trump administration. The White House called for increasing Japan's contribution to the "
          "costs of U.S. troops when officials of the National Security Secretariat visited the United States. "
          "Japan's host nation support for U.S. forces averages 211 billion yen a year. The issue has been "
          "discussed between the U.S. National Security Council and Japan's National Security Secretariat. "
          "Tokyo's host nation support talks with Washington are at an early stage, officials said."),
)


def test_seed_like_article_gets_org_bilateral_and_topic_tags():
    body = SEED_LIKE.body
    entities = [Entity("country:JPN", "Japan", "COUNTRY"), Entity("country:USA", "United States", "COUNTRY"),
                Entity("org:national security secretariat", "National Security Secretariat", "GOV_BODY"),
                Entity("org:national security council", "National Security Council", "GOV_BODY")]
    mentions = _mentions(
        body,
        {
            "country:JPN": r"\bJapan(?:ese)?\b|Tokyo",
            "country:USA": r"U\.S\.|United States|Washington",
            "org:national security secretariat": "National Security Secretariat",
            "org:national security council": "National Security Council",
        },
    )
    events = [Event(type="meeting", participants=["country:JPN", "country:USA"], sentence="...")]
    hashtags, keyphrases, topics = tag_article(SEED_LIKE, entities, mentions, events)
    assert 3 <= len(hashtags) <= 8 and len(set(hashtags)) == len(hashtags)
    assert "NationalSecuritySecretariat" in hashtags
    assert "JapanUSRelations" in hashtags[:3]
    assert "Defense" in hashtags
    assert "NationalSecurityCouncil" not in hashtags  # named once only
    assert "relations.JPN-USA" in topics and "diplomacy.defense" in topics
    assert keyphrases and all(isinstance(k, str) for k in keyphrases)


def test_unseen_article_without_entities_uses_text():
    article = Article(
        source="t",
        title="Netherlands and US align chip export curbs as gallium prices soar",
        body=(
            "The Netherlands agreed with the United States on Tuesday to tighten export controls on advanced "
            "semiconductor equipment. Dutch officials said the export controls would cover lithography tools. "
            "China, which restricted exports of gallium and germanium, criticised the move as economic "
            "coercion. Chipmakers warned that semiconductor supply chains could be disrupted. "
            "Talks between the Netherlands and the United States will continue next month."
        ),
    )
    hashtags, _, topics = tag_article(article, [], [], [])
    assert 3 <= len(hashtags) <= 8
    assert hashtags[:3] and {"ExportControls", "Semiconductors"} <= set(hashtags)
    assert "USNetherlandsRelations" in hashtags
    assert "material.critical_minerals" in topics
    assert "Diplomacy" not in hashtags[:3]


def test_bilateral_from_entities_prefers_pairs_that_meet():
    body = (
        "Japanese Foreign Minister Iwaya met his South Korean counterpart Cho in Tokyo. Japan and South Korea "
        "agreed to deepen ties. They also discussed North Korea, China and Russia. Japan and South Korea "
        "will hold a summit."
    )
    entities = [
        Entity(f"country:{c}", n, "COUNTRY")
        for c, n in (
            ("JPN", "Japan"),
            ("KOR", "South Korea"),
            ("PRK", "North Korea"),
            ("CHN", "China"),
            ("RUS", "Russia"),
        )
    ]
    mentions = _mentions(
        body,
        {
            "country:JPN": r"Japan(?:ese)?|Tokyo",
            "country:KOR": r"South Korean?",
            "country:PRK": "North Korea",
            "country:CHN": "China",
            "country:RUS": "Russia",
        },
    )
    hashtags, _, topics = tag_article(
        Article(source="t", title="Japan, South Korea vow closer ties", body=body), entities, mentions, []
    )
    assert hashtags[0] == "JapanSouthKoreaRelations"
    assert not [t for t in topics if t.startswith("relations.") and t != "relations.JPN-KOR"]


def test_near_empty_article_still_returns_lists():
    hashtags, keyphrases, topics = tag_article(Article(source="t", body="Markets were calm."), [], [], [])
    assert isinstance(hashtags, list) and isinstance(keyphrases, list) and topics == []
    assert len(hashtags) <= 3


def test_article_outside_the_taxonomy_still_gets_three_tags_from_its_keyphrases():
    body = (
        "The Riverside Orchestra opened its season with a Mahler symphony. Conductor Lena Park led the "
        "Riverside Orchestra through a long evening, and the Mahler symphony drew a standing ovation. "
        "Tickets for the Riverside Orchestra sold out within hours, see https://example.org for more."
    )
    hashtags, keyphrases, topics = tag_article(
        Article(source="t", title="Riverside Orchestra opens season", body=body), [], [], []
    )
    assert topics == []
    assert len(hashtags) == 3 and "RiversideOrchestra" in hashtags
    assert not {"Http", "Https"} & set(hashtags)
    assert "Riverside Orchestra" in keyphrases
