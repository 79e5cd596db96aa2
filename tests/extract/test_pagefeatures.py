"""Structural page features that tell a listing from an article without naming any site."""

from __future__ import annotations

from storyline.extract.html_meta import load_tree
from storyline.extract.pagefeatures import page_features

PARA = ("The regional water board said on Tuesday that the new barrier would be finished two months early, "
        "after contractors added a night shift and the spring floods stayed below the forecast levels.")


def _listing() -> tuple[str, str]:
    cards = "".join(
        f"<div class='card'><h3><a href='/story/{i}'>Board weighs plan number {i} for the river works</a></h3>"
        f"<span>March {i + 1}, 2025</span></div>"
        for i in range(8)
    )
    body = "\n".join(f"Board weighs plan number {i} for the river works" for i in range(8))
    return f"<html><head><title>River news</title></head><body><h1>River news</h1>{cards}</body></html>", body


def _article() -> tuple[str, str]:
    html = ("<html><head><title>Flood barrier to open two months early, board says</title></head><body>"
            "<h1>Flood barrier to open two months early, board says</h1>"
            f"{''.join(f'<p>{PARA}</p>' for _ in range(5))}<p>Was it worth the cost?</p></body></html>")
    return html, "\n".join([PARA] * 5 + ["Was it worth the cost?"])


def test_listing_main_text_made_of_its_link_texts_under_linked_headings():
    html, body = _listing()
    f = page_features(load_tree(html), body, "https://example.org/category/river/")
    assert f["body_link_pars"] == 1.0
    assert f["head_linked_share"] > 0.8
    assert f["url_list"] == 1.0 and f["url_news"] == 0.0
    assert f["page_dates"] > 2.0  # log1p(8)


def test_article_text_is_not_link_text_and_its_headline_is_long():
    html, body = _article()
    f = page_features(load_tree(html), body, "https://example.org/news/2025/03/flood-barrier-to-open-early")
    assert f["body_link_pars"] == 0.0
    assert f["head_linked"] == 0.0
    assert f["url_news"] == 1.0 and f["url_list"] == 0.0
    assert f["h1_words"] > f["title_words"] - 0.01 > 2.0
    assert abs(f["body_questions"] - 1 / 6) < 1e-9
