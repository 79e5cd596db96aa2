"""TUNE layout families of the layout-diverse evaluation (:mod:`evals.layouts`): the ones rules and
parameters may be chosen on. Texts come from the WCXB DEV gold's tune fold."""

from __future__ import annotations

import html
import random

from evals.layout_kit import OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, sentences, words
from evals.layouts_tune_html import (
    html_caption_paragraphs,
    html_comments_section,
    html_comments_unmarked,
    html_cookie_newsletter,
    html_embed_unclassed,
    html_figure_paywall,
    html_gallery_credits,
    html_header_block,
    html_instagram_embed,
    html_listing_cards,
    html_related_inside,
    html_teaser_aside,
)
from evals.layouts_tune_text import caption_credit_lines, card_rail_unlabelled, rated_reviews_text


def seed_like_related(rng: random.Random, texts: TextSource) -> Page:
    """Main article, then "Related Articles" items: outlet, age, "- outlet", title, body."""
    t = texts.take(rng)
    lines = [t.title] + t.paragraphs + ["", "Related Articles", ""]
    gold = Gold()
    gold.article(t)
    gold.chrome.append("Related Articles")
    for _ in range(rng.randint(2, 3)):
        o, item = rng.choice(OUTLETS), texts.take(rng)
        lines += [o, age(rng), f"- {o}", item.title, " ".join(item.paragraphs), ""]
        gold.article(item, outlet=o)
    return Page("text", "\n".join(lines), gold)


def title_outlet_line(rng: random.Random, texts: TextSource) -> Page:
    """Title first, then "Outlet · 3 hours ago" on one line, then the body."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    gold = Gold()
    gold.article(t, outlet=o)
    return Page("text", "\n".join([t.title, f"{o} · {age(rng)}", ""] + t.paragraphs), gold)


def ranking_list(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a numbered "Most read" list of bare headlines."""
    t = texts.take(rng)
    lines = [t.title, clock_date(rng), ""] + t.paragraphs + ["", "MOST READ"]
    gold = Gold()
    gold.article(t)
    gold.chrome.append("MOST READ")
    for i in range(1, rng.randint(5, 8)):
        lines += [str(i), texts.take(rng).title]
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def inline_read_more(rng: random.Random, texts: TextSource) -> Page:
    """"Read more: <headline>" lines between paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    link = f"Read more: {texts.take(rng).title}"
    lines = [t.title, ""] + t.paragraphs[:1] + [link] + t.paragraphs[1:]
    gold = Gold()
    gold.article(t)
    gold.chrome.append(link)
    return Page("text", "\n".join(lines), gold)


def hashtag_footer(rng: random.Random, texts: TextSource) -> Page:
    """Body followed by a tag line and "Hashtags"."""
    t = texts.take(rng)
    tags = " ".join("#" + w.strip(",.").capitalize() for w in words(rng, t.paragraphs[0], 4) if w.isalpha())
    lines = [t.title, ""] + t.paragraphs + ["", "Hashtags", tags or "#News"]
    gold = Gold()
    gold.article(t)
    gold.chrome.append("Hashtags")
    return Page("text", "\n".join(lines), gold)


def share_bar_top(rng: random.Random, texts: TextSource) -> Page:
    """Share buttons between the title and the body."""
    t = texts.take(rng)
    bar = ["Share", "Facebook", "Twitter", "Copy link"]
    lines = [t.title, f"By {rng.choice(PEOPLE)}", age(rng)] + bar + [""] + t.paragraphs
    gold = Gold()
    gold.article(t)
    gold.chrome += bar
    return Page("text", "\n".join(lines), gold)


def newsletter_mid(rng: random.Random, texts: TextSource) -> Page:
    """A newsletter sign-up box between paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    box = ["Sign up for our newsletter", "Get the latest stories in your inbox every morning."]
    lines = [t.title, ""] + t.paragraphs[:2] + box + t.paragraphs[2:]
    gold = Gold()
    gold.article(t)
    gold.chrome += box
    return Page("text", "\n".join(lines), gold)


def cookie_banner_top(rng: random.Random, texts: TextSource) -> Page:
    """A cookie banner and a menu above the headline."""
    t = texts.take(rng)
    top = ["Accept cookies", "Menu", "Home", "World", "Business"]
    lines = top + ["", t.title, clock_date(rng), ""] + t.paragraphs
    gold = Gold()
    gold.article(t)
    gold.chrome += ["Accept cookies"]
    return Page("text", "\n".join(lines), gold)


