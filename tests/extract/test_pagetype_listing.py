"""A page typed listing gives links, not an article: its linked headlines, in page order, without
the navigation's and footer's links. The page is written for the test (a fictional local paper's
month archive holding only headlines), not taken from any DEV set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.extract import extract_page, html
from storyline.extract.pagetype import PageType
from storyline.models import FetchedPage

HEADS = [
    "Harbour board delays vote on new ferry terminal until spring",
    "Volunteers clear three tonnes of litter from the north beach",
    "School roof repairs finished ahead of the winter term",
    "Bus company adds late services on the coast road",
    "Library reopens after flood damage with a larger children's room",
    "Fishermen warn of low mackerel catches this season",
    "Town council publishes draft plan for the old mill site",
    "New cycle lane on Station Road divides shop owners",
]
BASE = "https://coastalledger.example/news/2025/06/"


def _archive() -> str:
    items = "".join(f"<li><a href='/news/2025/06/story-{i}'>{h}</a></li>" for i, h in enumerate(HEADS))
    return ("<html><head><title>News archive - June 2025 - The Coastal Ledger</title></head>"
            "<body class='archive date'><header><nav><a href='/'>Home</a>"
            "<a href='/guides/'>Read our guide to the coastal path walks</a></nav></header>"
            f"<main><h1>News archive: June 2025</h1><ul class='archive-list'>{items}</ul>"
            "<nav class='pagination'><a href='?page=2'>2</a><a href='?page=3'>3</a></nav></main>"
            "<footer><a href='/about/'>About us</a><a href='/jobs/'>Work with the newsroom on our team</a>"
            "</footer></body></html>")


@pytest.mark.parametrize("kind", ["listing", "collection"])
def test_page_typed_listing_gives_its_headlines_as_links(monkeypatch, kind):
    monkeypatch.setattr(html, "classify_page", lambda tree, body, url=None: PageType(kind, 0.05))
    page = FetchedPage(source="t.html", content=_archive().encode(), fetched_at=datetime(2025, 8, 1, tzinfo=UTC),
                       url=BASE)
    result = extract_page(page)
    assert result.articles == [] and result.outcome == "no-article"
    assert result.page_type == kind and kind in result.message
    assert [link.title for link in result.links] == HEADS  # page order; no nav or footer link
    assert [link.url for link in result.links] == [f"{BASE}story-{i}" for i in range(len(HEADS))]
    assert [link.position for link in result.links] == list(range(len(HEADS)))


def test_headline_only_archive_gives_no_article_whatever_its_type():
    """Unpatched: the shipped trees may call a page this small an article (its P(not article) is
    under the threshold), but its text is its headlines, so it still gives links and no article."""
    page = FetchedPage(source="t.html", content=_archive().encode(), fetched_at=datetime(2025, 8, 1, tzinfo=UTC),
                       url=BASE)
    result = extract_page(page)
    assert result.articles == []
    assert [link.title for link in result.links][: len(HEADS)] == HEADS
