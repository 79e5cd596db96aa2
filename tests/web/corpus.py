"""A small, fully known corpus written straight through the store: three outlets, two stories,
entities with mentions, roles, events and hashtags; times relative to now so ages and trends work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.models import Article, Enrichment, Entity, Event, Mention, Role

NOW = datetime.now(UTC).replace(microsecond=0)
JPN = Entity("country:JPN", "Japan", "COUNTRY", ["Japanese"])
KOR = Entity("country:KOR", "South Korea", "COUNTRY", ["Seoul"])
AOYAGI = Entity("person:aoyagi kenta", "Kenta Aoyagi", "PERSON", ["Aoyagi"])
HAN = Entity("person:han ji-won", "Han Ji-won", "PERSON", [])


def _mentions(body: str, ents: list[Entity]) -> list[Mention]:
    out = []
    for ent in ents:
        for name in [ent.name, *ent.aliases]:
            start = body.find(name)
            if start >= 0:
                out.append(Mention(ent.key, name, start, start + len(name), body))
                break
    return out


def add(
    store,
    title: str,
    body: str,
    *,
    outlet: str,
    hours_ago: float,
    ents=(),
    tags=(),
    events=(),
    roles=(),
    wire=None,
    url=None,
    story_id=None,
    authors=(),
    dateline=None,
) -> int:
    art = Article(
        body=body,
        source=f"{outlet}.html",
        url=url,
        title=title,
        outlet=outlet,
        wire=wire,
        authors=list(authors),
        dateline=dateline,
        published=NOW - timedelta(hours=hours_ago),
        fetched_at=NOW,
        language="en",
    )
    aid, _ = store.upsert_article(art, None)
    store.save_enrichment(
        aid,
        Enrichment(
            entities=list(ents),
            mentions=_mentions(body, list(ents)),
            roles=list(roles),
            events=list(events),
            hashtags=list(tags),
        ),
    )
    if story_id is not None:
        store.assign_story(aid, story_id)
        store.refresh_story(story_id)
    return aid


def build_corpus(store) -> dict:
    """Returns ids by name: articles a1..a4, stories s1 s2, entities."""
    s1 = store.create_story("Japan and South Korea foreign ministers meet in Seoul", NOW - timedelta(hours=6))
    s2 = store.create_story("Rare-earth export licences tighten", NOW - timedelta(hours=30))
    meet = Event(
        "meeting",
        ["country:JPN", "country:KOR"],
        "Japan and South Korea met in Seoul on Monday.",
        date=(NOW - timedelta(days=1)).date().isoformat(),
        date_text="on Monday",
        place="Seoul",
    )
    role = Role(
        "person:aoyagi kenta",
        "Kenta Aoyagi",
        "Foreign Minister",
        "country:JPN",
        "Japan",
        NOW - timedelta(hours=6),
        sentence="Japanese Foreign Minister Kenta Aoyagi said...",
    )
    ids = {"s1": s1, "s2": s2}
    ids["a1"] = add(
        store,
        "Japan, South Korea ministers meet in Seoul",
        "Japan and South Korea met in Seoul on Monday.\n\nKenta Aoyagi said the talks agreed on 3 "
        "projects. Han Ji-won welcomed the visit.",
        outlet="Kanto Herald",
        hours_ago=5,
        ents=[JPN, KOR, AOYAGI, HAN],
        tags=["JapanSouthKoreaRelations", "Diplomacy"],
        events=[meet],
        roles=[role],
        story_id=s1,
        authors=["Mika Sato"],
        dateline="SEOUL",
        url="https://a.example.org/1",
    )
    ids["a2"] = add(
        store,
        "Seoul talks: Aoyagi and Han agree on projects",
        "Kenta Aoyagi and Han Ji-won agreed on 5 projects in Seoul, South Korea said. "
        "The ministers also discussed North Korea.",
        outlet="Pacific Wire",
        wire="Pacific Wire",
        hours_ago=4,
        ents=[KOR, AOYAGI, HAN],
        tags=["JapanSouthKoreaRelations"],
        events=[meet],
        story_id=s1,
        url="https://b.example.org/2",
    )
    ids["a3"] = add(
        store,
        "China tightens rare-earth export licences",
        "China tightened licences for rare-earth magnets, worrying Japan's industry.",
        outlet="Asia Current",
        hours_ago=28,
        ents=[JPN],
        tags=["RareEarths", "EconomicSecurity"],
        story_id=s2,
        url="https://c.example.org/3",
    )
    ids["a4"] = add(
        store,
        "Japan weighs rare-earth stockpile",
        "Japan is weighing a larger rare-earth stockpile after the licensing change.",
        outlet="Kanto Herald",
        hours_ago=26,
        ents=[JPN],
        tags=["RareEarths"],
        story_id=s2,
    )
    ids.update({e.key: store.find_entities(e.name)[0]["id"] for e in (JPN, KOR, AOYAGI, HAN)})
    return ids
