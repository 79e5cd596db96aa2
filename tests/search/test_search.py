"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): ranking, filters, snippets, safety."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from storyline.models import Article
from storyline.search import fts5_query, safe_snippet, search_articles

T0 = datetime(2025, 7, 30, tzinfo=UTC)

DOCS = [
    ("Ministers meet in Tokyo", "Japan's foreign minister met his South Korean counterpart in Tokyo.", "NHK", 0, "en"),
    (
        "Rare earth export controls",
        "Beijing tightened export controls on rare earths <script>alert(1)</script>.",
        "Kyodo",
        1,
        "en",
    ),
    (
        "Tariff talks",
        "The ministers discussed tariffs on cars; the foreign minister said talks continue.",
        "NHK",
        5,
        "en",
    ),
    ("関税交渉", "日本と米国の関税交渉が続く。", "NHK", 2, "ja"),
]


def _fill(store):
    ids = []
    for title, body, outlet, days, lang in DOCS:
        aid, _ = store.upsert_article(
            Article(
                body=body, source=title, title=title, outlet=outlet, published=T0 - timedelta(days=days), language=lang
            ),
            None,
        )
        ids.append(aid)
    store.set_tags(ids[2], ["Tariffs"])
    return ids


def test_ranked_hits_with_snippets(any_store):
    ids = _fill(any_store)
    res = search_articles(any_store, "foreign minister")
    assert res.total == 2
    assert {h["id"] for h in res.hits} == {ids[0], ids[2]}
    assert all("<mark>" in h["snippet"] for h in res.hits)
    # the title weighs more: the hit whose title says it first comes first
    res = search_articles(any_store, "tokyo")
    assert res.hits[0]["id"] == ids[0]


def test_filters(any_store):
    ids = _fill(any_store)
    assert search_articles(any_store, "minister", outlet="nhk").total == 2
    assert search_articles(any_store, "minister", outlet="Kyodo").total == 0
    assert [h["id"] for h in search_articles(any_store, "minister", since=T0 - timedelta(days=2)).hits] == [ids[0]]
    assert [h["id"] for h in search_articles(any_store, "minister", until=T0 - timedelta(days=2)).hits] == [ids[2]]
    assert [h["id"] for h in search_articles(any_store, "minister", tag="#Tariffs").hits] == [ids[2]]
    assert search_articles(any_store, "export", language="ja").total == 0


def test_facets(any_store):
    _fill(any_store)
    res = search_articles(any_store, "minister")
    assert dict(res.facets["outlet"]) == {"NHK": 2}
    assert dict(res.facets["hashtag"]) == {"Tariffs": 1}


def test_facets_count_every_language_and_order_outlets_by_count(any_store):
    """Outlet and language facets (read with the ranked window on PostgreSQL) count each match once,
    most first; an article with no outlet adds none; by date, an undated article sorts by its fetch
    time."""
    ids = _fill(any_store)
    extra = [
        Article(body="The minister spoke.", source="x1", title="Minister", outlet="Asahi", language="en",
                published=T0 - timedelta(days=3)),
        Article(body="A minister resigned.", source="x2", title="Resignation", outlet=None, language="ja",
                published=None, fetched_at=T0 - timedelta(days=4)),
    ]
    for art in extra:
        ids.append(any_store.upsert_article(art, None)[0])
    res = search_articles(any_store, "minister")
    assert res.total == 4
    assert res.facets["outlet"][0] == ("NHK", 2)
    assert dict(res.facets["outlet"]) == {"NHK": 2, "Asahi": 1}
    assert dict(res.facets["language"]) == {"en": 3, "ja": 1}
    assert res.facets["language"][0] == ("en", 3)
    by_date = [h["id"] for h in search_articles(any_store, "minister", sort="date").hits]
    assert by_date == [ids[0], ids[4], ids[5], ids[2]]  # the undated one by when it was fetched


