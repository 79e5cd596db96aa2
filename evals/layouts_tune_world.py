"""More TUNE layout families (:mod:`evals.layouts_tune` lists them with the others), written for
issue 18 point 5 from the shapes of real-world pages the issue names that the first tune families
lacked: blog templates (a tagline, run-together crumbs "HomeSPORT NEWS", a "Social Plugin" rail,
"Popular Posts" with dates), comment threads whose first line is the comment's date, author bio
boxes, "Trending now" lists, galleries with counters and credits, quoted testimonials, a page's
<title> line (with its site suffix) printed above the dump's menu and headline, and HTML pages with
a consent dialog, a metered paywall, "Read More:" links inside the body and a related-posts grid.
Texts come from the WCXB DEV gold's tune fold, as in the other tune families."""

from __future__ import annotations

import html
import random

from evals.layout_kit import MONTHS, OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, sentences, words

_SECTIONS = ["SPORT NEWS", "Latest News", "World", "Business", "Lifestyle", "Tech"]


def _esc(text: str) -> str:
    return html.escape(text)


def _ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{_esc(p)}</p>" for p in paragraphs)


def _caption(rng: random.Random, texts: TextSource, lo: int = 8, hi: int = 14) -> str:
    cap = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(lo, hi))).rstrip(".,;:")
    return cap[0].upper() + cap[1:]


def blog_template_text(rng: random.Random, texts: TextSource) -> Page:
    """A blog template dumped as text: site name, tagline, run-together crumbs ("HomeSPORT NEWS"),
    the headline, "posted 3 days ago" or a byline, the body, then "Social Plugin" and a "Popular
    Posts" rail of headlines with their dates, and the template's footer."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    tagline = rng.choice(["Latest updates from around the world", "Your trusted source for local news",
                          "Stories worth reading, every day", "Sports, politics and everything between"])
    crumbs = "Home" + rng.choice(_SECTIONS)
    stamp = rng.choice([f"posted {rng.randint(2, 9)} days ago", f"By {rng.choice(PEOPLE)}", clock_date(rng)])
    lines = [o, tagline, crumbs, t.title, stamp, ""] + t.paragraphs + [""]
    gold = Gold()
    gold.article(t)
    gold.chrome += [tagline, crumbs]
    plugin = rng.choice(["Social Plugin", "Follow Us", "Social Counter"])
    lines += [plugin, "Facebook", "Twitter", "", rng.choice(["Popular Posts", "Recent Posts", "Trending now"])]
    gold.chrome.append(plugin)
    for _ in range(rng.randint(3, 5)):
        lines += [texts.take(rng).title, clock_date(rng, style="short")]
        gold.links += 1
    lines += ["", rng.choice(["Menu Footer Widget", "Copyright © 2025 " + o, "Powered by Blogger"])]
    return Page("text", "\n".join(lines), gold)


def comments_date_first_text(rng: random.Random, texts: TextSource) -> Page:
    """An article, then reader comments printed date first: "August 11, 2018 at 9:51 am", the
    commenter's name (maybe a handle), the comment; a "Leave a Reply" form ends the thread."""
    t = texts.take(rng)
    lines = [t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng, style="short"), ""] + t.paragraphs + [""]
    gold = Gold()
    gold.article(t)
    if rng.random() < 0.5:
        lines.append(rng.choice(["Comments", "Discussion", f"{rng.randint(2, 9)} Comments"]))
    for _ in range(rng.randint(2, 4)):
        c = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        who = rng.choice(PEOPLE)
        who = rng.choice([who, who.split()[0].lower() + str(rng.randint(1, 99))])
        lines += [clock_date(rng, style="comment"), who, c, ""]
        gold.chrome.append(c)
    lines += ["Leave a Reply", "Your email address will not be published. Required fields are marked *"]
    return Page("text", "\n".join(lines), gold)


