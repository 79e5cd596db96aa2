"""More TUNE layout families written as text dumps (:mod:`evals.layouts_tune` lists them with the
others): added with the teaser-card runs of issue 18, to test them on shapes they were not written
from; the review and caption families are tune-side probes of review widgets and credit lines."""

from __future__ import annotations

import random

from evals.layout_kit import OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, sentences, words


def card_rail_unlabelled(rng: random.Random, texts: TextSource) -> Page:
    """A story with a rail of other stories' cards and no label over it, at its end or set between
    its paragraphs; every card of the rail in one order (headline, teaser, time; time, headline,
    teaser; headline, outlet, age, teaser)."""
    t = texts.take(rng, min_paragraphs=3)
    gold = Gold()
    gold.article(t)
    order = rng.randrange(3)
    rail: list[str] = []
    for _ in range(rng.randint(3, 5)):
        item, teaser, o = texts.take(rng), sentences(rng, texts, 1, avoid=t), rng.choice(OUTLETS)
        card = [
            [item.title, teaser, f"{o} · {age(rng)}"],
            [f"{o} | {clock_date(rng, style='short')}", item.title, teaser],
            [item.title, o, age(rng), teaser],
        ][order]
        rail += card + [""]
        gold.chrome.append(teaser)
        gold.links += 1
    head = [t.title, f"By {rng.choice(PEOPLE)}", clock_date(rng), ""]
    if rng.random() < 0.5:
        lines = head + t.paragraphs + ["", *rail]
    else:
        lines = head + t.paragraphs[:2] + ["", *rail] + t.paragraphs[2:]
    return Page("text", "\n".join(lines), gold)


def rated_reviews_text(rng: random.Random, texts: TextSource) -> Page:
    """A story, then reviews under a head ("What our customers say", "Ratings & reviews"): a rating
    ("Rated 4 out of 5", "4/5", stars), "by Name on <date>", the review."""
    t = texts.take(rng)
    head = rng.choice(["Reviews", "What our customers say", "Ratings & reviews"])
    lines = [t.title, ""] + t.paragraphs + ["", head]
    gold = Gold()
    gold.article(t)
    for _ in range(rng.randint(2, 4)):
        r = sentences(rng, texts, rng.randint(1, 3), avoid=t)
        n = rng.randint(1, 5)
        rating = rng.choice([f"Rated {n} out of 5", f"{n}/5", "★" * n])
        lines += [rating, f"by {rng.choice(PEOPLE)} on {clock_date(rng, style='short')}", r]
        gold.chrome.append(r)
    return Page("text", "\n".join(lines), gold)


def caption_credit_lines(rng: random.Random, texts: TextSource) -> Page:
    """Photo captions between paragraphs, each ending in its credit: "(Photo: Name)", "Getty
    Images", "| Outlet"."""
    t = texts.take(rng, min_paragraphs=3)
    caps = []
    for _ in range(2):
        cap = " ".join(words(rng, texts.take(rng).paragraphs[0], rng.randint(8, 14))).rstrip(".,;:")
        cap = cap[0].upper() + cap[1:]
        caps.append(rng.choice([f"{cap} (Photo: {rng.choice(PEOPLE)})", f"{cap}. Getty Images",
                                f"{cap} | {rng.choice(OUTLETS)}"]))
    lines = [t.title, age(rng), ""] + t.paragraphs[:1] + [caps[0]] + t.paragraphs[1:2] + [caps[1]] + t.paragraphs[2:]
    gold = Gold()
    gold.article(t)
    gold.chrome += caps
    return Page("text", "\n".join(lines), gold)
