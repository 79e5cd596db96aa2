"""Multi-article HTML pages: an aggregator article page with related items, a hashtag page, a ranking.

The pages are written here for the test (a fictional aggregator, "WorldBrief"); they follow the
shapes such sites use: repeated sibling blocks of headline + outlet + age + text.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyline.extract.html import extract_html
from storyline.extract.html_lines import block_lines
from storyline.extract.html_meta import load_tree
from storyline.extract.htmlsplit import find_groups, split_multi_article

FETCHED = datetime(2025, 7, 30, 12, 0, tzinfo=UTC)

MAIN_TEXT = [
    "The harbour authority of Port Meridian announced on Tuesday a plan to double the capacity of its "
    "container terminal by 2030, citing rising traffic on routes between Asia and northern Europe.",
    "Officials said the first phase would add four deep-water berths and an automated yard, financed "
    "jointly by the regional government and a consortium of shipping lines.",
    "Environmental groups questioned the dredging work the plan requires and asked for an independent "
    "review of its effect on the estuary's fish stocks before construction begins next spring.",
]

RELATED = [
    (
        "Harbor Times",
        "2 hours ago",
        "Shipping lines welcome terminal expansion at Port Meridian",
        "Three of the largest carriers serving the port said the new berths would shorten waiting times for "
        "their vessels, which now queue for up to two days during the busiest weeks of the year. "
        "The carriers expect to move more of their transshipment traffic to the port once the yard opens.",
    ),
    (
        "Coastal Ledger",
        "5 hours ago",
        "Estuary anglers fear dredging will harm spawning grounds",
        "Fishing clubs along the estuary gathered signatures against the dredging plan on Tuesday evening, "
        "saying earlier works had muddied the water for months and driven the spring runs elsewhere. "
        "They want the review to cover the whole estuary, not only the channel itself.",
    ),
    (
        "Meridian Daily",
        "1 day ago",
        "Regional budget sets aside funds for port works",
        "The regional assembly approved a budget line for infrastructure that includes the first payment "
        "toward the port expansion, along with money for rail links to the inland distribution centres. "
        "Opposition members abstained, arguing that the rail links deserved priority over the berths. © KYODO",
    ),
]


def aggregator_page() -> str:
    items = "\n".join(
        f"""<div class="rel-card"><span class="rel-source">{outlet}</span><span class="rel-age">{age}</span>
        <h3 class="rel-title"><a href="/story/{i}">{title}</a></h3><p>{text}</p></div>"""
        for i, (outlet, age, title, text) in enumerate(RELATED)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in MAIN_TEXT)
    return f"""<!doctype html><html lang="en"><head><title>Port Meridian to double terminal capacity | WorldBrief</title>
    <meta property="og:site_name" content="WorldBrief"><link rel="canonical" href="https://worldbrief.example/a/port-meridian">
    </head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/business">Business</a></li></ul></nav></header>
    <main><article><h1>Port Meridian to double terminal capacity</h1>{paragraphs}</article>
    <section class="related"><h2>Related Articles</h2>{items}</section></main>
    <footer><p>About WorldBrief</p><p>Terms of use</p></footer></body></html>"""


def test_block_lines_renders_one_line_per_block():
    tree = load_tree(
        "<html><body><div><h2>Head line here</h2><p>One <b>bold</b> text.</p>"
        "<span>inline</span><span>more</span></div></body></html>"
    )
    assert block_lines(tree) == ["Head line here", "One bold text.", "inlinemore"]


def test_aggregator_page_gives_main_article_then_related_items_in_order():
    result = extract_html(
        aggregator_page(),
        source="wb.html",
        url="https://worldbrief.example/a/port-meridian",
        fetched_at=FETCHED,
    )
    assert result.outcome == "ok"
    titles = [a.title for a in result.articles]
    assert titles[1:] == [r[2] for r in RELATED]
    main = result.articles[0]
    assert main.body.startswith("The harbour authority of Port Meridian")
    assert main.body.rstrip().endswith("before construction begins next spring.")
    assert "Related Articles" not in main.body and "Shipping lines welcome" not in main.body
    assert [a.position for a in result.articles] == list(range(len(result.articles)))
    assert all(a.extra.get("from_multi_article_page") for a in result.articles)


def test_related_items_carry_outlet_age_link_and_wire():
    result = extract_html(
        aggregator_page(),
        source="wb.html",
        url="https://worldbrief.example/a/port-meridian",
        fetched_at=FETCHED,
    )
    items = result.articles[1:]
    assert [a.outlet for a in items] == ["Harbor Times", "Coastal Ledger", "Meridian Daily"]
    assert [a.relative_age for a in items] == ["2 hours ago", "5 hours ago", "1 day ago"]
    assert items[0].published == FETCHED - timedelta(hours=2)
    assert items[2].published == FETCHED - timedelta(days=1)
    assert items[0].url == "https://worldbrief.example/story/0"
    assert items[1].body.startswith("Fishing clubs along the estuary")
    assert items[2].wire == "Kyodo" and "KYODO" not in items[2].body


def hashtag_page() -> str:
    cards = "\n".join(
        f"""<li class="card"><a class="card-link" href="https://{outlet.lower().replace(" ", "")}.example/{i}">
        <h4>{title}</h4></a><div class="meta"><span class="outlet">{outlet}</span> · <time datetime="2025-07-30T0{i}:00:00Z">{age}</time></div>
        <p class="summary">{text}</p></li>"""
        for i, (outlet, age, title, text) in enumerate(RELATED)
    )
    return f"""<html><head><title>Latest news with #PortMeridian</title></head><body>
    <h1>Latest news with #PortMeridian</h1><ul class="cards">{cards}</ul></body></html>"""


