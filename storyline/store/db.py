"""Engines: a SQLite file (WAL) by default, PostgreSQL for servers, one code path."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError
from storyline.store.health import store_failure


def database_url(db: str) -> str:
    """``storyline.db`` -> ``sqlite:///storyline.db``; URLs pass through."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    path = Path(db).expanduser()
    if path.parent and not path.parent.exists():
        raise StoreError(f"folder {path.parent} does not exist; create it or pass another --db", source=db)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(db: str) -> Engine:
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://"):]
            engine = create_engine(url, pool_pre_ping=True)
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database: {store_failure(exc, db)}", source=db) from exc
    return engine
