"""TUNE layout families of the layout-diverse evaluation written as HTML pages with reader
content, rails, cards, boxes and captions (:mod:`evals.layouts_tune` lists them with the others)."""

from __future__ import annotations

import html
import random

from evals.layout_kit import OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, sentences, words


def _page(title: str, body: str) -> str:
    return f"<html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"

def _ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)

def html_comments_section(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a comments section of repeated comment blocks (author, time, text)."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    comments = []
    for _ in range(rng.randint(2, 4)):
        c = sentences(rng, texts, rng.randint(2, 3), avoid=t)
        gold.chrome.append(c)
        comments.append(f"<li class='comment'><div class='comment-author'>{rng.choice(PEOPLE)}</div>"
                        f"<time>{clock_date(rng, style='comment')}</time><p>{html.escape(c)}</p>"
                        f"<a href='#reply'>Reply</a></li>")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in t.paragraphs)
    wrap = rng.choice(["<div id='comments' class='comments-area'>", "<section class='discussion'>"])
    close = "</div>" if wrap.startswith("<div") else "</section>"
    return Page("html", f"<html><head><title>{html.escape(t.title)}</title></head><body><main><h1>"
                        f"{html.escape(t.title)}</h1><div class='entry-content'>{body}</div></main>{wrap}"
                        f"<h3>{len(comments)} Responses</h3><ol>{''.join(comments)}</ol>{close}</body></html>", gold)

def html_teaser_aside(rng: random.Random, texts: TextSource) -> Page:
    """An article with an <aside> rail of teasers (headline link + summary sentence) beside it."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    cards = []
    for _ in range(rng.randint(3, 5)):
        item, teaser = texts.take(rng), sentences(rng, texts, 1, avoid=t)
        gold.chrome.append(teaser)
        gold.links += 1
        cards.append(f"<div class='card'><a href='/s/{rng.randint(1, 9999)}'>{html.escape(item.title)}</a>"
                     f"<p>{html.escape(teaser)}</p></div>")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in t.paragraphs)
    return Page("html", f"<html><head><title>{html.escape(t.title)}</title></head><body><article><h1>"
                        f"{html.escape(t.title)}</h1>{body}</article><aside><h2>Related</h2>{''.join(cards)}"
                        "</aside></body></html>", gold)

def html_figure_paywall(rng: random.Random, texts: TextSource) -> Page:
    """An article with a figure and caption, a newsletter form mid-text and a paywall box at its end."""
    t = texts.take(rng, min_paragraphs=3)
    cap = " ".join(words(rng, texts.take(rng).paragraphs[0], 12)).rstrip(".,;:") + "."
    form = "Get our morning briefing in your inbox."
    wall = "Subscribe to keep reading. Already a subscriber? Sign in."
    gold = Gold()
    gold.article(t)
    gold.chrome += [cap, form, wall]
    ps = [f"<p>{html.escape(p)}</p>" for p in t.paragraphs]
    ps.insert(2, f"<div class='newsletter-signup'><p>{form}</p><form><input name='email'></form></div>")
    ps.insert(1, f"<figure><img src='/i.jpg'><figcaption>{html.escape(cap)}</figcaption></figure>")
    return Page("html", f"<html><head><title>{html.escape(t.title)}</title></head><body><article><h1>"
                        f"{html.escape(t.title)}</h1>{''.join(ps)}<div class='paywall'><p>{wall}</p></div></article>"
                        "</body></html>", gold)

def html_listing_cards(rng: random.Random, texts: TextSource) -> Page:
    """A section page of <article> cards (linked h2, teaser, time); no article of its own."""
    gold, cards = Gold(), []
    cls = rng.choice(['card', 'story', 'post-item'])
    for _ in range(rng.randint(5, 9)):
        item, teaser = texts.take(rng), sentences(rng, texts, rng.randint(1, 2))
        gold.chrome.append(teaser)
        gold.links += 1
        cards.append(f"<article class='{cls}'><h2><a href='/n/{rng.randint(1, 9999)}'>"
                     f"{html.escape(item.title)}</a></h2><p>{html.escape(teaser)}</p><time>{age(rng)}</time></article>")
    head = rng.choice(["Latest", "Science", "Business news"])
    return Page("html", _page(head, f"<header><a href='/'>Home</a></header><main><h1>{head}</h1>{''.join(cards)}"
                                    "</main><footer>About us</footer>"), gold)

def html_comments_unmarked(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a "N Responses" heading over repeated comment blocks whose markup names
    nothing (no class, no schema): author, time, text."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    blocks = []
    for _ in range(rng.randint(2, 4)):
        c = sentences(rng, texts, rng.randint(2, 3), avoid=t)
        gold.chrome.append(c)
        blocks.append(f"<div><div><b>{rng.choice(PEOPLE)}</b> <span>{clock_date(rng, style='comment')}</span></div>"
                      f"<p>{html.escape(c)}</p><a href='#r'>Reply</a></div>")
    head = rng.choice([f"{len(blocks)} Responses", "Comments", f"{len(blocks)} thoughts on this"])
    return Page("html", _page(t.title, f"<div class='wrap'><h1>{html.escape(t.title)}</h1>{_ps(t.paragraphs)}"
                                       f"<h3>{head}</h3><div>{''.join(blocks)}</div></div>"), gold)

def html_related_inside(rng: random.Random, texts: TextSource) -> Page:
    """Related teasers *inside* the <article>, after the body, as a list of link + teaser."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    items = []
    for _ in range(rng.randint(3, 4)):
        item, teaser = texts.take(rng), sentences(rng, texts, 1, avoid=t)
        gold.chrome.append(teaser)
        gold.links += 1
        items.append(
            f"<li><a href='/r/{rng.randint(1, 9999)}'>{html.escape(item.title)}</a> "
            f"<span>{html.escape(teaser)}</span></li>"
        )
    label = rng.choice(["Related stories", "You may also like", "More from this section"])
    return Page(
        "html",
        _page(
            t.title,
            f"<article><h1>{html.escape(t.title)}</h1><p class='byline'>By {rng.choice(PEOPLE)}</p>"
            f"{_ps(t.paragraphs)}<div "
            f"class='related'><h3>{label}</h3><ul>{''.join(items)}</ul>"
            "</div></article>",
        ),
        gold,
    )