def test_hashtag_page_gives_one_article_per_card():
    result = extract_html(
        hashtag_page(),
        source="tag.html",
        url="https://worldbrief.example/tag/portmeridian",
        fetched_at=FETCHED,
    )
    assert [a.title for a in result.articles] == [r[2] for r in RELATED]
    assert [a.outlet for a in result.articles] == ["Harbor Times", "Coastal Ledger", "Meridian Daily"]
    assert result.articles[0].url == "https://harbortimes.example/0"
    assert result.articles[1].body.startswith("Fishing clubs")


RANKING = [
    "Port Meridian to double terminal capacity",
    "Shipping lines welcome terminal expansion",
    "Estuary anglers fear dredging will harm spawning grounds",
    "Regional budget sets aside funds for port works",
    "Rail links to inland centres delayed again",
]


def ranking_page() -> str:
    rows = "".join(
        f'<li class="rank-item"><span class="rank">{i + 1}</span><a href="/r/{i}">{t}</a></li>'
        for i, t in enumerate(RANKING)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in MAIN_TEXT)
    return f"""<html><head><title>Port Meridian | WorldBrief</title></head><body>
    <article><h1>Port Meridian to double terminal capacity</h1>{paragraphs}</article>
    <aside><h2>Access Ranking</h2><ol class="ranking">{rows}</ol></aside></body></html>"""


def test_ranking_list_becomes_headline_links_not_articles():
    result = extract_html(ranking_page(), source="r.html", url="https://worldbrief.example/a/1", fetched_at=FETCHED)
    assert len(result.articles) == 1
    assert not result.articles[0].extra.get("from_multi_article_page")
    assert [link.title for link in result.links] == RANKING
    assert result.links[0].section == "Access Ranking"
    assert result.links[2].url == "https://worldbrief.example/r/2"
    assert "Rail links to inland centres" not in result.articles[0].body


def test_single_article_with_subheadings_is_not_split():
    sections = "".join(
        f"<section class='part'><h2>Part {n}: what changes</h2><p>{MAIN_TEXT[n]} {MAIN_TEXT[(n + 1) % 3]}</p></section>"
        for n in range(3)
    )
    page = f"<html><head><title>Explainer</title></head><body><article><h1>Explainer</h1>{sections}</article></body></html>"
    tree = load_tree(page)
    assert split_multi_article(tree, source="x", url=None, fetched_at=FETCHED) is None
    result = extract_html(page, source="x", url=None, fetched_at=FETCHED)
    assert len(result.articles) == 1


@pytest.mark.parametrize("page", [aggregator_page(), hashtag_page()])
def test_groups_are_found_in_page_order(page):
    groups = find_groups(load_tree(page))
    assert any([it.headline for it in g] == [r[2] for r in RELATED] for g in groups)


def test_ranking_numbers_are_not_outlets():
    result = extract_html(ranking_page(), source="r.html", url=None, fetched_at=FETCHED)
    assert all(link.outlet is None for link in result.links)
    assert [link.position for link in result.links] == list(range(len(RANKING)))


def test_paragraphs_with_links_are_not_items():
    para = (
        "<p>Officials said the harbour plan, <a href='/x'>first announced in the spring budget</a>, "
        "would be financed jointly by the regional government and shipping lines over ten years.</p>"
    )
    page = f"<html><body><article><h1>Port plan</h1>{para * 4}</article></body></html>"
    assert split_multi_article(load_tree(page), source="x", url=None, fetched_at=FETCHED) is None


def test_page_wide_wrappers_sharing_one_headline_are_not_items():
    carousel = "<div class='carousel'><h3><a href='/c'>Carousel headline shown everywhere</a></h3></div>"
    wrappers = "".join(
        f"<div>{carousel}<p>{MAIN_TEXT[n]} {MAIN_TEXT[(n + 1) % 3]}</p><span class='source'>Harbor Times</span>"
        f"<span>{n + 1} hours ago</span></div>"
        for n in range(2)
    )
    page = f"<html><head><title>Port</title></head><body>{wrappers}</body></html>"
    result = split_multi_article(load_tree(page), source="x", url=None, fetched_at=FETCHED)
    assert result is None or not result.articles


def test_index_page_of_headlines_only_is_no_article_with_links():
    rows = "".join(f'<li class="item"><a href="/r/{i}">{t}</a></li>' for i, t in enumerate(RANKING))
    page = f"<html><head><title>Latest</title></head><body><h1>Latest news</h1><ul>{rows}</ul></body></html>"
    result = extract_html(page, source="i.html", url="https://worldbrief.example/latest", fetched_at=FETCHED)
    assert result.outcome == "no-article" and result.articles == []
    assert [link.title for link in result.links] == RANKING


def test_sections_with_media_blocks_are_not_split_into_articles():
    """Sections of one article link nowhere, even when each carries a dated figure whose class reads
    like an outlet ("media"): they stay one article's text."""
    sections = "".join(
        f"<section class='part'><h2>Part {n}: what changes</h2>"
        f"<figure class='media-block'><time datetime='2025-07-2{n}'>July 2{n}</time></figure>"
        f"<p>{MAIN_TEXT[n]} {MAIN_TEXT[(n + 1) % 3]}</p></section>"
        for n in range(3)
    )
    page = f"<html><head><title>Explainer</title></head><body><article><h1>Explainer</h1>{sections}</article></body></html>"
    tree = load_tree(page)
    multi = split_multi_article(tree, source="x", url=None, fetched_at=FETCHED)
    assert multi is None or not multi.articles
    result = extract_html(page, source="x", url=None, fetched_at=FETCHED)
    assert len(result.articles) == 1
    assert all(MAIN_TEXT[n][:40] in result.articles[0].body for n in range(3))