def test_snippet_escapes_page_text(any_store):
    _fill(any_store)
    res = search_articles(any_store, "export controls")
    assert res.total == 1
    assert "<script>" not in res.hits[0]["snippet"]


def test_updated_body_is_searchable(any_store):
    aid, _ = any_store.upsert_article(Article(body="old words", source="x", title="X"), None)
    any_store.upsert_article(Article(body="entirely fresh vocabulary", source="x", title="X"), None)
    assert search_articles(any_store, "fresh").total == 1
    assert search_articles(any_store, "old").total == 0


def test_fts5_query_quotes_everything():
    assert fts5_query('rare earth') == '"rare" "earth"'
    assert fts5_query('"rare earth" OR tariffs') == '"rare earth" OR "tariffs"'
    assert fts5_query("export*") == '"export"*'
    assert fts5_query('NEAR( " ) AND') == '"AND"'  # an empty NEAR group is dropped
    assert fts5_query("  ") is None
    assert safe_snippet("<b>\x02x\x03</b>") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_user_query_is_safe(q):
    from storyline.store import open_store

    store = _HYPO_STORE.get("s")
    if store is None:
        import tempfile

        store = _HYPO_STORE["s"] = open_store(tempfile.mkdtemp() + "/h.db")
        _fill(store)
    res = search_articles(store, q)
    assert res.total >= 0


_HYPO_STORE: dict = {}


@pytest.mark.postgres
def test_postgres_ranks_only_the_newest_window_of_matches(pg_url, monkeypatch):
    """More matches than RANK_WINDOW: the newest RANK_WINDOW are ranked and paged, and the total
    says it is a floor; fewer: every match, an exact total. Ranking reads the stored vector."""
    import storyline.search as search
    from storyline.store import open_store

    store = open_store(pg_url)
    ids = [
        store.upsert_article(
            Article(
                body=f"tariff report number {i}",
                source=f"s{i}",
                title=f"Report {i}",
                published=T0 - timedelta(days=i),
                language="en",
            ),
            None,
        )[0]
        for i in range(5)
    ]
    store.upsert_article(
        Article(body="Tariff news", source="t", title="Tariff", published=T0 - timedelta(days=9), language="en"), None
    )
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles WHERE search_vector IS NULL")).scalar() == 0
    full = search_articles(store, "tariff")
    assert (full.total, full.total_capped) == (6, False)
    assert full.hits[0]["title"] == "Tariff"  # the title (weight A) counts most
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    res = search_articles(store, "tariff")
    assert (res.total, res.total_capped) == (3, True)
    assert {h["id"] for h in res.hits} == set(ids[:3])  # the three newest, the old title match left out
    assert [h["id"] for h in search_articles(store, "tariff", sort="date").hits] == ids[:3]
    assert search_articles(store, "tariff", offset=2).hits[0]["id"] in ids[:3]
    monkeypatch.setattr(search, "RANK_WINDOW", 1)  # found within the newest 2 * 1 articles: the range cutoff
    one = search_articles(store, "tariff")
    assert (one.total, one.total_capped, [h["id"] for h in one.hits]) == (1, True, ids[:1])
    assert search_articles(store, "news").total == 1  # in no range but the whole store
    store.close()



