"""Pages unlike any rule was written from: outlets, page types, teaser rails, page-stated dates.

Every page here is written for the test (fictional sites); none is from the DEV sets the rules
and thresholds were chosen on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.extract import extract_page
from storyline.extract.html_dates import combine
from storyline.extract.html_meta import load_tree
from storyline.extract.outlet import agrees_with_host, page_outlet, plausible_outlet
from storyline.extract.page_dates import era_to_western, line_day, stated_days
from storyline.models import FetchedPage

FETCHED = datetime(2025, 8, 1, tzinfo=UTC)
PARA = (
    "The river authority said on Monday that the new flood barrier would be finished two years early, after "
    "engineers found a cheaper way to anchor its gates in the soft clay of the estuary bed. Residents of the low "
    "districts, who have asked for better protection since the storms of the last decade, welcomed the news."
)


def _page(html: str, url: str | None = None) -> FetchedPage:
    return FetchedPage(source="t.html", content=html.encode(), fetched_at=FETCHED, url=url)


def test_taglines_sections_breadcrumbs_dates_and_bylines_are_no_outlet():
    for bad in ("Expert how-to for English riders", "Business", "Home › World", "HomeLatest News", "Read More",
                "By Jane Doe", "August 11, 2018 at 9:51 am", "Kestrel News | Sports", "Lose 10 kg. Reviews inside"):
        assert not plausible_outlet(bad), bad
    for good in ("Kestrel News", "The Valley Courier", "U.S. News & World Report", "St. Louis Post-Dispatch", "NHK"):
        assert plausible_outlet(good), good


def test_outlet_sources_in_order_and_unknown_beats_wrong():
    tree = load_tree("<html><head><title>Flood barrier early | Riverside Gazette</title>"
                     "<meta property='og:site_name' content='Expert advice for every "
                     "homeowner'></head><body><p>x</p></body></html>")
    # the og:site_name is a tagline; the title part names the host, so it is the outlet
    assert page_outlet(tree, "https://www.riversidegazette.example/a/1") == "Riverside Gazette"
    # on another host the title part proves nothing: unknown
    assert page_outlet(tree, "https://cdn.example.net/a/1") is None
    assert agrees_with_host("The Space Review", "https://www.thespacereview.com/article/1")
    tree = load_tree('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
                     '{"@type": "Organization", "name": "Harbor Times"}}</script></head><body><p>x</p></body></html>')
    assert page_outlet(tree, None) == "Harbor Times"
    tree = load_tree("<html><head><title>Some story</title></head><body><p>x</p></body></html>")
    assert page_outlet(tree, "https://www.reuters.com/world/x") == "Reuters"  # the domain table (data)


def _teaser(i: int) -> str:
    return (f'<div class="card"><span class="source">Business</span><span class="age">{i + 2} hours ago</span>'
            f'<h3><a href="/s/{i}">Port operators weigh new tariffs on container traffic {i}</a></h3>'
            f"<p>Operators said the proposed tariffs would raise costs for shippers using the northern berths, "
            f"and asked for talks before the rules take effect next year in the region.</p></div>")


def test_related_rail_beside_a_long_article_gives_links_not_articles():
    html = ("<html><head><title>Flood barrier to open early</title><meta property='og:type' content='article'>"
            "<meta property='og:site_name' content='Riverside Gazette'></head><body><article><h1>Flood barrier to open "
            f"early</h1>{''.join(f'<p>{PARA}</p>' for _ in range(6))}</article><section "
            "class='related'><h2>Related</h2>"
            f"{''.join(_teaser(i) for i in range(4))}</section></body></html>")
    result = extract_page(_page(html, "https://riversidegazette.example/a/1"))
    assert len(result.articles) == 1
    assert result.articles[0].outlet == "Riverside Gazette"
    assert "tariffs" not in result.articles[0].body
    assert len(result.links) >= 4


def test_listing_page_gives_links_not_an_article():
    cards = "".join(
        f'<div class="item"><h2><a href="/n/{i}">Council approves budget for flood works in district {i}</a></h2>'
        f'<p>The council voted on the plan for district {i} on Tuesday.</p><time datetime="2025-07-2{i % 9}">Jul '
        f'2{i % 9}</time></div>'
        for i in range(14)
    )
    # the schema.org type many CMSs state for a section page; structure alone does not suffice on a page this small
    html = (
        f"<html><head><title>Local news</title><meta property='og:type' content='website'>"
        f'<script type="application/ld+json">{{"@type": "CollectionPage", "name": "Local news"}}</script></head><body>'
        f"<nav><a href='/'>Home</a></nav><h1>Local news</h1><div class='list'>{cards}</div>"
        f"<div class='pager'><a href='?page=2'>Next page of local news stories</a></div></body></html>"
    )
    result = extract_page(_page(html, "https://riversidegazette.example/local/"))
    assert result.articles == [] and result.outcome == "no-article"
    assert result.page_type != "article"
    assert len(result.links) >= 10


def test_dates_stated_by_the_page_japanese_eras_and_datelines():
    assert era_to_western("令和7年7月30日") == "2025年7月30日"
    assert era_to_western("平成元年1月8日") == "1989年1月8日"
    assert line_day("令和7年7月30日 10時") == "2025-07-30"
    assert line_day("2025年7月30日") == "2025-07-30"
    assert line_day("Published July 30, 2025") == "2025-07-30"
    assert (
        line_day("The plan, first published in July 30, 2025, was a long sentence about many things at once.") is None
    )
    tree = load_tree(
        f"<html><body><article><h1>堤防工事が前倒し</h1><p>2025年7月30日</p><p>{PARA}</p></article></body></html>"
    )
    assert stated_days(tree)["visible"] == "2025-07-30"


def test_page_stated_dates_fill_what_htmldate_leaves_unknown_never_the_future():
    stated = {"meta": None, "jsonld": "2025-07-29", "time": None, "visible": "2025-07-30"}
    assert combine("2025-07-28", stated, "fill") == "2025-07-28"  # htmldate's choice stands
    assert combine(None, stated, "fill") == "2025-07-29"  # JSON-LD before the dateline
    assert combine(None, {"meta": "2031-01-01"}, "fill", max_day="2025-08-01") is None
    assert combine("2025-07-28", {"meta": "2025-07-29", "jsonld": "2025-07-29"}, "agree2") == "2025-07-29"


def test_undated_item_never_takes_the_fetch_time():
    items = "".join(
        f'<div class="story"><span class="outlet">Kestrel News</span><h3><a href="/x/{i}">Barrier works reach stage '
        f'{i} on '
        f"the estuary</a></h3><p>{PARA}</p></div>"
        for i in range(3)
    )
    html = f"<html><head><title>Digest</title></head><body><main>{items}</main></body></html>"
    for art in extract_page(_page(html)).articles:
        assert art.published is None or art.published != FETCHED
