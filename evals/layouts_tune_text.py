"""More TUNE layout families written as text dumps (:mod:`evals.layouts_tune` lists them with the
others): added with the teaser-card runs of issue 18, to test them on shapes they were not written
from."""

from __future__ import annotations

import random

from evals.layout_kit import OUTLETS, PEOPLE, Gold, Page, TextSource, age, clock_date, sentences


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
