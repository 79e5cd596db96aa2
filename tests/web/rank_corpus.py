"""A generated corpus for the top-stories ranking: stories written straight through the store with
known signals (outlets, wire copies, pages split into parts, languages, event types, quality flags,
missing dates), planted pairs for the outlets-vs-significance rule, and seeded random stories."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from storyline.models import Article, Enrichment, Event, FetchedPage

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
OUTLETS = ["Harbor Journal", "Meridian Post", "Eastern Ledger", "Coastal Times", "Northern Tribune",
           "Lantern Review", "Pacific Courier", "Global Gazette", "Capital Herald", "Metro Chronicle"]
TYPES = ["agreement", "sanction", "export_control", "tariff", "summit", "meeting", "visit", "phone_call",
         "statement", "aid"]
PLACES = ["Oslo", "Lima", "Accra", "Hanoi", "Quito", "Riga", "Doha", "Perth", "Turin", "Cebu", "Malmo", "Izmir"]


class Gen:
    def __init__(self, store, seed: int = 0):
        self.store, self.rng, self.n = store, random.Random(seed), 0
        self.planted: dict[str, int] = {}

    def page(self, parts: int = 1) -> int:
        self.n += 1
        pid, _ = self.store.add_raw_page(FetchedPage(source=f"gen/{self.n}.html", content=f"page {self.n}".encode(),
                                                     fetched_at=NOW, url=f"https://gen.example.org/{self.n}"))
        return pid

    def article(self, story: int, title: str, *, outlet=None, wire=None, hours=1.0, etype="statement",
                language="en", flags=(), page=None, position=0, duplicate_of=None, dated=True, date=None) -> int:
        self.n += 1
        body = (f"{title}. Officials in {self.rng.choice(PLACES)} described the step on day {self.n} "
                f"as part of a wider policy, and several ministries gave details to reporters.")
        art = Article(body=body, source=f"gen/{self.n}.html", url=f"https://gen.example.org/a/{self.n}", title=title,
                      outlet=outlet, wire=wire, position=position, language=language, fetched_at=NOW,
                      published=NOW - timedelta(hours=hours) if dated else None)
        aid, _ = self.store.upsert_article(art, page if page is not None else self.page())
        ev = Event(etype, [f"country:{title.split()[0].lower()}"], f"{title}.", date=date)
        self.store.save_enrichment(aid, Enrichment(events=[ev], quality_flags=list(flags)))
        if duplicate_of:
            self.store.update_article(aid, duplicate_of=duplicate_of)
        self.store.assign_story(aid, story)
        self.store.refresh_story(story)
        return aid

    def story(self, title: str, name: str | None = None) -> int:
        sid = self.store.create_story(title, NOW)
        if name:
            self.planted[name] = sid
        return sid


def build_generated(store, seed: int = 0, random_stories: int = 24) -> dict[str, int]:
    """Planted stories (by name) and ``random_stories`` seeded random ones; returns the planted ids."""
    g = Gen(store, seed)
    # the outlets-vs-significance rule, both ways, every pair published at the same time
    s = g.story("Lima ministers meet on port access", "more_outlets_meeting")
    for o in OUTLETS[:3]:
        g.article(s, "Lima ministers meet on port access", outlet=o, hours=2, etype="meeting")
    s = g.story("Quito signs fisheries agreement", "fewer_outlets_agreement")
    g.article(s, "Quito signs fisheries agreement", outlet=OUTLETS[3], hours=2, etype="agreement")
    s = g.story("Accra ministry issues statement on grain", "more_outlets_statement")
    for o in OUTLETS[4:6]:
        g.article(s, "Accra ministry issues statement on grain", outlet=o, hours=3, etype="statement")
    s = g.story("Riga imposes export controls on drones", "fewer_outlets_export_control")
    g.article(s, "Riga imposes export controls on drones", outlet=OUTLETS[7], hours=3, etype="export_control")
    # a wire story carried by five papers: one source, five carriers
    s = g.story("Hanoi tariff on steel doubles", "wire_five_carriers")
    first = g.article(s, "Hanoi tariff on steel doubles", outlet="Pacific Wire", wire="Pacific Wire", hours=4,
                      etype="tariff")
    for o in OUTLETS[:4]:
        g.article(s, "Hanoi tariff on steel doubles", outlet=o, wire="Pacific Wire", hours=4, etype="tariff",
                  duplicate_of=first)
    # one page's parts: no outlet named, then the same outlet named twice
    s = g.story("Doha summit opens with pledge", "page_parts_unnamed")
    pid = g.page()
    for i in range(3):
        g.article(s, "Doha summit opens with pledge", page=pid, position=i, hours=1, etype="summit")
    s = g.story("Perth visit by trade envoy", "page_parts_same_outlet")
    pid = g.page()
    for i in range(2):
        g.article(s, "Perth visit by trade envoy", outlet=OUTLETS[8], page=pid, position=i, hours=1, etype="visit")
    # flagged only: many articles, the newest, the most significant - and still never leads
    s = g.story("Turin sanctions announced in sweeping move", "flagged_only")
    for o in OUTLETS:
        g.article(s, "Turin sanctions announced in sweeping move", outlet=o, hours=0.2, etype="sanction",
                  flags=["machine_generated_filler", "unfilled_placeholder"])
    s = g.story("Cebu quake relief", "flagged_near_empty")
    g.article(s, "Cebu quake relief", outlet=OUTLETS[9], hours=0.1, etype="aid", flags=["near_empty"])
    # two languages; undated (fetch time); unknown outlet only
    s = g.story("Izmir agreement on grain corridor", "two_languages")
    g.article(s, "Izmir agreement on grain corridor", outlet=OUTLETS[0], hours=5, etype="agreement")
    g.article(s, "Izmir agreement on grain corridor", outlet="Tokyo Shinbun", hours=5, etype="agreement",
              language="ja")
    s = g.story("Malmo meeting on batteries", "undated")
    g.article(s, "Malmo meeting on batteries", outlet=OUTLETS[1], dated=False, etype="meeting")
    s = g.story("Oslo talks on Arctic shipping", "unknown_outlet")
    g.article(s, "Oslo talks on Arctic shipping", hours=1, etype="meeting")
    # seeded random stories
    rng = random.Random(seed)
    for i in range(random_stories):
        place, etype = rng.choice(PLACES), rng.choice(TYPES)
        title = f"{place} {etype.replace('_', ' ')} report {i}"
        s = g.story(title)
        hours = rng.uniform(0, 96)
        for o in rng.sample(OUTLETS, rng.randint(1, 4)):
            flags = ["near_empty"] if rng.random() < 0.15 else []
            g.article(s, title, outlet=o if rng.random() > 0.1 else None, hours=hours + rng.uniform(0, 6),
                      etype=etype, flags=flags, language="ja" if rng.random() < 0.1 else "en")
    return g.planted
