"""Copies collapsed: one text carried by three outlets shows once on tag and entity pages, in search,
in feeds and on the front page, naming the outlets that also carried it."""

from __future__ import annotations

import re

import feedparser
import pytest

from storyline.queries.copies import collapse_copies
from tests.web.corpus import JPN, add

WIRE = "Kyoto Metals wins licence for rare-earth magnet exports"
BODY = "Kyoto Metals received the first licence for rare-earth magnet exports under the new rules, Japan said."


@pytest.fixture
def copies(store, ids):
    """The corpus plus one wire text published by three outlets (the later two marked as copies)."""
    first = add(store, WIRE, BODY, outlet="Pacific Wire", hours_ago=3, ents=[JPN], tags=["RareEarths"])
    others = [
        add(store, WIRE, BODY, outlet=o, hours_ago=h, ents=[JPN], tags=["RareEarths"])
        for o, h in (("Kanto Herald", 2), ("Asia Current", 1))
    ]
    for aid in others:
        store.set_duplicate_of(aid, first)
    return [first, *others]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_tag_and_entity_feeds_list_three_copies_once(client, ids, copies, fmt):
    for path in (f"/tags/RareEarths.{fmt}", f"/entities/{ids['country:JPN']}.{fmt}", f"/search.{fmt}?q=Kyoto"):
        entries = feedparser.parse(client.get(path).content).entries
        titles = [e.title for e in entries]
        assert titles.count(WIRE) == 1, (path, titles)
        assert len(titles) == len(set(titles)), (path, titles)  # no title twice
        (entry,) = [e for e in entries if e.title == WIRE]
        assert "also carried by" in entry.summary, path
    # the tag's other articles are still there
    tag = feedparser.parse(client.get(f"/tags/RareEarths.{fmt}").content)
    assert {"China tightens rare-earth export licences", "Japan weighs rare-earth stockpile"} <= {
        e.title for e in tag.entries
    }


def test_tag_entity_search_and_front_pages_show_copies_once(client, ids, copies):
    for path in ("/tags/RareEarths", f"/entities/{ids['country:JPN']}", "/search?q=Kyoto", "/"):
        html = client.get(path).text
        shown = [int(i) for i in re.findall(r'href="/articles/(\d+)"', html)]
        assert sum(i in copies for i in shown) >= 1, path
        assert len({i for i in shown if i in copies}) == 1, (path, shown)
    html = client.get("/tags/RareEarths").text
    carried = re.findall(r"also carried by ([^<]*)<", html)
    assert carried and set(carried[0].split(", ")) == {"Kanto Herald", "Pacific Wire"}  # the newest is shown


def test_collapse_keeps_first_row_and_names_the_other_outlets(store, ids, copies):
    rows = [{"id": i, "outlet": o} for i, o in zip(reversed(copies), ("Asia Current", "Kanto Herald", "Pacific Wire"))]
    rows.append({"id": ids["a3"], "outlet": "Asia Current"})
    out = collapse_copies(store, rows)
    assert [r["id"] for r in out] == [copies[-1], ids["a3"]]
    assert out[0]["also_carried_by"] == ["Kanto Herald", "Pacific Wire"] and out[0]["copies"] == 2
    assert out[1]["also_carried_by"] == [] and out[1]["copies"] == 0
    assert collapse_copies(store, []) == []
    assert [r["id"] for r in collapse_copies(store, rows, limit=1)] == [copies[-1]]
