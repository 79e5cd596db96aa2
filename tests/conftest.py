"""Shared fixtures: stores on SQLite and on the real PostgreSQL server, the sample corpus ingested once
per session, and the shared/ folder."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
SAMPLES = REPO / "storyline" / "data" / "samples"
SAMPLES_SAVED_AT = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)  # expected.toml: relative ages resolve against it
PG_ADMIN_URL = os.environ.get("STORYLINE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"shared data absent, quality gate NOT run: {path} not found: shared evaluation data is not beside this "
            "checkout"
        )
    return path


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory):
    """The bundled sample corpus (storyline/data/samples) through the whole pipeline, once per session
    (per test worker); tests read it and must not change it."""
    from storyline.config import Settings
    from storyline.pipeline import Pipeline
    from storyline.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("samples") / "samples.db"))
    Pipeline(store, Settings(fetch_feed_entries=False)).ingest([str(SAMPLES)], fetched_at=SAMPLES_SAVED_AT)
    yield store
    store.close()


SEEDS_FETCHED_AT = datetime(2025, 7, 30, 17, 20, tzinfo=timezone(timedelta(hours=9)))


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    """The five seed pages (../shared/seeds) through the whole pipeline, once per session (per test
    worker); skipped with a reason when ../shared is absent. Tests read it and must not change it."""
    from storyline.config import Settings
    from storyline.pipeline import Pipeline
    from storyline.store import open_store

    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(
            f"shared data absent, quality gate NOT run: {seeds} not found: the seed pages live in ../shared beside "
            "this checkout"
        )
    store = open_store(str(tmp_path_factory.mktemp("seeds") / "seeds.db"))
    Pipeline(store, Settings(fetch_feed_entries=False)).ingest(
        sorted(str(p) for p in seeds.glob("*.txt")), fetched_at=SEEDS_FETCHED_AT
    )
    yield store
    store.close()


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


CHROMIUM = "/usr/bin/chromium"


def ensure_chromium() -> str | None:
    """None when Debian's Chromium is there (installing it with apt when root), else the reason to skip.

    Never downloads a browser of Playwright's own. A file lock keeps two test workers from running
    apt at once; a failed install is retried once after ``apt-get update``.
    """
    import fcntl
    import os
    import shutil
    import subprocess

    if os.path.exists(CHROMIUM):
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and we are not root to apt-get install it"
    with open("/tmp/storyline-chromium-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(CHROMIUM):
            return None
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
        proc = subprocess.run(install, capture_output=True, text=True, timeout=1200, env=env)
        if proc.returncode != 0:
            subprocess.run(["apt-get", "update"], capture_output=True, text=True, timeout=600, env=env)
            proc = subprocess.run(install, capture_output=True, text=True, timeout=1200, env=env)
    return None if os.path.exists(CHROMIUM) else f"apt-get install chromium failed: {proc.stderr[-300:]}"