@pytest.mark.postgres
def test_postgres_sizes_the_newest_range_from_the_planner_estimate(pg_url, monkeypatch):
    """With statistics, the range of newest articles searched is sized from the planner's estimate of
    the matches: a common word is found with one GIN query in a range near RANGE_MARGIN x
    RANK_WINDOW of its matches, a rare one is searched in the whole store at once; the hits are the
    newest matches, as with the step-by-step ranges (no statistics)."""
    from sqlalchemy import event

    import storyline.search as search
    from storyline.store import open_store

    store = open_store(pg_url)
    with store.engine.begin() as conn:  # no ANALYZE but ours below
        conn.execute(text("ALTER TABLE articles SET (autovacuum_enabled = false)"))
    words, every = ["harbour", "cobalt", "tariff"], (1, 2, 40)
    ids = []
    for i in range(240):  # newest first: "harbour" in every article, "cobalt" in every 2nd, "tariff" every 40th
        body = " ".join(w for w, k in zip(words, every, strict=True) if i % k == 0)
        ids.append(store.upsert_article(
            Article(body=f"{body} report {i}", source=f"s{i}", title=f"Report {i}",
                    published=T0 - timedelta(hours=i), language="en"),
            None,
        )[0])
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    ranged: list[str] = []
    row_by_row: list[str] = []

    def seen(conn, cursor, statement, parameters, *args):
        if statement.startswith("SELECT articles.id") and "articles.published >=" in statement:
            ranged.append(statement)
        if "set_config(" in statement and "'off'" in statement and parameters["off"] == "enable_bitmapscan":
            row_by_row.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)

    def size(word: str):
        with store.engine.begin() as conn:
            est = search._estimate(conn, text(f"articles.search_vector @@ to_tsquery('english', '{word}')"))
        return None if est is None else search._range_size(*est)

    assert size("harbour") is None  # never analyzed: no estimate
    with store.engine.begin() as conn:
        assert search._histogram_cutoff(conn, 60) is None
        conn.execute(text("ANALYZE articles"))
    with store.engine.begin() as conn:  # the newest 60 of 240 from the statistics, not an index scan
        cutoff = search._histogram_cutoff(conn, 60)
        newer = conn.execute(text("SELECT count(*) FROM articles WHERE published >= :c"), {"c": cutoff}).scalar()
        assert 55 <= newer <= 65
        assert search._histogram_cutoff(conn, 240) is None  # every article: no cutoff
        assert search._histogram_cutoff(conn, 6) is None  # under 4 buckets of the histogram: the index's work
    common, half, rare = size("harbour"), size("cobalt"), size("tariff")
    assert 0.7 * 15 <= common <= 1.3 * 15  # 3 x (4 + 1) matches at one match an article
    assert 0.7 * 30 <= half <= 1.3 * 30  # at one match in two articles
    assert rare == 0  # 6 matches in 240: about half the store or more, so all of it
    with_estimate = {w: search_articles(store, w) for w in words}
    assert len(ranged) == 2  # one ranged query for each common word, none for the rare one
    assert len(row_by_row) == 1  # "harbour", in every article: its range's rows tested one by one, not its GIN list
    monkeypatch.setattr(search, "_estimate", lambda conn, where, stats=None: None)
    ranged.clear()
    stepwise = {w: search_articles(store, w) for w in words}
    assert len(ranged) > 2
    for w, k in zip(words, every, strict=True):
        newest = [aid for i, aid in enumerate(ids) if i % k == 0][:4]
        assert {h["id"] for h in with_estimate[w].hits} == {h["id"] for h in stepwise[w].hits} == set(newest)
        assert (with_estimate[w].total, with_estimate[w].total_capped) == (4, True)
    store.close()


@pytest.mark.postgres
def test_postgres_match_settings_are_put_back(pg_url):
    """The newest-matches query runs with plain index scans off and more work_mem (an exact bitmap);
    both are put back for the rest of the transaction, whatever work_mem was before."""
    from sqlalchemy import literal_column

    from storyline.search import _newest_matches
    from storyline.store import open_store

    store = open_store(pg_url)
    ids = _fill(store)
    with store.engine.begin() as conn:
        conn.execute(text("SET LOCAL work_mem = '3MB'"))
        vector = literal_column("articles.search_vector")
        found = _newest_matches(conn, vector.op("@@")(text("to_tsquery('english', 'minister')")))
        assert found == [ids[0], ids[2]]
        settings = conn.execute(text("SELECT current_setting('work_mem'), current_setting('enable_indexscan'), "
                                     "current_setting('enable_bitmapscan')")).one()
        assert tuple(settings) == ("3MB", "on", "on")
    store.close()
