"""Entity, role and event facts from Japanese text through the production entry point
(``enrich_many``: GiNZA for Japanese articles), with the same canonical keys as English text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.enrich import enrich_many
from storyline.enrich.ja_pipeline import is_japanese_article
from storyline.extract import extract_page
from storyline.models import Article, FetchedPage

PAGES = Path(__file__).resolve().parents[1] / "data" / "japanese"
PUBLISHED = datetime(2025, 7, 30, 8, 42, tzinfo=UTC)

JA = ("岩屋毅外相は３０日午後、来日した韓国の趙顕外相と東京の外務省で会談した。"
      "両外相は、重要鉱物のサプライチェーン強化に向け、"
      "経済安全保障の分野で協力を深めることで合意した。\n\n"
      "石破首相は同日、首相官邸で記者団に「日韓の連携は重要だ」と述べた。林芳正官房長官も記者会見で歓迎した。\n\n"
      "一方、中国商務省は３０日、レアアース磁石の輸出規制を強化すると発表した。前外相の上川陽子氏は講演で懸念を示した。"
      "赤沢亮正経済再生担当相は来月訪米し、関税交渉に臨む予定だ。")
EN = ("Japanese Foreign Minister Takeshi Iwaya met South Korean Foreign Minister Cho Hyun at Japan's Ministry of "
      "Foreign Affairs in Tokyo on Wednesday, and the two agreed to deepen economic security cooperation.")


@pytest.fixture(scope="module")
def facts():
    ja = Article(body=JA, source="ja", title="日韓外相が会談", language="ja", published=PUBLISHED)
    en = Article(body=EN, source="en", title="Japan, South Korea foreign ministers meet", language="en",
                 published=PUBLISHED)
    return dict(zip(("ja", "en"), enrich_many([ja, en])))


def test_entities_resolve_to_the_english_keys(facts):
    ja = {e.key: e for e in facts["ja"].entities}
    en = {e.key for e in facts["en"].entities}
    for key in ("person:iwaya takeshi", "person:cho hyun", "org:jpn-foreign-ministry", "city:tokyo", "country:KOR"):
        assert key in ja, sorted(ja)
    assert ja["person:iwaya takeshi"].name == "Takeshi Iwaya" and "岩屋毅" in ja["person:iwaya takeshi"].aliases
    assert "org:chn-commerce-ministry" in ja  # 中国商務省: the ministry of the country named before it
    assert "person:ishiba shigeru" in ja  # 石破首相: surname + title -> the listed full name
    # one record across scripts: the English article's people and ministry are the same keys
    assert {"person:iwaya takeshi", "person:cho hyun", "org:jpn-foreign-ministry"} <= en & set(ja)
    mention = next(m for m in facts["ja"].mentions if m.entity_key == "person:iwaya takeshi")
    assert JA[mention.start:mention.end] == "岩屋毅" and mention.sentence.startswith("岩屋毅外相は")


def test_romanised_names_meet_english_order_free_keys():
    from storyline.enrich.names import person_key

    text = "青柳健太外相は１８日、東京で記者会見した。神崎寛首相も出席した。日本政府は対応を急ぐ。"
    out = enrich_many([Article(body=text * 2,
                               source="x", language="ja", published=PUBLISHED)])[0]
    keys = {e.key for e in out.entities}
    assert person_key("Kenta Aoyagi") in keys and person_key("Hiroshi Kanzaki") in keys  # from Sudachi readings


def test_roles_from_japanese_titles(facts):
    roles = {(r.person_key, r.office, r.organization_key, r.status) for r in facts["ja"].roles}
    assert ("person:iwaya takeshi", "Foreign Minister", "country:JPN", "current") in roles
    assert ("person:cho hyun", "Foreign Minister", "country:KOR", "current") in roles  # 韓国の趙顕外相
    assert ("person:ishiba shigeru", "Prime Minister", "country:JPN", "current") in roles
    assert ("person:hayashi yoshimasa", "Chief Cabinet Secretary", "country:JPN", "current") in roles
    assert ("person:akazawa ryosei", "Economic Revitalization Minister", "country:JPN", "current") in roles
    assert ("person:kamikawa yoko", "Foreign Minister", "country:JPN", "former") in roles  # 前外相の上川陽子氏
    en_roles = {(r.person_key, r.office, r.organization_key) for r in facts["en"].roles}
    assert ("person:iwaya takeshi", "Foreign Minister", "country:JPN") in en_roles  # the same fact in English


def test_events_from_japanese_triggers(facts):
    events = {(e.type, tuple(sorted(e.participants)), e.date) for e in facts["ja"].events}
    pair = ("person:cho hyun", "person:iwaya takeshi")
    assert ("meeting", pair, "2025-07-30") in events
    assert ("agreement", pair, "2025-07-30") in events
    controls = [e for e in facts["ja"].events if e.type == "export_control"]
    assert controls and controls[0].participants[0] == "org:chn-commerce-ministry" and controls[0].plover == "SANCTION"
    visits = {tuple(sorted(e.participants)): e for e in facts["ja"].events if e.type == "visit"}
    assert visits[("country:USA", "person:akazawa ryosei")].status == "planned"  # 来月訪米し…予定
    assert visits[("country:USA", "person:akazawa ryosei")].date is None  # "来月": no day borrowed
    assert ("country:JPN", "person:cho hyun", "person:iwaya takeshi") in visits  # 来日した韓国の趙顕外相
    meeting = next(e for e in facts["ja"].events if e.type == "meeting")
    assert meeting.place == "Tokyo" and meeting.attrs["trigger"] in ("会談", "会談し")


def test_phone_call_and_office_participants():
    body = ("茂木敏充外相は５日、米国のルビオ国務長官と電話会談した。"
            "両外相は、関税措置をめぐる協議を続けることで一致した。\n\n"
            "日本政府は米国との連携を重視している。")
    out = enrich_many([Article(body=body, source="x", language="ja", published=datetime(2025, 10, 6, tzinfo=UTC))])[0]
    call = next(e for e in out.events if e.type == "phone_call")
    assert set(call.participants) == {"person:motegi toshimitsu", "person:marco rubio"} and call.date == "2025-10-05"
    roles = {(r.person_key, r.office, r.organization_key) for r in out.roles}
    assert ("person:marco rubio", "Secretary of State", "country:USA") in roles


@pytest.mark.parametrize("page, outlet, wire", [
    ("nhk_iwaya_cho_talks.html", "NHK", None),
    ("yomiuri_export_control.html", "読売新聞", None),
    ("nikkei_rare_earth.html", "日本経済新聞", None),
    ("kyodo_china_export.html", "共同通信", "Kyodo"),
])
def test_japanese_pages_in_several_layouts(page, outlet, wire):
    raw = (PAGES / page).read_bytes()
    result = extract_page(FetchedPage(source=page, content=raw, fetched_at=datetime(2025, 8, 1, tzinfo=UTC)))
    art = result.articles[0]
    assert art.language == "ja" and is_japanese_article(art)
    assert art.outlet == outlet and art.wire == wire
    assert art.published and art.published.date().isoformat().startswith("2025-07")
    assert "シェア" not in art.body and "ランキング" not in art.body and "会員" not in art.body
    enriched = enrich_many([art])[0]
    assert "near_empty" not in enriched.quality_flags  # three Japanese paragraphs are an article
    assert enriched.entities


def test_english_articles_never_load_the_japanese_pipeline(monkeypatch):
    from storyline.enrich import ja_pipeline

    def boom(*a, **k):
        raise AssertionError("Japanese pipeline loaded for an English article")

    monkeypatch.setattr(ja_pipeline, "get_ja_nlp", boom)
    assert enrich_many([Article(body=EN, source="en", language="en")])[0].entities


def test_a_japanese_headline_links_its_countries():
    """The title is matched against the Japanese gazetteer like the body (offsets into the title)."""
    art = Article(body=JA, source="ja-h", title="北朝鮮のミサイル発射、日韓外相が対応協議", language="ja",
                  published=PUBLISHED)
    e = enrich_many([art])[0]
    heads = [m for m in e.mentions if m.label == "headline"]
    assert any(m.entity_key == "country:PRK" and m.text == "北朝鮮" for m in heads), heads
    assert all(art.title[m.start:m.end] == m.text for m in heads)
    assert "country:PRK" in {x.key for x in e.entities}