def bio_trending_text(rng: random.Random, texts: TextSource) -> Page:
    """An article, then an author bio box ("About the author", a sentence about the writer, a
    handle), a newsletter box and a "Trending now" list of headlines with ages."""
    t = texts.take(rng)
    p, o = rng.choice(PEOPLE), rng.choice(OUTLETS)
    lines = [t.title, f"By {p}", age(rng), ""] + t.paragraphs + [""]
    gold = Gold()
    gold.article(t)
    bio = rng.choice([
        f"{p} is a senior reporter at {o} covering technology, business and culture.",
        f"{p} has written for {o} since 2015 and covers science and the environment.",
        f"{p} is a freelance writer based in Lisbon whose work has appeared in {o}.",
    ])
    handle = f"Follow {p.split()[0]} on Twitter @{p.split()[0].lower()}"
    box = ["Newsletter", "Get the best of " + o + " delivered to your inbox.", "Subscribe"]
    lines += [rng.choice(["About the author", "About the Author", p]), bio, handle, ""] + box + [""]
    gold.chrome += [bio, handle, box[1]]
    lines.append(rng.choice(["Trending now", "Trending Now", "TRENDING"]))
    for k in range(1, rng.randint(4, 6)):
        lines += [f"{k}. {texts.take(rng).title}" if rng.random() < 0.5 else texts.take(rng).title, age(rng)]
        gold.links += 1
    return Page("text", "\n".join(lines), gold)


def gallery_counter_text(rng: random.Random, texts: TextSource) -> Page:
    """A photo gallery inside a story: "Gallery" or "Photos", counters ("1 / 4", "2 of 4") and
    captions that end in a credit ("| Outlet", "(Photo: Name)", "Photo: Name/Outlet")."""
    t = texts.take(rng, min_paragraphs=3)
    n = rng.randint(2, 4)
    counter = rng.choice(["{k} / {n}", "{k} of {n}", "Image {k} of {n}"])
    gallery = [rng.choice(["Gallery", "Photos", "In pictures"])]
    gold = Gold()
    gold.article(t)
    for k in range(1, n + 1):
        cap = _caption(rng, texts)
        cap = rng.choice([f"{cap} | {rng.choice(OUTLETS)}", f"{cap} (Photo: {rng.choice(PEOPLE)})",
                          f"{cap}. Photo: {rng.choice(PEOPLE)}/{rng.choice(OUTLETS)}"])
        gallery += [counter.format(k=k, n=n), cap]
        gold.chrome.append(cap)
    lines = [t.title, clock_date(rng), ""] + t.paragraphs[:2] + [""] + gallery + [""] + t.paragraphs[2:]
    return Page("text", "\n".join(lines), gold)


def title_suffix_menu_text(rng: random.Random, texts: TextSource) -> Page:
    """A dump that opens with the page's <title> ("Headline | Outlet", "Headline - Outlet"), then
    the site's menu and crumbs ("Home > World > Asia"), then the headline again and the body."""
    t = texts.take(rng)
    o = rng.choice(OUTLETS)
    head = f"{t.title} {rng.choice(['|', '-', '–'])} {o}"
    menu = rng.choice([["Home", "News", "Sport", "Business", "Opinion"], ["Menu", "Search", "Sign in"]])
    crumbs = rng.choice([f"Home > News > {rng.choice(['World', 'Asia', 'Europe'])}", f"Home / {rng.choice(_SECTIONS)}",
                         f"◦ {rng.choice(['World', 'Politics'])}"])
    stamp = rng.choice([clock_date(rng), f"Updated {age(rng)}", f"By {rng.choice(PEOPLE)}"])
    lines = [head, ""] + menu + [crumbs, "", t.title, stamp, ""] + t.paragraphs
    gold = Gold()
    gold.article(t)
    gold.chrome.append(crumbs)
    return Page("text", "\n".join(lines), gold)


def testimonials_text(rng: random.Random, texts: TextSource) -> Page:
    """A story, then quoted testimonials: the quote in curly quotes, then "— Name, City" or the
    name alone, under a head ("Testimonials", "What people are saying")."""
    t = texts.take(rng)
    lines = [t.title, ""] + t.paragraphs + ["", rng.choice(["Testimonials", "What people are saying",
                                                           "What our readers say"])]
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(2, 4)):
        q = f"“{sentences(rng, texts, rng.randint(1, 2), avoid=t)}”"
        who = rng.choice(PEOPLE)
        lines += [q, rng.choice([f"— {who}, {rng.choice(['Boston', 'Leeds', 'Osaka', 'Lyon'])}", f"- {who}", who]), ""]
        gold.chrome.append(q)
    return Page("text", "\n".join(lines), gold)


