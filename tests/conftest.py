"""Shared fixtures: stores on SQLite and on the real PostgreSQL server, and the shared/ folder."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
PG_ADMIN_URL = os.environ.get("STORYLINE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: shared evaluation data is not beside this checkout")
    return path


@pytest.fixture
def sqlite_store(tmp_path):
    from storyline.store import open_store

    store = open_store(str(tmp_path / "test.db"))
    yield store
    store.close()


def _pg_admin_engine():
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN_URL} ({exc.orig}); SQLite stays the default")
    return engine


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import text

    admin = _pg_admin_engine()
    name = f"storyline_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request, tmp_path):
    """The same test on SQLite and on PostgreSQL."""
    from storyline.store import open_store

    if request.param == "sqlite":
        store = open_store(str(tmp_path / "any.db"))
        yield store
        store.close()
    else:
        url = request.getfixturevalue("pg_url")
        store = open_store(url)
        yield store
        store.close()
