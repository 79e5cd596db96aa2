"""full-text index finds words inside Japanese text and full-width Latin

Articles get ``search_title``/``search_body``: the NFKC-folded text with each kanji/kana run as
character bigrams (``storyline.text.japanese.index_form``), NULL when that equals the text
(plain Latin text). SQLite: the FTS5 table indexes ``coalesce(search_*, title/body)`` through a
view (its external content), so English rows index exactly as before. PostgreSQL: a second GIN
index on the 'simple' tsvector of the search columns. Existing rows are filled in here.

Revision ID: 0015
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

from storyline.text.japanese import index_form

revision = "0015"
down_revision = "0018"
branch_labels = None
depends_on = None

PG_JA_VECTOR = "to_tsvector('simple', coalesce(search_title, '') || ' ' || coalesce(search_body, ''))"
_TITLE = "coalesce({p}.search_title, {p}.title, '')"
_BODY = "coalesce({p}.search_body, {p}.body)"


def _fill() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, title, body FROM articles")).fetchall()
    for rid, title, body in rows:
        st, sb = index_form(title), index_form(body)
        if st is not None or sb is not None:
            conn.execute(sa.text("UPDATE articles SET search_title = :t, search_body = :b WHERE id = :i"),
                         {"t": st, "b": sb, "i": rid})


def _sqlite_fts(title: str, body: str, content: str) -> None:
    for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
               f"title, body, content='{content}', content_rowid='id', tokenize='porter unicode61')")
    new_t, new_b = title.format(p="new"), body.format(p="new")
    old_t, old_b = title.format(p="old"), body.format(p="old")
    cols = "title, body, search_title, search_body" if "search" in title else "title, body"
    op.execute("CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
               f"INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, {new_t}, {new_b}); END")
    op.execute("CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
               f"INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, {old_t}, {old_b}); END")
    op.execute(f"CREATE TRIGGER articles_fts_au AFTER UPDATE OF {cols} ON articles BEGIN "
               f"INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, {old_t}, {old_b}); "
               f"INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, {new_t}, {new_b}); END")
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("search_title", sa.Text(), nullable=True))
        batch.add_column(sa.Column("search_body", sa.Text(), nullable=True))
    _fill()
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIEW articles_fts_source AS SELECT id, "
                   f"{_TITLE.format(p='articles')} AS title, {_BODY.format(p='articles')} AS body FROM articles")
        _sqlite_fts(_TITLE, _BODY, "articles_fts_source")
    else:
        op.execute(f"CREATE INDEX ix_articles_fulltext_ja ON articles USING GIN ({PG_JA_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_fts("coalesce({p}.title, '')", "{p}.body", "articles")
        op.execute("DROP VIEW IF EXISTS articles_fts_source")
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_fulltext_ja")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("search_body")
        batch.drop_column("search_title")