def html_cookie_newsletter(rng: random.Random, texts: TextSource) -> Page:
    """A cookie banner above the page and a newsletter box after the article's first paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    cookie = (
        "We use cookies to improve your experience on our site and to show you relevant advertising. "
        "By continuing you agree to our use of cookies."
    )
    box = ["Don't miss a story", "Sign up for our free daily newsletter and get the top stories in your inbox."]
    gold = Gold()
    gold.article(t)
    gold.chrome += [cookie] + box
    body = _ps(t.paragraphs[:2]) + f"<div class='promo'><h4>{box[0]}</h4><p>{box[1]}</p></div>" + _ps(t.paragraphs[2:])
    return Page(
        "html",
        _page(
            t.title,
            f"<div class='consent'><p>{cookie}</p><button>Accept</button></div>"
            f"<article><h1>{html.escape(t.title)}</h1>{body}</article>",
        ),
        gold,
    )


def html_instagram_embed(rng: random.Random, texts: TextSource) -> Page:
    """An embedded Instagram/TikTok/Bluesky post (a blockquote typed by its class) inside the body."""
    t = texts.take(rng, min_paragraphs=3)
    post = sentences(rng, texts, 1, avoid=t)
    cls = rng.choice(["instagram-media", "tiktok-embed", "bluesky-embed", "twitter-tweet"])
    gold = Gold()
    gold.article(t)
    gold.chrome.append(post)
    ps = [f"<p>{html.escape(p)}</p>" for p in t.paragraphs]
    ps.insert(
        2,
        f"<blockquote class='{cls}'><p>{html.escape(post)}</p><a href='https://example.invalid/p/1'>"
        f"A post shared by {rng.choice(PEOPLE)}</a></blockquote>",
    )
    return Page("html", _page(t.title, f"<article><h1>{html.escape(t.title)}</h1>{''.join(ps)}</article>"), gold)


def html_caption_paragraphs(rng: random.Random, texts: TextSource) -> Page:
    """Images with captions in classed paragraphs and spans (not <figcaption>), with credits."""
    t = texts.take(rng, min_paragraphs=3)
    gold = Gold()
    gold.article(t)
    ps = [f"<p>{html.escape(p)}</p>" for p in t.paragraphs]
    for k in (2, 1):
        cap = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(8, 14))).rstrip(".,;:") + "."
        credit = f"{rng.choice(['Photo', 'Image', 'Credit'])}: {rng.choice(PEOPLE)}"
        gold.chrome.append(cap)
        shape = rng.choice(
            [
                f"<div class='image'><img src='/i{k}.jpg'><p class='caption'>{html.escape(cap)} "
                f"<span class='credit'>{credit}</span></p></div>",
                f"<div class='wp-caption'><img src='/i{k}.jpg'><p class='wp-caption-text'>{html.escape(cap)}</p></div>",
                f"<div class='media'><img src='/i{k}.jpg'><span "
                f"class='img-caption'>{html.escape(cap)}</span>"
                f"<span class='photo-credit'>{credit}</span></div>",
            ]
        )
        ps.insert(k, shape)
    return Page("html", _page(t.title, f"<article><h1>{html.escape(t.title)}</h1>{''.join(ps)}</article>"), gold)


def html_header_block(rng: random.Random, texts: TextSource) -> Page:
    """Inside <article>: the outlet, breadcrumb items and an age *above* the headline, the headline
    repeated as a subheading, a byline; then the body."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    crumbs = "".join(
        f"<li><a href='/{c.lower()}'>{c}</a></li>" for c in ["Home", rng.choice(["World", "Tech", "Health"])]
    )
    parts = [
        f"<div class='source'>{o}</div>",
        f"<ul class='crumbs'>{crumbs}</ul>",
        f"<span class='age'>posted {rng.randint(2, 6)} days ago</span>",
    ]
    rng.shuffle(parts)
    gold = Gold()
    gold.article(t, outlet=o)
    repeat = f"<h2>{html.escape(t.title)}</h2>" if rng.random() < 0.5 else ""
    return Page(
        "html",
        _page(
            t.title,
            f"<article>{''.join(parts)}<h1>{html.escape(t.title)}</h1>{repeat}"
            "<p class='byline'>By "
            f"{rng.choice(PEOPLE)}</p>{_ps(t.paragraphs)}</article>",
        ),
        gold,
    )


