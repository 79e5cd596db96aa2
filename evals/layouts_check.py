"""CHECK layout families of the layout-diverse evaluation (:mod:`evals.layouts`).

Written before the tune families and before any rule was changed against this evaluation; no
rule or parameter may be chosen by looking at their scores (they are the held-out families).
Each family is a function ``(rng, texts) -> Page``: ``texts`` yields real article texts (title
and paragraphs from the WCXB DEV gold, check fold); the page is a text dump (aggregator style)
or HTML (real-site style) with gold: the real articles (title, first and last words), the chrome
lines that must appear in no body, and how many headline-only links it carries.
"""

from __future__ import annotations

import html
import random

from evals.layout_kit import OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, words


def aggregator_outlet_first(rng: random.Random, texts: TextSource) -> Page:
    """Items whose outlet line and breadcrumb bullets come before the title; title printed twice;
    ages read "posted N days ago"; a "More on this" label between items."""
    lines, gold = [], Gold()
    for _ in range(rng.randint(2, 4)):
        t = texts.take(rng)
        outlet = rng.choice(OUTLETS)
        section = rng.choice(["World", "Business", "Asia", "Tech", "Science", "Politics"])
        header = [outlet, f"◦ {section}", f"◦ {rng.choice(['Latest', 'Top stories', 'Analysis'])}", t.title, t.title,
                  f"posted {rng.randint(2, 9)} days ago"]
        lines += header + t.paragraphs + ["", "More on this", ""]
        gold.article(t, outlet=outlet)
        gold.chrome += [f"◦ {section}", "More on this"]
    return Page("text", "\n".join(lines), gold)


def comment_thread(rng: random.Random, texts: TextSource) -> Page:
    """One article, then a reader comment thread: names, timestamps, comment text, Reply links."""
    t = texts.take(rng)
    outlet = rng.choice(OUTLETS)
    lines = [outlet, t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng), ""] + t.paragraphs
    n = rng.randint(3, 6)
    lines += ["", f"{n} Comments", "Leave a Reply"]
    gold = Gold()
    gold.article(t, outlet=outlet)
    gold.chrome += [f"{n} Comments", "Leave a Reply"]
    for _ in range(n):
        comment = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(25, 60)))
        stamp = clock_date(rng, style="comment")
        lines += ["", rng.choice(PEOPLE), stamp, comment, "Reply"]
        gold.chrome += [stamp, comment]
    return Page("text", "\n".join(lines), gold)


def teaser_rail(rng: random.Random, texts: TextSource) -> Page:
    """One article, then a "You may also like" rail of headline-only teasers with ages and outlets."""
    t = texts.take(rng)
    lines = [t.title, age(rng), ""] + t.paragraphs + ["", "You may also like", ""]
    gold = Gold()
    gold.article(t)
    gold.chrome.append("You may also like")
    for _ in range(rng.randint(4, 7)):
        lines += [texts.take(rng).title, f"{rng.choice(OUTLETS)} · {age(rng)}", ""]
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def review_widget(rng: random.Random, texts: TextSource) -> Page:
    """An article followed by a user-review widget: star ratings and quoted reviews with names."""
    t = texts.take(rng)
    lines = [t.title, f"Published {clock_date(rng)}", ""] + t.paragraphs
    lines += ["", "Customer reviews", f"{rng.randint(3, 4)}.{rng.randint(0, 9)} out of 5 stars",
              f"{rng.randint(20, 400)} ratings"]
    gold = Gold()
    gold.article(t)
    gold.chrome += ["Customer reviews"]
    for _ in range(rng.randint(2, 4)):
        stars = rng.randint(1, 5)
        quote = "“" + " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(30, 55))) + "”"
        lines += ["", "★" * stars + "☆" * (5 - stars), quote, f"— {rng.choice(PEOPLE)}, verified buyer",
                  "Was this review helpful?"]
        gold.chrome += [quote, "Was this review helpful?"]
    return Page("text", "\n".join(lines), gold)


def embedded_post(rng: random.Random, texts: TextSource) -> Page:
    """An article with a social-media post embedded between two of its paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    person = rng.choice(PEOPLE)
    handle = "@" + person.lower().replace(" ", "_")
    post = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(18, 35)))
    cut = rng.randint(1, len(t.paragraphs) - 1)
    embed = [f"{person} ({handle})", post, f"— {person} ({handle}) {clock_date(rng, style='short')}"]
    lines = [t.title, f"By {rng.choice(PEOPLE)}", ""] + t.paragraphs[:cut] + embed + t.paragraphs[cut:]
    gold = Gold()
    gold.article(t)
    gold.chrome += embed
    return Page("text", "\n".join(lines), gold)


def paywall_newsletter(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a paywall note, a newsletter box and a cookie notice."""
    t = texts.take(rng)
    tail = [
        "This article is for subscribers. Subscribe now for unlimited access.",
        "Already a subscriber? Sign in",
        "Get our free morning briefing",
        "Enter your email address",
        "Sign up",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
        "Accept",
    ]
    lines = [rng.choice(OUTLETS), t.title, clock_date(rng), ""] + t.paragraphs + [""] + tail
    gold = Gold()
    gold.article(t)
    gold.chrome += tail
    return Page("text", "\n".join(lines), gold)