def dated_items_feed(rng: random.Random, texts: TextSource) -> Page:
    """A feed of full items: title, "Outlet | Jul 3, 2025", body, separated by rules."""
    lines, gold = [], Gold()
    for _ in range(rng.randint(2, 4)):
        t, o = texts.take(rng), rng.choice(OUTLETS)
        lines += [t.title, f"{o} | {clock_date(rng, style='short')}", ""] + t.paragraphs + ["", "---", ""]
        gold.article(t, outlet=o)
    return Page("text", "\n".join(lines), gold)


def html_plain_article(rng: random.Random, texts: TextSource) -> Page:
    """A plain news page: header nav, h1, paragraphs, footer."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    gold = Gold()
    gold.article(t, outlet=o)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in t.paragraphs)
    return Page("html", f"<html><head><title>{html.escape(t.title)} - {o}</title><meta property='og:site_name' "
                        f"content='{o}'></head><body><nav><a href='/'>Home</a></nav><h1>{html.escape(t.title)}</h1>"
                        f"{body}<footer>Contact us</footer></body></html>", gold)


def html_review_schema(rng: random.Random, texts: TextSource) -> Page:
    """An article with schema.org Review items under it."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    reviews = []
    for _ in range(rng.randint(2, 4)):
        r = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(30, 50)))
        gold.chrome.append(r)
        reviews.append(f"<div itemscope itemtype='https://schema.org/Review'><span itemprop='author'>"
                       f"{rng.choice(PEOPLE)}</span><p itemprop='reviewBody'>{html.escape(r)}</p></div>")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in t.paragraphs)
    return Page("html", f"<html><head><title>{html.escape(t.title)}</title></head><body><article><h1>"
                        f"{html.escape(t.title)}</h1>{body}</article><section class='reviews'><h2>Reviews</h2>"
                        f"{''.join(reviews)}</section></body></html>", gold)


def html_embedded_tweet(rng: random.Random, texts: TextSource) -> Page:
    """An article with a ``blockquote.twitter-tweet`` embed between paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    post = " ".join(words(rng, texts.take(rng).paragraphs[0], 25))
    gold = Gold()
    gold.article(t)
    gold.chrome.append(post)
    ps = [f"<p>{html.escape(p)}</p>" for p in t.paragraphs]
    ps.insert(1, f"<blockquote class='twitter-tweet'><p>{html.escape(post)}</p>&mdash; {rng.choice(PEOPLE)} "
                 f"<a href='https://twitter.com/x/status/1'>{clock_date(rng, style='short')}</a></blockquote>")
    return Page("html", f"<html><head><title>{html.escape(t.title)}</title></head><body><article><h1>"
                        f"{html.escape(t.title)}</h1>{''.join(ps)}</article></body></html>", gold)


def html_listing_ul(rng: random.Random, texts: TextSource) -> Page:
    """A section page as a list of linked headlines with one-line teasers."""
    gold = Gold()
    items = []
    for _ in range(rng.randint(8, 12)):
        t = texts.take(rng)
        teaser = " ".join(words(rng, t.paragraphs[0], rng.randint(14, 24)))
        gold.links += 1
        gold.chrome.append(teaser)
        items.append(f"<li><a href='/a/{rng.randint(1, 9999)}'>{html.escape(t.title)}</a>"
                     f"<p>{html.escape(teaser)}</p></li>")
    return Page(
        "html",
        f"<html><head><title>World news</title></head><body><h1>World</h1><ul>{''.join(items)}</ul></body></html>",
        gold,
    )


def html_breadcrumb_header(rng: random.Random, texts: TextSource) -> Page:
    """Breadcrumbs, a section label and the date above the h1 inside <article>."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in t.paragraphs)
    return Page(
        "html",
        f"<html><head><title>{html.escape(t.title)}</title></head><body><article>"
        f"<ol class='breadcrumb'><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ol>"
        f"<span class='kicker'>Analysis</span><time datetime='2025-07-30'>July 30, 2025</time>"
        f"<h1>{html.escape(t.title)}</h1>{body}</article></body></html>",
        gold,
    )


