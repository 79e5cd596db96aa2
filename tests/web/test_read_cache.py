"""Cached read paths (story, article, entity, tag pages; front, ranking, search) and their explicit
invalidation: every ingest batch bumps the store's data generation, which every server process on
the same store sees."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline import queries
from storyline.models import Article
from storyline.queries.common import TTLCache, cached_read
from storyline.store import open_store


def _article(store, title: str, body: str) -> int:
    aid, _ = store.upsert_article(Article(body=body, source=title, title=title, outlet="NHK",
                                          published=datetime(2026, 11, 30, tzinfo=UTC)), None)
    sid = store.create_story(title)
    store.assign_story(aid, sid)
    store.refresh_story(sid, title=title)
    return aid


def test_a_read_is_served_from_cache_until_the_data_version_changes(tmp_path):
    db = str(tmp_path / "c.db")
    reader, writer = open_store(db), open_store(db)  # two server processes on one store
    aid = _article(writer, "Talks in Tokyo", "Ministers met in Tokyo to talk about export controls.")
    sid = reader.get_article(aid)["story_id"]
    first = queries.story_detail(reader, sid)
    assert queries.story_detail(reader, sid) is first  # served from the cache
    # a write that readers must not see yet (no ingest batch finished): still cached
    writer.set_value("unrelated", 1)
    assert queries.story_detail(reader, sid) is first
    # the ingest batch ends: the generation changes, the other process recomputes
    writer.bump_data_generation()
    again = queries.story_detail(reader, sid)
    assert again is not first and again["story"]["id"] == sid
    # a new article invalidates even without an explicit bump
    _article(writer, "Rare earths", "Beijing tightened export controls on rare earths.")
    assert queries.story_detail(reader, sid) is not again


def test_an_ingest_shows_on_cached_pages_at_once(tmp_path):
    from storyline.pipeline import Pipeline

    store = open_store(str(tmp_path / "p.db"))
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(
        "<html><head><title>Japan and Korea hold talks</title></head><body><article><h1>Japan and Korea hold "
        "talks</h1><p>TOKYO — Japan's foreign minister met his South Korean counterpart in Tokyo on Tuesday "
        "to discuss supply chains for critical minerals, officials said.</p><p>The two ministers agreed to "
        "meet again next month in Seoul.</p></article></body></html>", encoding="utf-8")
    assert queries.search_page(store, queries.search.SearchParams(q="minerals"))["results"].total == 0
    version = store.data_version()
    Pipeline(store).ingest([str(folder)])
    assert store.data_version() != version
    assert queries.search_page(store, queries.search.SearchParams(q="minerals"))["results"].total == 1


def test_cache_is_bounded_and_keyed_by_arguments():
    cache = TTLCache(seconds=60, entries=3)
    for i in range(10):
        cache.get(i, "v", lambda i=i: i)
    assert len(cache) == 3
    assert cache.get(9, "v", lambda: "recomputed") == 9
    assert cache.get(0, "v", lambda: "recomputed") == "recomputed"  # evicted
    calls = []

    class FakeStore:
        db = "x"

        def data_version(self):
            return ("g",)

    @cached_read(entries=8)
    def page(store, n, *, k=1):
        calls.append((n, k))
        return [n, k]

    s = FakeStore()
    assert page(s, 1) == page(s, 1) and page(s, 1, k=2) == [1, 2]
    assert calls == [(1, 1), (1, 2)]