def html_gallery_credits(rng: random.Random, texts: TextSource) -> Page:
    """A lead photo under the headline and photos between paragraphs, each a <figure> whose
    <figcaption> holds the caption and a credit span (or a credit in its own element)."""
    t = texts.take(rng, min_paragraphs=3)
    gold = Gold()
    gold.article(t)
    figures = []
    for k in range(rng.randint(2, 3)):
        cap = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(9, 16))).rstrip(".,;:") + "."
        credit = f"{rng.choice(['Photo', 'Credit', 'Image'])}: {rng.choice(PEOPLE)}/{rng.choice(OUTLETS)}"
        gold.chrome.append(cap)
        figures.append(rng.choice([
            f"<figure><img src='/g{k}.jpg'><figcaption>{html.escape(cap)} <span class='credit'>{credit}</span>"
            "</figcaption></figure>",
            f"<figure class='photo'><img src='/g{k}.jpg'><figcaption><p>{html.escape(cap)}</p></figcaption>"
            f"<div class='image-credit'>{credit}</div></figure>",
        ]))
    ps = [f"<p>{html.escape(p)}</p>" for p in t.paragraphs]
    for k, fig in enumerate(figures[1:], start=1):
        ps.insert(min(2 * k, len(ps) - 1), fig)
    return Page("html", _page(t.title, f"<article><h1>{html.escape(t.title)}</h1>{figures[0]}{''.join(ps)}</article>"),
                gold)


def html_embed_unclassed(rng: random.Random, texts: TextSource) -> Page:
    """An embedded social post as a plain <blockquote> (no embed class) ending in the post's
    attribution ("— Name (@handle) May 3, 2025"), between the story's paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    gold = Gold()
    gold.article(t)
    p = rng.choice(PEOPLE)
    post = sentences(rng, texts, 1, avoid=t)
    gold.chrome.append(post)
    ps = [f"<p>{html.escape(x)}</p>" for x in t.paragraphs]
    ps.insert(2, f"<blockquote><p>{html.escape(post)}</p>— {p} (@{p.split()[0].lower()}) "
                 f"{clock_date(rng, style='short')}</blockquote>")
    return Page("html", _page(t.title, f"<article><h1>{html.escape(t.title)}</h1>{''.join(ps)}</article>"), gold)