def crumbs_repeated_title(rng: random.Random, texts: TextSource) -> Page:
    """Outlet line and breadcrumb bullets *before* the headline, the headline printed twice,
    "posted 3 days ago" and a byline, then the body."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    section = rng.choice(["World", "Business", "Tech", "Culture", "Science"])
    crumbs = [rng.choice(["• Home", "Home"]), f"{rng.choice(['•', '◦', '›'])} {section}"]
    header = [o] + crumbs + [t.title, t.title]
    when = f"{rng.choice(['posted', 'Posted', 'updated'])} {rng.randint(2, 6)} days ago"
    header += rng.sample([when, f"By {rng.choice(PEOPLE)}"], 2)
    gold = Gold()
    gold.article(t, outlet=o)
    gold.chrome += crumbs[1:]
    return Page("text", "\n".join(header + [""] + t.paragraphs), gold)


def comment_thread(rng: random.Random, texts: TextSource) -> Page:
    """An article, then "N Comments" and reader comments: name, "May 3, 2024 at 9:51 am", text, "Reply"."""
    t = texts.take(rng)
    lines = [t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng, style="short"), ""] + t.paragraphs
    gold = Gold()
    gold.article(t)
    n = rng.randint(2, 4)
    label = rng.choice([f"{n} Comments", "Comments", f"{n} thoughts on “{t.title}”", "Leave a Reply"])
    lines += ["", label]
    for _ in range(n):
        c = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        lines += [
            rng.choice(PEOPLE),
            rng.choice([clock_date(rng, style="comment"), age(rng)]),
            c,
            rng.choice(["Reply", "Reply ↓", "Like · Reply"]),
        ]
        gold.chrome.append(c)
    return Page("text", "\n".join(lines), gold)


def teaser_rail_text(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a rail of other stories: headline, one-sentence teaser, outlet or age."""
    t = texts.take(rng)
    lines = (
        [t.title, age(rng), ""] + t.paragraphs + ["", rng.choice(["More stories", "Read next", "Recommended for you"])]
    )
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(3, 5)):
        item = texts.take(rng)
        teaser = sentences(rng, texts, 1, avoid=t)
        lines += [item.title, teaser]
        gold.chrome.append(teaser)
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def photo_captions_text(rng: random.Random, texts: TextSource) -> Page:
    """Photo captions with a credit between the headline and the body and between paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    credit = rng.choice(["Photo: {p}/{o}", "(Photo by {p})", "Image: {o}", "{p} / {o}"])
    caps = []
    for _ in range(2):
        cap = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(8, 14))).rstrip(".,;:")
        caps.append(f"{cap[0].upper()}{cap[1:]}. " + credit.format(p=rng.choice(PEOPLE), o=rng.choice(OUTLETS)))
    lines = [t.title, clock_date(rng), caps[0], ""] + t.paragraphs[:2] + [caps[1]] + t.paragraphs[2:]
    gold = Gold()
    gold.article(t)
    gold.chrome += caps
    return Page("text", "\n".join(lines), gold)


def paywall_note_text(rng: random.Random, texts: TextSource) -> Page:
    """A paywall note and a subscribe prompt after the visible paragraphs."""
    t = texts.take(rng)
    note = rng.choice(
        [
            ["This article is for subscribers only.", "Already a subscriber? Log in"],
            ["Continue reading with a subscription", "Get unlimited access for $1 a week. Cancel anytime."],
            ["You have reached your limit of free articles this month.", "Subscribe now"],
        ]
    )
    lines = [t.title, f"By {rng.choice(PEOPLE)}", ""] + t.paragraphs + [""] + note
    gold = Gold()
    gold.article(t)
    gold.chrome += note
    return Page("text", "\n".join(lines), gold)


def review_widget_text(rng: random.Random, texts: TextSource) -> Page:
    """An article, then user reviews: stars, a reviewer's name, a date and a quoted review."""
    t = texts.take(rng)
    lines = (
        [t.title, clock_date(rng, style="short"), ""]
        + t.paragraphs
        + ["", rng.choice(["Customer reviews", "Reviews", "User Reviews (4)"])]
    )
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(2, 4)):
        r = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        stars = rng.randint(2, 5)
        lines += ["★" * stars + "☆" * (5 - stars), f"{rng.choice(PEOPLE)}", clock_date(rng, style="short"), f"“{r}”"]
        gold.chrome.append(f"“{r}”")
    return Page("text", "\n".join(lines), gold)


