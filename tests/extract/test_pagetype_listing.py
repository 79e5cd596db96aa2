"""A page typed listing or collection gives links, not an article: its linked headlines, in page
order, without the links of its navigation, header, aside and footer. The page is written for the
test (a fictional regional magazine's topic page of teaser tiles, with no schema.org type and no
og:type), not taken from any DEV set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.extract import extract_page, html
from storyline.extract.html_meta import load_tree
from storyline.extract.listing import listing_links
from storyline.extract.pagetype import PageType
from storyline.models import FetchedPage

HEADS = [
    "Why the upland farms are switching to winter barley",
    "A retired ferryman restores the last wooden lifeboat on the coast",
    "Three villages share one bus and a timetable that works",
    "The quarry lake that became a nesting site for terns",
    "How a school kitchen cut its food waste by half",
    "Night trains return to the valley line after twelve years",
    "Beekeepers count the cost of a wet spring",
    "An orchard census finds forty forgotten apple varieties",
    "Volunteers map every footbridge in the national park",
    "The bakery that opens at four for the fishing fleet",
]
TEASER = ("Farmers, teachers and volunteers told us what changed this year and what they would do "
          "differently next season, from the first frost to the long evenings of late summer.")
BASE = "https://uplandquarterly.example/topics/rural-life/"


def _topic_page() -> str:
    cards = "".join(
        f"<div class='tile'><a href='/stories/{i}'><img src='/img/{i}.jpg' alt=''></a>"
        f"<h3><a href='/stories/{i}'>{h}</a></h3><p>{TEASER}</p><span>{i + 1} days ago</span></div>"
        for i, h in enumerate(HEADS)
    )
    return ("<html><head><title>Rural life - Upland Quarterly</title></head><body>"
            "<header><a href='/'>Upland Quarterly</a><nav><a href='/topics/'>Topics</a>"
            "<a href='/subscribe/'>Subscribe to the quarterly and get the print edition</a></nav></header>"
            f"<main><h1>Rural life</h1><section class='tiles'>{cards}</section>"
            "<aside><a href='/events/'>See all the events in the hills this month</a></aside></main>"
            "<footer><a href='/about/'>About the magazine and its small team</a></footer></body></html>")


def _fetched(content: str) -> FetchedPage:
    return FetchedPage(source="t.html", content=content.encode(), fetched_at=datetime(2025, 8, 1, tzinfo=UTC),
                       url=BASE)


def test_listing_links_skip_furniture_short_labels_and_repeats():
    links = listing_links(load_tree(_topic_page()), BASE)
    assert [link.title for link in links] == HEADS  # image links have no text; nav, aside, footer left out
    assert links[3].url == "https://uplandquarterly.example/stories/3"


@pytest.mark.parametrize("kind", ["listing", "collection"])
def test_page_typed_listing_gives_its_headlines_as_links(monkeypatch, kind):
    monkeypatch.setattr(html, "classify_page", lambda tree, body, url=None: PageType(kind, 0.05))
    result = extract_page(_fetched(_topic_page()))
    assert result.articles == [] and result.outcome == "no-article"
    assert result.page_type == kind and kind in result.message
    assert [link.title for link in result.links] == HEADS
    assert [link.url for link in result.links] == [f"https://uplandquarterly.example/stories/{i}"
                                                   for i in range(len(HEADS))]
    assert [link.position for link in result.links] == list(range(len(HEADS)))


def test_topic_page_gives_links_not_an_article_unpatched():
    """No schema.org type, no og:type: the shipped classifier decides from structure alone."""
    result = extract_page(_fetched(_topic_page()))
    assert result.articles == []
    assert result.page_type != "article"
    assert [link.title for link in result.links][: len(HEADS)] == HEADS
