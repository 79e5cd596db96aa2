"""Store: every line of SQL. SQLite file (WAL) by default, PostgreSQL for servers.

``open_store(db)`` opens the database named by a path or SQLAlchemy URL, creates or upgrades
its schema (Alembic, append-only migrations), and returns a :class:`Store`, the repository
used by the pipeline, search, web, api and CLI.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError
from storyline.store.articles import ArticlesMixin
from storyline.store.copies import CopiesMixin
from storyline.store.db import make_engine
from storyline.store.facts import FactsMixin
from storyline.store.migrate import current_revision, head_revision, upgrade
from storyline.store.pages import PagesMixin
from storyline.store.storydb import StoriesMixin
from storyline.store.social import SocialMixin


class Store(PagesMixin, ArticlesMixin, FactsMixin, StoriesMixin, SocialMixin, CopiesMixin):
    def __init__(self, engine: Engine, db: str = ""):
        self.engine = engine
        self.db = db

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str, *, migrate: bool = True) -> Store:
    engine = make_engine(db)
    try:
        if migrate and current_revision(engine) != head_revision():
            upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate database schema: {exc}", source=db) from exc
    return Store(engine, db)


__all__ = ["Store", "open_store"]