def embedded_post_text(rng: random.Random, texts: TextSource) -> Page:
    """An embedded social post between paragraphs: text, "— Name (@handle) May 3, 2025"."""
    t = texts.take(rng, min_paragraphs=3)
    p = rng.choice(PEOPLE)
    post = sentences(rng, texts, rng.randint(1, 2), avoid=t)
    handle = "@" + p.split()[0].lower()
    block = [post, f"— {p} ({handle}) {clock_date(rng, style='short')}"]
    lines = [t.title, age(rng), ""] + t.paragraphs[:1] + block + t.paragraphs[1:]
    gold = Gold()
    gold.article(t)
    gold.chrome += block
    return Page("text", "\n".join(lines), gold)


def listing_text(rng: random.Random, texts: TextSource) -> Page:
    """A section page dumped as text: headline, teaser, "Outlet · age" per item; no article."""
    lines, gold = [rng.choice(["Latest", "World", "Technology"]), ""], Gold()
    for _ in range(rng.randint(5, 8)):
        item, teaser = texts.take(rng), sentences(rng, texts, 1)
        lines += [item.title, teaser, f"{rng.choice(OUTLETS)} · {age(rng)}", ""]
        gold.chrome.append(teaser)
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def shuffled_header(rng: random.Random, texts: TextSource) -> Page:
    """A header block in a random order: outlet, section crumbs, headline (maybe repeated), age,
    byline, date; then the body."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    section = rng.choice(["World", "Markets", "Health", "Travel", "Opinion"])
    before = rng.sample(
        [o, rng.choice([f"• {section}", f"Home › {section}", section.upper(), f"◦ {section}"])], rng.randint(1, 2)
    )
    title = [t.title] * rng.choice([1, 1, 2])
    after = rng.sample(
        [
            f"{rng.choice(['posted ', 'Posted ', 'Updated ', ''])}{rng.randint(2, 9)} days ago",
            f"{rng.choice(['By', 'Written by'])} {rng.choice(PEOPLE)}",
            clock_date(rng),
        ],
        rng.randint(1, 3),
    )
    gold = Gold()
    gold.article(t, outlet=o if o in before else None)
    gold.chrome += [b for b in before if b != o]
    return Page("text", "\n".join(before + title + after + [""] + t.paragraphs), gold)


def dated_teaser_rail(rng: random.Random, texts: TextSource) -> Page:
    """An article, then a labelled rail of other stories, each with its outlet and age and a
    one-sentence teaser (links, not articles)."""
    t = texts.take(rng, min_paragraphs=3)
    lines = [t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng), ""] + t.paragraphs
    lines += ["", rng.choice(["More news", "Latest stories", "Trending now", "Popular this week"]), ""]
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(3, 5)):
        item, teaser, o = texts.take(rng), sentences(rng, texts, 1, avoid=t), rng.choice(OUTLETS)
        card = rng.choice(
            [
                [f"{o} · {age(rng)}", item.title, teaser],
                [item.title, o, age(rng), teaser],
                [item.title, f"{o} | {age(rng)}", teaser],
            ]
        )
        lines += card + [""]
        gold.chrome.append(teaser)
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def labelled_listing_text(rng: random.Random, texts: TextSource) -> Page:
    """A section page under a list heading ("Latest news"): cards of headline, teaser and
    outlet/age in varying order; no article of its own."""
    lines, gold = [rng.choice(["Latest news", "Top stories", "Most popular", "Trending"]), ""], Gold()
    order = rng.randrange(3)
    for _ in range(rng.randint(3, 7)):
        item, teaser, meta = texts.take(rng), sentences(rng, texts, 1), f"{rng.choice(OUTLETS)} · {age(rng)}"
        card = [[item.title, teaser, meta], [meta, item.title, teaser], [item.title, meta, teaser]][order]
        lines += card + [""]
        gold.chrome.append(teaser)
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def byline_variants(rng: random.Random, texts: TextSource) -> Page:
    """Header lines in the many shapes sites print them: "By X | Posted 3 days ago",
    "X · 3 hours ago", "Published: <date>", "4 min read", a kicker above the headline."""
    t = texts.take(rng)
    p, o = rng.choice(PEOPLE), rng.choice(OUTLETS)
    kicker = rng.choice(["ANALYSIS", "Opinion", "EXCLUSIVE", "Explainer", None])
    stamp = rng.choice(
        [
            f"By {p} | Posted {rng.randint(2, 6)} days ago",
            f"{p} · {age(rng)}",
            f"Published: {clock_date(rng)}",
            f"By {p}, {o}",
            f"Updated {age(rng)}",
        ]
    )
    extra = rng.sample([f"{rng.randint(2, 12)} min read", f"Published: {clock_date(rng, style='short')}", ""], 1)
    lines = ([kicker] if kicker else []) + [t.title, stamp] + [e for e in extra if e] + [""] + t.paragraphs
    gold = Gold()
    gold.article(t)
    gold.chrome += [e for e in extra if e and "read" in e]
    return Page("text", "\n".join(lines), gold)


def comments_says(rng: random.Random, texts: TextSource) -> Page:
    """An article, then comments in the "Name says:" shape with no section head and no "Reply"."""
    t = texts.take(rng)
    lines = [t.title, clock_date(rng, style="short"), ""] + t.paragraphs + [""]
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(2, 4)):
        c = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        lines += [f"{rng.choice(PEOPLE)} says:", clock_date(rng, style="comment"), c, ""]
        gold.chrome.append(c)
    return Page("text", "\n".join(lines), gold)


def product_reviews_text(rng: random.Random, texts: TextSource) -> Page:
    """An article, then shop-style reviews: "4.0 out of 5 stars", a review title, "Reviewed in ... on
    <date>", "Verified Purchase", the review, "12 people found this helpful"."""
    t = texts.take(rng)
    lines = [t.title, ""] + t.paragraphs + ["", rng.choice(["Top reviews", "Customer Reviews", "Reviews"])]
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(2, 3)):
        r = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        lines += [
            rng.choice(PEOPLE),
            f"{rng.randint(1, 5)}.0 out of 5 stars",
            texts.take(rng).title[:40],
            f"Reviewed in the United States on {clock_date(rng, style='short')}",
            "Verified Purchase",
            r,
            f"{rng.randint(2, 40)} people found this helpful",
        ]
        gold.chrome.append(r)
    return Page("text", "\n".join(lines), gold)


