"""Quality flags: placeholders, generated filler, chrome, near-empty bodies.

Seed checks slice article bodies out of ../shared/seeds with the gold starts/ends (read in place,
skipped when absent); the other cases are our own texts, unlike the seeds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.enrich.quality import assess, chrome_lines, filler_signals, find_placeholders
from storyline.models import Article

SHARED = Path(os.environ.get("STORYLINE_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

REAL_NEWS = (
    "Japan and the Philippines agreed on Monday to step up defense cooperation, including joint "
    "exercises in the South China Sea, as both countries face growing pressure from Beijing. "
    "Foreign ministers of the two countries met in Manila and signed a memorandum on maritime security, "
    "officials said. The agreement follows a reciprocal access deal that took effect last year.\n"
    "The ministers also discussed supply chains for critical minerals. 'We share the same concerns,' "
    "one official told reporters, adding that talks would continue in the autumn."
)

FILLER = """Understanding the Trade Talks: What It Means for You

Key Takeaways:

* Tariff relief: The agreement delves into the complex landscape of global trade.
* Market access: It is important to note that both sides play a crucial role.
* Supply chains: This is a testament to the unwavering commitment of both nations.
* Investment: Paving the way for a multifaceted partnership.

Frequently Asked Questions

- What is the trade deal? It is an agreement between the two countries on tariffs.
- Why does it matter? It shapes markets across the region for years.

What do you think? Share your thoughts in the comments below!
"""


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def _seed_bodies() -> list[tuple[str, dict, str]]:
    if not GOLD.is_file() or not SEEDS.is_dir():
        pytest.skip(f"shared data absent, quality gate NOT run: seed gold not found under {SHARED}")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for name, page in gold["pages"].items():
        text = _norm((SEEDS / name).read_text(encoding="utf-8"))
        for art in page["articles"]:
            start = text.find(_norm(art.get("alt_starts") or art["starts"]))
            end = text.find(_norm(art["ends"]), start)
            assert start >= 0 and end >= 0, (name, art["starts"])
            out.append((name, art, text[start:end + len(_norm(art["ends"]))]))
    return out


def test_seed_articles_match_gold_flags():
    bodies = _seed_bodies()
    assert len(bodies) >= 10
    for name, art, body in bodies:
        flags, evidence = assess(Article(body=body, source=name, title=art["title"]))
        assert sorted(flags) == sorted(art.get("quality_flags", [])), (name, art["title"], evidence)


def test_seed_002_filler_half_is_flagged_with_evidence():
    path = next(iter(sorted(SEEDS.glob("002_*.txt"))), None) if SEEDS.is_dir() else None
    if path is None:
        pytest.skip("shared data absent, quality gate NOT run: seed 002 absent")
    text = path.read_text(encoding="utf-8")
    lower = text.lower()
    headline = "initiates first foreign ministers"
    second = lower.find(headline, lower.find(headline) + 1)
    last = lower.rfind(headline)
    assert 0 <= second < last  # breadcrumb/title, then the filler half
    filler_half = text[text.find("\n", last) + 1:]
    flags, evidence = assess(Article(body=filler_half, source=path.name))
    assert "unfilled_placeholder" in flags and "machine_generated_filler" in flags
    assert "Insert" in evidence["unfilled_placeholder"]
    assert "near_empty" not in flags


def test_real_news_is_clean():
    assert assess(Article(body=REAL_NEWS, source="t"))[0] == []


@pytest.mark.parametrize(
    "snippet",
    [
        "Dear {{ first_name }}, thank you for reading.",
        "The chief executive, [NAME], said profits rose.",
        "The deal was signed by [COMPANY NAME] on [DATE].",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "The final is scheduled for [TBD] at the national stadium.",
        "Revenue reached $XX million in the quarter.",
        "Minister [Insert minister's name here] attended the summit.",
        "The spokesperson (insert quote) declined further comment.",
    ],
)
def test_placeholders_found(snippet):
    assert find_placeholders(snippet)
    flags, evidence = assess(Article(body=(REAL_NEWS + "\n" + snippet), source="t"))
    assert flags == ["unfilled_placeholder"]
    assert evidence["unfilled_placeholder"]


@pytest.mark.parametrize(
    "snippet",
    [
        "Super Bowl XX was played in New Orleans.",
        "[Copyright The Jiji Press, Ltd.]",
        "The opponent will be announced later, officials said.",
        "He was quoted in brackets [sic] by the paper.",
    ],
)
def test_ordinary_brackets_are_not_placeholders(snippet):
    assert find_placeholders(snippet) == []


def test_filler_needs_several_signals():
    names = {name for name, _, _ in filler_signals(FILLER)}
    assert {"boxes", "qa_bullets", "comment_prompt", "listicle"} <= names
    flags, evidence = assess(Article(body=FILLER, source="t"))
    assert "machine_generated_filler" in flags
    assert "comment_prompt: What do you think?" in evidence["machine_generated_filler"]
    # one stock phrase in a real story is not enough
    one_sign = REAL_NEWS + "\nThe talks underscore the importance of the alliance, a cornerstone of stability."
    assert "machine_generated_filler" not in assess(Article(body=one_sign, source="t"))[0]


def test_mostly_chrome_and_near_empty():
    chrome = "Share this article\nSubscribe to our newsletter\nLeave a comment\nDownload the app\nTokyo stocks rose."
    assert len(chrome_lines(chrome)) == 4
    flags, evidence = assess(Article(body=chrome, source="t"))
    assert "mostly_chrome" in flags and "near_empty" in flags
    assert "Subscribe" in evidence["mostly_chrome"]
    # a real story with one share line is not chrome
    assert "mostly_chrome" not in assess(Article(body=REAL_NEWS + "\nShare this article", source="t"))[0]


def test_one_kind_of_box_repeated_is_one_signal():
    recipe = ("Eating Plan A\n\nPre-Workout Meal\n\nEat 60 minutes before your workout.\n\nPro tip: add salt.\n\n"
              "Post-Workout Meal\n\nPro tip: drink water.\n\nSnack Ideas\n\nPro tip: keep it simple.\n\n"
              + REAL_NEWS)
    names = [name for name, _, _ in filler_signals(recipe)]
    assert "boxes" in names
    assert "machine_generated_filler" not in assess(Article(body=recipe, source="t"))[0]


def test_japanese_article_of_three_paragraphs_is_not_near_empty():
    # Words are not separated by spaces in Japanese: length is counted in characters (two to a word).
    body = (
        "政府は三十日、経済安全保障を担当する新しい部署を外務省に設ける方針を明らかにした。半導体や重要鉱物の供給網を守るため、関係省庁との連携を強める。\n\n"
        "新しい部署は八月一日に発足し、人工知能やデジタル化に関わる外交戦略も担当する。担当者は約三十人になる見通しだ。\n\n"
        "外務省の幹部は「国際情勢が厳しさを増す中、機動的に対応できる体制を整えたい」と話している。"
    )
    assert "near_empty" not in assess(Article(body=body, source="t", language="ja"))[0]
    assert "near_empty" in assess(Article(body="政府は方針を明らかにした。", source="t", language="ja"))[0]
