"""The repository API on SQLite and PostgreSQL: raw pages, article versions, facts, stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from storyline.models import Article, Enrichment, Entity, Event, FetchedPage, Link, Mention, Role
from storyline.store import open_store
from storyline.store.migrate import current_revision, head_revision

JST = timezone(timedelta(hours=9))
T0 = datetime(2025, 7, 30, 8, 0, tzinfo=UTC)


def page(content: bytes = b"<html><p>hello</p></html>", source: str = "a.html") -> FetchedPage:
    return FetchedPage(source=source, content=content, fetched_at=T0, status=200)


def article(body: str = "Japan and South Korea met.", **kw) -> Article:
    return Article(body=body, source=kw.pop("source", "a.html"), title=kw.pop("title", "Ministers meet"), **kw)


def test_schema_is_at_head(any_store):
    assert current_revision(any_store.engine) == head_revision()


def test_raw_page_idempotent_and_changed_page_is_new(any_store):
    first, new1 = any_store.add_raw_page(page())
    again, new2 = any_store.add_raw_page(page())
    changed, new3 = any_store.add_raw_page(page(b"<html><p>changed</p></html>"))
    assert (new1, new2, new3) == (True, False, True)
    assert first == again != changed
    assert any_store.get_raw_page(first)["content"] == b"<html><p>hello</p></html>"


def test_article_versions(any_store):
    raw, _ = any_store.add_raw_page(page())
    aid, status = any_store.upsert_article(article(), raw)
    assert status == "new"
    assert any_store.upsert_article(article(), raw) == (aid, "unchanged")
    aid2, status2 = any_store.upsert_article(article("Japan and South Korea met again in Seoul."), raw)
    assert (aid2, status2) == (aid, "version")
    versions = any_store.article_versions(aid)
    assert [v["version"] for v in versions] == [1, 2]
    assert any_store.get_article(aid)["body"].endswith("in Seoul.")
    assert any_store.count_articles() == 1


def test_published_keeps_its_offset(any_store):
    when = datetime(2025, 7, 30, 16, 20, tzinfo=JST)
    aid, _ = any_store.upsert_article(article(published=when), None)
    got = any_store.get_article(aid)["published"]
    assert got == when and got.utcoffset() == timedelta(hours=9)


def test_filters_and_links(any_store):
    raw, _ = any_store.add_raw_page(page())
    any_store.upsert_article(article("a", title="A", outlet="NHK", published=T0), raw)
    any_store.upsert_article(article("b", title="B", outlet="Kyodo", published=T0 - timedelta(days=3)), raw)
    assert [r["title"] for r in any_store.list_articles(outlet="nhk")] == ["A"]
    assert [r["title"] for r in any_store.list_articles(since=T0 - timedelta(days=1))] == ["A"]
    assert any_store.add_links(raw, [Link("Headline only", position=0), Link("Another", position=1)]) == 2
    assert any_store.add_links(raw, [Link("Headline only", position=0)]) == 0
    assert [link["title"] for link in any_store.list_links(raw)] == ["Headline only", "Another"]


def test_problems_keep_raw_bytes(any_store):
    any_store.record_problem("junk.bin", "ingest", "binary", "junk.bin: binary content", content=b"\x00\x01")
    rows = any_store.list_problems()
    assert rows[0]["kind"] == "binary" and rows[0]["kept_bytes"] == 2
    assert any_store.count_problems_by_kind() == {"binary": 1}


def _enrichment(flagged: bool = False) -> Enrichment:
    iwaya = Entity("person:iwaya takeshi", "Takeshi Iwaya", "PERSON", aliases=["Iwaya Takeshi"])
    cho = Entity("person:cho hyun", "Cho Hyun", "PERSON")
    japan = Entity("country:JPN", "Japan", "COUNTRY")
    sentence = "Japanese Foreign Minister Takeshi Iwaya met Cho Hyun on Tuesday."
    return Enrichment(
        entities=[iwaya, cho, japan],
        mentions=[Mention("person:iwaya takeshi", "Takeshi Iwaya", 26, 39, sentence),
                  Mention("person:cho hyun", "Cho Hyun", 44, 52, sentence)],
        roles=[Role("person:iwaya takeshi", "Takeshi Iwaya", "Foreign Minister", "country:JPN", "Japan", T0,
                    sentence=sentence)],
        events=[Event("meeting", ["person:iwaya takeshi", "person:cho hyun"], sentence, date="2025-07-29",
                      date_text="on Tuesday", place="Tokyo")],
        hashtags=["JapanSouthKoreaRelations", "ForeignPolicy"],
        quality_flags=["machine_generated_filler"] if flagged else [],
    )


def test_entities_of_later_articles_merge_their_aliases_into_the_stored_records(any_store):
    """The entity upsert reads the article's stored entities and aliases in one query each: an
    entity seen again keeps its id and gains only its new aliases (a key twice in one enrichment
    too), a new one is added after the known ones, and an alias is compared as stored (300 chars)."""
    first, _ = any_store.upsert_article(article(), None)
    any_store.save_enrichment(first, _enrichment())
    iwaya_id = any_store.find_entities("Takeshi Iwaya")[0]["id"]
    long = "Iwaya " + "x" * 400
    again = Enrichment(entities=[
        Entity("person:iwaya takeshi", "Takeshi Iwaya", "PERSON", aliases=["Iwaya", long]),
        Entity("person:new one", "New One", "PERSON"),
        Entity("person:iwaya takeshi", "Takeshi Iwaya", "PERSON", aliases=["Mr Iwaya", long[:300] + "y"]),
    ])
    second, _ = any_store.upsert_article(article(url="https://example.com/b", title="Another"), None)
    any_store.save_enrichment(second, again)
    any_store.save_enrichment(second, again)  # again: nothing doubles
    ent = any_store.get_entity(iwaya_id)
    assert sorted(ent["aliases"]) == sorted({"Takeshi Iwaya", "Iwaya Takeshi", "Iwaya", "Mr Iwaya", long[:300]})
    new = any_store.find_entities("New One")
    assert len(new) == 1 and new[0]["id"] > max(e["id"] for e in any_store.find_entities("Cho Hyun"))


def test_enrichment_roundtrip_and_reenrich_is_idempotent(any_store):
    aid, _ = any_store.upsert_article(article(), None)
    any_store.save_enrichment(aid, _enrichment())
    any_store.save_enrichment(aid, _enrichment())  # again: nothing doubles
    found = any_store.find_entities("Iwaya Takeshi")
    assert [e["name"] for e in found] == ["Takeshi Iwaya"]
    ent = any_store.get_entity(found[0]["id"])
    assert set(ent["aliases"]) == {"Takeshi Iwaya", "Iwaya Takeshi"} and ent["mention_count"] == 1
    roles = any_store.list_roles()
    assert [(r["person"], r["office"], r["organization"]) for r in roles] == [
        ("Takeshi Iwaya", "Foreign Minister", "Japan")
    ]
    events = any_store.list_events()
    assert len(events) == 1 and events[0]["date"] == "2025-07-29"
    assert {p["name"] for p in events[0]["participants"]} == {"Takeshi Iwaya", "Cho Hyun"}
    assert [s["article_id"] for s in events[0]["sources"]] == [aid]
    assert any_store.get_article(aid)["hashtags"] == ["JapanSouthKoreaRelations", "ForeignPolicy"]
    assert [t["tag"] for t in any_store.tag_counts()] == ["ForeignPolicy", "JapanSouthKoreaRelations"]


def test_same_event_from_two_articles_is_one_event(any_store):
    a1, _ = any_store.upsert_article(article("one"), None)
    a2, _ = any_store.upsert_article(article("two", title="Other"), None)
    any_store.save_enrichment(a1, _enrichment())
    any_store.save_enrichment(a2, _enrichment())
    events = any_store.list_events()
    assert len(events) == 1 and sorted(s["article_id"] for s in events[0]["sources"]) == [a1, a2]


def test_flagged_facts_left_out_by_default(any_store):
    aid, _ = any_store.upsert_article(article(), None)
    any_store.save_enrichment(aid, _enrichment(flagged=True))
    assert any_store.list_roles() == [] and any_store.list_events() == []
    assert len(any_store.list_roles(include_flagged=True)) == 1
    assert len(any_store.list_events(include_flagged=True)) == 1
    assert any_store.get_article(aid)["quality_flags"] == ["machine_generated_filler"]


def test_stories(any_store):
    a1, _ = any_store.upsert_article(article("one", outlet="NHK", published=T0), None)
    a2, _ = any_store.upsert_article(article("two", title="B", outlet="Kyodo", published=T0 + timedelta(hours=2)), None)
    s1 = any_store.create_story("Ministers meet", T0)
    s2 = any_store.create_story("Other", T0)
    any_store.assign_story(a1, s1)
    any_store.assign_story(a2, s2)
    any_store.merge_stories(s2, s1, {"reason": "test"})
    story = any_store.get_story(s1)
    assert [a["id"] for a in story["articles"]] == [a1, a2]
    assert story["outlet_count"] == 2 and story["updated"] == T0 + timedelta(hours=2)
    assert any_store.story_changes()[0]["kind"] == "merge"
    any_store.save_story_vector(a1, {"terms": {"japan": 1.0}})
    any_store.save_story_vector(a1, {"terms": {"korea": 1.0}})
    rows = list(any_store.iter_story_vectors())
    assert len(rows) == 1 and rows[0].data == {"terms": {"korea": 1.0}} and rows[0].story_id == s1


def test_reopen_does_not_migrate_again(tmp_path):
    path = str(tmp_path / "x.db")
    open_store(path).close()
    store = open_store(path)
    assert current_revision(store.engine) == head_revision()


def test_missing_folder_is_a_clear_error(tmp_path):
    import pytest

    from storyline.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "x.db"))


def test_reenrichment_replaces_quality_flags(any_store):
    aid, _ = any_store.upsert_article(article(), None)
    any_store.save_enrichment(aid, _enrichment(flagged=True))
    assert any_store.get_article(aid)["quality_flags"] == ["machine_generated_filler"]
    any_store.save_enrichment(aid, _enrichment(flagged=False))  # e.g. after a quality-rule fix
    assert any_store.get_article(aid)["quality_flags"] == []
    assert len(any_store.list_roles()) == 1  # no longer flagged, so back in the role history


def test_extractor_flags_survive_reenrichment(any_store):
    aid, _ = any_store.upsert_article(article(quality_flags=["mostly_chrome"]), None)
    any_store.save_enrichment(aid, _enrichment(flagged=True))
    any_store.save_enrichment(aid, _enrichment(flagged=False))
    assert any_store.get_article(aid)["quality_flags"] == ["mostly_chrome"]
