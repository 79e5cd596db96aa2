"""Store: the SQL of every aggregate, one module each (search keeps its own, in ``storyline.search``).
SQLite file (WAL) by default, PostgreSQL for servers.

``open_store(db)`` opens the database named by a path or SQLAlchemy URL, creates or upgrades
its schema (Alembic, append-only migrations), and returns a :class:`Store`, the repository
used by the pipeline, search, web, api and CLI.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError
from storyline.store.accounts import AccountsMixin
from storyline.store.archive import ArchiveMixin
from storyline.store.articles import ArticlesMixin
from storyline.store.backup import BackupMixin
from storyline.store.browse import BrowseMixin
from storyline.store.comments import CommentsMixin
from storyline.store.copies import CopiesMixin
from storyline.store.crossfacts import CrossFactsMixin
from storyline.store.db import make_engine
from storyline.store.facts import FactsMixin
from storyline.store.health import HealthMixin, store_failure
from storyline.store.listing import ListingMixin
from storyline.store.marks import ImagesMixin, MarksMixin
from storyline.store.migrate import current_revision, head_revision, upgrade
from storyline.store.pages import PagesMixin
from storyline.store.progress import MIGRATION_LOCK_KEY, ProgressMixin, engine_lock
from storyline.store.rankdb import RankingMixin
from storyline.store.reads import ReadsMixin
from storyline.store.shared import SharedStateMixin
from storyline.store.storydb import StoriesMixin
from storyline.store.subscriptions import SubscriptionsMixin
from storyline.store.trends import TrendsMixin
from storyline.store.watch import WatchMixin


class Store(
    PagesMixin,
    ArticlesMixin,
    FactsMixin,
    StoriesMixin,
    AccountsMixin,
    CommentsMixin,
    WatchMixin,
    ReadsMixin,
    BrowseMixin,
    TrendsMixin,
    SubscriptionsMixin,
    HealthMixin,
    ArchiveMixin,
    BackupMixin,
    ProgressMixin,
    CrossFactsMixin,
    RankingMixin,
    ListingMixin,
    MarksMixin,
    SharedStateMixin,
    CopiesMixin,
    ImagesMixin,
):
    """The one entry to the database: a thin facade over one module per aggregate (pages, articles,
    facts, stories, accounts, comments, watch, reads, browse, trends, subscriptions, health, archive,
    backup, progress, cross-language facts, ranking, listing, marks, shared server state), each a
    mixin of its queries."""

    def __init__(self, engine: Engine, db: str = ""):
        self.engine = engine
        self.db = db
        self._tx = threading.local()

    # -- transactions: every query of the aggregate modules goes through these two
    def begin(self) -> contextlib.AbstractContextManager[Connection]:
        """A connection in a transaction committed at the end of the block; inside
        :meth:`transaction`, that transaction's connection (committed with it)."""
        conn = getattr(self._tx, "conn", None)
        return self.engine.begin() if conn is None else contextlib.nullcontext(conn)

    def connect(self) -> contextlib.AbstractContextManager[Connection]:
        """A connection for reads; inside :meth:`transaction`, its connection (so reads see its writes)."""
        conn = getattr(self._tx, "conn", None)
        return self.engine.connect() if conn is None else contextlib.nullcontext(conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a group of store calls (one page's outcome, links, articles and their enrichments;
        one story assignment round) as one transaction in this thread: all of it is written, or
        on an exception or a killed process none of it. Nested use joins the outer transaction.
        Other threads keep their own connections."""
        if getattr(self._tx, "conn", None) is not None:
            yield
            return
        with self.engine.begin() as conn:
            self._tx.conn = conn
            try:
                yield
            finally:
                self._tx.conn = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str, *, migrate: bool = True) -> Store:
    engine = make_engine(db)
    try:
        if migrate and current_revision(engine) != head_revision():
            with engine_lock(engine, MIGRATION_LOCK_KEY, "migrate-lock"):  # one process upgrades at a time
                if current_revision(engine) != head_revision():
                    upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the database schema: {store_failure(exc, db)}", source=db) from exc
    return Store(engine, db)


__all__ = ["Store", "open_store", "store_failure"]
