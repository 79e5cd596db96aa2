"""The chrome classifier: seed furniture, furniture from sites it never saw, and real content."""

from __future__ import annotations

import json

import pytest

from storyline.extract.chrome import chrome_kind, is_chrome, split_breadcrumb
from tests.conftest import shared_path

# Furniture written for imaginary sites, in wording the seeds do not use.
UNSEEN_CHROME = [
    ("Recommended for you", "list"),
    ("MOST READ", "list"),
    ("Trending Now", "list"),
    ("More from our partners", "list"),
    ("Editor's Picks", "list"),
    ("Don't miss", "list"),
    ("Stories tagged #ChipExportControls", "list"),
    ("Share this article", "label"),
    ("Tags:", "label"),
    ("Skip to content", "label"),
    ("Continue reading", "label"),
    ("Advertisement", "inline"),
    ("Story continues below advertisement", "inline"),
    ("Join the conversation", "comments"),
    ("12 comments", "comments"),
    ("Be the first to comment on this story", "comments"),
    ("Get our morning briefing in your inbox — sign up for the newsletter", "cta"),
    ("Install the app and never miss breaking news", "cta"),
    ("Subscribe now for unlimited access to our journalism", "cta"),
    ("Follow us on X for the latest updates", "cta"),
    ("Tell us what you think in the comments", "cta"),
    ("Turn off your ad blocker to keep reading", "adblock"),
    ("We noticed you are using an ad blocker.", "adblock"),
    ("News › World › Asia-Pacific ›", "breadcrumb"),
    ("Home / Business / Markets /", "breadcrumb"),
    ("Site logo", "logo"),
    ("Get it on Google Play", "badge"),
    ("Available on the App Store", "badge"),
    ("© 2025 Example Media Group. All rights reserved.", "copyright"),
    ("Copyright 2024 Northwind Press Inc.", "copyright"),
    ("Fun fact: The strait carries a third of global shipping.", "box"),
    ("Key takeaways", "box"),
    ("Read more: Looted colonial art returns to Nigeria", "inline"),
    ("Getty Images", "inline"),
    ("Photo: Kyodo", "inline"),
    ("(Image credit: Example Space)", "inline"),
    ("Photo by Jane Roe", "inline"),
    ("Reuters/Kim Kyung-Hoon", "inline"),
    ("AFP via Getty Images", "inline"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("This article is the copyrighted property of Example Daily News.", "copyright"),
    ("We rely on your support to make local news available to all", "cta"),
    ("Scroll Down For the Next Article", "cta"),
]

# Real article lines (headlines, leads, quotes, subheadings) that must stay content.
CONTENT = [
    "Japan Foreign Ministry reorganization to focus on economic security",
    "China on Tuesday warned against Japan's first guidelines set out the previous day to enhance its defense in outer "
    "space.",
    "Focus on Bilateral Cooperation and Regional Stability",
    "Cho Hyun South Korea, Minister of Foreign Affairs",
    "The minister told reporters he would download the data before the talks.",
    "'You cannot expect us to sign this,' the negotiator said, according to officials.",
    "Indonesia Names New Navy Chief Amid Fleet Modernisation",
    "Share prices in Tokyo fell 2 percent after the announcement.",
    "Related talks are expected in Brussels next month, the EU said.",
    "The app, developed by the ministry, tracks supply-chain risks in real time.",
    "Follow-up meetings will be held in Seoul and Washington.",
    "Asahi Shimbun",
    "Reuters",
    "AFP",
    "Video shows the moment the missile struck",
    "4 hours ago",
    "Popular uprising topples government",
    "Decorators in Python enable you to modify functions",
    "Before you start, you will need Python on your computer.",
    "Reuters reported the talks had stalled over financing.",
    "Photographs of the summit were released by the ministry on Tuesday.",
    "Japan removed South Korea from its export whitelist in 2019.",
    "The ministry received 300 comments from the public on the draft rules.",
    "The president urged citizens to join the conversation on constitutional reform.",
    "Related party transactions draw scrutiny",
    "Japan's most popular prime minister in decades",
]


@pytest.mark.parametrize("line, kind", UNSEEN_CHROME)
def test_unseen_site_furniture_is_chrome(line, kind):
    assert chrome_kind(line) == kind


@pytest.mark.parametrize("line", CONTENT)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome(line), chrome_kind(line)


def test_seed_chrome_lines_are_chrome():
    """Every gold chrome line except credits glued to a body is recognised on its own."""
    gold = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))
    lines = [line for page in gold["pages"].values() for line in page.get("chrome", [])]
    assert len(lines) >= 25
    missed = [line for line in lines if not is_chrome(line)]
    assert missed == []


def test_split_breadcrumb_keeps_the_title_after_the_trail():
    assert split_breadcrumb("Home » Economy » Japan's New Cabinet Meets") == (
        "Home » Economy »",
        "Japan's New Cabinet Meets",
    )
    assert split_breadcrumb("Markets › Asia › Yen slides") == ("Markets › Asia ›", "Yen slides")
    assert split_breadcrumb("Japan/U.S. talks resume in Tokyo") == (None, "Japan/U.S. talks resume in Tokyo")
    assert split_breadcrumb("Exports > imports for a third month") == (
        None,
        "Exports > imports for a third month",
    )


def test_real_article_paragraphs_are_rarely_chrome():
    """Over the Zyte benchmark's hand-made article bodies (DEV half, many sites), almost no
    paragraph is taken for chrome (the few hits are credit lines and "Pro tip:" promos the
    benchmark kept in its bodies)."""
    truth = json.loads(
        shared_path("eval", "article_extraction_zyte", "ground-truth.json").read_text(encoding="utf-8")
    )
    paragraphs = [p.strip() for item in truth.values() for p in item["articleBody"].split("\n") if p.strip()]
    assert len(paragraphs) > 1000
    flagged = [p for p in paragraphs if is_chrome(p)]
    assert len(flagged) / len(paragraphs) < 0.006, flagged


def test_trafilatura_boilerplate_snippets_are_caught_and_content_snippets_are_not():
    """trafilatura's benchmark (DEV half) marks, per page, text that must stay ("with") and
    boilerplate that must go ("without"). Snippets are fragments, so the catch rate is modest;
    content must almost never be flagged. Measured 2026-11-23: 0/209 content, 51/209 boilerplate."""
    data = json.loads(shared_path("eval", "trafilatura_eval_en", "evaldata.json").read_text(encoding="utf-8"))
    content = [s for item in data.values() for s in item.get("with", [])]
    boilerplate = [s for item in data.values() for s in item.get("without", [])]
    assert len(content) > 100 and len(boilerplate) > 100
    assert sum(map(is_chrome, content)) <= 2
    assert sum(map(is_chrome, boilerplate)) / len(boilerplate) >= 0.2