def instagram_text(rng: random.Random, texts: TextSource) -> Page:
    """An Instagram embed dumped as text inside a body: "View this post on Instagram", the post,
    "A post shared by Name (@handle)"."""
    t = texts.take(rng, min_paragraphs=3)
    p = rng.choice(PEOPLE)
    post = sentences(rng, texts, 1, avoid=t)
    block = ["View this post on Instagram", post, f"A post shared by {p} (@{p.split()[0].lower()})"]
    lines = [t.title, age(rng), ""] + t.paragraphs[:2] + block + t.paragraphs[2:]
    gold = Gold()
    gold.article(t)
    gold.chrome += block
    return Page("text", "\n".join(lines), gold)


def tagline_sidebar_text(rng: random.Random, texts: TextSource) -> Page:
    """A site header (name, tagline, run-together crumbs "HomeLatest News"), the article, then a
    sidebar of section-labelled teasers, each ending in "Read More"."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    tagline = rng.choice(
        ["Expert how-to for curious readers", "News that matters to the coast", "Your daily guide to the valley"]
    )
    crumbs = rng.choice(["HomeLatest News", "HomeSPORT NEWS", "Home›World"])
    lines = [o, tagline, crumbs, "", t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng), ""] + t.paragraphs + [""]
    gold = Gold()
    gold.article(t)
    gold.chrome += [tagline, crumbs]
    for _ in range(rng.randint(2, 3)):
        item, teaser = texts.take(rng), sentences(rng, texts, 1, avoid=t)
        lines += [rng.choice(["Business", "Technology", "Lifestyle", "Sports"]), item.title, teaser, "Read More", ""]
        gold.chrome.append(teaser)
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def consent_signup_tweet_text(rng: random.Random, texts: TextSource) -> Page:
    """A consent banner above the page, an e-mail sign-up form and a tweet dumped as text
    ("Name @handle · May 3", the post, its picture link) inside the body, a paywall line after it."""
    t = texts.take(rng, min_paragraphs=3)
    p = rng.choice(PEOPLE)
    consent = [
        "We use cookies to give you the best experience on our website.",
        "Accept all cookies",
        "Manage preferences",
    ]
    form = ["Enter your email address", "Sign up", "By signing up, you agree to our Privacy Policy."]
    post = sentences(rng, texts, 1, avoid=t)
    tweet = [f"{p} @{p.split()[0].lower()} · {rng.choice(['May 3', 'Jul 14', '2h'])}", post, "pic.twitter.com/x1y2z3"]
    wall = rng.choice(["Subscribe to read the full article", "To read the rest of this story, please subscribe."])
    lines = consent + ["", t.title, clock_date(rng), ""] + t.paragraphs[:1] + form + t.paragraphs[1:2] + tweet
    lines += t.paragraphs[2:] + [wall]
    gold = Gold()
    gold.article(t)
    gold.chrome += consent[:1] + form + tweet + [wall]
    return Page("text", "\n".join(lines), gold)


def embedded_post_shapes(rng: random.Random, texts: TextSource) -> Page:
    """An embedded social post between paragraphs in one of the shapes dumps print it: a head line
    ("Name (@handle)", "Name @handle", "@handle") over the post and its date, or the post in quotes
    over an attribution; added after the first families, from a tune-side probe of post shapes."""
    t = texts.take(rng, min_paragraphs=3)
    p = rng.choice(PEOPLE)
    handle = "@" + p.split()[0].lower()
    post, when = sentences(rng, texts, rng.randint(1, 2), avoid=t), clock_date(rng, style="short")
    block = rng.choice([
        [f"{p} ({handle})", post, when],
        [f"{p} {handle}", post, when],
        [handle, post, when],
        [f"“{post}”", f"— {p} ({handle}) {when}"],
        [f"{p} {handle} · {when}", post],
    ])
    lines = [t.title, age(rng), ""] + t.paragraphs[:1] + [""] + block + [""] + t.paragraphs[1:]
    gold = Gold()
    gold.article(t)
    gold.chrome += [b for b in block if b != when]
    return Page("text", "\n".join(lines), gold)


FAMILIES = {
    "seed-like-related": seed_like_related,
    "title-outlet-line": title_outlet_line,
    "ranking-list": ranking_list,
    "inline-read-more": inline_read_more,
    "hashtag-footer": hashtag_footer,
    "share-bar-top": share_bar_top,
    "newsletter-mid": newsletter_mid,
    "cookie-banner-top": cookie_banner_top,
    "dated-items-feed": dated_items_feed,
    "html-plain-article": html_plain_article,
    "html-review-schema": html_review_schema,
    "html-embedded-tweet": html_embedded_tweet,
    "html-listing-ul": html_listing_ul,
    "html-breadcrumb-header": html_breadcrumb_header,
    "crumbs-repeated-title": crumbs_repeated_title,
    "comment-thread": comment_thread,
    "teaser-rail-text": teaser_rail_text,
    "photo-captions-text": photo_captions_text,
    "paywall-note-text": paywall_note_text,
    "review-widget-text": review_widget_text,
    "embedded-post-text": embedded_post_text,
    "listing-text": listing_text,
    "html-comments-section": html_comments_section,
    "html-teaser-aside": html_teaser_aside,
    "html-figure-paywall": html_figure_paywall,
    "shuffled-header": shuffled_header,
    "dated-teaser-rail": dated_teaser_rail,
    "labelled-listing-text": labelled_listing_text,
    "html-listing-cards": html_listing_cards,
    "html-comments-unmarked": html_comments_unmarked,
    "html-related-inside": html_related_inside,
    "html-cookie-newsletter": html_cookie_newsletter,
    "html-instagram-embed": html_instagram_embed,
    "byline-variants": byline_variants,
    "comments-says": comments_says,
    "product-reviews-text": product_reviews_text,
    "instagram-text": instagram_text,
    "html-caption-paragraphs": html_caption_paragraphs,
    "tagline-sidebar-text": tagline_sidebar_text,
    "html-header-block": html_header_block,
    "consent-signup-tweet-text": consent_signup_tweet_text,
    "embedded-post-shapes": embedded_post_shapes,
    "card-rail-unlabelled": card_rail_unlabelled,
    "html-gallery-credits": html_gallery_credits,
    "rated-reviews-text": rated_reviews_text,
    "caption-credit-lines": caption_credit_lines,
    "html-embed-unclassed": html_embed_unclassed,
}