def listing_page(rng: random.Random, texts: TextSource) -> Page:
    """A section page: headline, one-sentence teaser and age per item; no article on it."""
    lines = [rng.choice(["Latest news", "World", "Business"]), ""]
    gold = Gold()
    for _ in range(rng.randint(6, 10)):
        t = texts.take(rng)
        teaser = " ".join(words(rng, t.paragraphs[0], rng.randint(12, 22))) + "…"
        lines += [t.title, teaser, age(rng), ""]
        gold.links += 1
        gold.chrome.append(teaser)
    return Page("text", "\n".join(lines), gold)


def caption_byline(rng: random.Random, texts: TextSource) -> Page:
    """Title, photo credit and caption, byline with role, an "Updated" time, then the body."""
    t = texts.take(rng)
    caption = "Photo: " + " ".join(words(rng, texts.take(rng).paragraphs[0], 12)) + f" ({rng.choice(OUTLETS)})"
    lines = [t.title, caption, f"By {rng.choice(PEOPLE)}, staff writer", f"Updated {clock_date(rng)}", ""]
    lines += t.paragraphs + ["", "Share", "Tweet", "Email"]
    gold = Gold()
    gold.article(t)
    gold.chrome += [caption, "Share", "Tweet", "Email"]
    return Page("text", "\n".join(lines), gold)


# ----------------------------------------------------------------------------------- HTML


def _paras(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def html_schema_comments(rng: random.Random, texts: TextSource) -> Page:
    """A news page whose reader comments are schema.org ``Comment`` items in a comments section."""
    t = texts.take(rng)
    outlet = rng.choice(OUTLETS)
    gold = Gold()
    gold.article(t, outlet=outlet)
    comments = []
    for _ in range(rng.randint(3, 6)):
        text = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(30, 60)))
        gold.chrome.append(text)
        comments.append(
            f'<li itemscope itemtype="https://schema.org/Comment"><span itemprop="author">{rng.choice(PEOPLE)}</span>'
            f'<time datetime="2025-07-30T10:00">{clock_date(rng, style="comment")}</time>'
            f'<p itemprop="text">{html.escape(text)}</p><a href="#reply">Reply</a></li>'
        )
    page = (
        f'<html><head><title>{html.escape(t.title)} | {outlet}</title>'
        f'<meta property="og:site_name" content="{outlet}"><meta property="og:type" content="article"></head><body>'
        f'<header><a href="/">{outlet}</a><nav><a href="/world">World</a> <a '
        'href="/business">Business</a></nav></header>'
        f'<main><article><h1>{html.escape(t.title)}</h1><p class="byline">By {rng.choice(PEOPLE)}</p>'
        f"{_paras(t.paragraphs)}</article>"
        f'<section id="comments"><h2>Comments</h2><ol>{"".join(comments)}</ol></section></main>'
        f"<footer>© {outlet}</footer></body></html>"
    )
    return Page("html", page, gold)


def html_related_aside(rng: random.Random, texts: TextSource) -> Page:
    """A news page with an ``<aside>`` of related teasers (headline and snippet) beside the article."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    teasers = []
    for _ in range(rng.randint(4, 6)):
        other = texts.take(rng)
        snippet = " ".join(words(rng, other.paragraphs[0], rng.randint(20, 35)))
        gold.chrome.append(snippet)
        gold.links += 1
        teasers.append(f'<div class="teaser"><h3><a href="/n/{rng.randint(1000, 9999)}">{html.escape(other.title)}'
                       f"</a></h3><p>{html.escape(snippet)}</p></div>")
    page = (
        f"<html><head><title>{html.escape(t.title)}</title></head><body>"
        f"<div class='wrap'><article><h1>{html.escape(t.title)}</h1>{_paras(t.paragraphs)}</article>"
        f"<aside><h2>Related</h2>{''.join(teasers)}</aside></div></body></html>"
    )
    return Page("html", page, gold)


def html_listing(rng: random.Random, texts: TextSource) -> Page:
    """A category page: a grid of cards (linked headline, snippet, time); no article."""
    gold = Gold()
    cards = []
    for _ in range(rng.randint(8, 14)):
        t = texts.take(rng)
        snippet = " ".join(words(rng, t.paragraphs[0], rng.randint(15, 30)))
        gold.links += 1
        gold.chrome.append(snippet)
        cards.append(
            f'<div class="card"><h2><a href="/story/{rng.randint(1000, 99999)}">{html.escape(t.title)}</a></h2>'
            f'<p>{html.escape(snippet)}</p><time '
            f'datetime="2025-07-2{rng.randint(0, 9)}">{age(rng)}</time></div>'
        )
    page = (
        "<html><head><title>Latest news</title><meta property='og:type' content='website'></head><body>"
        f"<h1>Latest news</h1><div class='grid'>{''.join(cards)}</div></body></html>"
    )
    return Page("html", page, gold)


FAMILIES = {
    "outlet-first-aggregator": aggregator_outlet_first,
    "comment-thread": comment_thread,
    "teaser-rail": teaser_rail,
    "review-widget": review_widget,
    "embedded-post": embedded_post,
    "paywall-newsletter": paywall_newsletter,
    "listing-text": listing_page,
    "caption-byline": caption_byline,
    "html-schema-comments": html_schema_comments,
    "html-related-aside": html_related_aside,
    "html-listing": html_listing,
}