def html_consent_meter(rng: random.Random, texts: TextSource) -> Page:
    """An HTML story with a consent dialog (``role=dialog``), a breadcrumb nav before the headline,
    "Read More:" links between paragraphs, an author bio box, a metered paywall note and a
    "Trending now" list in an <aside>."""
    t = texts.take(rng, min_paragraphs=3)
    p, o = rng.choice(PEOPLE), rng.choice(OUTLETS)
    cookie = rng.choice([
        "We and our partners use cookies to personalise content and ads. You can manage your choices at any time.",
        "This website uses cookies to ensure you get the best experience. By using our site you accept our "
        "cookie policy.",
    ])
    more = f"Read More: {texts.take(rng).title}"
    meter = rng.choice(["You have 2 free articles left this month.",
                        "This is your last free article. Subscribe now for unlimited access."])
    bio = f"{p} is a staff writer at {o} who covers {rng.choice(['health', 'politics', 'technology'])}."
    gold = Gold()
    gold.article(t, outlet=o)
    gold.chrome += [cookie, more, meter, bio]
    ps = [f"<p>{_esc(x)}</p>" for x in t.paragraphs]
    ps.insert(2, f"<p><strong>Read More:</strong> <a href='/r/{rng.randint(1, 999)}'>{_esc(more[11:])}</a></p>")
    trending = "".join(f"<li><a href='/t/{k}'>{_esc(texts.take(rng).title)}</a></li>" for k in range(4))
    gold.links += 4
    section = rng.choice(_SECTIONS)
    return Page("html", f"<html><head><title>{_esc(t.title)} | {o}</title><meta property='og:site_name' "
                        f"content='{o}'></head><body><div role='dialog' class='cmp'><p>{_esc(cookie)}</p>"
                        f"<button>Agree</button></div><header><a href='/'>{o}</a></header><main><nav "
                        f"aria-label='breadcrumb'><a href='/'>Home</a> › <a href='/s'>{section}</a></nav>"
                        f"<h1>{_esc(t.title)}</h1><div class='byline'>By {p} · {clock_date(rng)}</div>"
                        f"<div class='article-body'>{''.join(ps)}</div><div class='meter'><p>{meter}</p></div>"
                        f"<div class='author-bio'><p>{_esc(bio)}</p></div></main><aside><h3>Trending now</h3>"
                        f"<ol>{trending}</ol></aside></body></html>", gold)


def html_comment_list_dates(rng: random.Random, texts: TextSource) -> Page:
    """An HTML story, then a WordPress-style comment list whose items open with the comment's
    permalink date ("August 11, 2018 at 9:51 am"), the commenter's <cite> and "says:"."""
    t = texts.take(rng)
    gold = Gold()
    gold.article(t)
    items = []
    for _ in range(rng.randint(2, 4)):
        c = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        gold.chrome.append(c)
        when = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)} at {rng.randint(1, 12)}:" \
               f"{rng.randint(0, 59):02d} {rng.choice(['am', 'pm'])}"
        items.append(f"<li><div><a href='#c{rng.randint(1, 999)}'>{when}</a></div><div><cite>{rng.choice(PEOPLE)}"
                     f"</cite> <span>says:</span></div><p>{_esc(c)}</p></li>")
    head = rng.choice([f"{len(items)} thoughts on “{_esc(t.title)}”", "Comments", f"{len(items)} Replies"])
    return Page("html", f"<html><head><title>{_esc(t.title)}</title></head><body><div class='site'><h1>"
                        f"{_esc(t.title)}</h1><div class='post'>{_ps(t.paragraphs)}</div><h2>{head}</h2><ol>"
                        f"{''.join(items)}</ol><h3>Leave a Reply</h3></div></body></html>", gold)


def html_gallery_outlet(rng: random.Random, texts: TextSource) -> Page:
    """An HTML story with a gallery of <div> slides (no <figure>): each an image, a counter and a
    caption paragraph ending in "| Outlet" or "(Photo: Name)", between the story's paragraphs."""
    t = texts.take(rng, min_paragraphs=3)
    gold = Gold()
    gold.article(t)
    slides = []
    n = rng.randint(2, 3)
    for k in range(1, n + 1):
        cap = _caption(rng, texts)
        cap = rng.choice([f"{cap} | {rng.choice(OUTLETS)}", f"{cap} (Photo: {rng.choice(PEOPLE)})"])
        gold.chrome.append(cap)
        slides.append(f"<div class='slide'><img src='/s{k}.jpg' alt=''><span class='count'>{k} / {n}</span>"
                      f"<p>{_esc(cap)}</p></div>")
    ps = [f"<p>{_esc(x)}</p>" for x in t.paragraphs]
    ps.insert(2, f"<div class='gallery'>{''.join(slides)}</div>")
    return Page("html", f"<html><head><title>{_esc(t.title)}</title></head><body><article><h1>{_esc(t.title)}</h1>"
                        f"{''.join(ps)}</article></body></html>", gold)
