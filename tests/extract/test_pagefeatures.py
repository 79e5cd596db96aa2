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


def test_product_page_marks_one_product_its_offer_price_and_quantity():
    html = ("<html><head><script type='application/ld+json'>{\"@type\": \"Product\", \"name\": \"Kettle\", "
            "\"offers\": {\"@type\": \"Offer\", \"price\": \"39.00\"}}</script></head><body>"
            "<nav><a href='/'>Home</a><a href='/shop'>Shop</a></nav><h1>Steel kettle</h1>"
            "<div itemscope itemtype='https://schema.org/Product'><span itemprop='price'>$39.00</span>"
            "<form><input name='quantity' type='number'><button>Add to cart</button></form></div>"
            "<p>We ship your kettle in two days. You can return it within 30 days.</p></body></html>")
    body = "Steel kettle\nWe ship your kettle in two days. You can return it within 30 days."
    f = page_features(load_tree(html), body, "https://example.com/products/steel-kettle")
    assert f["sc_product"] > 0.6 and f["sc_offer"] > 0.6  # log1p(2): JSON-LD and microdata product
    assert f["ip_price"] > 0.6 and f["qty_inputs"] > 0.6
    assert f["body_we"] > 0 and f["body_you"] > 0 and f["body_i"] == 0
    assert f["sc_post"] == 0.0


def test_forum_thread_posts_reply_box_and_pagination():
    posts = "".join(f"<div class='post'><span class='username'>user{i}</span><p>I tried that and my disk still "
                    f"fails after {i} days.</p></div>" for i in range(5))
    html = (f"<html><head><link rel='next' href='?page=2'></head><body><h1>Disk fails</h1>{posts}"
            "<div class='pagination'><a href='?page=1'>1</a><a href='?page=2'>2</a><a href='?page=3'>3</a></div>"
            "<form><textarea name='reply'></textarea></form></body></html>")
    body = "\n".join(f"I tried that and my disk still fails after {i} days." for i in range(5))
    f = page_features(load_tree(html), body, "https://example.net/forum/disk-fails?page=1")
    assert f["rel_next"] == 1.0 and f["numbered_links"] > 1.0 and f["pagination_attrs"] > 0
    assert f["n_textarea"] > 0 and f["user_attrs"] > 1.0
    assert f["body_i"] > f["body_you"] == 0.0
    assert f["url_query_page"] == 1.0


def test_article_text_is_one_block_and_documentation_text_is_code():
    html, body = _article()
    f = page_features(load_tree(html), body, "https://example.org/news/2025/03/flood-barrier-to-open-early")
    assert f["block_share"] > 0.9 and f["pre_share"] == 0.0 and f["main_link_density"] == 0.0
    doc = ("<html><body><nav><ul>" + "".join(f"<li><a href='/docs/{i}'>Page {i}</a></li>" for i in range(10))
           + "</ul></nav><h1>Install</h1><p>Run:</p><pre>pip install example-package==1.0 --upgrade</pre>"
           "</body></html>")
    g = page_features(load_tree(doc), "Install\nRun:", "https://example.org/docs/install")
    assert g["pre_share"] > 0.3 and g["block_share"] < 0.1
    assert g["li_share"] > 0.5 and g["main_share"] < 0.5  # the navigation holds most of the text


def test_headline_marks_of_one_dated_item_whatever_its_schema_type():
    ld = ('<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "Thing", '
          '"headline": "Flood barrier to open two months early", "datePublished": "2025-03-02", '
          '"author": {"name": "A. Writer"}}}</script>')
    html, body = _article()
    html = html.replace("</title>", f"</title>{ld}<meta property='article:published_time' content='2025-03-02'>"
                                    "<meta property='og:type' content='article'>")
    f = page_features(load_tree(html), body, None)
    assert f["ldp_datepublished"] == f["ldp_headline"] == f["ldp_author"] == 1.0 and f["ldp_articlebody"] == 0.0
    assert f["og_article_props"] > 0.6 and f["og_other"] == 0.0
    assert f["h1_in_title"] == 1.0 and f["h1_long"] == 1.0
    video = ("<html><head><title>Channel</title><meta property='og:type' content='video.other'></head>"
             "<body><h1>Flood barrier clip from the river board</h1></body></html>")
    g = page_features(load_tree(video), "", None)
    assert g["og_other"] == 1.0 and g["ldp_datepublished"] == 0.0 and g["og_article_props"] == 0.0
    assert g["h1_in_title"] == 0.0
