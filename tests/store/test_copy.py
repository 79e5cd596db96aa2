"""`storyline copy`: a whole store moved to another database, counts and checksums compared."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import StoreError
from storyline.models import Article
from storyline.search import search_articles
from storyline.store import open_store
from storyline.store.copy import copy_store, table_checksum
from storyline.store.schema import articles
from tests.web.corpus import build_corpus


@pytest.fixture
def source(tmp_path):
    store = open_store(str(tmp_path / "src.db"))
    build_corpus(store)
    yield store
    store.close()


def _check_copy(source, target):
    report = copy_store(source, target, batch=3)  # small batches: the streaming path is exercised
    assert report.ok and report.rows > 20
    assert target.count_articles() == source.count_articles()
    assert target.count_stories() == source.count_stories()
    assert search_articles(target, "rare earth").total == search_articles(source, "rare earth").total >= 1
    # New rows get fresh ids (sequences moved past the copied ones).
    new_id, status = target.upsert_article(Article(source="new", url="https://n.example/1", title="New",
                                                   body="A new article body after the copy. " * 5), None)
    assert status == "new" and new_id > max(r["id"] for r in source.iter_articles())
    # The checksum sees a changed value.
    before = table_checksum(target, articles)
    with target.engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == new_id).values(title="Changed"))
    assert table_checksum(target, articles) != before
    with pytest.raises(StoreError, match="already holds data"):
        copy_store(source, target)


def test_copy_sqlite_to_sqlite(source, tmp_path):
    target = open_store(str(tmp_path / "dst.db"))
    _check_copy(source, target)
    target.close()


@pytest.mark.postgres
def test_copy_sqlite_to_postgres(source, pg_url):
    target = open_store(pg_url)
    _check_copy(source, target)
    target.close()


def test_copy_command(source, tmp_path):
    dst = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["copy", "--from", source.db, "--to", dst])
    assert result.exit_code == 0, result.output
    assert "identical" in result.output and "articles" in result.output
    again = CliRunner().invoke(app, ["copy", "--from", source.db, "--to", dst])
    assert again.exit_code == 1 and "already holds data" in again.output
